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
