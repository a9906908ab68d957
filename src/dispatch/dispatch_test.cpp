#include "dispatch/dispatch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

#include "dispatch/test_util.h"

namespace craftlink::dispatch {
namespace {

using testing::Cand;
using testing::ExpectValidPlan;
using testing::FindUnserved;
using testing::Loads;
using testing::Need;
using testing::Units;

// The objective SolveOptimal maximises for single-craftsman needs, in score
// units, recomputed independently from the public contract in dispatch.h.
class Objective {
 public:
  Objective(const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& caps,
            const DispatchOptions& options)
      : needs_(needs), options_(options) {
    for (const auto& c : caps) cap_[c.craftsman_id] = c.remaining;
    step_ = options.load_balancing ? Units(options.balance_step) : 0;
    std::map<std::string, int> listed;
    for (const auto& n : needs) {
      for (const auto& c : n.candidates) {
        if (Eligible(c)) ++listed[c.craftsman_id];
      }
    }
    int most_slots = 0;
    for (const auto& [id, count] : listed) most_slots = std::max(most_slots, std::min(count, cap_[id]));
    penalty_ = options.unserved_penalty + step_ * std::max(0, most_slots - 1);
  }

  bool Eligible(const Candidate& c) const { return !c.too_far && c.score >= options_.min_score; }

  std::int64_t Of(const Plan& plan) const {
    std::int64_t value = 0;
    for (const auto& a : plan.assignments) value += Units(a.score);
    for (const auto& [id, load] : Loads(plan)) value -= step_ * load * (load - 1) / 2;
    return value - penalty_ * static_cast<std::int64_t>(plan.unserved.size());
  }

  // Best value over every assignment of needs to eligible candidates (or to
  // nobody) that respects capacities.
  std::int64_t BruteForce() {
    best_ = std::numeric_limits<std::int64_t>::min();
    load_.clear();
    Search(0, 0);
    return best_;
  }

 private:
  void Search(size_t i, std::int64_t value) {
    if (i == needs_.size()) {
      best_ = std::max(best_, value);
      return;
    }
    Search(i + 1, value - penalty_);
    for (const auto& c : needs_[i].candidates) {
      int& load = load_[c.craftsman_id];
      if (!Eligible(c) || load >= cap_[c.craftsman_id]) continue;
      ++load;
      Search(i + 1, value + Units(c.score) - step_ * (load - 1));
      --load;
    }
  }

  const std::vector<NeedRequest>& needs_;
  const DispatchOptions& options_;
  std::map<std::string, int> cap_;
  std::map<std::string, int> load_;
  std::int64_t step_ = 0;
  std::int64_t penalty_ = 0;
  std::int64_t best_ = 0;
};

struct Instance {
  std::vector<NeedRequest> needs;
  std::vector<CraftsmanCapacity> caps;
  DispatchOptions options;
};

Instance RandomInstance(std::mt19937& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Instance in;
  const int craftsmen = std::uniform_int_distribution<int>(1, 5)(rng);
  const int needs = std::uniform_int_distribution<int>(0, 6)(rng);
  for (int c = 0; c < craftsmen; ++c) {
    in.caps.push_back({"C" + std::to_string(c), std::uniform_int_distribution<int>(0, 2)(rng)});
  }
  for (int n = 0; n < needs; ++n) {
    NeedRequest need = Need("N" + std::to_string(n), {});
    for (int c = 0; c < craftsmen; ++c) {
      if (unit(rng) < 0.6) need.candidates.push_back(Cand("C" + std::to_string(c), unit(rng), {}, unit(rng) < 0.1));
    }
    in.needs.push_back(std::move(need));
  }
  if (unit(rng) < 0.3) in.options.min_score = 0.2;
  if (unit(rng) < 0.3) in.options.unserved_penalty = std::uniform_int_distribution<int>(0, 500)(rng);
  if (unit(rng) < 0.3) {
    in.options.load_balancing = true;
    in.options.balance_step = unit(rng) < 0.5 ? 0.05 : 0.2;
  }
  return in;
}

TEST(DispatchOptimal, MatchesBruteForceAndBeatsGreedyOnRandomInstances) {
  std::mt19937 rng(20240611);
  for (int round = 0; round < 200; ++round) {
    SCOPED_TRACE("instance " + std::to_string(round));
    const Instance in = RandomInstance(rng);
    Result<Plan> optimal = SolveOptimal(in.needs, in.caps, in.options);
    ASSERT_TRUE(optimal.ok()) << optimal.status().ToString();
    const Plan greedy = SolveGreedy(in.needs, in.caps, in.options);
    ExpectValidPlan(in.needs, in.caps, in.options, *optimal);
    ExpectValidPlan(in.needs, in.caps, in.options, greedy);
    Objective objective(in.needs, in.caps, in.options);
    EXPECT_EQ(objective.Of(*optimal), objective.BruteForce());
    EXPECT_GE(objective.Of(*optimal), objective.Of(greedy));
    for (const auto& u : optimal->unserved) {
      EXPECT_NE(u.reason, Unserved::kSkillsNotCovered) << u.need_id;  // no skills asked
    }
  }
}

TEST(DispatchOptimal, PureScoreObjectiveIsWithinRoundingOfBruteForce) {
  std::mt19937 rng(7);
  for (int round = 0; round < 100; ++round) {
    Instance in = RandomInstance(rng);
    in.options = {};
    Result<Plan> optimal = SolveOptimal(in.needs, in.caps, in.options);
    ASSERT_TRUE(optimal.ok());
    const Plan greedy = SolveGreedy(in.needs, in.caps, in.options);
    const double slack = 0.0005 * static_cast<double>(in.needs.size()) + 1e-9;
    const double best = static_cast<double>(Objective(in.needs, in.caps, in.options).BruteForce()) / kScoreScale;
    EXPECT_NEAR(optimal->total_score, best, slack);
    EXPECT_GE(optimal->total_score + slack, greedy.total_score);
  }
}

TEST(DispatchOptimal, BeatsGreedyWhereGreedyIsFooled) {
  // Greedy gives X to A (0.9) and strands B; the optimum moves A to Y.
  const std::vector<NeedRequest> needs = {Need("A", {Cand("X", 0.9), Cand("Y", 0.8)}), Need("B", {Cand("X", 0.85)})};
  const std::vector<CraftsmanCapacity> caps = {{"X", 1}, {"Y", 1}};
  Result<Comparison> cmp = Compare(needs, caps);
  ASSERT_TRUE(cmp.ok());
  EXPECT_NEAR(cmp->optimal.total_score, 1.65, 1e-9);
  EXPECT_EQ(cmp->optimal.needs_served, 2);
  EXPECT_NEAR(cmp->greedy.total_score, 0.9, 1e-9);
  ASSERT_EQ(cmp->greedy.unserved.size(), 1u);
  EXPECT_EQ(cmp->greedy.unserved[0].need_id, "B");
  EXPECT_EQ(cmp->greedy.unserved[0].reason, Unserved::kNoCapacity);
  EXPECT_GT(cmp->optimal.total_score, cmp->greedy.total_score);
}

TEST(DispatchOptimal, LoadBalancingSpreadsAFamousCraftsman) {
  std::vector<NeedRequest> needs;
  std::vector<CraftsmanCapacity> caps = {{"F", 5}};
  for (int i = 0; i < 5; ++i) {
    const std::string other = "O" + std::to_string(i);
    needs.push_back(Need("N" + std::to_string(i), {Cand("F", 0.95), Cand(other, 0.85)}));
    caps.push_back({other, 1});
  }
  Result<Plan> plain = SolveOptimal(needs, caps);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(Loads(*plain)["F"], 5);
  // Second assignment: 0.10 better than the alternative, costs 0.08 — worth
  // it; the third costs 0.16 — not.
  Result<Plan> balanced = SolveOptimal(needs, caps, {.load_balancing = true, .balance_step = 0.08});
  ASSERT_TRUE(balanced.ok());
  ExpectValidPlan(needs, caps, {}, *balanced);
  EXPECT_EQ(Loads(*balanced)["F"], 2);
  EXPECT_EQ(balanced->needs_served, 5);
}

TEST(DispatchOptimal, LoadBalancingNeverLeavesAServableNeedUnserved) {
  std::vector<NeedRequest> needs;
  for (int i = 0; i < 6; ++i) needs.push_back(Need("N" + std::to_string(i), {Cand("F", 0.1)}));
  Result<Plan> plan = SolveOptimal(needs, {{"F", 4}}, {.load_balancing = true, .balance_step = 0.5});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->needs_served, 4);
  for (const auto& u : plan->unserved) EXPECT_EQ(u.reason, Unserved::kNoCapacity);
}

TEST(DispatchOptimal, ZeroScoresAreStillServedWhenCapacityAllows) {
  Result<Plan> plan = SolveOptimal({Need("A", {Cand("X", 0.0)}), Need("B", {Cand("X", 0.0004)})}, {{"X", 2}});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->needs_served, 2);
}

TEST(DispatchOptimal, UnservedPenaltyTradesScoreForCoverage) {
  // Max score serves only A with X (1.0); serving both scores 0.02.
  const std::vector<NeedRequest> needs = {Need("A", {Cand("X", 1.0), Cand("Y", 0.01)}), Need("B", {Cand("X", 0.01)})};
  const std::vector<CraftsmanCapacity> caps = {{"X", 1}, {"Y", 1}};
  Result<Plan> by_score = SolveOptimal(needs, caps);
  ASSERT_TRUE(by_score.ok());
  EXPECT_EQ(by_score->needs_served, 1);
  Result<Plan> by_coverage = SolveOptimal(needs, caps, {.unserved_penalty = 2000});
  ASSERT_TRUE(by_coverage.ok());
  EXPECT_EQ(by_coverage->needs_served, 2);
}

TEST(DispatchReasons, EachReasonIsReportedForTheRightCause) {
  const std::vector<NeedRequest> needs = {
      Need("none", {}),
      Need("far", {Cand("X", 0.9, {}, true), Cand("Y", 0.8, {}, true)}),
      Need("full", {Cand("Z", 0.9), Cand("X", 0.7, {}, true)}),
      Need("low", {Cand("X", 0.3), Cand("Y", 0.9, {}, true)}),
      Need("skill", {Cand("X", 0.9, {"焊接"})}, 1, {"焊接", "探伤"}),
      Need("ok", {Cand("X", 0.8, {"焊接"})}, 1, {"焊接"}),
  };
  const std::vector<CraftsmanCapacity> caps = {{"X", 3}, {"Y", 3}, {"Z", 0}};
  const DispatchOptions options{.min_score = 0.5};
  Result<Comparison> cmp = Compare(needs, caps, options);
  ASSERT_TRUE(cmp.ok()) << cmp.status().ToString();
  for (const Plan* plan : {&cmp->optimal, &cmp->greedy}) {
    ASSERT_EQ(plan->unserved.size(), 5u);
    EXPECT_EQ(FindUnserved(*plan, "none")->reason, Unserved::kNoCandidate);
    EXPECT_EQ(FindUnserved(*plan, "far")->reason, Unserved::kTooFar);
    EXPECT_EQ(FindUnserved(*plan, "full")->reason, Unserved::kNoCapacity);
    EXPECT_EQ(FindUnserved(*plan, "full")->detail, "候选工匠本月名额已满");
    EXPECT_EQ(FindUnserved(*plan, "low")->reason, Unserved::kLowScore);
    EXPECT_EQ(FindUnserved(*plan, "skill")->reason, Unserved::kSkillsNotCovered);
    EXPECT_NE(FindUnserved(*plan, "skill")->detail.find("探伤"), std::string::npos);
    ASSERT_EQ(plan->assignments.size(), 1u);
    EXPECT_EQ(plan->assignments[0].need_id, "ok");
  }
}

TEST(DispatchReasons, CapacityTakenByOthersIsNoCapacity) {
  const std::vector<NeedRequest> needs = {Need("A", {Cand("X", 0.9)}), Need("B", {Cand("X", 0.8)})};
  Result<Plan> plan = SolveOptimal(needs, {{"X", 1}});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->unserved.size(), 1u);
  EXPECT_EQ(plan->unserved[0].need_id, "B");
  EXPECT_EQ(plan->unserved[0].reason, Unserved::kNoCapacity);
}

TEST(DispatchEdges, EmptyInputGivesEmptyPlan) {
  Result<Plan> plan = SolveOptimal({}, {});
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->assignments.empty());
  EXPECT_TRUE(plan->unserved.empty());
  EXPECT_EQ(plan->total_score, 0);
  EXPECT_EQ(plan->needs_served, 0);
  EXPECT_EQ(SolveGreedy({}, {{"X", 3}}).needs_served, 0);
}

TEST(DispatchEdges, NeedWithoutCandidatesAndNoCraftsmen) {
  Result<Plan> plan = SolveOptimal({Need("A", {})}, {});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->unserved.size(), 1u);
  EXPECT_EQ(plan->unserved[0].reason, Unserved::kNoCandidate);
}

TEST(DispatchValidation, RejectsBadInputWithTheField) {
  const auto field = [](const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& caps,
                        const DispatchOptions& options = {}) {
    Result<Plan> plan = SolveOptimal(needs, caps, options);
    EXPECT_FALSE(plan.ok());
    EXPECT_EQ(plan.status().code(), ErrorCode::kInvalidArgument);
    return plan.status().field();
  };
  EXPECT_EQ(field({Need("A", {Cand("ghost", 0.5)})}, {}), "needs[0].candidates[0].craftsman_id");
  EXPECT_EQ(field({Need("A", {}), Need("A", {})}, {}), "needs[1].need_id");
  EXPECT_EQ(field({}, {{"X", -1}}), "capacities[0].remaining");
  EXPECT_EQ(field({}, {{"X", 1}, {"X", 2}}), "capacities[1].craftsman_id");
  EXPECT_EQ(field({Need("A", {Cand("X", std::nan(""))})}, {{"X", 1}}), "needs[0].candidates[0].score");
  EXPECT_EQ(field({Need("A", {Cand("X", 0.5), Cand("X", 0.4)})}, {{"X", 1}}), "needs[0].candidates[1].craftsman_id");
  EXPECT_EQ(field({Need("A", {}, 0)}, {}), "needs[0].squad_size");
  EXPECT_EQ(field({}, {}, {.min_score = -0.1}), "options.min_score");
  EXPECT_EQ(field({}, {}, {.exact_cover_limit = 40}), "options.exact_cover_limit");
  EXPECT_TRUE(Validate({Need("A", {Cand("X", 0.5)})}, {{"X", 1}}).ok());
}

TEST(DispatchValidation, GreedyRepairsWhatOptimalRejects) {
  const std::vector<NeedRequest> needs = {Need("A", {Cand("ghost", 0.9), Cand("X", 0.5), Cand("X", 0.4)}),
                                          Need("B", {Cand("X", std::nan(""))})};
  const Plan plan = SolveGreedy(needs, {{"X", 1}});
  ASSERT_EQ(plan.assignments.size(), 1u);
  EXPECT_EQ(plan.assignments[0].lead_id, "X");
  EXPECT_EQ(FindUnserved(plan, "B")->reason, Unserved::kLowScore);
}

TEST(DispatchFormat, JsonAndTableCarryReasonsAndTotals) {
  const std::vector<NeedRequest> needs = {Need("A", {Cand("X", 0.9)}), Need("B", {Cand("X", 0.8)})};
  Result<Comparison> cmp = Compare(needs, {{"X", 1}});
  ASSERT_TRUE(cmp.ok());
  const nlohmann::json json = nlohmann::json::parse(ToJson(*cmp));
  EXPECT_EQ(json["optimal"]["needs_served"], 1);
  EXPECT_EQ(json["optimal"]["assignments"][0]["lead_id"], "X");
  EXPECT_EQ(json["optimal"]["unserved"][0]["reason"], "no_capacity");
  EXPECT_EQ(json["greedy"]["unserved"][0]["reason_label"], "名额已满");
  const std::string table = FormatTable(*cmp);
  EXPECT_NE(table.find("最优"), std::string::npos);
  EXPECT_NE(table.find("名额已满"), std::string::npos);
  EXPECT_NE(table.find("0.900"), std::string::npos);
}

}  // namespace
}  // namespace craftlink::dispatch
