#include "core/utf8.h"

#include <cstring>

namespace craftlink::utf8 {

// Imports check every byte of a file, so the
// common cases get a fast path: eight ASCII bytes at a time (keys, digits and
// punctuation of a JSON or CSV line) and three-byte sequences (CJK text).
size_t FirstInvalidOffset(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, sizeof word);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char b0 = p[i];
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    if ((b0 & 0xF0) == 0xE0 && i + 3 <= n) {
      const unsigned char b1 = p[i + 1];
      const unsigned char b2 = p[i + 2];
      const bool continuations = (b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80;
      const bool overlong = b0 == 0xE0 && b1 < 0xA0;
      const bool surrogate = b0 == 0xED && b1 >= 0xA0;
      if (!continuations || overlong || surrogate) return i;
      i += 3;
      continue;
    }
    const size_t len = SequenceLength(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool IsValid(std::string_view s) { return FirstInvalidOffset(s) == std::string_view::npos; }

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::vector<char32_t> Decode(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    size_t len = b0 < 0x80 ? 1 : (b0 & 0xE0) == 0xC0 ? 2 : (b0 & 0xF0) == 0xE0 ? 3 : 4;
    if (i + len > s.size()) break;
    char32_t cp = len == 1 ? b0 : b0 & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void Append(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string_view StripBom(std::string_view s) {
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

std::string Trim(std::string_view s) {
  auto is_space_at_front = [&](size_t& n) {
    if (s.empty()) return false;
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n') { n = 1; return true; }
    if (s.size() >= 3 && s.substr(0, 3) == "\xE3\x80\x80") { n = 3; return true; }
    return false;
  };
  auto is_space_at_back = [&](size_t& n) {
    if (s.empty()) return false;
    const char c = s.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { n = 1; return true; }
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") { n = 3; return true; }
    return false;
  };
  size_t n = 0;
  while (is_space_at_front(n)) s.remove_prefix(n);
  while (is_space_at_back(n)) s.remove_suffix(n);
  return std::string(s);
}

}  // namespace craftlink::utf8
