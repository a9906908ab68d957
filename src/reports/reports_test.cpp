// XLSX reports, checked by reading the written zip back: workbook.xml for sheet
// names, sharedStrings.xml for text, sheet XML for numbers, styles and panes.
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <optional>
#include <regex>

#include "reports/excel_rules.h"
#include "reports/report.h"
#include "reports/test_util.h"

namespace craftlink::reports {
namespace {

using test_util::ReadFile;
using test_util::ReadZip;
using test_util::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kFormula[] = "=HYPERLINK(\"http://evil.example\",\"点击\")";

Sheet KpiSheet() {
  return Sheet{
      .name = "月度进度",
      .title = "2024 年度目标完成情况",
      .columns = {{.header = "月份"},
                  {.header = "地区"},
                  {.header = "服务人次", .number_format = "#,##0"},
                  {.header = "完成率", .number_format = "0.0%"},
                  {.header = "备注", .width = 30}},
      .rows = {{"2024-01", "成都市", int64_t{1200}, 0.125, kFormula},
               {"2024-02", "重庆市", int64_t{-5}, std::nan(""), "A & B <c>"},
               {"2024-03", std::monostate{}, int64_t{1234567890123456}, 1.5}},
  };
}

Workbook KpiWorkbook() {
  Sheet audit{.name = "审计/导出[2024]:*?", .columns = {{.header = "操作"}}, .rows = {{"登录"}}};
  Sheet duplicate{.name = "月度进度", .columns = {{.header = "x"}}};
  return Workbook{.sheets = {KpiSheet(), audit, duplicate}};
}

std::vector<std::string> SharedStrings(const std::string& xml) {
  static const std::regex kItem("<si><t(?: xml:space=\"preserve\")?>([^<]*)</t></si>");
  std::vector<std::string> strings;
  for (std::sregex_iterator it(xml.begin(), xml.end(), kItem), end; it != end; ++it) strings.push_back((*it)[1]);
  return strings;
}

struct XmlCell {
  bool present = false;
  std::string type;   // "s" for a shared string, "" for a number
  std::string value;  // the <v> text: a number, or an index into the shared strings
  std::string style;
};

XmlCell FindCell(const std::string& sheet_xml, const std::string& ref) {
  const std::regex cell("<c r=\"" + ref + "\"([^>]*?)(?:/>|>(?:<v>([^<]*)</v>)?</c>)");
  std::smatch m;
  if (!std::regex_search(sheet_xml, m, cell)) return {};
  XmlCell out{.present = true, .value = m[2]};
  const std::string attributes = m[1];
  std::smatch a;
  if (std::regex_search(attributes, a, std::regex(" t=\"(\\w+)\""))) out.type = a[1];
  if (std::regex_search(attributes, a, std::regex(" s=\"(\\d+)\""))) out.style = a[1];
  return out;
}

std::string CellText(const std::map<std::string, std::string>& zip, const std::string& sheet, const std::string& ref) {
  const XmlCell cell = FindCell(zip.at("xl/worksheets/" + sheet + ".xml"), ref);
  if (cell.type != "s") return "<not a string>";
  return SharedStrings(zip.at("xl/sharedStrings.xml")).at(std::stoul(cell.value));
}

TEST(WriteXlsxTest, ChineseHeadersNumbersAndFormulaTextReadBack) {
  TempDir dir;
  const auto path = dir.path() / "kpi.xlsx";
  ASSERT_TRUE(WriteXlsx(KpiWorkbook(), path).ok());
  const auto zip = ReadZip(path);
  ASSERT_TRUE(zip.count("xl/workbook.xml")) << "not a readable zip";

  const std::string& workbook = zip.at("xl/workbook.xml");
  EXPECT_THAT(workbook, HasSubstr("<sheet name=\"月度进度\" sheetId=\"1\""));
  EXPECT_THAT(workbook, HasSubstr("<sheet name=\"审计导出2024\" sheetId=\"2\""));
  EXPECT_THAT(workbook, HasSubstr("<sheet name=\"月度进度 (2)\" sheetId=\"3\""));

  const std::vector<std::string> strings = SharedStrings(zip.at("xl/sharedStrings.xml"));
  EXPECT_THAT(strings, ::testing::IsSupersetOf({"月份", "服务人次", "完成率", "2024 年度目标完成情况"}));
  // Title in row 1, header in row 2, data from row 3.
  EXPECT_EQ(CellText(zip, "sheet1", "A1"), "2024 年度目标完成情况");
  EXPECT_EQ(CellText(zip, "sheet1", "C2"), "服务人次");
  EXPECT_EQ(CellText(zip, "sheet1", "E3"), kFormula);
  EXPECT_EQ(CellText(zip, "sheet1", "E4"), "A &amp; B &lt;c&gt;");

  const std::string& sheet1 = zip.at("xl/worksheets/sheet1.xml");
  EXPECT_THAT(sheet1, Not(HasSubstr("<f>"))) << "no cell may be a formula";
  const XmlCell visits = FindCell(sheet1, "C3");
  EXPECT_EQ(visits.type, "");
  EXPECT_EQ(visits.value, "1200");
  EXPECT_FALSE(visits.style.empty()) << "the #,##0 format";
  EXPECT_EQ(FindCell(sheet1, "D3").value, "0.125");
  EXPECT_EQ(FindCell(sheet1, "C4").value, "-5");
  EXPECT_FALSE(FindCell(sheet1, "D4").present) << "NaN is an empty cell, not <v>NAN</v>";
  EXPECT_FALSE(FindCell(sheet1, "B5").present);
  EXPECT_EQ(CellText(zip, "sheet1", "C5"), "1234567890123456") << "more digits than Excel keeps: text";
  EXPECT_EQ(FindCell(sheet1, "D5").value, "1.5");
}

TEST(WriteXlsxTest, FrozenBoldHeaderFilterWidthsAndFormats) {
  TempDir dir;
  const auto path = dir.path() / "kpi.xlsx";
  ASSERT_TRUE(WriteXlsx(KpiWorkbook(), path).ok());
  const auto zip = ReadZip(path);
  const std::string& sheet1 = zip.at("xl/worksheets/sheet1.xml");
  EXPECT_THAT(sheet1, HasSubstr("<pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
  EXPECT_THAT(sheet1, HasSubstr("<autoFilter ref=\"A2:E5\"/>"));
  EXPECT_THAT(sheet1, HasSubstr("<mergeCell ref=\"A1:E1\"/>"));
  EXPECT_THAT(sheet1, HasSubstr("<col min=\"5\" max=\"5\" width=\"30.7109375\""));  // as chosen
  // "2024-01" sets column A; "完成率" (6 wide plus bold and the filter button) sets D.
  EXPECT_THAT(sheet1, HasSubstr("<col min=\"1\" max=\"1\" width=\"8.7109375\""));
  EXPECT_THAT(sheet1, HasSubstr("<col min=\"4\" max=\"4\" width=\"9.7109375\""));
  // The 16-digit number is written as text, so it is as wide as its digits.
  EXPECT_THAT(sheet1, HasSubstr("<col min=\"3\" max=\"3\" width=\"17.7109375\""));
  const std::string& styles = zip.at("xl/styles.xml");
  EXPECT_THAT(styles, HasSubstr("formatCode=\"0.0%\""));
  EXPECT_THAT(styles, HasSubstr("formatCode=\"#,##0\""));
  EXPECT_THAT(styles, HasSubstr("<b/>"));
  // The header's style is the bold one, not the default and not a number format.
  const std::string header_style = FindCell(sheet1, "A2").style;
  EXPECT_FALSE(header_style.empty());
  EXPECT_NE(header_style, FindCell(sheet1, "C3").style);
}

TEST(WriteXlsxTest, TextExcelWouldMisreadIsEscaped) {
  TempDir dir;
  const auto path = dir.path() / "text.xlsx";
  Sheet sheet{.name = "文本",
              .columns = {{.header = "内容"}},
              .rows = {{"_x0041_"}, {"bad \xFF byte"}, {"第一行\n第二行"}, {"@SUM(1)"}, {"-1+2"}}};
  ASSERT_TRUE(WriteXlsx(Workbook{.sheets = {sheet}}, path).ok());
  const auto zip = ReadZip(path);
  EXPECT_EQ(CellText(zip, "sheet1", "A2"), "_x005F_x0041_") << "Excel would show a literal _x0041_ as A";
  EXPECT_EQ(CellText(zip, "sheet1", "A3"), "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(CellText(zip, "sheet1", "A4"), "第一行\n第二行");
  EXPECT_FALSE(FindCell(zip.at("xl/worksheets/sheet1.xml"), "A4").style.empty()) << "wrapped";
  EXPECT_EQ(CellText(zip, "sheet1", "A5"), "@SUM(1)");
  EXPECT_EQ(CellText(zip, "sheet1", "A6"), "-1+2");
  EXPECT_THAT(zip.at("xl/worksheets/sheet1.xml"), Not(HasSubstr("<f>")));
}

TEST(WriteXlsxTest, OverwritesAtomicallyAndLeavesNoTemporaryFile) {
  TempDir dir;
  const auto path = dir.path() / "kpi.xlsx";
  ASSERT_TRUE(WriteXlsx(KpiWorkbook(), path).ok());
  Workbook second{.sheets = {Sheet{.name = "第二版", .columns = {{.header = "列"}}}}};
  ASSERT_TRUE(WriteXlsx(second, path).ok());
  EXPECT_THAT(ReadZip(path).at("xl/workbook.xml"), HasSubstr("name=\"第二版\""));
  EXPECT_THAT(dir.Names(), ElementsAre("kpi.xlsx"));
}

TEST(WriteXlsxTest, InvalidWorkbookLeavesExistingFileAlone) {
  TempDir dir;
  const auto path = dir.path() / "kpi.xlsx";
  ASSERT_TRUE(WriteXlsx(KpiWorkbook(), path).ok());
  const std::string before = ReadFile(path);

  Sheet too_wide{.name = "x", .columns = {{.header = "一"}}, .rows = {{int64_t{1}, int64_t{2}}}};
  const Status wide = WriteXlsx(Workbook{.sheets = {too_wide}}, path);
  EXPECT_EQ(wide.code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(wide.message(), HasSubstr("第 1 行"));
  EXPECT_EQ(WriteXlsx(Workbook{}, path).code(), ErrorCode::kInvalidArgument);
  Sheet too_long{.name = "x", .columns = {{.header = "一"}}, .rows = {{std::string(32'768, 'a')}}};
  EXPECT_EQ(WriteXlsx(Workbook{.sheets = {too_long}}, path).code(), ErrorCode::kInvalidArgument);
  Sheet longest{.name = "x", .columns = {{.header = "一"}}, .rows = {{std::string(32'767, 'a')}}};
  EXPECT_TRUE(XlsxBytes(Workbook{.sheets = {longest}}).ok());

  EXPECT_EQ(ReadFile(path), before);
  EXPECT_THAT(dir.Names(), ElementsAre("kpi.xlsx"));
}

TEST(WriteXlsxTest, UnwritablePathIsAnErrorAndLeavesNothing) {
  TempDir dir;
  // The parent does not exist.
  const Status missing = WriteXlsx(KpiWorkbook(), dir.path() / "no-such-dir" / "kpi.xlsx");
  EXPECT_EQ(missing.code(), ErrorCode::kIoError);
  EXPECT_TRUE(dir.Names().empty());

  // The destination is a directory: the workbook is written, the rename fails,
  // and the temporary file must go.
  std::filesystem::create_directory(dir.path() / "kpi.xlsx");
  const Status onto_dir = WriteXlsx(KpiWorkbook(), dir.path() / "kpi.xlsx");
  EXPECT_EQ(onto_dir.code(), ErrorCode::kIoError);
  EXPECT_THAT(onto_dir.message(), HasSubstr("kpi.xlsx"));
  EXPECT_THAT(dir.Names(), ElementsAre("kpi.xlsx"));
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "kpi.xlsx"));
}

TEST(WriteXlsxTest, ReadOnlyDirectoryIsAnError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  TempDir dir;
  std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  EXPECT_EQ(WriteXlsx(KpiWorkbook(), dir.path() / "kpi.xlsx").code(), ErrorCode::kIoError);
  EXPECT_TRUE(dir.Names().empty());
}

TEST(XlsxBytesTest, IsTheSameWorkbookAndCleansUp) {
  TempDir dir;
  // The temporary file goes where TMPDIR says; point it here to see it removed.
  const char* old_tmpdir = std::getenv("TMPDIR");
  const std::optional<std::string> saved =
      old_tmpdir != nullptr ? std::optional<std::string>(old_tmpdir) : std::nullopt;
  ::setenv("TMPDIR", dir.path().c_str(), 1);
  Result<std::string> bytes = XlsxBytes(KpiWorkbook());
  if (saved) {
    ::setenv("TMPDIR", saved->c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_TRUE(dir.Names().empty());

  EXPECT_EQ(bytes->substr(0, 2), "PK");
  test_util::WriteFile(dir.path() / "download.xlsx", *bytes);
  const auto zip = ReadZip(dir.path() / "download.xlsx");
  ASSERT_TRUE(zip.count("xl/workbook.xml"));
  EXPECT_THAT(zip.at("xl/workbook.xml"), HasSubstr("<sheet name=\"月度进度\""));
  EXPECT_EQ(FindCell(zip.at("xl/worksheets/sheet1.xml"), "C3").value, "1200");
  EXPECT_EQ(XlsxBytes(Workbook{}).status().code(), ErrorCode::kInvalidArgument);
}

TEST(SheetNamesTest, FollowsExcelRules) {
  Workbook workbook;
  for (const char* name : {"a/b\\c[d]:e*f?g", "", "Data", "data", "History", "'季度'", "   ",
                           "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三",
                           "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三"}) {
    workbook.sheets.push_back(Sheet{.name = name});
  }
  EXPECT_THAT(SheetNames(workbook),
              ElementsAre("abcdefg", "Sheet2", "Data", "data (2)", "History (2)", "季度", "Sheet7",
                          "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一",
                          "一二三四五六七八九十一二三四五六七八九十一二三四五六七 (2)"));
}

TEST(SheetNamesTest, CountsCharactersOutsideTheBmpTwice) {
  std::string emoji;
  for (int i = 0; i < 16; ++i) emoji += "\xF0\x9F\x98\x80";  // U+1F600, two UTF-16 units
  const auto names = SheetNames(Workbook{.sheets = {Sheet{.name = emoji}}});
  EXPECT_EQ(names[0].size(), 15U * 4);
}

TEST(XlsxTextTest, RemovesWhatXmlCannotHold) {
  EXPECT_EQ(internal::XlsxText(std::string("a\0b", 3)), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(internal::XlsxText("\xEF\xBF\xBF\xEF\xBF\xBE"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(internal::XlsxText("_x00e9_ and _x12_"), "_x005F_x00e9_ and _x12_");
  EXPECT_EQ(internal::XlsxText("普通文本"), "普通文本");
}

TEST(ColumnWidthTest, CjkCountsDoubleWithinBounds) {
  EXPECT_EQ(internal::DisplayWidth("中文ab"), 6U);
  EXPECT_EQ(internal::DisplayWidth("第一行\nab"), 6U);
  EXPECT_EQ(internal::DisplayWidth("ＡＢ，"), 6U);  // full-width forms
  Sheet sheet{.columns = {{.header = "服务企业数"}, {.header = "x"}, {.header = "备注"}, {.header = "y", .width = 4.5}},
              .rows = {{int64_t{1}, int64_t{2}, std::string(200, 'z'), int64_t{3}}}};
  EXPECT_THAT(internal::ColumnWidths(sheet), ElementsAre(13.0, 6.0, 60.0, 4.5));
}

}  // namespace
}  // namespace craftlink::reports
