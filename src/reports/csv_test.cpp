// CSV reports: byte-exact output as Excel and WPS read it.
#include <cmath>

#include "reports/report.h"
#include "reports/test_util.h"

namespace craftlink::reports {
namespace {

using test_util::ReadFile;
using test_util::TempDir;
using ::testing::ElementsAre;
using ::testing::StartsWith;

constexpr char kBom[] = "\xEF\xBB\xBF";

Sheet Engagements() {
  return Sheet{
      .name = "助企服务",
      .title = "不写入 CSV 的标题",
      .columns = {{.header = "工匠"},
                  {.header = "企业"},
                  {.header = "服务人次"},
                  {.header = "完成率", .number_format = "0.0%"}},
      .rows = {{"张三", "成都某机械厂, 有限公司", int64_t{12}, 0.125},
               {"李四", "说\"好\"", int64_t{-5}, std::nan("")},
               {"王五", "第一行\n第二行"}},
  };
}

TEST(SheetCsvTest, BomCrlfQuotingAndChinese) {
  EXPECT_EQ(SheetCsv(Engagements()), std::string(kBom) +
                                         "工匠,企业,服务人次,完成率\r\n"
                                         "张三,\"成都某机械厂, 有限公司\",12,0.125\r\n"
                                         "李四,\"说\"\"好\"\"\",-5,\r\n"
                                         "王五,\"第一行\n第二行\",,\r\n");
}

TEST(SheetCsvTest, FormulaLookingTextIsNeutralisedButNumbersAreNot) {
  Sheet sheet{.columns = {{.header = "=标题"}, {.header = "数"}},
              .rows = {{"=1+1", int64_t{-3}},
                       {"+86 13800000000", -0.5},
                       {"-2", std::monostate{}},
                       {"@SUM(A1)", 1e20},
                       {"\tx", int64_t{0}},
                       {"=HYPERLINK(\"http://x\",\"y\")", 3.0},
                       {"a=b", int64_t{1}}}};
  EXPECT_EQ(SheetCsv(sheet), std::string(kBom) +
                                 "'=标题,数\r\n"
                                 "'=1+1,-3\r\n"
                                 "'+86 13800000000,-0.5\r\n"
                                 "'-2,\r\n"
                                 "'@SUM(A1),1e+20\r\n"
                                 "'\tx,0\r\n"
                                 "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",3\r\n"
                                 "a=b,1\r\n");
}

TEST(SheetCsvTest, CarriageReturnAtStartIsNeutralisedAndQuoted) {
  Sheet sheet{.columns = {{.header = "x"}}, .rows = {{"\rcmd"}}};
  EXPECT_EQ(SheetCsv(sheet), std::string(kBom) + "x\r\n\"'\rcmd\"\r\n");
}

TEST(SheetCsvTest, InvalidUtf8AndEmptySheet) {
  Sheet bad{.columns = {{.header = "x"}},
            .rows = {{"a\xFF"
                      "b"}}};
  EXPECT_EQ(SheetCsv(bad), std::string(kBom) +
                               "x\r\na\xEF\xBF\xBD"
                               "b\r\n");
  EXPECT_EQ(SheetCsv(Sheet{}), std::string(kBom) + "\r\n");
}

TEST(WriteCsvTest, WritesAtomically) {
  TempDir dir;
  const auto path = dir.path() / "助企服务.csv";
  ASSERT_TRUE(WriteCsv(Engagements(), path).ok());
  EXPECT_EQ(ReadFile(path), SheetCsv(Engagements()));
  EXPECT_THAT(ReadFile(path), StartsWith(kBom));
  EXPECT_THAT(dir.Names(), ElementsAre("助企服务.csv"));

  const Status missing = WriteCsv(Engagements(), dir.path() / "missing" / "x.csv");
  EXPECT_EQ(missing.code(), ErrorCode::kIoError);
  std::filesystem::create_directory(dir.path() / "dir.csv");
  EXPECT_EQ(WriteCsv(Engagements(), dir.path() / "dir.csv").code(), ErrorCode::kIoError);
  EXPECT_THAT(dir.Names(), ElementsAre("dir.csv", "助企服务.csv"));
}

}  // namespace
}  // namespace craftlink::reports
