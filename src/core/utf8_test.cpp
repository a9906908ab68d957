#include "core/utf8.h"

#include <gtest/gtest.h>

namespace craftlink::utf8 {
namespace {

TEST(Utf8Test, ValidatesChineseAndRejectsBrokenSequences) {
  EXPECT_TRUE(IsValid("焊缝老有气孔"));
  EXPECT_FALSE(IsValid("\xC3\x28"));
  EXPECT_FALSE(IsValid("\xED\xA0\x80"));       // surrogate
  EXPECT_FALSE(IsValid("\xC0\xAF"));           // overlong '/'
  EXPECT_FALSE(IsValid("\xE7\x84"));           // truncated 焊
  EXPECT_EQ(FirstInvalidOffset("ab\xFF"), 2u);
  // GBK bytes for 焊接 are not UTF-8.
  EXPECT_FALSE(IsValid("\xba\xb8\xbd\xd3"));
}

// Unicode's table of well-formed byte sequences (Table 3-7), written out
// independently of the validator's fast paths: the length of the sequence
// starting at s[i], or 0 when it is ill-formed there.
size_t WellFormedLength(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0x100; };
  auto in = [](unsigned b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
  const unsigned b0 = at(0);
  if (b0 <= 0x7F) return 1;
  if (in(b0, 0xC2, 0xDF)) return in(at(1), 0x80, 0xBF) ? 2 : 0;
  if (in(b0, 0xE0, 0xEF)) {
    const unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
    return in(at(1), lo, hi) && in(at(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(b0, 0xF0, 0xF4)) {
    const unsigned lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
    return in(at(1), lo, hi) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

size_t ReferenceFirstInvalidOffset(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t len = WellFormedLength(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

TEST(Utf8Test, FastPathsAgreeWithTheTableOfWellFormedSequences) {
  // Every lead byte with telling follow-up bytes, at every position relative
  // to the eight-byte ASCII stride and cut short by the end of the string.
  const unsigned char follow[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE4, 0xFF};
  size_t checked = 0;
  for (unsigned b0 = 0x80; b0 <= 0xFF; ++b0) {
    for (unsigned char b1 : follow) {
      for (unsigned char b2 : follow) {
        for (unsigned char b3 : {0x41, 0x80, 0xBF, 0xC0}) {
          const std::string sequence{static_cast<char>(b0), static_cast<char>(b1), static_cast<char>(b2),
                                     static_cast<char>(b3)};
          for (size_t pad = 0; pad < 10; ++pad) {
            const std::string text = std::string(pad, 'a') + sequence + "\xE7\x84\x8Ayz";
            for (size_t cut : {text.size(), pad + 1, pad + 2, pad + 3}) {
              const std::string_view s(text.data(), cut);
              ASSERT_EQ(FirstInvalidOffset(s), ReferenceFirstInvalidOffset(s)) << "b0=" << b0 << " pad=" << pad;
              ++checked;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 100000u);
}

TEST(Utf8Test, DecodeAppendRoundTrip) {
  const std::string s = "A焊😀";
  const auto cps = Decode(s);
  ASSERT_EQ(cps.size(), 3u);
  EXPECT_EQ(cps[1], U'焊');
  std::string back;
  for (char32_t cp : cps) Append(cp, back);
  EXPECT_EQ(back, s);
  EXPECT_EQ(CodePointCount(s), 3u);
}

TEST(Utf8Test, TrimAndBom) {
  EXPECT_EQ(Trim("\xE3\x80\x80 焊接 \t"), "焊接");
  EXPECT_EQ(StripBom("\xEF\xBB\xBFid"), "id");
}

}  // namespace
}  // namespace craftlink::utf8
