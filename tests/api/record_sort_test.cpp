// Sorted record lists (?sort=field, ?sort=-field) on both backends: pages in
// order, complete and without overlap across ties and rows the caller may
// not see, the opaque cursor, and the refusals.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api_fixture.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

// Rows per store scan in RecordService::ListOf; the data below is sized
// around it so that pages end on, and resume across, chunk boundaries.
constexpr int kScanChunk = 200;
constexpr int kHidden = 2 * kScanChunk - 20;

std::string Num(int i, int width) {
  std::string s = std::to_string(i);
  return std::string(width - std::min<int>(width, static_cast<int>(s.size())), '0') + s;
}

domain::Need MakeNeed(const std::string& id, const std::string& enterprise, const std::string& org,
                      const std::string& posted) {
  domain::Need n;
  n.id = id;
  n.enterprise_id = enterprise;
  n.title = "设备改造";
  n.posted = posted;
  n.meta.org_id = org;
  return n;
}

class RecordSortTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam()); }

  // kHidden needs of Chengdu (hidden from staff-sh), all posted the same
  // day, then 25 of Shanghai: 20 posted on one later day, 5 on another. The
  // fixture's own needs are archived so that the counts are exact.
  void SeedNeeds() {
    storage::WriteBatch batch;
    for (int i = 0; i < kHidden; ++i) batch.needs.push_back(MakeNeed("H" + Num(i, 3), "E1", "cd", "2020-01-01"));
    for (int i = 0; i < 25; ++i) {
      batch.needs.push_back(MakeNeed("V" + Num(i, 2), "E2", "sh", i < 20 ? "2020-02-01" : "2020-03-01"));
    }
    ASSERT_TRUE(api_->store().Apply(batch).ok());
    for (const char* id : {"N1", "N2"}) {
      ASSERT_TRUE(api_->store().SetArchived(domain::RecordKind::kNeed, id, true).ok());
    }
  }

  json Page(const std::string& who, const std::string& path) {
    Reply r = api_->Get(who, path);
    EXPECT_EQ(r.status, 200) << path << " " << r.raw.substr(0, 300);
    return r.body;
  }

  // Every item of `path` (with its query) walked page by page through
  // next_after; fails when a page repeats an item.
  std::vector<json> Walk(const std::string& who, const std::string& path, int limit) {
    std::vector<json> out;
    std::set<std::string> ids;
    std::string after;
    for (int pages = 0; pages < 1000; ++pages) {
      const json page = Page(who, path + "&limit=" + std::to_string(limit) + (after.empty() ? "" : "&after=" + after));
      for (const json& item : page["items"]) {
        EXPECT_TRUE(ids.insert(item["id"].get<std::string>()).second) << "repeated " << item["id"] << " in " << path;
        out.push_back(item);
      }
      if (!page["next_after"].is_string()) break;
      after = page["next_after"].get<std::string>();
    }
    return out;
  }

  // The oracle: every item in id order (the list's long-standing order),
  // sorted here by (field, id) comparing bytes.
  std::vector<std::string> Expected(const std::string& who, const std::string& kind, const std::string& field,
                                    bool descending, const std::string& filter = "") {
    std::vector<std::pair<std::string, std::string>> keyed;
    for (const json& item : Walk(who, "/api/v1/" + kind + "?" + filter, 100)) {
      keyed.emplace_back(item.value(field, ""), item["id"].get<std::string>());
    }
    std::sort(keyed.begin(), keyed.end());
    if (descending) std::reverse(keyed.begin(), keyed.end());
    std::vector<std::string> ids;
    for (const auto& [value, id] : keyed) ids.push_back(id);
    return ids;
  }

  static std::vector<std::string> Ids(const std::vector<json>& items) {
    std::vector<std::string> ids;
    for (const json& item : items) ids.push_back(item["id"].get<std::string>());
    return ids;
  }

  std::unique_ptr<ApiFixture> api_;
};

TEST_P(RecordSortTest, SortedPagesAreInOrderCompleteAndDisjoint) {
  SeedNeeds();
  for (const std::string who : {"admin", "staff-sh"}) {
    for (const bool descending : {false, true}) {
      const std::string sort = descending ? "-posted" : "posted";
      const std::vector<std::string> expected = Expected(who, "needs", "posted", descending);
      ASSERT_EQ(expected.size(), who == "admin" ? kHidden + 25u : 25u);
      EXPECT_EQ(Ids(Walk(who, "/api/v1/needs?sort=" + sort, 7)), expected) << who << " " << sort;
      // With a column filter too: the staff home's list of open needs.
      EXPECT_EQ(Ids(Walk(who, "/api/v1/needs?status=open&sort=" + sort, 30)), expected) << who << " " << sort;
    }
  }
}

TEST_P(RecordSortTest, DescendingStartsFromTheLatestAndBreaksTiesByIdDescending) {
  SeedNeeds();
  const json page = Page("staff-sh", "/api/v1/needs?sort=-posted&limit=7");
  EXPECT_EQ(Ids(page["items"].get<std::vector<json>>()),
            (std::vector<std::string>{"V24", "V23", "V22", "V21", "V20", "V19", "V18"}));
  const json oldest = Page("staff-sh", "/api/v1/needs?sort=posted&limit=2");
  EXPECT_EQ(Ids(oldest["items"].get<std::vector<json>>()), (std::vector<std::string>{"V00", "V01"}));
}

TEST_P(RecordSortTest, APageFilledOnAChunksLastRowStillLinksTheNextPage) {
  SeedNeeds();
  // staff-sh: the first chunk is all hidden, the second ends on the 20th
  // visible row. Whether more follow is only known from the third.
  for (const std::string query : {"sort=posted&", ""}) {
    const json first = Page("staff-sh", "/api/v1/needs?" + query + "limit=20");
    ASSERT_EQ(first["items"].size(), 20u) << query;
    EXPECT_EQ(first["items"][19]["id"], "V19") << query;
    ASSERT_TRUE(first["next_after"].is_string()) << query << " lost the last 5 needs";
    const json second =
        Page("staff-sh", "/api/v1/needs?" + query + "limit=20&after=" + first["next_after"].get<std::string>());
    EXPECT_EQ(Ids(second["items"].get<std::vector<json>>()),
              (std::vector<std::string>{"V20", "V21", "V22", "V23", "V24"}))
        << query;
    EXPECT_TRUE(second["next_after"].is_null()) << query;
  }
  // Unsorted lists keep the plain id as their cursor.
  EXPECT_EQ(Page("admin", "/api/v1/needs?limit=2")["next_after"], "H001");
}

TEST_P(RecordSortTest, MixedChineseAndLatinNamesSortByCodePointOnEveryBackend) {
  // Code point order: neither pinyin (阿 李 王 张) nor case-insensitive Latin.
  const std::vector<std::string> names = {"阿明", "alice", "王五", "Zed", "李四", "Ángel", "张三", "Wang Wu"};
  storage::WriteBatch batch;
  for (size_t i = 0; i < names.size(); ++i) {
    domain::Craftsman c;
    c.id = "K" + std::to_string(i);
    c.name = names[i];
    c.region = "310101";
    c.meta.org_id = "sh";
    batch.craftsmen.push_back(c);
  }
  ASSERT_TRUE(api_->store().Apply(batch).ok());
  std::vector<std::string> sorted;
  for (const json& item : Walk("admin", "/api/v1/craftsmen?sort=name", 3)) sorted.push_back(item["name"]);
  // The fixture's 工匠C1…C3 (工 U+5DE5) fall between Ángel and 张 (U+5F20).
  EXPECT_EQ(sorted, (std::vector<std::string>{"Wang Wu", "Zed", "alice", "Ángel", "工匠C1", "工匠C2", "工匠C3", "张三",
                                              "李四", "王五", "阿明"}));
  std::vector<std::string> reversed;
  for (const json& item : Walk("admin", "/api/v1/craftsmen?sort=-name", 4)) reversed.push_back(item["name"]);
  EXPECT_EQ(reversed, std::vector<std::string>(sorted.rbegin(), sorted.rend()));
  // Another kind and field, against the oracle.
  EXPECT_EQ(Ids(Walk("admin", "/api/v1/craftsmen?sort=-region", 2)), Expected("admin", "craftsmen", "region", true));
  EXPECT_EQ(Ids(Walk("admin", "/api/v1/results?sort=title", 1)), Expected("admin", "results", "title", false));
}

TEST_P(RecordSortTest, BadSortsAndCursorsAre400NamingTheField) {
  SeedNeeds();
  const std::string by_date = Page("admin", "/api/v1/needs?sort=-posted&limit=1")["next_after"];
  for (const auto& [path, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/needs?sort=name", "sort"},
           {"/api/v1/needs?sort=", "sort"},
           {"/api/v1/needs?sort=-", "sort"},
           {"/api/v1/needs?sort=--posted", "sort"},
           {"/api/v1/needs?sort=body", "sort"},
           {"/api/v1/needs?sort=search_text", "sort"},
           {"/api/v1/craftsmen?sort=posted", "sort"},
           {"/api/v1/results?sort=available", "sort"},
           {"/api/v1/needs?sort=posted&after=H001", "after"},        // a plain id
           {"/api/v1/needs?sort=posted&after=" + by_date, "after"},  // another order's cursor
           {"/api/v1/needs?sort=-posted&after=" + by_date + "x", "after"},
           {"/api/v1/needs?sort=-posted&after=%21%21", "after"}}) {
    const Reply r = api_->Get("admin", path);
    EXPECT_EQ(r.status, 400) << path << " " << r.raw;
    EXPECT_EQ(r.body["error"]["field"], field) << path;
    EXPECT_EQ(r.body["error"]["code"], "invalid_argument") << path;
  }
  const Reply r = api_->Get("admin", "/api/v1/craftsmen?sort=posted");
  EXPECT_NE(r.body["error"]["message"].get<std::string>().find("name、region"), std::string::npos) << r.raw;
  // The same cursor under its own order is fine.
  EXPECT_EQ(api_->Get("admin", "/api/v1/needs?sort=-posted&after=" + by_date).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordSortTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
