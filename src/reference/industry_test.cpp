#include "reference/industry.h"

#include <gtest/gtest.h>

namespace craftlink::reference {
namespace {

class IndustryTableTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<IndustryTable> loaded =
        IndustryTable::Load(std::string(CRAFTLINK_TEST_DATA_DIR) + "/reference/industries.tsv");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    table_ = new IndustryTable(std::move(loaded).value());
  }
  static void TearDownTestSuite() {
    delete table_;
    table_ = nullptr;
  }
  static const IndustryTable& t() { return *table_; }
  static IndustryTable* table_;
};
IndustryTable* IndustryTableTest::table_ = nullptr;

TEST_F(IndustryTableTest, HasEverySectionAndDivision) {
  EXPECT_EQ(t().section_count(), 20u);
  EXPECT_EQ(t().division_count(), 97u);
  for (int d = 1; d <= 97; ++d) {
    const std::string digits = (d < 10 ? "0" : "") + std::to_string(d);
    EXPECT_TRUE(t().Validate(digits).ok()) << digits;
  }
}

TEST_F(IndustryTableTest, NamesFromTheStandard) {
  EXPECT_EQ(*t().Name("C"), "制造业");
  EXPECT_EQ(*t().Name("C31"), "黑色金属冶炼和压延加工业");
  EXPECT_EQ(*t().Name("C34"), "通用设备制造业");
  EXPECT_EQ(*t().Name("C36"), "汽车制造业");
  EXPECT_EQ(*t().Name("C3670"), "汽车制造业");
  EXPECT_EQ(*t().Name("A01"), "农业");
  EXPECT_EQ(*t().Name("T97"), "国际组织");
  EXPECT_EQ(*t().Name("D4413"), "电力、热力生产和供应业");
}

TEST_F(IndustryTableTest, AcceptedForms) {
  EXPECT_EQ(*t().Validate("C"), "C");
  EXPECT_EQ(*t().Validate("C31"), "C31");
  EXPECT_EQ(*t().Validate("C367"), "C367");
  EXPECT_EQ(*t().Validate("C3670"), "C3670");
  EXPECT_EQ(*t().Validate("3670"), "C3670");
  EXPECT_EQ(*t().Validate("31"), "C31");
  EXPECT_EQ(*t().Validate("05"), "A05");
  EXPECT_EQ(*t().Validate("c3670"), "C3670");
  EXPECT_EQ(*t().Validate(" Ｃ３６７０ "), "C3670");
  EXPECT_EQ(*t().Validate("g53"), "G53");
}

TEST_F(IndustryTableTest, RejectsBadCodes) {
  for (const char* bad : {"", " ", "U", "Z", "C3", "3", "C36701", "367012", "C3X", "C-36", "00", "98", "C00",
                          "C3 6", "制造业"}) {
    EXPECT_FALSE(t().Validate(bad).ok()) << bad;
  }
  Result<std::string> wrong_section = t().Validate("D31");
  ASSERT_FALSE(wrong_section.ok());
  EXPECT_NE(wrong_section.status().message().find("属于门类 C，不属于 D"), std::string::npos)
      << wrong_section.status().message();
  EXPECT_FALSE(t().Validate("A13").ok());
  EXPECT_FALSE(t().Validate("C44").ok());
}

TEST_F(IndustryTableTest, SectionAndDivisionOf) {
  EXPECT_EQ(*t().SectionOf("3670"), "C");
  EXPECT_EQ(*t().SectionOf("C"), "C");
  EXPECT_EQ(*t().SectionOf("4420"), "D");
  EXPECT_EQ(*t().DivisionOf("3670"), "C36");
  EXPECT_EQ(*t().DivisionOf("E47"), "E47");
  EXPECT_FALSE(t().DivisionOf("C").ok());
  EXPECT_FALSE(t().SectionOf("99").ok());
}

TEST(IndustryParse, ReportsBadRows) {
  EXPECT_TRUE(IndustryTable::Parse("C36\t汽车制造业\tC\nC\t制造业\n", "t").ok());
  EXPECT_FALSE(IndustryTable::Parse("C\t制造业\n", "t").ok());                       // no divisions
  EXPECT_FALSE(IndustryTable::Parse("C\t制造业\nD36\t汽车制造业\tD\n", "t").ok());    // unknown section
  EXPECT_FALSE(IndustryTable::Parse("C\t制造业\nC36\t汽车制造业\tD\n", "t").ok());    // column disagrees
  EXPECT_FALSE(IndustryTable::Parse("C\t制造业\nC36\tx\tC\nC36\ty\tC\n", "t").ok());  // duplicate
  EXPECT_FALSE(IndustryTable::Parse("C\t制造业\nC367\tx\tC\n", "t").ok());            // not a division
  EXPECT_EQ(IndustryTable::Load("/nonexistent.tsv").status().code(), ErrorCode::kIoError);
}

}  // namespace
}  // namespace craftlink::reference
