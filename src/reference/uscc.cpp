#include "reference/uscc.h"

#include <array>

#include "reference/internal.h"

namespace craftlink::reference {
namespace {

constexpr size_t kLength = 18;

// 3^(i-1) mod 31 for i = 1..17, as tabulated in GB 32100-2015.
constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int ValueOf(char c) {
  const size_t pos = kUsccAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// Why a character is rejected: the letters the standard leaves out are a
// common typo for look-alike digits, so say so.
Status BadCharacter(std::string_view ch, size_t position) {
  const std::string pos = std::to_string(position);
  std::string zh = "统一社会信用代码第 " + pos + " 位字符 " + Quote(ch) + " 非法";
  std::string en = "invalid character " + Quote(ch) + " at position " + pos;
  if (ch.size() == 1 && std::string_view("IOSVZ").find(ch[0]) != std::string_view::npos) {
    zh += "（代码不使用字母 I、O、S、V、Z）";
    en += "; the letters I, O, S, V, Z are not used";
  } else {
    zh += "（只允许数字和除 I、O、S、V、Z 外的大写字母）";
    en += "; allowed: digits and upper-case letters except I, O, S, V, Z";
  }
  return Status::Invalid(zh + " (" + en + ")");
}

}  // namespace

Result<std::string> NormalizeUscc(std::string_view input) {
  std::optional<std::string> folded = internal::FoldAndTrim(input);
  if (!folded) return Status::Invalid("统一社会信用代码不是有效的 UTF-8 文本 (USCC is not valid UTF-8)");
  std::string code = internal::UpperAscii(std::move(*folded));
  if (code.empty()) return Status::Invalid("统一社会信用代码为空 (USCC is empty)");

  size_t position = 0;
  for (size_t i = 0; i < code.size();) {
    const size_t n = internal::SequenceLength(code, i);
    ++position;
    if (n != 1 || ValueOf(code[i]) < 0) return BadCharacter(std::string_view(code).substr(i, n), position);
    i += n;
  }
  if (code.size() != kLength) {
    const std::string got = std::to_string(code.size());
    return Status::Invalid("统一社会信用代码应为 18 位，实为 " + got + " 位 (USCC must be 18 characters, got " +
                           got + ")");
  }
  return code;
}

char ComputeUsccCheckChar(std::string_view first17) {
  if (first17.size() != kWeights.size()) return '\0';
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) {
    const int value = ValueOf(first17[i]);
    if (value < 0) return '\0';
    sum += value * kWeights[i];
  }
  return kUsccAlphabet[(31 - sum % 31) % 31];
}

Status CheckUsccCheckDigit(std::string_view normalized) {
  const char expected = normalized.size() == kLength ? ComputeUsccCheckChar(normalized.substr(0, 17)) : '\0';
  if (expected == '\0' || ValueOf(normalized[kLength - 1]) < 0) {
    return Status::Invalid("统一社会信用代码未规范化：应为 18 位合法字符 (USCC is not normalised: expected 18 valid characters)");
  }
  const char actual = normalized[kLength - 1];
  if (actual != expected) {
    return Status::Invalid(std::string("统一社会信用代码校验位错误：应为 ") + expected + "，实为 " + actual +
                           " (check character mismatch: expected " + expected + ", got " + actual + ")");
  }
  return Status::Ok();
}

Status CheckUsccStructure(std::string_view normalized) {
  if (normalized.size() != kLength) {
    return Status::Invalid("统一社会信用代码未规范化：应为 18 位 (USCC is not normalised: expected 18 characters)");
  }
  const std::string_view region = UsccRegionCode(normalized);
  if (!internal::IsAsciiDigits(region)) {
    return Status::Invalid("统一社会信用代码第 3–8 位应为 6 位数字的行政区划代码，实为 " + Quote(region) +
                           " (characters 3-8 must be a 6-digit region code, got " + Quote(region) + ")");
  }
  return Status::Ok();
}

std::string_view UsccRegionCode(std::string_view normalized) {
  return normalized.size() < 8 ? std::string_view() : normalized.substr(2, 6);
}

Result<std::string> ValidateUscc(std::string_view input) {
  Result<std::string> code = NormalizeUscc(input);
  if (!code.ok()) return code;
  CRAFTLINK_RETURN_IF_ERROR(CheckUsccStructure(*code));
  CRAFTLINK_RETURN_IF_ERROR(CheckUsccCheckDigit(*code));
  return code;
}

}  // namespace craftlink::reference
