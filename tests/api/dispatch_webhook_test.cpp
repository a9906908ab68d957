// Dispatch with the match index (override reasons, re-offering an expired
// dispatch to the next candidate) and signed webhook delivery with retries.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "api_fixture.h"
#include "services/inbox_service.h"
#include "support/webhook_receiver.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

class DispatchWithMatchingTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam(), FixtureOptions{.with_matching = true}); }
  std::unique_ptr<ApiFixture> api_;
};

TEST_P(DispatchWithMatchingTest, OverridingTheFirstSuggestionNeedsAReasonAndCounts) {
  Reply matches = api_->Get("staff-cd", "/api/v1/needs/N1/matches");
  ASSERT_EQ(matches.status, 200) << matches.raw;
  ASSERT_GE(matches.body["matches"].size(), 2u) << matches.raw;  // C1 (成都) and C3 (重庆, shares with 川渝)
  const std::string first = matches.body["matches"][0]["craftsman_id"];
  const std::string second = matches.body["matches"][1]["craftsman_id"];

  Reply refused = api_->Call("staff-cd", "POST", "/api/v1/engagements",
                             json{{"need_id", "N1"}, {"craftsman_ids", {second}}}.dump());
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.body["error"]["field"], "override_reason");
  Reply created = api_->Call("staff-cd", "POST", "/api/v1/engagements",
                             json{{"need_id", "N1"}, {"craftsman_ids", {second}}, {"override_reason", "首选工匠本周出差"}}.dump());
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["override"], true);
  EXPECT_EQ(created.body["suggested_craftsman_id"], first);
  const json kpi = api_->Get("staff-cd", "/api/v1/kpi?year=2026&org_id=cd").body;
  EXPECT_EQ(kpi["totals"]["overrides"], 1);
  EXPECT_DOUBLE_EQ(kpi["rates"]["override_rate"].get<double>(), 1.0);

  // Unanswered for two days: expired and offered to the next candidate.
  api_->clock().Advance(std::chrono::hours(49));
  auto swept = api_->engagements().Sweep();
  ASSERT_TRUE(swept.ok()) << swept.status().ToString();
  EXPECT_EQ((*swept)["expired"], 1);
  EXPECT_EQ((*swept)["reoffered"], 1);
  const json next = api_->Get("staff-cd", "/api/v1/engagements/G-N1-2").body;
  EXPECT_EQ(next["state"], "dispatched");
  EXPECT_EQ(next["lead_craftsman_id"], first);
  EXPECT_EQ(next["override"], false);
  EXPECT_EQ(api_->Get("admin", "/api/v1/needs/N1").body["status"], "in_progress");
}

// The capacity reason of `craftsman` among the matches of N1.
int CapacityLeft(ApiFixture& api, const std::string& craftsman) {
  const json matches = api.Get("staff-cd", "/api/v1/needs/N1/matches?include_full=true").body;
  for (const auto& m : matches["matches"]) {
    if (m["craftsman_id"] != craftsman) continue;
    for (const auto& r : m["reasons"]) {
      if (r["type"] == "capacity") return r["left"];
    }
  }
  return -1;
}

TEST_P(DispatchWithMatchingTest, EngagementsUseUpCapacityInTheMatchIndex) {
  const std::string first = api_->Get("staff-cd", "/api/v1/needs/N1/matches").body["matches"][0]["craftsman_id"];
  EXPECT_EQ(CapacityLeft(*api_, first), 2);
  ASSERT_EQ(api_->Call("staff-cd", "POST", "/api/v1/engagements",
                       json{{"need_id", "N1"}, {"craftsman_ids", {first}}}.dump())
                .status,
            201);
  api_->RefreshCapacity();
  EXPECT_EQ(CapacityLeft(*api_, first), 1);
}

TEST_P(DispatchWithMatchingTest, BatchPlanShowsBothSolversAndIsConfirmedOnce) {
  const std::string body = json{{"need_ids", {"N1"}}}.dump();
  EXPECT_EQ(api_->Call("ent-e1", "POST", "/api/v1/dispatch", body).status, 403);
  EXPECT_EQ(api_->Call("staff-sh", "POST", "/api/v1/dispatch", body).status, 404);  // not in 上海's scope
  Reply plan = api_->Call("staff-cd", "POST", "/api/v1/dispatch", body);
  ASSERT_EQ(plan.status, 200) << plan.raw;
  ASSERT_EQ(plan.body["optimal"]["assignments"].size(), 1u) << plan.raw;
  EXPECT_TRUE(plan.body.contains("greedy"));
  const std::string confirm = "/api/v1/dispatch/" + plan.body["plan_id"].get<std::string>() + "/confirm";
  EXPECT_EQ(api_->Call("staff-sc", "POST", confirm, "{}").status, 404);  // someone else's plan
  Reply done = api_->Call("staff-cd", "POST", confirm, json{{"plan", "optimal"}}.dump());
  ASSERT_EQ(done.status, 200) << done.raw;
  ASSERT_EQ(done.body["created"].size(), 1u) << done.raw;
  // Confirming the engine's own plan is not staff overriding the engine.
  const json engagement =
      api_->Get("staff-cd", "/api/v1/engagements/" + done.body["created"][0]["engagement_id"].get<std::string>()).body;
  EXPECT_EQ(engagement["override"], false) << engagement.dump();
  EXPECT_EQ(engagement["dispatch_plan_id"], plan.body["plan_id"]) << engagement.dump();
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/kpi?year=2026").body["totals"].value("overrides", 0), 0);
  EXPECT_EQ(api_->Call("staff-cd", "POST", confirm, "{}").status, 409);
  EXPECT_EQ(api_->Get("admin", "/api/v1/needs/N1").body["status"], "in_progress");
  // Needs in service are not planned again: alone they are a 409, beside
  // open ones they are left out and named.
  EXPECT_EQ(api_->Call("staff-cd", "POST", "/api/v1/dispatch", body).status, 409);
  Reply mixed = api_->Call("admin", "POST", "/api/v1/dispatch", json{{"need_ids", {"N1", "N2"}}}.dump());
  ASSERT_EQ(mixed.status, 200) << mixed.raw;
  ASSERT_EQ(mixed.body["skipped"].size(), 1u) << mixed.raw;
  EXPECT_EQ(mixed.body["skipped"][0]["need_id"], "N1");
  for (const auto& a : mixed.body["optimal"]["assignments"]) EXPECT_NE(a["need_id"], "N1");
}

TEST_P(DispatchWithMatchingTest, StoredPlanNamesNeedsAndCraftsmenForItsProposerOnly) {
  Reply proposed = api_->Call("staff-cd", "POST", "/api/v1/dispatch", json{{"need_ids", {"N1"}}}.dump());
  ASSERT_EQ(proposed.status, 200) << proposed.raw;
  const std::string url = "/api/v1/dispatch/" + proposed.body["plan_id"].get<std::string>();
  Reply plan = api_->Get("staff-cd", url);
  ASSERT_EQ(plan.status, 200) << plan.raw;
  EXPECT_EQ(plan.body["state"], "proposed");
  EXPECT_EQ(plan.body["skipped"], json::array());
  ASSERT_EQ(plan.body["optimal"]["assignments"].size(), 1u) << plan.raw;
  const json assignment = plan.body["optimal"]["assignments"][0];
  EXPECT_EQ(assignment["need_id"], "N1");
  EXPECT_EQ(assignment["need_title"], "焊缝老有气孔");
  const std::string lead = assignment["craftsman_ids"][0];
  EXPECT_EQ(assignment["craftsmen"], json::array({{{"id", lead}, {"name", "工匠" + lead}}}));
  EXPECT_EQ(assignment["lead_name"], "工匠" + lead);
  EXPECT_EQ(assignment["enterprise_id"], "E1");
  EXPECT_FALSE(assignment["enterprise_name"].get<std::string>().empty());
  EXPECT_EQ(plan.body["greedy"]["assignments"][0]["need_title"], "焊缝老有气孔");
  // The proposal itself answers with the same names.
  EXPECT_EQ(proposed.body["optimal"], plan.body["optimal"]);

  // Only its proposer: not the province above, not another city, not an
  // enterprise, and an unknown id reads the same as someone else's.
  EXPECT_EQ(api_->Get("staff-sc", url).status, 404);
  EXPECT_EQ(api_->Get("staff-sh", url).status, 404);
  EXPECT_EQ(api_->Get("admin", url).status, 404);
  EXPECT_EQ(api_->Get("ent-e1", url).status, 403);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/dispatch/P000000000000").body["error"]["code"], "not_found");

  // A craftsman who has since moved out of the caller's sight keeps only the id.
  auto moved = api_->store().GetCraftsman(lead);
  ASSERT_TRUE(moved.ok() && moved->has_value());
  (*moved)->meta.org_id = "sh";
  (*moved)->consent = domain::ConsentScope::kPool;
  ASSERT_TRUE(api_->store().Apply({.craftsmen = {**moved}}).ok());
  const json hidden = api_->Get("staff-cd", url).body["optimal"]["assignments"][0];
  EXPECT_EQ(hidden["craftsmen"], json::array({{{"id", lead}}})) << hidden.dump();
  EXPECT_FALSE(hidden.contains("lead_name")) << hidden.dump();

  Reply done = api_->Call("staff-cd", "POST", url + "/confirm", json{{"plan", "greedy"}}.dump());
  ASSERT_EQ(done.status, 200) << done.raw;
  Reply confirmed = api_->Get("staff-cd", url);
  ASSERT_EQ(confirmed.status, 200) << confirmed.raw;
  EXPECT_EQ(confirmed.body["state"], "confirmed");
  EXPECT_EQ(confirmed.body["confirmed"]["plan"], "greedy");
  // The plan keeps what confirming it created, for its page to link.
  EXPECT_EQ(confirmed.body["confirmed"]["created"], done.body["created"]);
  EXPECT_EQ(confirmed.body["confirmed"]["failed"], json::array());

  // A plan that left a need out names it with its title.
  Reply mixed = api_->Call("admin", "POST", "/api/v1/dispatch", json{{"need_ids", {"N1", "N2"}}}.dump());
  ASSERT_EQ(mixed.status, 200) << mixed.raw;
  const json stored = api_->Get("admin", "/api/v1/dispatch/" + mixed.body["plan_id"].get<std::string>()).body;
  ASSERT_EQ(stored["skipped"].size(), 1u) << stored.dump();
  EXPECT_EQ(stored["skipped"][0]["need_id"], "N1");
  EXPECT_EQ(stored["skipped"][0]["need_title"], "焊缝老有气孔");
  EXPECT_FALSE(stored["skipped"][0]["reason"].get<std::string>().empty());
}

class WebhookTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam()); }
  std::unique_ptr<ApiFixture> api_;
};

TEST_P(WebhookTest, DeliveriesAreSignedRetriedWithBackOffAndLogged) {
  // Fails the first request, then accepts.
  WebhookReceiver receiver([](size_t n) { return n == 0 ? 500 : 204; });
  const std::string url = receiver.url();
  EXPECT_EQ(api_->Call("staff-cd", "POST", "/api/v1/webhooks", json{{"url", url}}.dump()).status, 403);
  EXPECT_EQ(api_->Call("admin", "POST", "/api/v1/webhooks", json{{"url", "ftp://x"}}.dump()).status, 400);
  Reply hook = api_->Call("admin", "POST", "/api/v1/webhooks", json{{"url", url}, {"events", {"dispatched"}}}.dump());
  ASSERT_EQ(hook.status, 201) << hook.raw;
  const std::string secret = hook.body["secret"];
  EXPECT_FALSE(api_->Get("admin", "/api/v1/webhooks").body["items"][0].contains("secret"));

  ASSERT_EQ(api_->Call("staff-cd", "POST", "/api/v1/engagements",
                       json{{"need_id", "N1"}, {"craftsman_ids", {"C1"}}}.dump())
                .status,
            201);
  const services::DeliveryOptions options{.timeout = std::chrono::seconds(5)};
  auto attempted = services::WebhookDeliverer::DeliverDue(api_->store(), api_->clock(), options);
  ASSERT_TRUE(attempted.ok()) << attempted.status().ToString();
  EXPECT_EQ(*attempted, 2);  // the craftsman's and the enterprise's "dispatched"
  EXPECT_EQ(*services::WebhookDeliverer::DeliverDue(api_->store(), api_->clock(), options), 0);  // backing off
  api_->clock().Advance(std::chrono::seconds(31));
  EXPECT_EQ(*services::WebhookDeliverer::DeliverDue(api_->store(), api_->clock(), options), 1);

  const auto got = receiver.received();
  ASSERT_EQ(got.size(), 3u);
  for (const auto& req : got) {
    EXPECT_EQ(req.get_header_value("X-CraftLink-Event"), "dispatched");
    EXPECT_EQ(req.get_header_value("X-CraftLink-Signature"),
              services::WebhookSignature(secret, req.get_header_value("X-CraftLink-Timestamp"), req.body));
    EXPECT_NE(req.get_header_value("X-CraftLink-Signature"),
              services::WebhookSignature("wrong secret value", req.get_header_value("X-CraftLink-Timestamp"), req.body));
    EXPECT_EQ(json::parse(req.body)["event"], "dispatched");
  }
  const json log = api_->Get("admin", "/api/v1/webhooks/deliveries").body;
  ASSERT_EQ(log["items"].size(), 2u);
  int attempts = 0;
  for (const auto& d : log["items"]) {
    EXPECT_EQ(d["status"], "delivered");
    attempts += d["attempts"].get<int>();
  }
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/webhooks/deliveries").status, 403);
}

TEST_P(WebhookTest, ADeliveryIsClaimedByOneSenderAtATime) {
  ASSERT_EQ(api_->Call("admin", "POST", "/api/v1/webhooks", json{{"url", "http://127.0.0.1:9/hook"}}.dump()).status,
            201);
  ASSERT_EQ(api_->Call("staff-cd", "POST", "/api/v1/engagements",
                       json{{"need_id", "N1"}, {"craftsman_ids", {"C1"}}}.dump())
                .status,
            201);
  const std::string now = FormatIso8601(api_->clock().Now() + std::chrono::seconds(1));
  const std::string later = FormatIso8601(api_->clock().Now() + std::chrono::minutes(10));
  auto first = api_->store().ClaimDueDeliveries(now, "2000-01-01", 100);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->size(), 2u);
  auto second = api_->store().ClaimDueDeliveries(now, "2000-01-01", 100);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->size(), 0u);  // another instance finds nothing to send
  // A sender that died after claiming: its deliveries come back once stale.
  auto stale = api_->store().ClaimDueDeliveries(later, later, 100);
  ASSERT_TRUE(stale.ok());
  EXPECT_EQ(stale->size(), 2u);
}

TEST(WebhookBackoffTest, GrowsAndStopsGrowing) {
  EXPECT_EQ(services::WebhookBackoff(1).count(), 30);
  EXPECT_LT(services::WebhookBackoff(2), services::WebhookBackoff(3));
  EXPECT_EQ(services::WebhookBackoff(7), services::WebhookBackoff(5));
}

INSTANTIATE_TEST_SUITE_P(Backends, DispatchWithMatchingTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, WebhookTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
