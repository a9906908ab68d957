#include "services/list_cursor.h"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <vector>

namespace craftlink::services {
namespace {

// Record ids and sortable columns are short; anything longer is not ours.
constexpr size_t kMaxCursorChars = 2048;

Status BadCursor() {
  return Status::Invalid("after 不是这个排序下的翻页位置：请用上一页返回的 next_after，或去掉 after 从第一页开始",
                         "after");
}

}  // namespace

std::string EncodeSortedCursor(std::string_view sort, const ListPosition& position) {
  const std::string json = nlohmann::json::array({sort, position.value, position.id})
                               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out(sodium_base64_ENCODED_LEN(json.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(json.data()), json.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));  // the encoded length counts the terminator
  return out;
}

Result<ListPosition> DecodeSortedCursor(std::string_view sort, std::string_view cursor) {
  if (cursor.empty() || cursor.size() > kMaxCursorChars) return BadCursor();
  std::vector<unsigned char> bytes(cursor.size());
  size_t length = 0;
  // No ignored characters and no end pointer: any stray byte is an error.
  if (sodium_base642bin(bytes.data(), bytes.size(), cursor.data(), cursor.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return BadCursor();
  }
  const auto j = nlohmann::json::parse(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length), nullptr,
                                       /*allow_exceptions=*/false);
  if (!j.is_array() || j.size() != 3 || !j[0].is_string() || !j[1].is_string() || !j[2].is_string()) {
    return BadCursor();
  }
  if (j[0].get<std::string>() != sort || j[2].get<std::string>().empty()) return BadCursor();
  return ListPosition{j[1].get<std::string>(), j[2].get<std::string>()};
}

}  // namespace craftlink::services
