#include "reference/mobile.h"

#include <vector>

#include "core/utf8.h"
#include "reference/internal.h"

namespace craftlink::reference {

Result<std::string> NormalizeMobile(std::string_view input) {
  std::optional<std::string> folded = internal::FoldAndTrim(input);
  if (!folded) return Status::Invalid("手机号不是有效的 UTF-8 文本 (mobile number is not valid UTF-8)");
  std::string number;
  for (size_t i = 0; i < folded->size();) {
    const size_t n = internal::SequenceLength(*folded, i);
    const char c = (*folded)[i];
    if (n == 1 && ((c >= '0' && c <= '9') || (c == '+' && number.empty()))) {
      number.push_back(c);
    } else if (n != 1 || (c != ' ' && c != '-' && c != '\t')) {
      const std::string bad = folded->substr(i, n);
      return Status::Invalid("手机号含非法字符 '" + bad + "' (invalid character '" + bad + "' in mobile number)");
    }
    i += n;
  }
  if (number.empty()) return Status::Invalid("手机号为空 (mobile number is empty)");

  if (number.starts_with("+86")) {
    number.erase(0, 3);
  } else if (number.starts_with("+") || (number.starts_with("00") && !number.starts_with("0086"))) {
    return Status::Invalid("只接受中国大陆手机号（+86）(only mainland China +86 mobile numbers are accepted)");
  } else if (number.starts_with("0086")) {
    number.erase(0, 4);
  } else if (number.size() == 13 && number.starts_with("86")) {
    number.erase(0, 2);
  }

  if (number.size() != 11) {
    const std::string got = std::to_string(number.size());
    return Status::Invalid("手机号应为 11 位数字，实为 " + got + " 位 (mobile number must be 11 digits, got " + got +
                           ")");
  }
  if (number[0] != '1' || number[1] < '3') {
    const std::string head = number.substr(0, 2);
    return Status::Invalid("手机号号段 " + head + " 无效，应以 13–19 开头 (mobile number must start with 13-19, got " +
                           head + ")");
  }
  return number;
}

std::string MaskPhone(std::string_view phone) {
  Result<std::string> mobile = NormalizeMobile(phone);
  if (mobile.ok()) return mobile->substr(0, 3) + "****" + mobile->substr(7);

  if (!utf8::IsValid(phone)) return std::string(phone.size(), '*');
  const std::vector<char32_t> cps = utf8::Decode(phone);
  const size_t n = cps.size();
  const size_t head = n >= 8 ? 3 : 0;
  const size_t tail = n >= 8 ? 4 : n / 2;
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i < head || i >= n - tail) {
      utf8::Append(cps[i], out);
    } else {
      out.push_back('*');
    }
  }
  return out;
}

}  // namespace craftlink::reference
