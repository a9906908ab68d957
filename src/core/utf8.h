#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace craftlink::utf8 {

// Length of the well-formed sequence (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF) that starts at s[i], 0 if none does. Inline: the
// importer's and the JSON writer's inner loops call it per character.
inline size_t SequenceLength(std::string_view s, size_t i) {
  const auto at = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
  const auto tail = [&](size_t k) { return (at(k) & 0xC0) == 0x80; };
  const unsigned char c = at(0);
  if (i < s.size() && c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return tail(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return at(1) >= lo && at(1) <= hi && tail(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return at(1) >= lo && at(1) <= hi && tail(2) && tail(3) ? 4 : 0;
  }
  return 0;
}

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValid(std::string_view s);

// Byte offset of the first invalid sequence, or npos when valid.
size_t FirstInvalidOffset(std::string_view s);

// Number of code points; `s` must be valid UTF-8.
size_t CodePointCount(std::string_view s);

// Decodes valid UTF-8 into code points.
std::vector<char32_t> Decode(std::string_view s);

// Appends the UTF-8 encoding of `cp` to `out`.
void Append(char32_t cp, std::string& out);

// Removes a leading UTF-8 byte order mark, if any.
std::string_view StripBom(std::string_view s);

// Trims ASCII and ideographic (U+3000) white space at both ends.
std::string Trim(std::string_view s);

}  // namespace craftlink::utf8
