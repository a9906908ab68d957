#include "reference/uscc.h"

#include <gtest/gtest.h>

#include <string>

namespace craftlink::reference {
namespace {

// Independent of the library's weight table: weights recomputed as 3^(i-1) mod 31.
char ReferenceCheckChar(const std::string& first17) {
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  int sum = 0;
  int weight = 1;
  for (char c : first17) {
    sum += static_cast<int>(alphabet.find(c)) * weight;
    weight = weight * 3 % 31;
  }
  return alphabet[(31 - sum % 31) % 31];
}

TEST(Uscc, AcceptsDevDataAndPublicCodes) {
  for (const char* code : {
           "91510603MA6QBWWE7C", "91510114MA6PWRKE03", "91500118MA5CRNME1P", "91310116MA1BBM105Y",
           "91310114MA159F6A38", "91500110MA5NXA3C1X",
           // Published codes of well-known companies (Huawei, Tencent, Alibaba China, Xiaomi).
           "914403001922038216", "9144030071526726XG", "91330100716105852F", "91110108551385082Q"}) {
    Result<std::string> r = ValidateUscc(code);
    ASSERT_TRUE(r.ok()) << code << ": " << r.status().ToString();
    EXPECT_EQ(*r, code);
  }
}

TEST(Uscc, ComputedCodesRoundTrip) {
  for (std::string first17 : {"91510100MA61ABCD1", "12100000400000012", "51310115MJ4999999", "Y1500000000000000",
                              "93510603MA6QBWWE7"}) {
    const char check = ReferenceCheckChar(first17);
    EXPECT_EQ(ComputeUsccCheckChar(first17), check) << first17;
    EXPECT_TRUE(ValidateUscc(first17 + check).ok()) << first17 + check;
    // Every other character of the alphabet in position 18 must fail.
    for (char wrong : kUsccAlphabet) {
      if (wrong == check) continue;
      Status s = CheckUsccCheckDigit(first17 + wrong);
      EXPECT_FALSE(s.ok()) << first17 + wrong;
    }
  }
}

TEST(Uscc, CheckDigitMessageNamesBothCharacters) {
  Status s = CheckUsccCheckDigit("91510603MA6QBWWE7D");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.message().find("应为 C，实为 D"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("check character mismatch"), std::string::npos) << s.message();
}

TEST(Uscc, NormalizeAcceptsBadCheckDigitForOverride) {
  Result<std::string> r = NormalizeUscc("91510603MA6QBWWE7D");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(CheckUsccCheckDigit(*r).ok());
  EXPECT_FALSE(ValidateUscc("91510603MA6QBWWE7D").ok());
}

TEST(Uscc, FoldsCaseWidthAndSpaces) {
  EXPECT_EQ(*NormalizeUscc("91510603ma6qbwwe7c"), "91510603MA6QBWWE7C");
  EXPECT_EQ(*NormalizeUscc("  91510603MA6QBWWE7C\t"), "91510603MA6QBWWE7C");
  // Full-width digits and letters, ideographic spaces around.
  EXPECT_EQ(*NormalizeUscc("\u3000９１５１０６０３ＭＡ６ＱＢＷＷＥ７ｃ\u3000"), "91510603MA6QBWWE7C");
  EXPECT_TRUE(ValidateUscc("９１５１０６０３ｍａ６ｑｂｗｗｅ７ｃ").ok());
}

TEST(Uscc, RejectsEachExcludedLetterAtItsPosition) {
  for (char bad : std::string("IOSVZiosvz")) {
    std::string code = "91510603MA6QBWWE7C";
    code[9] = bad;
    Result<std::string> r = NormalizeUscc(code);
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_NE(r.status().message().find("第 10 位"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find("I, O, S, V, Z are not used"), std::string::npos) << r.status().message();
  }
}

TEST(Uscc, RejectsOtherBadCharacters) {
  for (const std::string bad : {"-", "*", " ", "#", "中", "é", "\u3001"}) {
    Result<std::string> r = NormalizeUscc("9151" + bad + "0603MA6QBWWE7C");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("第 5 位"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find("'" + bad + "'"), std::string::npos) << r.status().message();
  }
  EXPECT_FALSE(NormalizeUscc("91510603MA6QBWWE7\xFF").ok());  // not UTF-8
}

TEST(Uscc, RejectsWrongLength) {
  EXPECT_FALSE(NormalizeUscc("").ok());
  EXPECT_FALSE(NormalizeUscc("   ").ok());
  Result<std::string> short_code = NormalizeUscc("91510603MA6QBWWE7");
  ASSERT_FALSE(short_code.ok());
  EXPECT_NE(short_code.status().message().find("实为 17 位"), std::string::npos);
  EXPECT_FALSE(NormalizeUscc("91510603MA6QBWWE7C0").ok());
}

TEST(Uscc, StructureRequiresDigitRegion) {
  EXPECT_TRUE(CheckUsccStructure("91510603MA6QBWWE7C").ok());
  const std::string first17 = "9151A603MA6QBWWE7";
  const std::string code = first17 + ReferenceCheckChar(first17);
  EXPECT_TRUE(CheckUsccCheckDigit(code).ok());
  EXPECT_FALSE(CheckUsccStructure(code).ok());
  EXPECT_FALSE(ValidateUscc(code).ok());
  EXPECT_EQ(UsccRegionCode("91510603MA6QBWWE7C"), "510603");
}

TEST(Uscc, ChecksNeverCrashOnUnnormalisedInput) {
  EXPECT_FALSE(CheckUsccCheckDigit("").ok());
  EXPECT_FALSE(CheckUsccCheckDigit("91510603ma6qbwwe7c").ok());
  EXPECT_FALSE(CheckUsccCheckDigit("91510603MA6QBWWE7").ok());
  EXPECT_FALSE(CheckUsccStructure("915").ok());
  EXPECT_EQ(ComputeUsccCheckChar("9151060"), '\0');
  EXPECT_EQ(ComputeUsccCheckChar("91510603MA6QBWWEI"), '\0');
  EXPECT_EQ(UsccRegionCode("915"), "");
}

}  // namespace
}  // namespace craftlink::reference
