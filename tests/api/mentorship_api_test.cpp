// Mentorships through the real HTTP API on both backends: a pair across two
// organisations from start to completion, who may see and write what, the
// masters' capacities, and suggestions that respect them.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "api_fixture.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

class MentorshipApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam()); }

  Reply Create(const std::string& who, const std::string& master, json apprentice) {
    return api_->Call(who, "POST", "/api/v1/mentorships",
                      json{{"master_id", master},
                           {"apprentice", apprentice},
                           {"goals", "一年内独立完成铝合金焊接"},
                           {"start", "2026-03-01"}}
                          .dump());
  }

  void AddCraftsman(const std::string& id, const std::string& region, std::vector<std::string> skills,
                    std::optional<int> capacity = std::nullopt) {
    domain::Craftsman c;
    c.id = id;
    c.name = "工匠" + id;
    c.region = region;
    c.skills = std::move(skills);
    c.meta.org_id = "cd";
    if (capacity) c.meta.extra["apprentice_capacity"] = *capacity;
    storage::WriteBatch batch;
    batch.craftsmen = {c};
    ASSERT_TRUE(api_->store().Apply(batch).ok());
  }

  std::unique_ptr<ApiFixture> api_;
};

TEST_P(MentorshipApiTest, PairAcrossOrganisationsFromStartToCompletion) {
  // C1 of 成都 takes C3 of 重庆 (shared with the 川渝 alliance).
  Reply created = Create("staff-cd", "C1", {{"craftsman_id", "C3"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = created.body["id"];
  const std::string path = "/api/v1/mentorships/" + id;
  EXPECT_EQ(created.body["state"], "active");
  EXPECT_EQ(created.body["apprentice"]["org_id"], "cq");
  ASSERT_EQ(api_->Call("admin", "POST", "/api/v1/users",
                       json{{"username", "crafts-c3"},
                            {"role", "craftsman"},
                            {"craftsman_id", "C3"},
                            {"password", ApiFixture::kPassword}}
                           .dump())
                .status,
            201);

  EXPECT_EQ(api_->Get("crafts-c1", path).body["your_role"], "master");
  EXPECT_EQ(api_->Get("crafts-c3", path).body["your_role"], "apprentice");
  for (const std::string who : {"staff-cd", "staff-sc", "staff-cq", "admin"}) {
    EXPECT_EQ(api_->Get(who, path).status, 200) << who;  // staff-cq: the apprentice's organisation
  }
  for (const std::string who : {"staff-sh", "ent-e1", "ent-e2"}) EXPECT_EQ(api_->Get(who, path).status, 404) << who;
  EXPECT_EQ(api_->Get("crafts-c1", "/api/v1/mentorships/MS-000000000000").status, 404);

  // Progress notes by either side and by staff of either organisation.
  for (const std::string who : {"crafts-c1", "crafts-c3", "staff-cq"}) {
    Reply r = api_->Call(who, "POST", path + "/notes", json{{"text", who + "：完成第一阶段练习"}}.dump());
    EXPECT_EQ(r.status, 201) << who << " " << r.raw;
  }
  EXPECT_EQ(api_->Call("staff-sh", "POST", path + "/notes", json{{"text", "x"}}.dump()).status, 404);
  EXPECT_EQ(api_->Call("ent-e1", "POST", path + "/notes", json{{"text", "x"}}.dump()).status, 404);
  EXPECT_EQ(api_->Call("crafts-c1", "POST", path + "/notes", json{{"text", ""}}.dump()).status, 400);
  const json notes = api_->Get("staff-cd", path).body["notes"];
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_EQ(notes[0]["author"], "crafts-c1");
  EXPECT_EQ(notes[0]["author_role"], "master");
  EXPECT_EQ(notes[1]["author_role"], "apprentice");
  EXPECT_EQ(notes[2]["author_role"], "staff");
  EXPECT_FALSE(notes[0]["at"].get<std::string>().empty());

  // Completion: the master or staff, with the version read.
  const json version = api_->Get("admin", path).body["version"];
  const json done = {{"summary", "已能独立完成 6 系铝合金焊接"}, {"version", version}};
  EXPECT_EQ(api_->Call("crafts-c3", "POST", path + "/complete", done.dump()).status, 403);
  EXPECT_EQ(api_->Call("staff-cd", "POST", path + "/complete", json{{"summary", "x"}}.dump()).status, 400);
  EXPECT_EQ(api_->Call("staff-cd", "POST", path + "/complete",
                       json{{"summary", "x"}, {"version", version.get<int>() - 1}}.dump())
                .status,
            409);
  Reply completed = api_->Call("crafts-c1", "POST", path + "/complete", done.dump());
  ASSERT_EQ(completed.status, 200) << completed.raw;
  EXPECT_EQ(completed.body["state"], "completed");
  EXPECT_EQ(completed.body["completed_on"], "2026-03-02");
  EXPECT_EQ(api_->Call("crafts-c1", "POST", path + "/notes", json{{"text", "x"}}.dump()).status, 409);
  json again = done;
  again["version"] = completed.body["version"];
  EXPECT_EQ(api_->Call("staff-cd", "POST", path + "/complete", again.dump()).status, 409);

  auto count = [&](const std::string& who, const std::string& query = "") {
    Reply r = api_->Get(who, "/api/v1/mentorships" + query);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body["items"].size();
  };
  EXPECT_EQ(count("crafts-c1"), 1u);
  EXPECT_EQ(count("crafts-c3"), 1u);
  EXPECT_EQ(count("staff-cq"), 1u);  // by the apprentice's organisation
  EXPECT_EQ(count("staff-sh"), 0u);
  EXPECT_EQ(count("ent-e1"), 0u);
  EXPECT_EQ(count("admin", "?state=active"), 0u);
  EXPECT_EQ(count("admin", "?master_id=C1&state=completed"), 1u);
}

TEST_P(MentorshipApiTest, StaffReviseGoalsUnderTheVersionTheyRead) {
  Reply created = Create("staff-cd", "C1", {{"craftsman_id", "C3"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string path = "/api/v1/mentorships/" + created.body["id"].get<std::string>();
  const int version = created.body["version"];
  const json revised = {{"goals", "半年内独立完成 6 系铝合金 TIG 焊"}, {"version", version}};

  // The pair write notes; the goals are staff's to change, and strangers
  // cannot tell the mentorship exists.
  EXPECT_EQ(api_->Call("crafts-c1", "PUT", path, revised.dump()).status, 403);
  for (const std::string who : {"staff-sh", "ent-e1"}) {
    EXPECT_EQ(api_->Call(who, "PUT", path, revised.dump()).status, 404) << who;
  }
  EXPECT_EQ(api_->Call("staff-cd", "PUT", "/api/v1/mentorships/MS-000000000000", revised.dump()).status, 404);
  auto refused = [&](json body, int status, const std::string& field) {
    Reply r = api_->Call("staff-cd", "PUT", path, body.dump());
    EXPECT_EQ(r.status, status) << body.dump() << " " << r.raw;
    EXPECT_EQ(r.body["error"].value("field", ""), field) << r.raw;
  };
  refused({{"goals", "x"}}, 400, "version");
  refused({{"goals", ""}, {"version", version}}, 400, "goals");
  refused({{"goals", std::string(2001, 'x')}, {"version", version}}, 400, "goals");
  EXPECT_EQ(api_->Get("admin", path).body["version"], version);  // nothing written by the refusals

  Reply updated = api_->Call("staff-cq", "PUT", path, revised.dump());  // the apprentice's organisation
  ASSERT_EQ(updated.status, 200) << updated.raw;
  EXPECT_EQ(updated.body["goals"], revised["goals"]);
  EXPECT_EQ(updated.body["version"], version + 1);
  EXPECT_EQ(api_->Get("crafts-c1", path).body["goals"], revised["goals"]);
  // Someone who read the old version is told, not overwritten.
  Reply stale = api_->Call("staff-cd", "PUT", path, json{{"goals", "旧目标"}, {"version", version}}.dump());
  EXPECT_EQ(stale.status, 409) << stale.raw;
  EXPECT_EQ(api_->Get("admin", path).body["goals"], revised["goals"]);

  auto audit = api_->store().ListAudit(0, 1000);
  ASSERT_TRUE(audit.ok());
  int lines = 0;
  for (const auto& a : *audit) {
    if (a.action != "mentorship_update") continue;
    ++lines;
    EXPECT_EQ(a.target, path.substr(std::string("/api/v1/").size()));
    const json detail = json::parse(a.detail);
    EXPECT_EQ(detail["goals_before"], "一年内独立完成铝合金焊接");
    EXPECT_EQ(detail["goals"], revised["goals"]);
  }
  EXPECT_EQ(lines, 1);

  // A completed mentorship's goals are its record.
  const int now = api_->Get("admin", path).body["version"];
  ASSERT_EQ(
      api_->Call("staff-cd", "POST", path + "/complete", json{{"summary", "已结业"}, {"version", now}}.dump()).status,
      200);
  Reply closed = api_->Call("staff-cd", "PUT", path, json{{"goals", "再加一项"}, {"version", now + 1}}.dump());
  EXPECT_EQ(closed.status, 409) << closed.raw;
}

TEST_P(MentorshipApiTest, CreationRefusalsAndMasterCapacity) {
  const json outside = {{"name", "王小明"}, {"employer", "成都精工机械有限公司"}};
  EXPECT_EQ(Create("ent-e1", "C1", outside).status, 403);
  EXPECT_EQ(Create("crafts-c1", "C1", outside).status, 403);
  EXPECT_EQ(Create("staff-sh", "C1", outside).body["error"]["field"], "master_id");  // cannot see C1
  EXPECT_EQ(Create("staff-cd", "C2", outside).status, 400);                          // cannot see C2
  EXPECT_EQ(Create("staff-cd", "C1", {{"craftsman_id", "C1"}}).status, 400);         // oneself
  EXPECT_EQ(Create("staff-cd", "C1", {{"craftsman_id", "C2"}}).status, 400);
  EXPECT_EQ(Create("staff-cd", "C1", {{"employer", "x"}}).body["error"]["field"], "apprentice.name");
  EXPECT_EQ(Create("staff-cq", "C1", outside).status, 403);  // sees C1 via the alliance, neither side is theirs

  // C1 takes two apprentices (the default); the third is refused until one completes.
  Reply first = Create("staff-cd", "C1", outside);
  ASSERT_EQ(first.status, 201) << first.raw;
  ASSERT_EQ(Create("staff-cq", "C1", {{"craftsman_id", "C3"}}).status, 201);  // the apprentice is 重庆's
  EXPECT_EQ(Create("staff-cd", "C1", {{"craftsman_id", "C3"}}).status, 409);  // already paired
  Reply third = Create("staff-cd", "C1", {{"name", "李四"}});
  EXPECT_EQ(third.status, 409) << third.raw;
  const std::string path = "/api/v1/mentorships/" + first.body["id"].get<std::string>();
  ASSERT_EQ(api_->Call("staff-cd", "POST", path + "/complete",
                       json{{"summary", "提前结业"}, {"version", first.body["version"]}}.dump())
                .status,
            200);
  EXPECT_EQ(Create("staff-cd", "C1", {{"name", "李四"}}).status, 201);
}

TEST_P(MentorshipApiTest, SuggestionsRespectCapacityAndExplainThemselves) {
  AddCraftsman("M1", "510107", {"钨极氩弧焊", "焊接工艺评定"}, 2);  // same district as the apprentices
  AddCraftsman("M2", "510104", {"钨极氩弧焊"});                     // same city, default capacity 2
  AddCraftsman("M3", "310101", {"数控车削"}, 3);
  for (const std::string a : {"A1", "A2", "A3", "A4"}) AddCraftsman(a, "510107", {"钨极氩弧焊"}, 0);
  ASSERT_EQ(Create("staff-cd", "M1", {{"name", "已有徒弟"}}).status, 201);  // M1 has one place left

  Reply r = api_->Call(
      "staff-cd", "POST", "/api/v1/mentorships/suggest",
      json{{"apprentice_ids", {"A1", "A2", "A3", "A4"}},
           {"apprentices", {{{"id", "X1"}, {"name", "李四"}, {"skills", {"数控车削"}}, {"region", "310104"}}}},
           {"master_ids", {"M1", "M2", "M3"}}}
          .dump());
  ASSERT_EQ(r.status, 200) << r.raw;
  std::map<std::string, int> per_master;
  std::map<std::string, json> by_apprentice;
  for (const auto& m : r.body["mentorships"]) {
    per_master[m["master_id"]]++;
    by_apprentice[m["apprentice_id"]] = m;
  }
  EXPECT_EQ(per_master["M1"], 1);  // capacity 2, one active
  EXPECT_EQ(per_master["M2"], 2);
  EXPECT_EQ(per_master["M3"], 1);  // only the one who wants 数控车削
  ASSERT_EQ(r.body["unmatched"].size(), 1u);
  ASSERT_TRUE(by_apprentice.count("X1"));
  EXPECT_EQ(by_apprentice["X1"]["master_id"], "M3");
  EXPECT_EQ(by_apprentice["X1"]["reasons"][0], "共同技能：数控车削（1/1）");
  EXPECT_EQ(by_apprentice["X1"]["reasons"][1], "地区：同城市");
  // The apprentice with M1 scores higher than those with M2: same district.
  double m1 = 0, m2 = 1;
  for (const auto& [a, m] : by_apprentice) {
    if (m["master_id"] == "M1") {
      m1 = m["score"];
      EXPECT_EQ(m["reasons"][1], "地区：同区县");
    }
    if (m["master_id"] == "M2") m2 = std::min(m2, m["score"].get<double>());
  }
  EXPECT_GT(m1, m2);

  // Without master_ids every visible craftsman is a candidate; nobody gets
  // more apprentices than the places they have left.
  Reply any = api_->Call("staff-cd", "POST", "/api/v1/mentorships/suggest",
                         json{{"apprentice_ids", {"A1", "A2", "A3", "A4"}}}.dump());
  ASSERT_EQ(any.status, 200) << any.raw;
  per_master.clear();
  for (const auto& m : any.body["mentorships"]) {
    per_master[m["master_id"]]++;
    EXPECT_NE(m["master_id"], m["apprentice_id"]);
    EXPECT_NE(m["master_id"], "C2");  // not visible to 成都
  }
  EXPECT_LE(per_master["M1"], 1);
  for (const auto& [master, n] : per_master) EXPECT_LE(n, 2) << master;
  EXPECT_EQ(any.body["unmatched"].size(), 0u);  // C1, C3, M1, M2 have places enough

  EXPECT_EQ(api_->Call("ent-e1", "POST", "/api/v1/mentorships/suggest", json{{"apprentice_ids", {"A1"}}}.dump()).status,
            403);
  EXPECT_EQ(
      api_->Call("staff-cd", "POST", "/api/v1/mentorships/suggest", json{{"apprentice_ids", {"C2"}}}.dump()).status,
      400);
  EXPECT_EQ(api_->Call("staff-cd", "POST", "/api/v1/mentorships/suggest", json::object().dump()).status, 400);
}

TEST_P(MentorshipApiTest, ParallelPairingsNeverExceedAMastersPlaces) {
  AddCraftsman("C20", "510104", {"焊接"}, 2);
  api_->Get("staff-cd", "/api/v1/mentorships");  // signs in before the threads share the client
  constexpr int kContenders = 8;
  std::atomic<int> created{0}, full{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kContenders; ++i) {
    threads.emplace_back([&, i] {
      const int status =
          Create("staff-cd", "C20", {{"name", "学徒" + std::to_string(i)}, {"employer", "成都某厂"}}).status;
      (status == 201 ? created : status == 409 ? full : other)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(other, 0);
  EXPECT_EQ(created, 2);
  EXPECT_EQ(full, kContenders - 2);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/mentorships?master_id=C20").body["items"].size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, MentorshipApiTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
