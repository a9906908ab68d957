// Long-term agreements and studios through the real HTTP API on both
// backends: visits counted against an agreement (logged through an
// engagement, as in production), renewal and early end, studio agreements,
// studio edits under optimistic versions, and every access rule tried from
// the wrong side (other organisations' staff, enterprises, craftsmen,
// guessed ids).
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "api_fixture.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

class ProgrammeApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam()); }

  json CreateAgreement(const std::string& who, json body, int expected = 201) {
    Reply r = api_->Call(who, "POST", "/api/v1/agreements", body.dump());
    EXPECT_EQ(r.status, expected) << r.raw;
    return r.body;
  }

  json E1C1(const std::string& start, const std::string& end, int planned) {
    return {{"enterprise_id", "E1"},
            {"craftsman_id", "C1"},
            {"start", start},
            {"end", end},
            {"scope", "焊接工艺改进与现场指导"},
            {"planned_visits", planned}};
  }

  // An engagement of C1 on N1 (E1's need), accepted, with one visit logged
  // on `date` through the engagement API; answers the visit's agreement id.
  std::string LogVisitThroughEngagement(const std::string& date) {
    Reply created = api_->Call("staff-cd", "POST", "/api/v1/engagements",
                               json{{"need_id", "N1"}, {"craftsman_ids", {"C1"}}}.dump());
    EXPECT_EQ(created.status, 201) << created.raw;
    const std::string id = created.body.value("id", "");
    Reply accepted = Step("crafts-c1", id, "accept", json::object());
    EXPECT_EQ(accepted.status, 200) << accepted.raw;
    Reply visit = Step("crafts-c1", id, "visits", {{"date", date}, {"hours", 2}, {"summary", "现场调整焊接参数"}});
    EXPECT_EQ(visit.status, 200) << visit.raw;
    auto visits = api_->store().VisitsOf(id);
    EXPECT_TRUE(visits.ok() && visits->size() == 1);
    return visits.ok() && !visits->empty() ? visits->back().agreement_id : "";
  }

  Reply Step(const std::string& who, const std::string& id, const std::string& step, json body) {
    body["version"] = api_->Get(who, "/api/v1/engagements/" + id).body["version"];
    return api_->Call(who, "POST", "/api/v1/engagements/" + id + "/" + step, body.dump());
  }

  Reply Act(const std::string& who, const std::string& path, json body, const std::string& version_of = "admin") {
    const std::string item = path.substr(0, path.rfind('/'));
    if (!body.contains("version")) body["version"] = api_->Get(version_of, item).body["version"];
    return api_->Call(who, "POST", path, body.dump());
  }

  void Advance(int days) { api_->clock().Advance(std::chrono::hours(24 * days)); }

  std::unique_ptr<ApiFixture> api_;
};

TEST_P(ProgrammeApiTest, AgreementCountsTheVisitsLoggedAgainstIt) {
  const json a = CreateAgreement("staff-cd", E1C1("2026-03-01", "2026-12-31", 4));
  const std::string id = a["id"];
  EXPECT_EQ(a["state"], "active");
  EXPECT_EQ(a["visits_done"], 0);
  EXPECT_EQ(a["visits_remaining"], 4);
  EXPECT_EQ(a["in_force"], true);
  EXPECT_EQ(a["craftsman_id"], "C1");
  EXPECT_EQ(a["org_id"], "cd");  // the enterprise's organisation

  Advance(1);
  EXPECT_EQ(LogVisitThroughEngagement("2026-03-03"), id);  // engagements link it by the contract
  Reply got = api_->Get("ent-e1", "/api/v1/agreements/" + id);
  ASSERT_EQ(got.status, 200) << got.raw;
  EXPECT_EQ(got.body["visits_done"], 1);
  EXPECT_EQ(got.body["visits_remaining"], 3);

  // Counting itself, independently of the engagement rules: a visit row
  // written straight through the store counts too.
  auto engagements = api_->store().ListEngagements({});
  ASSERT_TRUE(engagements.ok() && !engagements->empty());
  storage::TrackingWrite write;
  write.visits.push_back({.id = "V-direct-1",
                          .engagement_id = engagements->front().id,
                          .visit_date = "2026-03-03",
                          .minutes = 60,
                          .summary = "复查",
                          .craftsman_ids = {"C1"},
                          .agreement_id = id,
                          .logged_by = "test",
                          .logged_at = "2026-03-03T08:00:00.000Z"});
  ASSERT_TRUE(api_->store().CommitTracking(write).ok());
  got = api_->Get("crafts-c1", "/api/v1/agreements/" + id);
  ASSERT_EQ(got.status, 200) << got.raw;
  EXPECT_EQ(got.body["visits_done"], 2);
  EXPECT_EQ(got.body["visits_remaining"], 2);

  // Who can read it.
  EXPECT_EQ(api_->Get("staff-sc", "/api/v1/agreements/" + id).status, 200);  // parent organisation
  for (const std::string who : {"staff-cq", "staff-sh", "ent-e2"}) {
    EXPECT_EQ(api_->Get(who, "/api/v1/agreements/" + id).status, 404) << who;
  }
  EXPECT_EQ(api_->Get("", "/api/v1/agreements/" + id).status, 401);
}

TEST_P(ProgrammeApiTest, RenewalTakesOverAndTheOldAgreementStopsCounting) {
  const json old = CreateAgreement("staff-cd", E1C1("2026-01-01", "2026-06-30", 2));
  const std::string id = old["id"];
  const std::string renew = "/api/v1/agreements/" + id + "/renew";
  const json next_term = {{"end", "2026-12-31"}, {"planned_visits", 6}};

  EXPECT_EQ(api_->Call("staff-cd", "POST", renew, next_term.dump()).status, 400);  // no version
  json stale = next_term;
  stale["version"] = 7;
  EXPECT_EQ(api_->Call("staff-cd", "POST", renew, stale.dump()).status, 409);
  EXPECT_EQ(Act("ent-e1", renew, next_term).status, 403);  // a party, not staff
  EXPECT_EQ(Act("crafts-c1", renew, next_term).status, 403);
  EXPECT_EQ(Act("staff-sh", renew, next_term).status, 404);  // cannot see it at all
  EXPECT_EQ(Act("staff-cd", renew, {{"end", "2026-06-30"}, {"planned_visits", 6}}).status, 400);  // must extend

  Reply renewed = Act("staff-cd", renew, next_term);
  ASSERT_EQ(renewed.status, 201) << renewed.raw;
  const std::string next = renewed.body["id"];
  EXPECT_NE(next, id);
  EXPECT_EQ(renewed.body["renewed_from"], id);
  EXPECT_EQ(renewed.body["start"], "2026-03-02");  // takes over today
  EXPECT_EQ(renewed.body["end"], "2026-12-31");
  EXPECT_EQ(renewed.body["planned_visits"], 6);
  const json before = api_->Get("staff-cd", "/api/v1/agreements/" + id).body;
  EXPECT_EQ(before["state"], "renewed");
  EXPECT_EQ(before["renewed_to"], next);
  EXPECT_EQ(Act("staff-cd", renew, next_term).status, 409);  // only once
  EXPECT_EQ(Act("staff-cd", "/api/v1/agreements/" + id + "/end", {{"reason", "重复"}}).status, 409);

  // A visit now counts against the renewal only.
  Advance(1);
  EXPECT_EQ(LogVisitThroughEngagement("2026-03-03"), next);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/agreements/" + next).body["visits_done"], 1);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/agreements/" + id).body["visits_done"], 0);

  // Ending early.
  const std::string end = "/api/v1/agreements/" + next + "/end";
  EXPECT_EQ(Act("staff-cd", end, json::object()).status, 400);  // a reason is required
  EXPECT_EQ(Act("ent-e1", end, {{"reason", "企业搬迁"}}).status, 403);
  Reply ended = Act("staff-sc", end, {{"reason", "企业搬迁，暂停合作"}});
  ASSERT_EQ(ended.status, 200) << ended.raw;
  EXPECT_EQ(ended.body["state"], "ended");
  EXPECT_EQ(ended.body["ended_on"], "2026-03-03");
  EXPECT_EQ(ended.body["in_force"], false);
  EXPECT_EQ(ended.body["visits_done"], 1);
}

TEST_P(ProgrammeApiTest, OnlyStaffInScopeSignAgreementsAndPartiesSeeOnlyTheirOwn) {
  const json body = E1C1("2026-03-01", "2026-12-31", 4);
  CreateAgreement("ent-e1", body, 403);
  CreateAgreement("crafts-c1", body, 403);
  CreateAgreement("staff-sh", body, 404);  // E1 is not theirs: unknown
  CreateAgreement("staff-cq", body, 404);  // alliance partners share craftsmen, not enterprises
  json other = body;
  other["enterprise_id"] = "E2";
  CreateAgreement("staff-cd", other, 404);
  json hidden = body;
  hidden["craftsman_id"] = "C2";  // 上海, no alliance consent
  EXPECT_EQ(CreateAgreement("staff-cd", hidden, 400)["error"]["field"], "craftsman_id");
  json both = body;
  both["studio_id"] = "ST-1";
  CreateAgreement("staff-cd", both, 400);
  json backwards = body;
  backwards["end"] = "2026-02-01";
  EXPECT_EQ(CreateAgreement("staff-cd", backwards, 400)["error"]["field"], "end");
  json none = body;
  none["planned_visits"] = 0;
  EXPECT_EQ(CreateAgreement("staff-cd", none, 400)["error"]["field"], "planned_visits");
  json bad_date = body;
  bad_date["start"] = "2026-02-30";
  EXPECT_EQ(CreateAgreement("staff-cd", bad_date, 400)["error"]["field"], "start");

  const std::string mine = CreateAgreement("staff-cd", body)["id"];
  CreateAgreement("staff-sc", E1C1("2026-06-01", "2027-05-31", 2), 409);  // overlaps the first
  json partner = body;
  partner["craftsman_id"] = "C3";  // 重庆, shared with the 川渝 alliance
  const std::string with_c3 = CreateAgreement("staff-cd", partner)["id"];
  const std::string theirs = CreateAgreement("staff-sh", {{"enterprise_id", "E2"},
                                                          {"craftsman_id", "C2"},
                                                          {"start", "2026-03-01"},
                                                          {"end", "2026-09-30"},
                                                          {"scope", "数控工艺"},
                                                          {"planned_visits", 3}})["id"];

  auto ids = [&](const std::string& who, const std::string& query) {
    Reply r = api_->Get(who, "/api/v1/agreements" + query);
    EXPECT_EQ(r.status, 200) << who << " " << r.raw;
    std::set<std::string> out;
    for (const auto& item : r.body["items"]) out.insert(item["id"].get<std::string>());
    return out;
  };
  EXPECT_EQ(ids("ent-e1", ""), (std::set<std::string>{mine, with_c3}));
  EXPECT_EQ(ids("ent-e2", ""), (std::set<std::string>{theirs}));
  EXPECT_EQ(ids("crafts-c1", ""), (std::set<std::string>{mine}));
  EXPECT_EQ(ids("staff-sc", ""), (std::set<std::string>{mine, with_c3}));
  EXPECT_EQ(ids("staff-sh", ""), (std::set<std::string>{theirs}));
  EXPECT_EQ(ids("staff-cq", ""), (std::set<std::string>{}));
  EXPECT_EQ(ids("admin", "?enterprise_id=E1&craftsman_id=C3"), (std::set<std::string>{with_c3}));
  EXPECT_EQ(ids("admin", "?limit=1").size(), 1u);
  EXPECT_EQ(api_->Get("ent-e1", "/api/v1/agreements?enterprise_id=E2").status, 403);
  EXPECT_EQ(api_->Get("crafts-c1", "/api/v1/agreements?craftsman_id=C3").status, 403);
  EXPECT_EQ(api_->Get("admin", "/api/v1/agreements?state=paused").status, 400);

  // Guessed ids: another enterprise's, and ones that do not exist, look alike.
  for (const std::string who : {"ent-e1", "crafts-c1", "staff-cd"}) {
    Reply r = api_->Get(who, "/api/v1/agreements/" + theirs);
    EXPECT_EQ(r.status, 404) << who;
    EXPECT_EQ(api_->Get(who, "/api/v1/agreements/AG-000000000000").status, 404) << who;
  }
  EXPECT_EQ(api_->Get("ent-e2", "/api/v1/agreements/" + mine).status, 404);
}

TEST_P(ProgrammeApiTest, StudioAgreementKeepsTheStudioMembers) {
  Reply studio = api_->Call("staff-cd", "POST", "/api/v1/studios",
                            json{{"name", "王师傅焊接创新工作室"}, {"lead_id", "C1"}, {"member_ids", {"C3"}}}.dump());
  ASSERT_EQ(studio.status, 201) << studio.raw;
  const std::string studio_id = studio.body["id"];
  const json a = CreateAgreement("staff-cd", {{"enterprise_id", "E1"},
                                              {"studio_id", studio_id},
                                              {"start", "2026-03-01"},
                                              {"end", "2026-12-31"},
                                              {"scope", "工作室结对服务"},
                                              {"planned_visits", 8}});
  EXPECT_EQ(a["studio_id"], studio_id);
  EXPECT_EQ(a["party_kind"], "studio");
  EXPECT_EQ(a["member_ids"], json({"C1", "C3"}));
  // Members see it as theirs; the studio id itself is not a craftsman's.
  Reply mine = api_->Get("crafts-c1", "/api/v1/agreements");
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.body["items"].size(), 1u);
  EXPECT_EQ(api_->Get("crafts-c1", "/api/v1/agreements/" + a["id"].get<std::string>()).status, 200);
  // A studio the caller cannot see reads as unknown.
  Reply sh_studio =
      api_->Call("staff-sh", "POST", "/api/v1/studios", json{{"name", "上海数控工作室"}, {"lead_id", "C2"}}.dump());
  ASSERT_EQ(sh_studio.status, 201) << sh_studio.raw;
  CreateAgreement("staff-cd",
                  {{"enterprise_id", "E1"},
                   {"studio_id", sh_studio.body["id"]},
                   {"start", "2026-03-01"},
                   {"end", "2026-12-31"},
                   {"scope", "x"},
                   {"planned_visits", 1}},
                  400);
}

TEST_P(ProgrammeApiTest, StudiosAreEditedUnderVersionsAndSeenByTheirCircle) {
  const json body = {{"name", "刘师傅铝合金焊接创新工作室"},
                     {"lead_id", "C1"},
                     {"member_ids", {"C3"}},
                     {"result_ids", {"R1"}},
                     {"alliance_ids", {"chuanyu"}},
                     {"org_id", "cd"},
                     {"description", "铝合金焊缝气孔攻关"}};
  auto refused = [&](const std::string& who, json changes, int status, const std::string& field = "") {
    json b = body;
    b.update(changes);
    Reply r = api_->Call(who, "POST", "/api/v1/studios", b.dump());
    EXPECT_EQ(r.status, status) << who << " " << changes.dump() << " " << r.raw;
    if (!field.empty()) {
      EXPECT_EQ(r.body["error"]["field"], field) << r.raw;
    }
  };
  refused("ent-e1", json::object(), 403);
  refused("crafts-c1", json::object(), 403);
  refused("staff-sh", json::object(), 403);                              // 成都 is not theirs
  refused("staff-cd", {{"alliance_ids", {"sc"}}}, 400, "alliance_ids");  // not an alliance
  refused("staff-cd", {{"alliance_ids", {"nowhere"}}}, 400, "alliance_ids");
  refused("staff-cd", {{"result_ids", {"R404"}}}, 400, "result_ids");
  refused("staff-cd", {{"lead_id", "C2"}}, 400, "lead_id");  // hidden from 成都
  refused("staff-cd", {{"member_ids", {"C404"}}}, 400, "member_ids");
  refused("staff-cd", {{"name", ""}}, 400, "name");

  Reply created = api_->Call("staff-cd", "POST", "/api/v1/studios", body.dump());
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = created.body["id"];
  const std::string path = "/api/v1/studios/" + id;
  EXPECT_EQ(created.body["version"], 1);
  EXPECT_EQ(created.body["member_ids"], json({"C1", "C3"}));  // the lead is a member
  EXPECT_EQ(created.body["alliance_ids"], json({"chuanyu"}));
  refused("staff-cd", json::object(), 409);  // same name in the same organisation

  for (const std::string who : {"staff-cd", "staff-sc", "admin", "ent-e1", "crafts-c1", "staff-cq"}) {
    EXPECT_EQ(api_->Get(who, path).status, 200) << who;  // staff-cq: through the 川渝 alliance
  }
  for (const std::string who : {"staff-sh", "ent-e2"}) EXPECT_EQ(api_->Get(who, path).status, 404) << who;
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/studios/ST-000000000000").status, 404);

  json update = created.body;
  update["name"] = "刘师傅焊接创新工作室";
  update["member_ids"] = json::array();
  EXPECT_EQ(api_->Call("staff-sh", "PUT", path, update.dump()).status, 404);
  EXPECT_EQ(api_->Call("staff-cq", "PUT", path, update.dump()).status, 403);  // sees it, does not own it
  EXPECT_EQ(api_->Call("crafts-c1", "PUT", path, update.dump()).status, 403);
  json unversioned = update;
  unversioned.erase("version");
  EXPECT_EQ(api_->Call("staff-cd", "PUT", path, unversioned.dump()).status, 400);
  Reply updated = api_->Call("staff-cd", "PUT", path, update.dump());
  ASSERT_EQ(updated.status, 200) << updated.raw;
  EXPECT_EQ(updated.body["version"], 2);
  EXPECT_EQ(updated.body["member_ids"], json({"C1"}));
  EXPECT_EQ(api_->Call("staff-sc", "PUT", path, update.dump()).status, 409);  // version 1 is stale now

  // Two editors with the same version at once: exactly one wins.
  update = updated.body;
  api_->Get("staff-sc", path);  // sign both in before the threads share the client
  std::atomic<int> ok{0}, conflict{0};
  std::vector<std::thread> editors;
  for (const std::string who : {"staff-cd", "staff-sc"}) {
    editors.emplace_back([&, who] {
      json mine = update;
      mine["description"] = "由 " + who + " 修改";
      const int status = api_->Call(who, "PUT", path, mine.dump()).status;
      (status == 200 ? ok : conflict)++;
      EXPECT_TRUE(status == 200 || status == 409) << status;
    });
  }
  for (auto& t : editors) t.join();
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(conflict, 1);
  EXPECT_EQ(api_->Get("admin", path).body["version"], 3);

  auto listed = [&](const std::string& who, const std::string& query) {
    return api_->Get(who, "/api/v1/studios" + query).body["items"].size();
  };
  EXPECT_EQ(listed("staff-cq", ""), 1u);
  EXPECT_EQ(listed("staff-sh", ""), 0u);
  EXPECT_EQ(listed("ent-e2", ""), 0u);
  EXPECT_EQ(listed("admin", "?member_id=C1"), 1u);
  EXPECT_EQ(listed("admin", "?member_id=C3"), 0u);  // removed above
  EXPECT_EQ(listed("admin", "?org_id=sh"), 0u);
}

TEST_P(ProgrammeApiTest, ParallelSigningsAndRenewalsNeverOverlap) {
  // The overlap rule spans several documents; its guard makes concurrent
  // signings for one pair commit one at a time, so only one can pass.
  constexpr int kContenders = 6;
  api_->Get("staff-cd", "/api/v1/agreements");  // signs in before the threads share the client
  std::atomic<int> created{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kContenders; ++i) {
    threads.emplace_back([&, i] {
      json body = E1C1("2026-04-0" + std::to_string(1 + i), "2026-12-31", 4);
      const int status = api_->Call("staff-cd", "POST", "/api/v1/agreements", body.dump()).status;
      (status == 201 ? created : status == 409 ? refused : other)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(other, 0);
  EXPECT_EQ(created, 1);
  EXPECT_EQ(refused, kContenders - 1);

  // Two renewals of the same agreement at once: one renews, one is told to
  // refresh, and never two successors.
  const json listed = api_->Get("staff-cd", "/api/v1/agreements?enterprise_id=E1").body;
  ASSERT_EQ(listed["items"].size(), 1u);
  const std::string id = listed["items"][0]["id"];
  const int version = listed["items"][0]["version"];
  std::atomic<int> renewed{0};
  threads.clear();
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      json body{{"end", "2027-0" + std::to_string(3 + i) + "-30"}, {"planned_visits", 6}, {"version", version}};
      const int status =
          api_->Call("staff-cd", "POST", "/api/v1/agreements/" + id + "/renew", body.dump()).status;
      (status == 201 ? renewed : status == 409 ? refused : other)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(other, 0);
  EXPECT_EQ(renewed, 1);
  int active = 0;
  const Reply after = api_->Get("staff-cd", "/api/v1/agreements?enterprise_id=E1");
  for (const auto& a : after.body["items"]) {
    active += a["state"] == "active" ? 1 : 0;
  }
  EXPECT_EQ(active, 1);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/agreements/" + id).body["state"], "renewed");
}

INSTANTIATE_TEST_SUITE_P(Backends, ProgrammeApiTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
