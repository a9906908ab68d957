// What programme views and lists show beside ids, and how the lists narrow:
// studio members by name (as far as the caller may see them), q= on
// studios, agreements and mentorships, and events by date, on both backends.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include "api_fixture.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

class ProgrammeListsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam()); }

  // Changes craftsman `id` in the store directly, as an import would.
  void ChangeCraftsman(const std::string& id, const std::function<void(domain::Craftsman&)>& change) {
    auto c = api_->store().GetCraftsman(id);
    ASSERT_TRUE(c.ok() && c->has_value());
    change(**c);
    ASSERT_TRUE(api_->store().Apply({.craftsmen = {**c}}).ok());
  }

  std::unique_ptr<ApiFixture> api_;
};

json Named(const std::string& id) { return {{"id", id}, {"name", "工匠" + id}}; }
json Unnamed(const std::string& id) { return {{"id", id}}; }

TEST_P(ProgrammeListsTest, StudioMembersAreNamedAsFarAsTheCallerMaySeeThem) {
  Reply created = api_->Call(
      "staff-cd", "POST", "/api/v1/studios",
      json{{"name", "雷师傅焊接创新工作室"},
           {"lead_id", "C1"},
           {"member_ids", {"C3"}},
           {"result_ids", {"R1"}},
           {"alliance_ids", {"chuanyu"}}}
          .dump());
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string path = "/api/v1/studios/" + created.body["id"].get<std::string>();
  EXPECT_EQ(created.body["members"], json::array({Named("C1"), Named("C3")}));  // C3: 重庆, shared with 川渝

  auto members = [&](const std::string& who) {
    Reply r = api_->Get(who, path);
    EXPECT_EQ(r.status, 200) << who << " " << r.raw;
    return r.body["members"];
  };
  EXPECT_EQ(members("staff-cq"), json::array({Named("C1"), Named("C3")}));  // C1 shares with 川渝 too
  EXPECT_EQ(members("admin"), json::array({Named("C1"), Named("C3")}));
  // A member sees themself; a fellow member's record is not theirs to open.
  EXPECT_EQ(members("crafts-c1"), json::array({Named("C1"), Unnamed("C3")}));
  // An enterprise below 成都 sees the studio but no craftsman records.
  EXPECT_EQ(members("ent-e1"), json::array({Unnamed("C1"), Unnamed("C3")}));
  // Results by title the same way: the results library is not an enterprise's to read.
  EXPECT_EQ(api_->Get("staff-cq", path).body["results"], json::array({{{"id", "R1"}, {"title", "铝合金焊缝气孔控制"}}}));
  EXPECT_EQ(api_->Get("ent-e1", path).body["results"], json::array({{{"id", "R1"}}}));

  // Names are read when shown, not copied when the studio was saved, and a
  // member who stops sharing with the alliance drops out of 成都's sight.
  ChangeCraftsman("C1", [](domain::Craftsman& c) { c.name = "雷振川"; });
  ChangeCraftsman("C3", [](domain::Craftsman& c) { c.consent = domain::ConsentScope::kPool; });
  const json expected = json::array({{{"id", "C1"}, {"name", "雷振川"}}, Unnamed("C3")});
  EXPECT_EQ(members("staff-cd"), expected);
  Reply listed = api_->Get("staff-cd", "/api/v1/studios");
  ASSERT_EQ(listed.status, 200) << listed.raw;
  ASSERT_EQ(listed.body["items"].size(), 1u);
  EXPECT_EQ(listed.body["items"][0]["members"], expected);
  EXPECT_EQ(listed.body["items"][0]["member_ids"], json({"C1", "C3"}));
}

// `text` as a query parameter value (UTF-8 bytes percent-encoded).
std::string Encoded(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : text) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
      out.push_back(static_cast<char>(ch));
    } else {
      out += {'%', kHex[ch >> 4], kHex[ch & 15]};
    }
  }
  return out;
}

// The ids a list answers for `query`, as `who`.
std::vector<std::string> ListedIds(ApiFixture& api, const std::string& who, const std::string& list,
                                   const std::string& query) {
  Reply r = api.Get(who, "/api/v1/" + list + query);
  EXPECT_EQ(r.status, 200) << list << query << " " << r.raw;
  std::vector<std::string> out;
  for (const auto& item : r.body["items"]) out.push_back(item["id"]);
  return out;
}

TEST_P(ProgrammeListsTest, QFindsStudiosAgreementsAndMentorshipsByTheWordsUsersType) {
  auto create = [&](const std::string& list, const json& body) {
    Reply r = api_->Call("staff-cd", "POST", "/api/v1/" + list, body.dump());
    EXPECT_EQ(r.status, 201) << list << " " << r.raw;
    return r.body.value("id", "");
  };
  auto q = [&](const std::string& who, const std::string& list, const std::string& text) {
    auto ids = ListedIds(*api_, who, list, "?q=" + Encoded(text));
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  using Ids = std::vector<std::string>;

  const std::string welding = create("studios", {{"name", "雷师傅焊接创新工作室"}, {"lead_id", "C1"}});
  const std::string plc = create("studios", {{"name", "数控PLC工作室"}, {"lead_id", "C3"}});
  EXPECT_EQ(q("staff-cd", "studios", "焊接"), Ids{welding});
  EXPECT_EQ(q("staff-cd", "studios", "plc"), Ids{plc});     // letters in either case
  EXPECT_EQ(q("staff-cd", "studios", "工匠C3"), Ids{plc});  // the lead's name
  EXPECT_EQ(q("staff-cd", "studios", plc.substr(0, 6)), Ids{plc});
  EXPECT_EQ(q("staff-cd", "studios", "铸造"), Ids{});
  EXPECT_EQ(q("staff-sh", "studios", "焊接"), Ids{});  // still only what the caller may see

  const std::string with_c1 = create("agreements", {{"enterprise_id", "E1"},
                                                    {"craftsman_id", "C1"},
                                                    {"start", "2026-03-01"},
                                                    {"end", "2026-12-31"},
                                                    {"scope", "焊接工艺改进与现场指导"},
                                                    {"planned_visits", 6}});
  const std::string with_c3 = create("agreements", {{"enterprise_id", "E1"},
                                                    {"craftsman_id", "C3"},
                                                    {"start", "2026-03-01"},
                                                    {"end", "2026-12-31"},
                                                    {"scope", "PLC 程序维护"},
                                                    {"planned_visits", 4}});
  Ids both{with_c1, with_c3};
  std::sort(both.begin(), both.end());
  EXPECT_EQ(q("staff-cd", "agreements", "企业E1"), both);  // the enterprise's name
  EXPECT_EQ(q("staff-cd", "agreements", "工匠C3"), Ids{with_c3});
  EXPECT_EQ(q("staff-cd", "agreements", "现场指导"), Ids{with_c1});  // the scope
  EXPECT_EQ(q("staff-cd", "agreements", "Plc"), Ids{with_c3});
  EXPECT_EQ(q("ent-e1", "agreements", "工匠C1"), Ids{with_c1});
  EXPECT_EQ(q("ent-e2", "agreements", "企业E1"), Ids{});
  // q narrows beside the other filters, not instead of them.
  EXPECT_EQ(ListedIds(*api_, "staff-cd", "agreements", "?craftsman_id=C1&q=" + Encoded("企业E1")), Ids{with_c1});

  const std::string outsider =
      create("mentorships", {{"master_id", "C1"},
                             {"apprentice", {{"name", "王小明"}, {"employer", "成都某某阀门厂"}}},
                             {"goals", "独立完成铝合金 TIG 焊"},
                             {"start", "2026-03-01"}});
  const std::string pooled = create(
      "mentorships",
      {{"master_id", "C1"}, {"apprentice", {{"craftsman_id", "C3"}}}, {"goals", "数控编程"}, {"start", "2026-03-01"}});
  EXPECT_EQ(q("staff-cd", "mentorships", "王小明"), Ids{outsider});
  EXPECT_EQ(q("staff-cd", "mentorships", "阀门"), Ids{outsider});  // the apprentice's employer
  EXPECT_EQ(q("staff-cd", "mentorships", "tig"), Ids{outsider});   // the goals, either case
  EXPECT_EQ(q("staff-cd", "mentorships", "工匠C3"), Ids{pooled});
  EXPECT_EQ(q("crafts-c1", "mentorships", "数控"), Ids{pooled});
  EXPECT_EQ(q("staff-sh", "mentorships", "工匠C1"), Ids{});
}

// Every page of `query` (which has its own limit), following next_after.
std::vector<std::string> AllPages(ApiFixture& api, const std::string& who, const std::string& query) {
  std::vector<std::string> ids;
  std::string after;
  for (int page = 0; page < 20; ++page) {
    Reply r = api.Get(who, "/api/v1/events" + query + (after.empty() ? "" : "&after=" + after));
    EXPECT_EQ(r.status, 200) << query << " " << r.raw;
    for (const auto& item : r.body["items"]) ids.push_back(item["id"]);
    if (r.status != 200 || r.body["next_after"].is_null()) return ids;
    after = r.body["next_after"];
  }
  ADD_FAILURE() << "no last page for " << query;
  return ids;
}

TEST_P(ProgrammeListsTest, EventsSortByDateAndPageThroughTiesWithinCheckedBounds) {
  std::vector<std::pair<std::string, std::string>> by_date;  // (date, id)
  for (const char* date : {"2026-05-01", "2026-03-10", "2026-05-01", "2026-01-20", "2026-07-01", "2026-05-01"}) {
    Reply r = api_->Call("staff-cd", "POST", "/api/v1/events",
                         json{{"kind", "lecture"},
                              {"title", std::string("宣讲 ") + date},
                              {"date", date},
                              {"place", "成都市工人文化宫"},
                              {"capacity", 30}}
                             .dump());
    ASSERT_EQ(r.status, 201) << r.raw;
    by_date.emplace_back(date, r.body["id"]);
  }
  std::sort(by_date.begin(), by_date.end());
  auto ids_of = [](auto first, auto last) {
    std::vector<std::string> out;
    for (auto it = first; it != last; ++it) out.push_back(it->second);
    return out;
  };
  const auto ascending = ids_of(by_date.begin(), by_date.end());
  const auto descending = ids_of(by_date.rbegin(), by_date.rend());
  for (const char* limit : {"1", "2", "4", "100"}) {
    EXPECT_EQ(AllPages(*api_, "staff-cd", std::string("?sort=date&limit=") + limit), ascending) << limit;
    EXPECT_EQ(AllPages(*api_, "staff-cd", std::string("?sort=-date&limit=") + limit), descending) << limit;
  }
  EXPECT_EQ(AllPages(*api_, "ent-e1", "?sort=date&limit=2"), ascending);  // 成都's own enterprise
  EXPECT_EQ(AllPages(*api_, "staff-sh", "?sort=date&limit=2"), std::vector<std::string>{});
  // Bounds are inclusive and narrow the sorted list and the id-ordered one alike.
  EXPECT_EQ(AllPages(*api_, "staff-cd", "?sort=date&limit=2&from=2026-03-10&to=2026-05-01"),
            ids_of(by_date.begin() + 1, by_date.begin() + 5));
  std::vector<std::string> in_may = ids_of(by_date.begin() + 2, by_date.begin() + 5);
  std::sort(in_may.begin(), in_may.end());
  EXPECT_EQ(AllPages(*api_, "staff-cd", "?limit=1&from=2026-05-01&to=2026-05-01"), in_may);

  auto refused = [&](const std::string& query, const std::string& field) {
    Reply r = api_->Get("staff-cd", "/api/v1/events" + query);
    EXPECT_EQ(r.status, 400) << query << " " << r.raw;
    EXPECT_EQ(r.body["error"]["field"], field) << query << " " << r.raw;
    EXPECT_FALSE(r.body["error"]["message"].get<std::string>().empty());
  };
  refused("?from=2026-13-01", "from");
  refused("?from=2026-5-1", "from");
  refused("?to=tomorrow", "to");
  refused("?to=2026-02-30", "to");
  refused("?from=2026-06-01&to=2026-05-31", "to");
  refused("?sort=title", "sort");
  // A cursor belongs to its order: another order, or a plain id, is refused.
  const json first = api_->Get("staff-cd", "/api/v1/events?sort=date&limit=1").body;
  const std::string cursor = first["next_after"];
  refused("?sort=-date&after=" + cursor, "after");
  refused("?sort=date&after=" + ascending[0], "after");
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/events?sort=date&limit=1&after=" + cursor).body["items"][0]["id"],
            ascending[1]);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProgrammeListsTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
