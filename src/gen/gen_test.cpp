#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "domain/codec.h"
#include "gen/generator.h"

namespace craftlink::gen {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("craftlink_gen_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> ReadLines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const char* const kFiles[] = {"craftsmen.jsonl", "enterprises.jsonl", "needs.jsonl", "results.jsonl"};

GenOptions SmallOptions(uint64_t seed) {
  return GenOptions{.craftsmen = 400, .enterprises = 120, .needs = 300, .results = 80, .seed = seed};
}

// Independent of the generator: GB 32100-2015 check character.
bool UsccValid(const std::string& code) {
  static const std::string kChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  if (code.size() != 18) return false;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    const size_t v = kChars.find(code[i]);
    if (v == std::string::npos) return false;
    sum += static_cast<int>(v) * kWeights[i];
  }
  return code[17] == kChars[(31 - sum % 31) % 31];
}

bool IsMobile(const std::string& phone) {
  if (phone.size() != 11 || phone[0] != '1' || phone[1] < '3' || phone[1] > '9') return false;
  for (char c : phone) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::set<std::string> KnownRegionCodes() {
  std::ifstream in(std::string(CRAFTLINK_TEST_DATA_DIR) + "/reference/regions.tsv");
  std::set<std::string> codes;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') codes.insert(line.substr(0, line.find('\t')));
  }
  return codes;
}

TEST(GenerateTest, SameSeedGivesIdenticalBytesAndOtherSeedDiffers) {
  TempDir a, b, c;
  ASSERT_TRUE(Generate(SmallOptions(7), a.path()).ok());
  ASSERT_TRUE(Generate(SmallOptions(7), b.path()).ok());
  ASSERT_TRUE(Generate(SmallOptions(8), c.path()).ok());
  for (const char* name : kFiles) {
    const std::string first = ReadFile(a.path() / name);
    EXPECT_FALSE(first.empty()) << name;
    EXPECT_EQ(first, ReadFile(b.path() / name)) << name;
    EXPECT_NE(first, ReadFile(c.path() / name)) << name;
  }
}

TEST(GenerateTest, OutputDoesNotDependOnTheThreadCount) {
  TempDir a, b;
  GenOptions options{.craftsmen = 5000, .enterprises = 2100, .needs = 4500, .results = 10, .seed = 2};
  options.threads = 1;
  ASSERT_TRUE(Generate(options, a.path()).ok());
  options.threads = 3;
  ASSERT_TRUE(Generate(options, b.path()).ok());
  for (const char* name : kFiles) EXPECT_EQ(ReadFile(a.path() / name), ReadFile(b.path() / name)) << name;
  EXPECT_EQ(ReadLines(b.path() / "craftsmen.jsonl").size(), 5000u);
}

TEST(GenerateTest, WritesTheRequestedCountsAndNoTemporaryFiles) {
  TempDir dir;
  const GenOptions options = SmallOptions(1);
  ASSERT_TRUE(Generate(options, dir.path()).ok());
  EXPECT_EQ(ReadLines(dir.path() / "craftsmen.jsonl").size(), options.craftsmen);
  EXPECT_EQ(ReadLines(dir.path() / "enterprises.jsonl").size(), options.enterprises);
  EXPECT_EQ(ReadLines(dir.path() / "needs.jsonl").size(), options.needs);
  EXPECT_EQ(ReadLines(dir.path() / "results.jsonl").size(), options.results);
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 4u);
}

TEST(GenerateTest, RefusesNeedsWithoutEnterprises) {
  TempDir dir;
  GenOptions options = SmallOptions(1);
  options.enterprises = 0;
  EXPECT_EQ(Generate(options, dir.path()).code(), ErrorCode::kInvalidArgument);
}

TEST(GenerateTest, FilesMatchThePerRecordApi) {
  TempDir dir;
  const GenOptions options = SmallOptions(3);
  ASSERT_TRUE(Generate(options, dir.path()).ok());
  const Generator gen(options);
  const auto craftsmen = ReadLines(dir.path() / "craftsmen.jsonl");
  const auto needs = ReadLines(dir.path() / "needs.jsonl");
  const auto results = ReadLines(dir.path() / "results.jsonl");
  for (size_t i : {size_t{0}, size_t{17}, size_t{79}}) {
    EXPECT_EQ(craftsmen[i], domain::ToJson(gen.MakeCraftsman(i)).dump());
    EXPECT_EQ(needs[i], domain::ToJson(gen.MakeNeed(i)).dump());
    EXPECT_EQ(results[i], domain::ToJson(gen.MakeResult(i)).dump());
  }
}

TEST(GeneratorTest, RecordsDoNotDependOnTheCountOfTheirKindOrOnOrder) {
  GenOptions small = SmallOptions(5);
  GenOptions large = small;
  large.craftsmen *= 10;
  large.needs *= 10;
  const Generator a(small), b(large);
  for (size_t i = 20; i-- > 0;) {
    EXPECT_EQ(domain::ToJson(a.MakeCraftsman(i)), domain::ToJson(b.MakeCraftsman(i)));
    EXPECT_EQ(domain::ToJson(a.MakeEnterprise(i)), domain::ToJson(b.MakeEnterprise(i)));
    EXPECT_EQ(domain::ToJson(a.MakeNeed(i)), domain::ToJson(b.MakeNeed(i)));
  }
  EXPECT_EQ(domain::ToJson(Generator(42).MakeCraftsman(3)), domain::ToJson(Generator(42).MakeCraftsman(3)));
}

TEST(GenerateTest, EveryRecordDecodesAndIdsAreUnique) {
  TempDir dir;
  ASSERT_TRUE(Generate(SmallOptions(11), dir.path()).ok());
  std::set<std::string> ids;
  auto check = [&](const char* file, auto decode) {
    for (const std::string& line : ReadLines(dir.path() / file)) {
      ASSERT_TRUE(utf8::IsValid(line));
      auto record = decode(json::parse(line));
      ASSERT_TRUE(record.ok()) << file << ": " << record.status().ToString() << "\n" << line;
      EXPECT_TRUE(record->meta.extra.empty()) << line;
      EXPECT_TRUE(ids.insert(record->id).second) << record->id;
    }
  };
  check("craftsmen.jsonl", domain::CraftsmanFromJson);
  check("enterprises.jsonl", domain::EnterpriseFromJson);
  check("needs.jsonl", domain::NeedFromJson);
  check("results.jsonl", domain::InnovationResultFromJson);
  EXPECT_EQ(ids.size(), 400u + 120u + 300u + 80u);
}

TEST(GeneratorTest, CraftsmenLookPlausible) {
  const Generator gen(SmallOptions(13));
  const std::set<std::string> regions = KnownRegionCodes();
  ASSERT_FALSE(regions.empty());
  size_t studios = 0;
  for (size_t i = 0; i < 500; ++i) {
    const domain::Craftsman c = gen.MakeCraftsman(i);
    const size_t name_len = utf8::CodePointCount(c.name);
    EXPECT_TRUE(name_len >= 2 && name_len <= 4) << c.name;
    EXPECT_FALSE(c.title.empty());
    EXPECT_TRUE(regions.count(c.region)) << c.region;
    const std::string province = c.region.substr(0, 2);
    EXPECT_TRUE(province == "51" || province == "50" || province == "31") << c.region;
    EXPECT_GE(c.skills.size(), 3u);
    EXPECT_LE(c.skills.size(), 8u);
    EXPECT_EQ(std::set<std::string>(c.skills.begin(), c.skills.end()).size(), c.skills.size());
    EXPECT_FALSE(c.service_kinds.empty());
    EXPECT_GE(c.capacity_per_month, 1);
    EXPECT_LE(c.capacity_per_month, 4);
    EXPECT_TRUE(c.employer.ends_with("有限公司")) << c.employer;
    EXPECT_FALSE(c.bio.empty());
    EXPECT_FALSE(c.achievements.empty());
    EXPECT_EQ(c.bio.find('{'), std::string::npos) << c.bio;
    if (!c.phone.empty()) { EXPECT_TRUE(IsMobile(c.phone)) << c.phone; }
    if (!c.studio.empty()) {
      ++studios;
      EXPECT_TRUE(c.studio.starts_with(c.name)) << c.studio;
      EXPECT_TRUE(c.studio.ends_with("劳模创新工作室") || c.studio.ends_with("技能大师工作室")) << c.studio;
    }
  }
  EXPECT_GT(studios, 50u);
  EXPECT_LT(studios, 400u);
}

TEST(GeneratorTest, EnterprisesHaveValidUsccAndPhones) {
  const Generator gen(SmallOptions(17));
  const std::set<std::string> regions = KnownRegionCodes();
  size_t with_uscc = 0;
  for (size_t i = 0; i < 1000; ++i) {
    const domain::Enterprise e = gen.MakeEnterprise(i);
    EXPECT_TRUE(regions.count(e.region)) << e.region;
    EXPECT_NE(e.size, domain::EnterpriseSize::kUnknown);
    EXPECT_TRUE(!e.industry.empty() && e.industry.size() == 3) << e.industry;
    EXPECT_TRUE(IsMobile(e.contact_phone)) << e.contact_phone;
    EXPECT_FALSE(e.contact_name.empty());
    if (e.uscc.empty()) continue;
    ++with_uscc;
    EXPECT_TRUE(UsccValid(e.uscc)) << e.uscc;
    EXPECT_EQ(e.uscc.substr(0, 2), "91");
    EXPECT_EQ(e.uscc.substr(2, 6), e.region);
  }
  EXPECT_GT(with_uscc, 620u);
  EXPECT_LT(with_uscc, 780u);
}

TEST(GeneratorTest, NeedsReferenceEnterprisesAndInheritTheirProfile) {
  const GenOptions options = SmallOptions(19);
  const Generator gen(options);
  std::set<std::string> enterprise_ids;
  for (size_t i = 0; i < options.enterprises; ++i) enterprise_ids.insert(EnterpriseId(i));
  size_t with_skills = 0, without_region = 0;
  for (size_t i = 0; i < 1000; ++i) {
    const domain::Need n = gen.MakeNeed(i);
    ASSERT_TRUE(enterprise_ids.count(n.enterprise_id)) << n.enterprise_id;
    EXPECT_TRUE(n.kind.has_value());
    EXPECT_FALSE(n.title.empty());
    EXPECT_EQ(n.title.find('{'), std::string::npos) << n.title;
    EXPECT_EQ(n.description.find('{'), std::string::npos) << n.description;
    ASSERT_EQ(n.posted.size(), 10u);
    EXPECT_GE(n.posted, "2023-01-01");
    EXPECT_LE(n.posted, "2026-12-31");
    const size_t index = std::stoul(n.enterprise_id.substr(2)) - 1;
    const domain::Enterprise e = gen.MakeEnterprise(index);
    if (!n.region.empty()) { EXPECT_EQ(n.region, e.region); }
    if (!n.industry.empty()) { EXPECT_EQ(n.industry, e.industry); }
    with_skills += !n.skills.empty();
    without_region += n.region.empty();
  }
  EXPECT_GT(with_skills, 300u);
  EXPECT_GT(without_region, 100u);
}

TEST(GeneratorTest, ResultsReferenceCraftsmen) {
  const GenOptions options = SmallOptions(23);
  const Generator gen(options);
  for (size_t i = 0; i < 300; ++i) {
    const domain::InnovationResult r = gen.MakeResult(i);
    ASSERT_FALSE(r.owner_ids.empty());
    EXPECT_LE(r.owner_ids.size(), 3u);
    for (const std::string& id : r.owner_ids) {
      const size_t index = std::stoul(id.substr(2)) - 1;
      EXPECT_LT(index, options.craftsmen) << id;
      EXPECT_EQ(id, CraftsmanId(index));
    }
    if (!r.studio.empty()) {
      const size_t lead = std::stoul(r.owner_ids[0].substr(2)) - 1;
      EXPECT_EQ(r.studio, gen.MakeCraftsman(lead).studio);
    }
    EXPECT_NE(r.maturity, domain::Maturity::kUnknown);
    EXPECT_GE(r.fields.size(), 2u);
    EXPECT_FALSE(r.summary.empty());
  }
  GenOptions no_pool = options;
  no_pool.craftsmen = 0;
  EXPECT_TRUE(Generator(no_pool).MakeResult(0).owner_ids.empty());
}

TEST(GeneratorTest, IdsArePaddedAndWiden) {
  EXPECT_EQ(CraftsmanId(0), "GC0000001");
  EXPECT_EQ(EnterpriseId(41), "GE0000042");
  EXPECT_EQ(NeedId(9999999), "GN10000000");
  EXPECT_EQ(ResultId(5), "GR0000006");
}

}  // namespace
}  // namespace craftlink::gen
