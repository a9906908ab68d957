// The match index learns from how engagements ended, through the real API on
// both backends: a need the enterprise confirmed resolved becomes evidence of
// the craftsman's expertise (ranked on, never quoted), track records show in
// reasons, and an index built afresh over the same database (a restart,
// another instance) learns the same, each engagement once.
#include <gtest/gtest.h>

#include "api_fixture.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

domain::Need MakeNeed(const std::string& id, const std::string& enterprise, const std::string& org, std::string title,
                      std::string description, bool confidential = false) {
  domain::Need n;
  n.id = id;
  n.enterprise_id = enterprise;
  n.title = std::move(title);
  n.description = std::move(description);
  n.posted = "2026-03-01";
  n.confidential = confidential;
  n.meta.org_id = org;
  return n;
}

// Words of the confidential need N5 that no profile in the pool contains:
// a reason that showed one would be showing N5's text.
const char* const kConfidentialWords[] = {"空压机", "跳闸", "储气罐", "过载", "停线", "kx", "KX"};

class EvidenceApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    api_ = std::make_unique<ApiFixture>(GetParam(), FixtureOptions{.with_matching = true});
    storage::WriteBatch batch;
    domain::Enterprise e3;
    e3.id = "E3";
    e3.name = "重庆某压缩机用户";
    e3.meta.org_id = "cq";
    batch.enterprises = {e3};
    const std::string compressor = "KX型螺杆空压机运行半小时就过载跳闸，储气罐压力上不去，整条喷涂线停线。";
    batch.needs = {MakeNeed("N5", "E1", "cd", "空压机频繁跳闸", compressor, /*confidential=*/true),
                   MakeNeed("N6", "E1", "cd", "空压机老是过载跳闸", "储气罐压力不够，空压机跳闸停机"),
                   MakeNeed("N7", "E3", "cq", "KX空压机过载跳闸", compressor),
                   MakeNeed("N8", "E1", "cd", "数控车床主轴异响", "主轴高速时异响，工件表面有振纹"),
                   MakeNeed("N9", "E1", "cd", "车床主轴有异响", "数控车床主轴异响，加工出振纹")};
    ASSERT_TRUE(api_->store().Apply(batch).ok());
    ASSERT_TRUE(api_->engine().CatchUp().ok());  // what the server's follower does
  }

  Reply Step(const std::string& who, const std::string& id, const std::string& step, json body = json::object()) {
    Reply current = api_->Get(who, "/api/v1/engagements/" + id);
    if (current.status == 200) body["version"] = current.body["version"];
    return api_->Call(who, "POST", "/api/v1/engagements/" + id + "/" + step, body.dump());
  }

  // C1 serves `need` from dispatch to a visit, then the lead reports it
  // resolved (or not) and the enterprise rates it, confirming the fix or not.
  void Serve(const std::string& need, bool resolved, int rating, bool confirmed) {
    Reply created =
        api_->Call("staff-cd", "POST", "/api/v1/engagements",
                   json{{"need_id", need}, {"craftsman_ids", {"C1"}}, {"override_reason", "指定工匠"}}.dump());
    ASSERT_EQ(created.status, 201) << created.raw;
    const std::string id = created.body["id"];
    ASSERT_EQ(Step("crafts-c1", id, "accept").status, 200);
    ASSERT_EQ(Step("crafts-c1", id, "visits", {{"date", "2026-03-02"}, {"hours", 2}, {"summary", "现场排查"}}).status,
              200);
    Reply ended = resolved ? Step("crafts-c1", id, "resolve", {{"summary", "已处理"}})
                           : Step("crafts-c1", id, "not-resolved", {{"reason", "需更换设备"}});
    ASSERT_EQ(ended.status, 200) << ended.raw;
    Reply rated = Step("ent-e1", id, "feedback", {{"rating", rating}, {"confirmed", confirmed}});
    ASSERT_EQ(rated.status, 200) << rated.raw;
  }

  json Matches(const std::string& who, const std::string& need) {
    Reply r = api_->Get(who, "/api/v1/needs/" + need + "/matches");
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body;
  }

  std::unique_ptr<ApiFixture> api_;
};

const json* MatchOf(const json& list, const std::string& craftsman) {
  for (const auto& m : list["matches"]) {
    if (m["craftsman_id"] == craftsman) return &m;
  }
  return nullptr;
}

const json* ReasonOf(const json& match, const std::string& type) {
  for (const auto& r : match["reasons"]) {
    if (r["type"] == type) return &r;
  }
  return nullptr;
}

TEST_P(EvidenceApiTest, ACraftsmanWhoResolvedANeedRisesForTheSameProblem) {
  const json before = Matches("staff-cd", "N6");
  const json* c1_before = MatchOf(before, "C1");
  const double score_before = c1_before ? (*c1_before)["score"].get<double>() : 0.0;

  Serve("N5", /*resolved=*/true, 5, /*confirmed=*/true);
  const json unswept = Matches("staff-cd", "N6");
  const json* c1_unswept = MatchOf(unswept, "C1");
  EXPECT_EQ(c1_unswept ? (*c1_unswept)["score"].get<double>() : 0.0, score_before) << "learnt before any refresh";
  api_->RefreshCapacity();  // the sweeper's refresh

  const json after = Matches("staff-cd", "N6");
  ASSERT_FALSE(after["matches"].empty()) << after.dump();
  const json& top = after["matches"][0];
  EXPECT_EQ(top["craftsman_id"], "C1") << after.dump();
  EXPECT_GT(top["score"].get<double>(), score_before + 0.1);
  // C3 has the very same profile but no such history.
  const json* c3 = MatchOf(after, "C3");
  if (c3 != nullptr) {
    EXPECT_LT((*c3)["score"].get<double>(), top["score"].get<double>());
  }
  const json* evidence = ReasonOf(top, "evidence");
  ASSERT_NE(evidence, nullptr) << top.dump();
  EXPECT_EQ((*evidence)["label"], "曾解决过类似问题");
  const json* record = ReasonOf(top, "track_record");
  ASSERT_NE(record, nullptr) << top.dump();
  EXPECT_EQ((*record)["label"], "已解决 1 项，平均评分 5.0");
  EXPECT_EQ((*record)["resolved"], 1);
}

TEST_P(EvidenceApiTest, AConfidentialNeedIsNotQuotedToAnotherOrganisationsStaff) {
  Serve("N5", /*resolved=*/true, 5, /*confirmed=*/true);
  api_->RefreshCapacity();
  EXPECT_EQ(api_->Get("staff-cq", "/api/v1/needs/N5").status, 404);  // N5 is not theirs to read

  // 重庆's need uses N5's very words: C1 (shared with 川渝) ranks on them
  // without any reason repeating them.
  const json list = Matches("staff-cq", "N7");
  const json* c1 = MatchOf(list, "C1");
  ASSERT_NE(c1, nullptr) << list.dump();
  ASSERT_NE(ReasonOf(*c1, "evidence"), nullptr) << c1->dump();
  for (const auto& reason : (*c1)["reasons"]) {
    std::string shown = reason["label"].get<std::string>();
    if (reason.contains("terms")) shown += reason["terms"].dump();
    for (const char* word : kConfidentialWords) EXPECT_EQ(shown.find(word), std::string::npos) << word << ": " << shown;
  }
}

TEST_P(EvidenceApiTest, ARebuiltIndexLearnsTheSameAndCountsEachEngagementOnce) {
  Serve("N8", /*resolved=*/true, 2, /*confirmed=*/false);  // the enterprise disputes the fix
  api_->RefreshCapacity();
  // A disputed fix is no evidence: nothing lifts C1 for N8's own problem.
  const json lathe_list = Matches("staff-cd", "N9");
  const json* lathe = MatchOf(lathe_list, "C1");
  if (lathe != nullptr) {
    EXPECT_EQ(ReasonOf(*lathe, "evidence"), nullptr) << lathe->dump();
  }

  Serve("N5", /*resolved=*/true, 4, /*confirmed=*/true);
  api_->RefreshCapacity();
  const json once = Matches("staff-cd", "N6");
  api_->RefreshCapacity();  // a later sweep finds nothing new
  const json twice = Matches("staff-cd", "N6");
  EXPECT_EQ(once["matches"], twice["matches"]);

  const matching::TrackRecord c1 = api_->outcomes().Get("C1");
  EXPECT_EQ(c1.resolved, 1);
  EXPECT_EQ(c1.not_resolved, 1);  // disputed
  EXPECT_EQ(c1.rated, 2);
  EXPECT_DOUBLE_EQ(c1.mean_rating, 3.0);
  const json* c1_match = MatchOf(once, "C1");
  ASSERT_NE(c1_match, nullptr) << once.dump();
  const json* record = ReasonOf(*c1_match, "track_record");
  ASSERT_NE(record, nullptr);
  EXPECT_EQ((*record)["label"], "已解决 1 项、未解决 1 项，平均评分 3.0");

  // A restart (or a second instance on the same database): a new index and
  // a new reading of the history give the same ranking, reasons and record.
  auto config = matching::LoadMatchConfig();
  ASSERT_TRUE(config.ok());
  auto capacity = std::make_shared<services::EngagementCapacity>();
  ASSERT_TRUE(capacity->Refresh(api_->store()).ok());
  auto outcomes = std::make_shared<services::EngagementOutcomes>();
  config->capacity = capacity;
  config->track_record = outcomes;
  auto engine = matching::MatchEngine::Build(api_->store(), *config);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  ASSERT_TRUE(outcomes->Refresh(api_->store(), **engine).ok());
  ASSERT_TRUE(outcomes->Refresh(api_->store(), **engine).ok());
  EXPECT_EQ(outcomes->applied_seq(), api_->outcomes().applied_seq());
  const matching::TrackRecord again = outcomes->Get("C1");
  EXPECT_EQ(again.resolved, c1.resolved);
  EXPECT_EQ(again.not_resolved, c1.not_resolved);
  EXPECT_EQ(again.rated, c1.rated);
  services::MatchService restarted(api_->store(), **engine);
  const access::Principal staff{"u", "staff-cd", access::Role::kStaff, "cd", "", ""};
  auto rebuilt = restarted.MatchesForNeed(staff, "N6", 10, false);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  EXPECT_EQ((*rebuilt)["matches"], once["matches"]);
}

INSTANTIATE_TEST_SUITE_P(Backends, EvidenceApiTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
