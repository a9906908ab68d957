#include "reference/region.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "reference/reference.h"

namespace craftlink::reference {
namespace {

class RegionTableTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<RegionTable> loaded = RegionTable::Load(std::string(CRAFTLINK_TEST_DATA_DIR) + "/reference/regions.tsv");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    table_ = new RegionTable(std::move(loaded).value());
  }
  static void TearDownTestSuite() {
    delete table_;
    table_ = nullptr;
  }
  static const RegionTable& t() { return *table_; }
  static RegionTable* table_;
};
RegionTable* RegionTableTest::table_ = nullptr;

TEST_F(RegionTableTest, HasAllThreeLevels) {
  EXPECT_GT(t().size(), 3000u);
  int provinces = 0, cities = 0;
  for (const char* code : {"110000", "120000", "310000", "500000", "510000", "650000"}) {
    ASSERT_NE(t().Get(code), nullptr) << code;
    provinces += t().Get(code)->level == RegionLevel::kProvince;
  }
  for (const char* code : {"510100", "510600", "441900"}) {
    ASSERT_NE(t().Get(code), nullptr) << code;
    cities += t().Get(code)->level == RegionLevel::kCity;
  }
  EXPECT_EQ(provinces, 6);
  EXPECT_EQ(cities, 3);
  EXPECT_EQ(t().Get("510114")->level, RegionLevel::kCounty);
}

TEST_F(RegionTableTest, FindsKnownCodes) {
  EXPECT_EQ(t().Find("500000"), "重庆市");
  EXPECT_EQ(t().Find("510100"), "成都市");
  EXPECT_EQ(t().Find("510603"), "旌阳区");
  EXPECT_EQ(t().Find("510114"), "新都区");
  EXPECT_EQ(t().Find("510115"), "温江区");
  EXPECT_EQ(t().Find("310113"), "宝山区");
  EXPECT_TRUE(t().Contains("500118"));
}

TEST_F(RegionTableTest, RejectsUnknownCodes) {
  for (const char* code : {"519999", "000000", "510199", "990000", "310100"}) {
    EXPECT_FALSE(t().Contains(code)) << code;
    EXPECT_FALSE(t().Find(code).has_value()) << code;
  }
  Result<std::string> r = t().Validate("519999");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("519999 不存在"), std::string::npos) << r.status().message();
  EXPECT_FALSE(t().Validate("51010").ok());
  EXPECT_FALSE(t().Validate("5101000").ok());
  EXPECT_FALSE(t().Validate("51O100").ok());
  EXPECT_FALSE(t().Validate("").ok());
}

TEST_F(RegionTableTest, ValidateFoldsInput) {
  EXPECT_EQ(*t().Validate(" 510114 "), "510114");
  EXPECT_EQ(*t().Validate("５１０１１４"), "510114");
}

TEST_F(RegionTableTest, FullNames) {
  EXPECT_EQ(t().FullName("310113"), "上海市宝山区");
  EXPECT_EQ(t().FullName("500000"), "重庆市");
  EXPECT_EQ(t().FullName("510114"), "四川省成都市新都区");
  EXPECT_EQ(t().FullName("510603"), "四川省德阳市旌阳区");
  EXPECT_EQ(t().FullName("500229"), "重庆市城口县");
  EXPECT_EQ(t().FullName("419001"), "河南省济源市");
  EXPECT_FALSE(t().FullName("519999").has_value());
}

TEST_F(RegionTableTest, ProvinceAndCity) {
  EXPECT_EQ(t().Province("510114"), "510000");
  EXPECT_EQ(t().Province("510000"), "510000");
  EXPECT_EQ(t().City("510114"), "510100");
  EXPECT_EQ(t().City("510100"), "510100");
  EXPECT_EQ(t().City("510603"), "510600");
  EXPECT_EQ(t().City("310113"), "310000");  // a municipality is its own city
  EXPECT_EQ(t().City("500229"), "500000");
  EXPECT_EQ(t().City("441900"), "441900");
  EXPECT_FALSE(t().City("510000").has_value());
  EXPECT_FALSE(t().City("419001").has_value());  // governed directly by the province
  EXPECT_FALSE(t().Province("519999").has_value());
  EXPECT_FALSE(t().City("519999").has_value());
}

TEST(RegionRelate, PrefixRules) {
  using R = RegionRelation;
  EXPECT_EQ(RegionTable::Relate("510114", "510114"), R::kSameDistrict);
  EXPECT_EQ(RegionTable::Relate("510114", "510115"), R::kSameCity);
  EXPECT_EQ(RegionTable::Relate("510100", "510115"), R::kSameCity);
  EXPECT_EQ(RegionTable::Relate("510114", "510603"), R::kSameProvince);
  EXPECT_EQ(RegionTable::Relate("510000", "510603"), R::kSameProvince);
  EXPECT_EQ(RegionTable::Relate("510114", "500118"), R::kDifferent);
  EXPECT_EQ(RegionTable::Relate("310113", "310115"), R::kSameCity);
  EXPECT_EQ(RegionTable::Relate("500101", "500229"), R::kSameCity);  // 重庆 districts and counties
  EXPECT_EQ(RegionTable::Relate("429004", "429005"), R::kSameProvince);  // 仙桃 vs 潜江
  EXPECT_EQ(RegionTable::Relate("51011", "510114"), R::kUnknown);
  EXPECT_EQ(RegionTable::Relate("51011X", "510114"), R::kUnknown);
  EXPECT_STREQ(RegionRelationName(R::kSameCity), "same_city");
}

TEST(RegionParse, ReportsBadRows) {
  EXPECT_TRUE(RegionTable::Parse("510000\t四川省\t\n510100\t成都市\t510000\n", "t").ok());
  EXPECT_TRUE(RegionTable::Parse("\xEF\xBB\xBF# c\r\n510000\t四川省\r\n510114\t新都区\t510000\r\n", "t").ok());
  Result<RegionTable> bad_code = RegionTable::Parse("510000\t四川省\t\n5101\t成都市\t510000\n", "t");
  ASSERT_FALSE(bad_code.ok());
  EXPECT_EQ(bad_code.status().code(), ErrorCode::kCorruption);
  EXPECT_NE(bad_code.status().message().find("t:2:"), std::string::npos) << bad_code.status().message();
  EXPECT_FALSE(RegionTable::Parse("510100\t成都市\t500000\n500000\t重庆市\n", "t").ok());  // wrong province
  EXPECT_FALSE(RegionTable::Parse("510114\t新都区\t510600\n510000\t四川省\n510600\t德阳市\t510000\n", "t").ok());
  EXPECT_FALSE(RegionTable::Parse("510000\t四川省\n510000\t四川\n", "t").ok());   // duplicate
  EXPECT_FALSE(RegionTable::Parse("510100\t成都市\n", "t").ok());                  // city without parent
  EXPECT_FALSE(RegionTable::Parse("", "t").ok());
  Result<RegionTable> missing = RegionTable::Load("/nonexistent/regions.tsv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kIoError);
}

TEST(DataDir, EnvironmentOverridesCompiledDefault) {
  const char* saved = std::getenv("CRAFTLINK_DATA_DIR");
  const std::string restore = saved ? saved : "";
  setenv("CRAFTLINK_DATA_DIR", "/tmp/elsewhere", 1);
  EXPECT_EQ(DefaultDataDir(), "/tmp/elsewhere");
  EXPECT_EQ(DefaultRegionsPath(), "/tmp/elsewhere/reference/regions.tsv");
  unsetenv("CRAFTLINK_DATA_DIR");
  EXPECT_TRUE(RegionTable::Load(DefaultRegionsPath()).ok());
  EXPECT_TRUE(DefaultIndustriesPath().ends_with("/data/reference/industries.tsv"));
  if (saved) setenv("CRAFTLINK_DATA_DIR", restore.c_str(), 1);
}

}  // namespace
}  // namespace craftlink::reference
