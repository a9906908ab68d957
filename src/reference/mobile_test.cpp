#include "reference/mobile.h"

#include <gtest/gtest.h>

namespace craftlink::reference {
namespace {

TEST(Mobile, AcceptsCommonForms) {
  for (const char* input : {"13812345678", " 13812345678 ", "138 1234 5678", "138-1234-5678", "+8613812345678",
                            "+86 138 1234 5678", "8613812345678", "86-138-1234-5678", "008613812345678",
                            "１３８１２３４５６７８", "＋８６　１３８－１２３４－５６７８"}) {
    Result<std::string> r = NormalizeMobile(input);
    ASSERT_TRUE(r.ok()) << input << ": " << r.status().ToString();
    EXPECT_EQ(*r, "13812345678") << input;
  }
  for (const char* ok : {"13000000000", "14512345678", "15862740291", "16612345678", "17791702510", "18260805015",
                         "19992999990"}) {
    EXPECT_TRUE(NormalizeMobile(ok).ok()) << ok;
  }
}

TEST(Mobile, RejectsBadNumbers) {
  for (const char* bad : {"", "   ", "1381234567", "138123456789", "10012345678", "11012345678", "12012345678",
                          "23812345678", "02812345678", "028-8765-4321", "+1 415 555 0100", "+85291234567",
                          "0085291234567", "138.1234.5678", "(138)12345678", "138123456７a", "一三八"}) {
    EXPECT_FALSE(NormalizeMobile(bad).ok()) << bad;
  }
  Result<std::string> r = NormalizeMobile("12012345678");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("号段 12"), std::string::npos) << r.status().message();
  EXPECT_NE(NormalizeMobile("1381234567").status().message().find("实为 10 位"), std::string::npos);
  EXPECT_FALSE(NormalizeMobile("13812345678+").ok());
}

TEST(Mobile, Mask) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("+86 138-1234-5678"), "138****5678");
  EXPECT_EQ(MaskPhone("028-87654321"), "028*****4321");
  EXPECT_EQ(MaskPhone("123456"), "***456");
  EXPECT_EQ(MaskPhone(""), "");
  EXPECT_EQ(MaskPhone("电话号码未知信息"), "电话号*未知信息");
}

}  // namespace
}  // namespace craftlink::reference
