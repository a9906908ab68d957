// Import/export against every backend under test: the bad-file corpus, the
// strict and lenient modes, and the round trip of the whole dev data set.
#include "interchange/importer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/codec.h"
#include "interchange/exporter.h"
#include "support/test_database.h"

namespace craftlink::interchange {
namespace {

using craftlink::testing::Backend;
using craftlink::testing::TestDatabase;
using domain::RecordKind;

class ImportTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    auto store = storage::OpenStore(db_->url());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->PutOrganisation({storage::kRootOrganisationId, "全国", "", domain::OrganisationKind::kNational, "", {}}).ok());
    auto validator = RecordValidator::LoadDefault();
    ASSERT_TRUE(validator.ok()) << validator.status().ToString();
    validator_ = std::make_unique<RecordValidator>(std::move(*validator));
  }

  std::filesystem::path Write(const std::string& name, const std::string& content) {
    const auto path = db_->dir() / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  Result<ImportSummary> Import(const std::filesystem::path& path, ImportOptions options = {}) {
    return ImportFile(*store_, *validator_, path, options);
  }

  std::string Export(RecordKind kind, FileFormat format = FileFormat::kJsonLines) {
    std::ostringstream out;
    auto n = ExportRecords(*store_, {.kind = kind, .format = format}, out);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return out.str();
  }

  int64_t Total() {
    auto c = store_->Count();
    EXPECT_TRUE(c.ok());
    return c->craftsmen + c->enterprises + c->needs + c->results;
  }

  // The first error's "line: field" for compact assertions.
  static std::string FirstError(const ImportSummary& s) {
    if (s.errors.empty()) return "";
    return std::to_string(s.errors[0].line) + ":" + s.errors[0].field;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<RecordValidator> validator_;
};

const char kEnterprises[] =
    R"({"id":"E1","name":"德阳某阀门有限公司","uscc":"91510603MA6QBWWE7C","industry":"C34","region":"510603","contact_phone":"15862740291"})"
    "\n"
    R"({"id":"E2","name":"成都某汽车零部件有限公司","industry":"C3670","region":"510114"})"
    "\n";

TEST_P(ImportTest, ValidRowsGoInAndRejectedRowsAreLocated) {
  ASSERT_TRUE(Import(Write("enterprises.jsonl", kEnterprises)).ok());
  const std::string needs =
      R"({"id":"N1","enterprise_id":"E1","title":"焊缝老有气孔","onsite":true,"posted":"2025-02-18"})" "\n"
      R"({"id":"N2","enterprise_id":"E404","title":"没有这家企业"})" "\n"
      R"({"id":"N3","enterprise_id":"E1","title":"坏日期","posted":"2025-02-30"})" "\n"
      R"({"id":"N4","enterprise_id":"E1","title":"坏类型","kind":"维修"})" "\n"
      R"({"id":"N5","enterprise_id":"E1","title":"t","onsite":"maybe"})" "\n"
      R"({"id":"N6","enterprise_id":"E1","title":"截断)" "\n"
      R"({"id":"N7","enterprise_id":"E2","title":"坏行业","industry":"C99"})" "\n";
  auto s = Import(Write("needs.jsonl", needs));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->committed);
  EXPECT_EQ(s->rows, 7u);
  EXPECT_EQ(s->imported, 1u);
  ASSERT_EQ(s->errors.size(), 6u);
  EXPECT_EQ(s->errors[0].line, 2u);
  EXPECT_EQ(s->errors[0].field, "enterprise_id");
  EXPECT_EQ(s->errors[1].line, 3u);
  EXPECT_EQ(s->errors[1].field, "posted");
  EXPECT_EQ(s->errors[2].field, "kind");
  EXPECT_EQ(s->errors[3].field, "onsite");
  EXPECT_EQ(s->errors[4].line, 6u);
  EXPECT_EQ(s->errors[5].field, "industry");
  EXPECT_NE(s->Format(s->errors[0]).find("needs.jsonl:2: enterprise_id: "), std::string::npos);
  EXPECT_EQ(store_->Count()->needs, 1);
}

TEST_P(ImportTest, StrictModeWritesNothingWhenAnyRowIsBad) {
  const std::string craftsmen = R"({"id":"C1","name":"甲","region":"510107"})" "\n"
                                R"({"id":"C2","name":"乙","phone":"12345"})" "\n";
  auto s = Import(Write("craftsmen.jsonl", craftsmen), {.strict = true});
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->committed);
  EXPECT_EQ(FirstError(*s), "2:phone");
  EXPECT_EQ(Total(), 0);
  auto last = store_->LastChangeSeq();
  EXPECT_EQ(*last, 0);
}

TEST_P(ImportTest, ReimportingIsAnUpsertNeverADuplicate) {
  const auto path = Write("enterprises.jsonl", kEnterprises);
  ASSERT_TRUE(Import(path).ok());
  const std::string first = Export(RecordKind::kEnterprise);
  ASSERT_TRUE(Import(path).ok());
  EXPECT_EQ(store_->Count()->enterprises, 2);
  EXPECT_EQ(Export(RecordKind::kEnterprise), first);
}

TEST_P(ImportTest, DuplicateIdsWithinAFileAreRejectedWithTheFirstLine) {
  auto s = Import(Write("craftsmen.jsonl", R"({"id":"C1","name":"甲"})" "\n\n" R"({"id":"C1","name":"乙"})" "\n"));
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->errors.size(), 1u);
  EXPECT_EQ(s->errors[0].line, 3u);
  EXPECT_NE(s->errors[0].reason.find("第 1 行"), std::string::npos);
}

// Large batches are decoded on two threads and written with multi-row
// statements; rows must still be judged and stored in file order, and a
// change-feed entry written for each.
TEST_P(ImportTest, ManyRowsAcrossBatchesKeepFileOrderErrorsAndUpserts) {
  std::string rows;
  const int kRows = 1500;
  for (int i = 1; i <= kRows; ++i) {
    const std::string id = "C" + std::to_string(i);
    if (i % 401 == 0) {
      rows += R"({"id":")" + id + R"(","name":"甲","region":"999999"})" "\n";  // unknown region
    } else if (i % 333 == 0) {
      rows += R"({"id":"C1","name":"重复"})" "\n";  // repeats line 1, in another batch or half
    } else if (i % 250 == 0) {
      rows += "{not json\n";
    } else {
      rows += R"({"id":")" + id + R"(","name":"工匠)" + std::to_string(i) + R"(","skills":["Welding","焊接"]})" "\n";
    }
  }
  const auto path = Write("craftsmen.jsonl", rows);
  const int64_t seq_before = *store_->LastChangeSeq();
  auto s = Import(path, {.batch_rows = 700});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::vector<size_t> lines;
  for (const auto& e : s->errors) lines.push_back(e.line);
  const std::vector<size_t> expected = {250, 333, 401, 500, 666, 750, 802, 999, 1000, 1203, 1250, 1332, 1500};
  EXPECT_EQ(lines, expected);
  EXPECT_EQ(s->imported, static_cast<size_t>(kRows) - expected.size());
  EXPECT_EQ(store_->Count()->craftsmen, static_cast<int64_t>(s->imported));
  EXPECT_EQ(*store_->LastChangeSeq() - seq_before, static_cast<int64_t>(s->imported));
  auto c = store_->GetCraftsman("C1499");
  ASSERT_TRUE(c.ok() && c->has_value());
  EXPECT_EQ((*c)->name, "工匠1499");
  EXPECT_EQ((*c)->skills, (std::vector<std::string>{"Welding", "焊接"}));

  const std::string first = Export(RecordKind::kCraftsman);
  auto again = Import(path, {.batch_rows = 700});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(store_->Count()->craftsmen, static_cast<int64_t>(s->imported));
  EXPECT_EQ(Export(RecordKind::kCraftsman), first);
}

TEST_P(ImportTest, CreditCodesAreNormalisedAndBadCheckCharactersNeedTheOverride) {
  // Full-width, lower case: normalised before the check.
  const std::string good = R"({"id":"E1","name":"甲","uscc":"９１５１０６０３ma6qbwwe7c"})" "\n";
  auto s = Import(Write("enterprises.jsonl", good));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->imported, 1u);
  EXPECT_EQ((*store_->GetEnterprise("E1"))->uscc, "91510603MA6QBWWE7C");

  const std::string bad = R"({"id":"E9","name":"早期试点","uscc":"91510603MA6QBWWE7D"})" "\n";
  auto refused = Import(Write("enterprises2.jsonl", bad), {.kind = RecordKind::kEnterprise});
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(FirstError(*refused), "1:uscc");
  EXPECT_NE(refused->errors[0].reason.find("--allow-bad-uscc"), std::string::npos);

  ImportOptions allow{.kind = RecordKind::kEnterprise};
  allow.validation.allow_bad_uscc = true;
  auto accepted = Import(Write("enterprises2.jsonl", bad), allow);
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ(accepted->uscc_overrides, 1u);
  auto e9 = store_->GetEnterprise("E9");
  EXPECT_TRUE((*e9)->uscc_check_overridden);

  const std::string forbidden = R"({"id":"E8","name":"乙","uscc":"91510603MA6QBWWEIC"})" "\n";
  auto letter = Import(Write("enterprises3.jsonl", forbidden), allow);
  EXPECT_EQ(FirstError(*letter), "1:uscc");  // I is never valid, override or not
}

TEST_P(ImportTest, ResultsNeedTheirOwnersToExist) {
  ASSERT_TRUE(Import(Write("craftsmen.jsonl", R"({"id":"C1","name":"甲"})" "\n")).ok());
  auto s = Import(Write("results.jsonl", R"({"id":"R1","title":"t","owner_ids":["C1","C404"]})" "\n"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(FirstError(*s), "1:owner_ids");
  EXPECT_NE(s->errors[0].reason.find("C404"), std::string::npos);
}

TEST_P(ImportTest, FileLevelProblemsAreRefusedWholeAndNamed) {
  // GBK bytes of 焊接专家 in an otherwise valid file.
  auto gbk = Import(Write("craftsmen.csv", "id,name\r\nC1,\xba\xb8\xbd\xd3\xd7\xa8\xbc\xd2\r\n"));
  ASSERT_FALSE(gbk.ok());
  EXPECT_NE(gbk.status().message().find("craftsmen.csv:2"), std::string::npos);
  EXPECT_NE(gbk.status().message().find("GBK"), std::string::npos);

  std::string garbage = "\x7f" "ELF";
  garbage.push_back('\0');
  garbage += "\x01\x02\xff\xfe";
  auto binary = Import(Write("craftsmen.jsonl", garbage));
  ASSERT_FALSE(binary.ok());
  EXPECT_NE(binary.status().message().find("二进制"), std::string::npos);

  EXPECT_FALSE(Import(Write("people.jsonl", "{}\n")).ok());               // kind unknown
  EXPECT_FALSE(Import(Write("craftsmen.xlsx", "PK")).ok());               // not a text format
  EXPECT_FALSE(Import(Write("craftsmen.csv", "")).ok());                  // no header
  EXPECT_FALSE(Import(Write("craftsmen.csv", "name,skills\r\n甲,焊接\r\n")).ok());  // no id column
  EXPECT_FALSE(Import(Write("craftsmen.jsonl", "{}\n"), {.org_id = "nowhere"}).ok());
  EXPECT_EQ(Total(), 0);
}

// The encoding check runs beside the import: batches of good rows may be
// written before it reaches a bad line, and still nothing may stay.
TEST_P(ImportTest, ABadLineAfterManyWrittenBatchesStillRefusesTheWholeFile) {
  std::string rows;
  for (int i = 1; i <= 2000; ++i) {
    rows += R"({"id":"C)" + std::to_string(i) + R"(","name":"工匠","skills":["焊接"]})" "\n";
  }
  rows += "{\"id\":\"C2001\",\"name\":\"\xba\xb8\xbd\xd3\"}\n";  // GBK 焊接
  rows += R"({"id":"C2002"})" "\n";  // would be rejected, so a report would be written
  const auto report = db_->dir() / "report.jsonl";
  const int64_t seq_before = *store_->LastChangeSeq();
  auto s = Import(Write("craftsmen.jsonl", rows), {.batch_rows = 300, .report = report});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("craftsmen.jsonl:2001: "), std::string::npos) << s.status().ToString();
  EXPECT_NE(s.status().message().find("GBK"), std::string::npos);
  EXPECT_EQ(Total(), 0);
  EXPECT_EQ(*store_->LastChangeSeq(), seq_before);
  EXPECT_FALSE(std::filesystem::exists(report)) << "a report about a file never read as text";

  std::string nul_late = rows.substr(0, rows.find("{\"id\":\"C2001\""));
  nul_late += R"({"id":"C2001","name":")";
  nul_late.push_back('\0');
  nul_late += "\"}\n";
  auto binary = Import(Write("craftsmen.jsonl", nul_late), {.batch_rows = 300});
  ASSERT_FALSE(binary.ok());
  EXPECT_NE(binary.status().message().find("craftsmen.jsonl:2001: "), std::string::npos);
  EXPECT_NE(binary.status().message().find("二进制"), std::string::npos);
  EXPECT_EQ(Total(), 0);
}

// JSON lines are decoded flat (domain/codec_line.h) unless the line is of
// a shape only the JSON tree path reads; either way each row must be judged,
// located and worded as the tree path (parse, *FromJson, validate) judges it.
TEST_P(ImportTest, FlatAndTreeDecodingLocateTheSameErrors) {
  const std::vector<std::string> lines = {
      R"({"id":"C1","name":"甲","region":"510107","phone":"138 1234 5678","skills":[" 焊接 ",""]})",
      R"({"id":"C2","name":"乙","region":"999999"})",
      R"({"id":"C3","name":"丙","phone":"12345"})",
      R"({"id":"C4","name":"丁","consent_scope":"pool","consent_date":"2025-02-30"})",
      R"({"id":"C5","name":"  "})",
      R"({"id":"C6","name":"戊","available":2})",
      R"({"id":"C7","name":"己","capacity_per_month":2.5})",
      R"({"id":"C8","name":"庚","skills":["a",1]})",
      R"({"id":"C9","name":"辛","service_kinds":["维修"]})",
      R"({"id":"C10","name":"壬","id":"C10b"})",
      R"({"id":"C11","name":"癸","note":{"a":[1,}})",
      R"({"id":"C12","name":"\ud800"})",
      R"(["C13"])",
      R"({"id":"C14","name":"子","x":{"nested":[1,2]},"y":1e3,"capacity_per_month":101})",
      R"({"id":1015,"name":"丑","region":510107})",
  };
  std::string file;
  for (const auto& line : lines) file += line + "\n";
  const auto path = Write("craftsmen.jsonl", file);
  auto s = Import(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();

  std::vector<RowError> expected;
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto j = nlohmann::json::parse(lines[i], nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      expected.push_back({i + 1, "", j.is_discarded() ? "malformed JSON" : "expected a JSON object"});
      continue;
    }
    auto c = domain::CraftsmanFromJson(j);
    const Status st = c.ok() ? validator_->Check(*c) : c.status();
    if (!st.ok()) expected.push_back({i + 1, st.field(), st.message()});
  }
  ASSERT_EQ(s->errors.size(), expected.size());
  for (size_t k = 0; k < expected.size(); ++k) {
    const RowError& got = s->errors[k];
    EXPECT_EQ(got.line, expected[k].line);
    EXPECT_EQ(got.field, expected[k].field) << s->Format(got);
    if (expected[k].field.empty()) {
      EXPECT_NE(got.reason.find(expected[k].reason), std::string::npos) << s->Format(got);
    } else {
      EXPECT_EQ(s->Format(got), path.string() + ":" + std::to_string(expected[k].line) + ": " + expected[k].field +
                                    ": " + expected[k].reason);
    }
  }
  EXPECT_EQ(s->imported, lines.size() - expected.size());
  EXPECT_GE(s->imported, 3u);  // C1, C10 (its last id), C15 at least
}

TEST_P(ImportTest, AHugeLineIsRejectedAndTheRestImports) {
  std::string big = R"({"id":"C1","name":"甲","bio":")" + std::string(10 << 20, 'x') + "\"}\n";
  big += R"({"id":"C2","name":"乙"})" "\n";
  auto s = Import(Write("craftsmen.jsonl", big));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(FirstError(*s), "1:");
  EXPECT_EQ(s->imported, 1u);
}

TEST_P(ImportTest, WrongTypesAndTooLongTextNameTheirFields) {
  const std::string rows = R"({"id":"C1","name":"甲","skills":"焊接"})" "\n"
                           R"({"id":"C2","name":"乙","capacity_per_month":"三"})" "\n"
                           R"({"id":"C3","name":"丙","bio":")" + std::string(30000, 'a') + "\"}\n"
                           R"({"id":["C4"],"name":"丁"})" "\n"
                           R"([1,2,3])" "\n";
  auto s = Import(Write("craftsmen.jsonl", rows));
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->errors.size(), 5u);
  EXPECT_EQ(s->errors[0].field, "skills");
  EXPECT_EQ(s->errors[1].field, "capacity_per_month");
  EXPECT_EQ(s->errors[2].field, "bio");
  EXPECT_EQ(s->errors[3].field, "id");
  EXPECT_EQ(s->errors[4].line, 5u);
}

TEST_P(ImportTest, CsvWithChineseHeadersBomAndCrlfImportsLikeJsonLines) {
  const std::string csv =
      "\xEF\xBB\xBF编号,姓名,技能,地区代码,每月可服务次数,手机,家乡\r\n"
      "C1,雷振川,\"钨极氩弧焊; 焊接变形控制\",510603,3,+86 138-1234-5678,德阳\r\n"
      "C2,\"冉桂芳\",\"铝合金焊接\n焊接气孔控制\",510114,,,\r\n";
  auto s = Import(Write("工匠名单.csv", csv));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_TRUE(s->errors.empty()) << s->Format(s->errors[0]);
  auto c1 = *store_->GetCraftsman("C1");
  EXPECT_EQ(c1->skills, (std::vector<std::string>{"钨极氩弧焊", "焊接变形控制"}));
  EXPECT_EQ(c1->capacity_per_month, 3);
  EXPECT_EQ(c1->phone, "13812345678");
  EXPECT_EQ(c1->meta.extra["家乡"], "德阳");
  EXPECT_EQ((*store_->GetCraftsman("C2"))->skills.size(), 2u);
}

TEST_P(ImportTest, CsvExportNeutralisesFormulasAndReimportsUnchanged) {
  ASSERT_TRUE(Import(Write("craftsmen.jsonl", R"J({"id":"C1","name":"=HYPERLINK(\"http://x\")","bio":"+1 天"})J" "\n")).ok());
  const std::string csv = Export(RecordKind::kCraftsman, FileFormat::kCsv);
  EXPECT_NE(csv.find("'=HYPERLINK"), std::string::npos);
  EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos);
  const std::string before = Export(RecordKind::kCraftsman);
  ASSERT_TRUE(Import(Write("craftsmen.csv", csv)).ok());
  EXPECT_EQ(Export(RecordKind::kCraftsman), before);
}

TEST_P(ImportTest, DevDataSetRoundTripsThroughJsonLinesAndCsv) {
  const std::filesystem::path dev = CRAFTLINK_TEST_SHARED_DEV_DIR;
  if (!std::filesystem::exists(dev / "craftsmen.jsonl")) GTEST_SKIP() << "no shared dev data at " << dev;
  for (const char* kind : {"enterprises", "craftsmen", "needs", "results"}) {
    auto s = Import(dev / (std::string(kind) + ".jsonl"), {.strict = true});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_TRUE(s->committed) << kind << ": " << (s->errors.empty() ? "" : s->Format(s->errors[0]));
  }
  std::map<RecordKind, std::string> first;
  for (RecordKind k : domain::kAllRecordKinds) first[k] = Export(k);
  EXPECT_EQ(store_->Count()->craftsmen, 70);
  EXPECT_EQ(store_->Count()->needs, 130);

  // Through CSV into a second database, then back out as JSON Lines.
  TestDatabase other_db(GetParam());
  auto other = storage::OpenStore(other_db.url());
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->PutOrganisation({storage::kRootOrganisationId, "全国", "", domain::OrganisationKind::kNational, "", {}}).ok());
  for (RecordKind k : {RecordKind::kEnterprise, RecordKind::kCraftsman, RecordKind::kNeed, RecordKind::kResult}) {
    const auto path = Write(std::string(domain::RecordKindPlural(k)) + ".csv", Export(k, FileFormat::kCsv));
    auto s = ImportFile(**other, *validator_, path, {.strict = true});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_TRUE(s->committed) << (s->errors.empty() ? "" : s->Format(s->errors[0]));
  }
  for (RecordKind k : domain::kAllRecordKinds) {
    std::ostringstream out;
    ASSERT_TRUE(ExportRecords(**other, {.kind = k}, out).ok());
    EXPECT_EQ(out.str(), first[k]) << domain::RecordKindPlural(k);
  }
}

TEST_P(ImportTest, RejectedRowsGoToTheReportWithTheirReasons) {
  const auto report = db_->dir() / "report.jsonl";
  auto s = Import(Write("craftsmen.jsonl", R"({"id":"C1"})" "\n"), {.report = report});
  ASSERT_TRUE(s.ok());
  std::ifstream in(report);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["line"], 1);
  EXPECT_EQ(j["field"], "name");
  EXPECT_EQ(j["row"], R"({"id":"C1"})");
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportTest, ::testing::ValuesIn(craftlink::testing::BackendsUnderTest()),
                         [](const auto& info) { return craftlink::testing::BackendName(info.param); });

}  // namespace
}  // namespace craftlink::interchange
