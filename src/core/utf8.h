#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace craftlink::utf8 {

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
