// Engagements through the real HTTP API on both backends: a need driven from
// dispatch to the 180-day follow-up with the KPIs checked at every step,
// refused transitions, the access rules, and parallel writers.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "api_fixture.h"
#include "services/kpi_service.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

class EngagementApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam()); }

  // Dispatches C1 to N1 (a confidential need of E1, owned by 成都) as 成都 staff.
  json DispatchN1() {
    Reply r = api_->Call("staff-cd", "POST", "/api/v1/engagements",
                         json{{"need_id", "N1"}, {"craftsman_ids", {"C1"}}}.dump());
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body;
  }

  // One step as `who`, with the version `who` reads first.
  Reply Step(const std::string& who, const std::string& id, const std::string& step, json body = json::object()) {
    Reply current = api_->Get(who, "/api/v1/engagements/" + id);
    if (current.status == 200) body["version"] = current.body["version"];
    return api_->Call(who, "POST", "/api/v1/engagements/" + id + "/" + step, body.dump());
  }

  json Totals(const std::string& who, const std::string& org) {
    Reply r = api_->Get(who, "/api/v1/kpi?year=2026&org_id=" + org);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body["totals"];
  }

  void Advance(int days) { api_->clock().Advance(std::chrono::hours(24 * days)); }

  std::unique_ptr<ApiFixture> api_;
};

TEST_P(EngagementApiTest, NeedIsTrackedFromPostingToTheLastFollowUpAndKpisMoveExactly) {
  // The enterprise posts the need in its own words.
  Reply posted = api_->Call("ent-e1", "POST", "/api/v1/needs",
                            json{{"id", "N9"}, {"enterprise_id", "E1"}, {"title", "铝件焊缝老有气孔"},
                                 {"description", "氩弧焊后返修多"}, {"posted", "2026-03-02"}}.dump());
  ASSERT_EQ(posted.status, 201) << posted.raw;
  Reply dispatched = api_->Call("staff-cd", "POST", "/api/v1/engagements",
                                json{{"need_id", "N9"}, {"craftsman_ids", {"C1"}}}.dump());
  ASSERT_EQ(dispatched.status, 201) << dispatched.raw;
  const json created = dispatched.body;
  const std::string id = created["id"];
  EXPECT_EQ(created["state"], "dispatched");
  EXPECT_EQ(api_->Get("admin", "/api/v1/needs/N9").body["status"], "in_progress");
  EXPECT_EQ(Totals("staff-cd", "cd")["dispatches"], 1);
  EXPECT_EQ(Totals("staff-cd", "cd")["visits"], 0);

  ASSERT_EQ(Step("crafts-c1", id, "accept").status, 200);
  ASSERT_EQ(Step("crafts-c1", id, "schedule", {{"date", "2026-03-05"}, {"place", "一号车间"}}).status, 200);
  Advance(3);  // 2026-03-05
  Reply visit = Step("crafts-c1", id, "visits",
                     {{"date", "2026-03-05"}, {"hours", 3.5}, {"workers_trained", 12},
                      {"summary", "调整保护气流量，示范焊前清理"}, {"place", "一号车间"}});
  ASSERT_EQ(visit.status, 200) << visit.raw;
  EXPECT_EQ(visit.body["state"], "in_service");
  EXPECT_EQ(visit.body["visits"].size(), 1u);

  json cd = Totals("staff-cd", "cd");
  EXPECT_EQ(cd["visits"], 1);
  EXPECT_EQ(cd["workers_trained"], 12);
  EXPECT_EQ(cd["enterprises_served"], 1);
  EXPECT_EQ(cd["service_minutes"], 210);
  // Rolled up: the province and the root count the same visit once.
  EXPECT_EQ(Totals("staff-sc", "sc")["visits"], 1);
  EXPECT_EQ(Totals("admin", "root")["visits"], 1);
  EXPECT_EQ(Totals("admin", "sh")["visits"], 0);

  // A second visit by the same craftsman: another visit, not another enterprise.
  Advance(2);
  ASSERT_EQ(Step("crafts-c1", id, "visits",
                 {{"date", "2026-03-07"}, {"hours", 2}, {"summary", "复查焊缝"}})
                .status,
            200);
  cd = Totals("staff-cd", "cd");
  EXPECT_EQ(cd["visits"], 2);
  EXPECT_EQ(cd["enterprises_served"], 1);

  ASSERT_EQ(Step("crafts-c1", id, "resolve", {{"summary", "气孔率由 8% 降到 0.5%"}}).status, 200);
  EXPECT_EQ(Totals("staff-cd", "cd")["problems_solved"], 0);  // not until the enterprise confirms
  Reply rated = Step("ent-e1", id, "feedback", {{"rating", 5}, {"comment", "解决得很彻底"}, {"confirmed", true}});
  ASSERT_EQ(rated.status, 200) << rated.raw;
  EXPECT_EQ(rated.body["state"], "rated");
  cd = Totals("staff-cd", "cd");
  EXPECT_EQ(cd["problems_solved"], 1);
  EXPECT_EQ(cd["ratings"], 1);
  EXPECT_EQ(cd["rating_sum"], 5);
  EXPECT_EQ(api_->Get("admin", "/api/v1/needs/N9").body["status"], "closed");

  // Follow-ups fall due 30, 90 and 180 days after resolution, not before.
  Reply early = Step("ent-e1", id, "followups", {{"days", 30}, {"holding", true}});
  EXPECT_EQ(early.status, 409) << early.raw;
  Advance(30);
  ASSERT_EQ(Step("ent-e1", id, "followups",
                 {{"days", 30}, {"holding", true}, {"benefit", {{"cost_saved_yuan", 20000}}}})
                .status,
            200);
  EXPECT_EQ(Step("ent-e1", id, "followups", {{"days", 30}, {"holding", true}}).status, 409);  // answered once
  Advance(60);
  ASSERT_EQ(Step("staff-cd", id, "followups", {{"days", 90}, {"holding", true}}).status, 200);
  Advance(90);
  Reply last = Step("ent-e1", id, "followups",
                    {{"days", 180}, {"holding", false}, {"benefit", {{"note", "换了新焊工后有反复"}}}});
  ASSERT_EQ(last.status, 200) << last.raw;
  EXPECT_EQ(last.body["state"], "closed");
  EXPECT_EQ(last.body["allowed_actions"].size(), 0u);

  const json report = api_->Get("staff-cd", "/api/v1/kpi?year=2026&org_id=cd").body;
  EXPECT_EQ(report["totals"]["followups"], 3);
  EXPECT_EQ(report["totals"]["followups_holding"], 2);
  EXPECT_EQ(report["totals"]["cost_saved_yuan"], 20000);
  EXPECT_DOUBLE_EQ(report["rates"]["resolution_rate"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(report["rates"]["average_rating"].get<double>(), 5.0);
  EXPECT_EQ(report["rates"]["median_days_to_first_visit"], 3);  // posted 03-02, first visit 03-05
  EXPECT_EQ(report["by_month"][2]["visits"], 2);                 // March
  EXPECT_EQ(report["targets"][0]["target"], 1000);               // the Shanghai plan by default

  // A proven fix becomes an innovation result, with the owners' consent.
  const std::string promote = "/api/v1/engagements/" + id + "/promote";
  Reply no_consent = api_->Call("staff-cd", "POST", promote, json{{"title", "铝焊气孔控制法"}}.dump());
  EXPECT_EQ(no_consent.status, 400);
  EXPECT_EQ(no_consent.body["error"]["field"], "owner_consent");
  EXPECT_EQ(api_->Call("ent-e1", "POST", promote, json{{"title", "x"}, {"owner_consent", true}}.dump()).status, 403);
  Reply promoted =
      api_->Call("staff-cd", "POST", promote, json{{"title", "铝焊气孔控制法"}, {"owner_consent", true}}.dump());
  ASSERT_EQ(promoted.status, 201) << promoted.raw;
  const json result = api_->Get("staff-cd", "/api/v1/results/" + promoted.body["result_id"].get<std::string>()).body;
  EXPECT_EQ(result["title"], "铝焊气孔控制法");
  EXPECT_EQ(result["owner_ids"], json({"C1"}));
  EXPECT_NE(result["benefit"].get<std::string>().find("20000"), std::string::npos);
  EXPECT_EQ(api_->Call("staff-cd", "POST", promote, json{{"title", "再来"}, {"owner_consent", true}}.dump()).status,
            409);

  // History keeps every step with who and when, in order.
  const json detail = api_->Get("staff-cd", "/api/v1/engagements/" + id).body;
  std::vector<std::string> actions;
  for (const auto& line : detail["history"]) actions.push_back(line["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"propose", "dispatch", "accept", "schedule", "log_visit",
                                               "log_visit", "resolve", "rate", "follow_up", "follow_up",
                                               "follow_up", "promote"}));

  // The roll-up rebuilt from history alone equals what the steps wrote.
  std::map<std::string, std::vector<storage::KpiCell>> before;
  for (const char* org : {"cd", "sc", "root", "chuanyu"}) {
    auto cells = api_->store().KpiCells(org, 2026);
    ASSERT_TRUE(cells.ok());
    before[org] = std::move(*cells);
  }
  ASSERT_TRUE(services::RebuildKpi(api_->store()).ok());
  auto key = [](const storage::KpiCell& c) { return c.dim + "/" + c.key + "/" + c.metric + "=" + std::to_string(c.value); };
  for (const auto& [org, cells] : before) {
    std::vector<std::string> a, b;
    for (const auto& c : cells) a.push_back(key(c));
    auto rebuilt = api_->store().KpiCells(org, 2026);
    ASSERT_TRUE(rebuilt.ok());
    for (const auto& c : *rebuilt) b.push_back(key(c));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b) << org;
    EXPECT_FALSE(a.empty()) << org;
  }
}

TEST_P(EngagementApiTest, RefusesStepsOutOfOrderAndStaleVersions) {
  const std::string id = DispatchN1()["id"];
  Reply visit = Step("crafts-c1", id, "visits", {{"date", "2026-03-02"}, {"hours", 1}, {"summary", "x"}});
  EXPECT_EQ(visit.status, 409) << visit.raw;  // not accepted yet
  EXPECT_EQ(Step("crafts-c1", id, "resolve", {{"summary", "x"}}).status, 409);
  ASSERT_EQ(Step("crafts-c1", id, "accept").status, 200);
  EXPECT_EQ(Step("crafts-c1", id, "accept").status, 409);  // twice

  // A stale version is refused even for an allowed step.
  Reply stale = api_->Call("crafts-c1", "POST", "/api/v1/engagements/" + id + "/schedule",
                           json{{"version", 1}, {"date", "2026-03-09"}}.dump());
  EXPECT_EQ(stale.status, 409);
  Reply missing = api_->Call("crafts-c1", "POST", "/api/v1/engagements/" + id + "/schedule",
                             json{{"date", "2026-03-09"}}.dump());
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.body["error"]["field"], "version");

  // Bad input names its field, wrong JSON types included.
  Reply typed = api_->Call("staff-cd", "POST", "/api/v1/engagements",
                           json{{"need_id", "N2"}, {"craftsman_ids", {"C2"}}, {"dispatch", "yes"}}.dump());
  EXPECT_EQ(typed.status, 404);  // N2 is not 成都's; scope is checked first
  typed = api_->Call("admin", "POST", "/api/v1/engagements",
                     json{{"need_id", "N2"}, {"craftsman_ids", {"C2"}}, {"dispatch", "yes"}}.dump());
  EXPECT_EQ(typed.status, 400);
  EXPECT_EQ(typed.body["error"]["field"], "dispatch");
  EXPECT_EQ(api_->Call("admin", "POST", "/api/v1/webhooks", json{{"url", 5}}.dump()).status, 400);
  Reply future = Step("crafts-c1", id, "visits", {{"date", "2026-04-01"}, {"hours", 1}, {"summary", "x"}});
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(future.body["error"]["field"], "date");
  Reply hours = Step("crafts-c1", id, "visits", {{"date", "2026-03-02"}, {"hours", 30}, {"summary", "x"}});
  EXPECT_EQ(hours.body["error"]["field"], "hours");
  Reply decline = Step("crafts-c1", id, "decline");
  EXPECT_EQ(decline.status, 409);  // already accepted

  // Timestamps are never rewritten: the history table refuses updates.
  EXPECT_FALSE(api_->store().EngagementEvents(id)->empty());
}

TEST_P(EngagementApiTest, EveryPartySeesOnlyItsOwnEngagementsAndSteps) {
  const std::string id = DispatchN1()["id"];
  const std::string path = "/api/v1/engagements/" + id;
  EXPECT_EQ(api_->Get("staff-cd", path).status, 200);
  EXPECT_EQ(api_->Get("staff-sc", path).status, 200);   // the province above
  EXPECT_EQ(api_->Get("crafts-c1", path).status, 200);  // the craftsman dispatched
  EXPECT_EQ(api_->Get("ent-e1", path).status, 200);     // the enterprise served
  EXPECT_EQ(api_->Get("staff-sh", path).status, 404);   // another province
  EXPECT_EQ(api_->Get("staff-cq", path).status, 404);   // an alliance partner manages nothing here
  EXPECT_EQ(api_->Get("ent-e2", path).status, 404);     // another enterprise
  EXPECT_EQ(api_->Get("", path).status, 401);
  EXPECT_EQ(api_->Get("admin", "/api/v1/engagements/G-N1-99").status, 404);  // guessed id

  // Phones: full to staff in scope, masked to the enterprise.
  EXPECT_EQ(api_->Get("staff-cd", path).body["members"][0]["phone"], "13812345678");
  EXPECT_EQ(api_->Get("ent-e1", path).body["members"][0]["phone"], "138****5678");
  EXPECT_FALSE(api_->Get("ent-e1", path).body.contains("override_reason"));

  // Steps belong to their actor.
  EXPECT_EQ(Step("ent-e1", id, "accept").status, 403);
  EXPECT_EQ(Step("staff-cd", id, "accept").status, 403);
  EXPECT_EQ(Step("staff-sh", id, "cancel", {{"reason", "x"}}).status, 404);
  EXPECT_EQ(Step("ent-e2", id, "feedback", {{"rating", 1}}).status, 404);

  // Dispatch itself: staff in scope only.
  const json body{{"need_id", "N2"}, {"craftsman_ids", {"C2"}}};
  EXPECT_EQ(api_->Call("staff-cd", "POST", "/api/v1/engagements", body.dump()).status, 404);
  EXPECT_EQ(api_->Call("ent-e2", "POST", "/api/v1/engagements", body.dump()).status, 403);
  EXPECT_EQ(api_->Call("crafts-c1", "POST", "/api/v1/engagements", body.dump()).status, 403);
  EXPECT_EQ(api_->Call("staff-sh", "POST", "/api/v1/engagements", body.dump()).status, 201);
  // One active engagement per need.
  EXPECT_EQ(api_->Call("staff-sh", "POST", "/api/v1/engagements", body.dump()).status, 409);

  // Lists are narrowed before paging.
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/engagements").body["items"].size(), 1u);
  EXPECT_EQ(api_->Get("staff-sh", "/api/v1/engagements").body["items"].size(), 1u);
  EXPECT_EQ(api_->Get("admin", "/api/v1/engagements").body["items"].size(), 2u);
  EXPECT_EQ(api_->Get("ent-e2", "/api/v1/engagements").body["items"].size(), 1u);
  EXPECT_EQ(api_->Get("crafts-c1", "/api/v1/engagements").body["items"].size(), 1u);
  EXPECT_EQ(api_->Get("crafts-c1", "/api/v1/engagements?craftsman_id=C2").status, 403);
  // A list row names what the page does, with the same masking.
  for (const char* who : {"staff-cd", "ent-e1"}) {
    const json row = api_->Get(who, "/api/v1/engagements").body["items"][0];
    const json page = api_->Get(who, path).body;
    for (const char* key : {"need_title", "enterprise_name", "members"}) EXPECT_EQ(row[key], page[key]) << who << " " << key;
    EXPECT_EQ(row["need_title"], "焊缝老有气孔");
  }

  // KPIs: staff in scope (and alliance partners for the alliance), nobody else.
  EXPECT_EQ(api_->Get("staff-sh", "/api/v1/kpi?org_id=cd").status, 404);
  EXPECT_EQ(api_->Get("staff-cq", "/api/v1/kpi?org_id=chuanyu").status, 200);
  EXPECT_EQ(api_->Get("staff-sh", "/api/v1/kpi?org_id=chuanyu").status, 404);
  EXPECT_EQ(api_->Get("ent-e1", "/api/v1/kpi").status, 403);
  EXPECT_EQ(api_->Get("crafts-c1", "/api/v1/kpi").status, 403);
  const std::string targets = json{{"org_id", "cd"}, {"year", 2026}, {"targets", {{"visits", 300}}}}.dump();
  EXPECT_EQ(api_->Call("staff-sh", "PUT", "/api/v1/targets", targets).status, 404);
  EXPECT_EQ(api_->Call("ent-e1", "PUT", "/api/v1/targets", targets).status, 403);
  Reply set = api_->Call("staff-sc", "PUT", "/api/v1/targets", targets);
  ASSERT_EQ(set.status, 200) << set.raw;
  EXPECT_EQ(set.body["targets"][0]["target"], 300);
}

TEST_P(EngagementApiTest, DeclineReopensTheNeedForMatching) {
  const std::string id = DispatchN1()["id"];
  Reply no_reason = Step("crafts-c1", id, "decline");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.body["error"]["field"], "reason");
  ASSERT_EQ(Step("crafts-c1", id, "decline", {{"reason", "本月已排满"}}).status, 200);
  EXPECT_EQ(api_->Get("admin", "/api/v1/needs/N1").body.value("status", "open"), "open");
  EXPECT_EQ(Totals("staff-cd", "cd")["declines"], 1);
  // The need can be dispatched again.
  Reply again = api_->Call("staff-cd", "POST", "/api/v1/engagements",
                           json{{"need_id", "N1"}, {"craftsman_ids", {"C1"}}}.dump());
  EXPECT_EQ(again.status, 201) << again.raw;
  EXPECT_EQ(again.body["id"], "G-N1-2");
}

TEST_P(EngagementApiTest, ParallelWritersNeverBothSucceed) {
  const std::string id = DispatchN1()["id"];
  const int64_t version = api_->Get("crafts-c1", "/api/v1/engagements/" + id).body["version"];
  for (const char* who : {"crafts-c1"}) api_->SignIn(who);
  std::atomic<int> ok{0}, conflict{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      const std::string step = i % 2 == 0 ? "accept" : "decline";
      Reply r = api_->Call("crafts-c1", "POST", "/api/v1/engagements/" + id + "/" + step,
                           json{{"version", version}, {"reason", "冲突测试"}}.dump());
      (r.status == 200 ? ok : r.status == 409 ? conflict : other)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(conflict, 7);
  EXPECT_EQ(other, 0);
  const json now = api_->Get("staff-cd", "/api/v1/engagements/" + id).body;
  EXPECT_TRUE(now["state"] == "accepted" || now["state"] == "declined") << now["state"];
  EXPECT_EQ(now["version"], version + 1);
  EXPECT_EQ(now["history"].size(), 3u);  // propose, dispatch, and exactly one answer
}

TEST_P(EngagementApiTest, NotificationsReachTheirAddresseesOnly) {
  const std::string id = DispatchN1()["id"];
  Reply inbox = api_->Get("crafts-c1", "/api/v1/notifications");
  ASSERT_EQ(inbox.status, 200);
  ASSERT_GE(inbox.body["items"].size(), 1u);
  EXPECT_EQ(inbox.body["items"][0]["event"], "dispatched");
  EXPECT_EQ(inbox.body["unread"], 1);
  const int64_t seq = inbox.body["items"][0]["seq"];
  // Someone else cannot mark it read, and does not see it.
  EXPECT_EQ(api_->Call("ent-e2", "POST", "/api/v1/notifications/" + std::to_string(seq) + "/read").status, 404);
  EXPECT_EQ(api_->Get("ent-e2", "/api/v1/notifications").body["items"].size(), 0u);
  EXPECT_EQ(api_->Call("crafts-c1", "POST", "/api/v1/notifications/" + std::to_string(seq) + "/read").status, 200);
  EXPECT_EQ(api_->Get("crafts-c1", "/api/v1/notifications").body["unread"], 0);
  EXPECT_EQ(api_->Get("ent-e1", "/api/v1/notifications").body["items"][0]["event"], "dispatched");
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/webhooks").status, 403);
}

TEST_P(EngagementApiTest, UnansweredDispatchIsRemindedThenExpires) {
  const std::string id = DispatchN1()["id"];
  api_->clock().Advance(std::chrono::hours(25));
  auto swept = api_->engagements().Sweep();
  ASSERT_TRUE(swept.ok()) << swept.status().ToString();
  EXPECT_EQ((*swept)["reminded"], 1);
  EXPECT_EQ(api_->Get("crafts-c1", "/api/v1/notifications").body["items"][0]["event"], "dispatch_reminder");
  EXPECT_EQ((*api_->engagements().Sweep())["reminded"], 0);  // once only
  api_->clock().Advance(std::chrono::hours(24));
  swept = api_->engagements().Sweep();
  EXPECT_EQ((*swept)["expired"], 1);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/engagements/" + id).body["state"], "expired");
  EXPECT_EQ(Totals("staff-cd", "cd")["expiries"], 1);
  // Without a match index nobody is re-offered: staff are told instead.
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/notifications").body["items"][0]["event"], "no_candidate");
}

TEST_P(EngagementApiTest, KpiExportsReadBackWithChineseHeaders) {
  const std::string id = DispatchN1()["id"];
  ASSERT_EQ(Step("crafts-c1", id, "accept").status, 200);
  ASSERT_EQ(Step("crafts-c1", id, "visits", {{"date", "2026-03-02"}, {"hours", 2}, {"workers_trained", 7},
                                             {"summary", "培训"}}).status, 200);
  Reply csv = api_->Get("staff-cd", "/api/v1/kpi/export?format=csv&year=2026&org_id=cd");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.raw.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.raw.find("指标,年度目标,实际完成,完成率\r\n"), std::string::npos) << csv.raw;
  EXPECT_NE(csv.raw.find("服务人次,1000,1,0.001\r\n"), std::string::npos) << csv.raw;
  EXPECT_NE(csv.raw.find("培训职工人次,10000,7,"), std::string::npos) << csv.raw;
  Reply month = api_->Get("staff-cd", "/api/v1/kpi/export?format=csv&sheet=month&year=2026&org_id=cd");
  EXPECT_NE(month.raw.find("\r\n3,,1,"), std::string::npos) << month.raw;
  Reply xlsx = api_->Get("staff-cd", "/api/v1/kpi/export?year=2026&org_id=cd");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.raw.substr(0, 2), "PK");
  EXPECT_NE(xlsx.headers.find("Content-Disposition")->second.find("filename*=UTF-8''"), std::string::npos);
  EXPECT_EQ(api_->Get("staff-sh", "/api/v1/kpi/export?org_id=cd").status, 404);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/kpi/export?format=pdf").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Backends, EngagementApiTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
