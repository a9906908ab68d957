// Code-point helpers shared by the normaliser and the segmenter: a lenient
// UTF-8 decoder and a per-code-point property table built once from ICU.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace craftlink::text {

inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the code point starting at `p` (p < end) and returns its length in
// bytes. Ill-formed input (bad lead byte, truncation, overlong form, surrogate,
// > U+10FFFF) yields kInvalidCodePoint with length 1, so that callers resume at
// the next byte and never read past `end`.
inline size_t DecodeOne(const char* p, const char* end, char32_t* cp) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  const unsigned b0 = s[0];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t len;
  char32_t c;
  char32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, c = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, c = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, c = b0 & 0x07, min = 0x10000;
  } else {
    *cp = kInvalidCodePoint;
    return 1;
  }
  if (static_cast<size_t>(end - p) < len) {
    *cp = kInvalidCodePoint;
    return 1;
  }
  for (size_t i = 1; i < len; ++i) {
    if ((s[i] & 0xC0) != 0x80) {
      *cp = kInvalidCodePoint;
      return 1;
    }
    c = (c << 6) | (s[i] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    *cp = kInvalidCodePoint;
    return 1;
  }
  *cp = c;
  return len;
}

inline void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 2);
  } else if (cp < 0x10000) {
    const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 3);
  } else {
    const char b[4] = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                       static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 4);
  }
}

// Property bits of one code point.
enum CharBits : uint8_t {
  kCharHan = 1 << 0,         // Han ideograph (segmented, bigrammed)
  kCharAlnum = 1 << 1,       // other letter, digit or combining mark (one token per run)
  kCharNfkcUnsafe = 1 << 2,  // NFKC quick check is not "yes", or the mark reorders/combines
  kCharHasLower = 1 << 3,    // u_tolower changes it
};

// The BMP part is a 64 KiB table filled once from ICU (thread-safe static
// initialisation); supplementary code points, which are rare in our text, are
// answered by ICU directly.
class CharTable {
 public:
  static const CharTable& Get();
  uint8_t Bits(char32_t cp) const { return cp < 0x10000 ? bmp_[cp] : SupplementaryBits(cp); }
  static uint8_t ComputeBits(char32_t cp);
  static char32_t ToLower(char32_t cp);

 private:
  CharTable();
  static uint8_t SupplementaryBits(char32_t cp);
  uint8_t bmp_[0x10000];
};

}  // namespace craftlink::text
