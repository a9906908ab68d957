#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "dispatch/dispatch.h"
#include "dispatch/test_util.h"

namespace craftlink::dispatch {
namespace {

using testing::Cand;
using testing::ExpectValidPlan;
using testing::FindUnserved;
using testing::Loads;
using testing::Need;
using testing::Units;

const std::vector<std::string> kSkills = {"焊接", "探伤", "数控", "液压", "电气"};

// Best total score units of a squad of exactly k covering `required`, or -1.
std::int64_t BruteForceSquad(const NeedRequest& need) {
  const int n = static_cast<int>(need.candidates.size());
  std::int64_t best = -1;
  for (int mask = 0; mask < (1 << n); ++mask) {
    if (__builtin_popcount(mask) != need.squad_size) continue;
    std::set<std::string> covered;
    std::int64_t units = 0;
    for (int i = 0; i < n; ++i) {
      if ((mask >> i & 1) == 0) continue;
      covered.insert(need.candidates[i].skills_covered.begin(), need.candidates[i].skills_covered.end());
      units += Units(need.candidates[i].score);
    }
    const bool covers = std::all_of(need.required_skills.begin(), need.required_skills.end(),
                                    [&](const std::string& s) { return covered.count(s) != 0; });
    if (covers) best = std::max(best, units);
  }
  return best;
}

NeedRequest RandomSquad(std::mt19937& rng, int candidates, std::vector<CraftsmanCapacity>& caps) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  NeedRequest need = Need("S", {}, std::uniform_int_distribution<int>(2, 4)(rng));
  const int required = std::uniform_int_distribution<int>(2, 5)(rng);
  need.required_skills.assign(kSkills.begin(), kSkills.begin() + required);
  caps.clear();
  for (int i = 0; i < candidates; ++i) {
    std::vector<std::string> skills;
    for (const auto& s : kSkills) {
      if (unit(rng) < 0.3) skills.push_back(s);
    }
    const std::string id = "C" + std::to_string(i);
    need.candidates.push_back(Cand(id, unit(rng), skills));
    caps.push_back({id, 1});
  }
  return need;
}

std::int64_t SquadUnits(const NeedRequest& need, const Assignment& a) {
  std::int64_t units = 0;
  for (const auto& c : need.candidates) {
    if (std::find(a.craftsman_ids.begin(), a.craftsman_ids.end(), c.craftsman_id) != a.craftsman_ids.end()) {
      units += Units(c.score);
    }
  }
  return units;
}

TEST(DispatchSquads, ExactCoverMatchesBruteForce) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    SCOPED_TRACE("instance " + std::to_string(round));
    std::vector<CraftsmanCapacity> caps;
    const NeedRequest need = RandomSquad(rng, std::uniform_int_distribution<int>(0, 10)(rng), caps);
    Result<Plan> plan = SolveOptimal({need}, caps);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    ExpectValidPlan({need}, caps, {}, *plan);
    const std::int64_t best = BruteForceSquad(need);
    if (best < 0) {
      ASSERT_EQ(plan->unserved.size(), 1u);
      const auto reason = plan->unserved[0].reason;
      EXPECT_TRUE(reason == Unserved::kSkillsNotCovered || reason == Unserved::kNoCandidate) << reason;
      continue;
    }
    ASSERT_EQ(plan->assignments.size(), 1u);
    EXPECT_EQ(SquadUnits(need, plan->assignments[0]), best);
  }
}

TEST(DispatchSquads, GreedyCoverOnLargePoolsCoversSkills) {
  std::mt19937 rng(5);
  int served = 0;
  for (int round = 0; round < 50; ++round) {
    std::vector<CraftsmanCapacity> caps;
    const NeedRequest need = RandomSquad(rng, 30, caps);
    Result<Plan> plan = SolveOptimal({need}, caps);
    ASSERT_TRUE(plan.ok());
    ExpectValidPlan({need}, caps, {}, *plan);  // sizes, coverage, capacity
    served += plan->needs_served;
  }
  EXPECT_GT(served, 40);
}

TEST(DispatchSquads, ExactFindsACoverGreedyMisses) {
  // Greedy takes C (four new skills) and then needs two more members; A + B
  // cover everything with two.
  const std::vector<std::string> all = {"s1", "s2", "s3", "s4", "s5", "s6"};
  const NeedRequest need = Need("S",
                                {Cand("C", 0.9, {"s1", "s2", "s4", "s5"}), Cand("A", 0.5, {"s1", "s2", "s3"}),
                                 Cand("B", 0.5, {"s4", "s5", "s6"})},
                                2, all);
  const std::vector<CraftsmanCapacity> caps = {{"A", 1}, {"B", 1}, {"C", 1}};
  Result<Plan> exact = SolveOptimal({need}, caps);
  ASSERT_TRUE(exact.ok());
  ASSERT_EQ(exact->assignments.size(), 1u);
  EXPECT_EQ(exact->assignments[0].craftsman_ids, (std::vector<std::string>{"A", "B"}));
  Result<Plan> greedy_cover = SolveOptimal({need}, caps, {.exact_cover_limit = 0});
  ASSERT_TRUE(greedy_cover.ok());
  ASSERT_EQ(greedy_cover->unserved.size(), 1u);
  EXPECT_EQ(greedy_cover->unserved[0].reason, Unserved::kSkillsNotCovered);
}

TEST(DispatchSquads, LeadIsTheBestMemberAndFillsUpToSize) {
  const NeedRequest need =
      Need("S", {Cand("A", 0.6, {"焊接"}), Cand("B", 0.9), Cand("C", 0.7), Cand("D", 0.2)}, 3, {"焊接"});
  Result<Plan> plan = SolveOptimal({need}, {{"A", 1}, {"B", 1}, {"C", 1}, {"D", 1}});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->assignments.size(), 1u);
  EXPECT_EQ(plan->assignments[0].craftsman_ids, (std::vector<std::string>{"B", "C", "A"}));
  EXPECT_EQ(plan->assignments[0].lead_id, "B");
  EXPECT_NEAR(plan->assignments[0].score, (0.9 + 0.7 + 0.6) / 3, 1e-12);
}

TEST(DispatchSquads, SquadsReserveCapacityBeforeSingles) {
  const std::vector<NeedRequest> needs = {
      Need("single", {Cand("X", 0.95), Cand("Y", 0.5)}),
      Need("squad", {Cand("X", 0.8, {"焊接"}), Cand("Z", 0.7, {"探伤"})}, 2, {"焊接", "探伤"}),
      Need("late", {Cand("X", 0.9)}),
  };
  const std::vector<CraftsmanCapacity> caps = {{"X", 1}, {"Y", 1}, {"Z", 1}};
  for (bool greedy : {false, true}) {
    const Plan plan = greedy ? SolveGreedy(needs, caps) : SolveOptimal(needs, caps).value();
    ExpectValidPlan(needs, caps, {}, plan);
    ASSERT_EQ(plan.assignments.size(), 2u);
    EXPECT_EQ(plan.assignments[0].need_id, "single");
    EXPECT_EQ(plan.assignments[0].lead_id, "Y");
    EXPECT_EQ(plan.assignments[1].need_id, "squad");
    EXPECT_EQ(FindUnserved(plan, "late")->reason, Unserved::kNoCapacity);
  }
}

TEST(DispatchSquads, UnservedSquadReasons) {
  const std::vector<NeedRequest> needs = {
      Need("uncoverable", {Cand("A", 0.9, {"焊接"}), Cand("B", 0.8, {"焊接"})}, 2, {"焊接", "探伤"}),
      Need("too_few", {Cand("A", 0.9, {"焊接"}), Cand("B", 0.8, {"探伤"})}, 3, {"焊接"}),
      Need("too_small", {Cand("A", 0.9, {"焊接"}), Cand("B", 0.8, {"探伤"}), Cand("C", 0.7, {"数控"})}, 2,
           {"焊接", "探伤", "数控"}),
      Need("busy", {Cand("F", 0.9, {"焊接"}), Cand("G", 0.8, {"探伤"})}, 2, {"焊接", "探伤"}),
      Need("far", {Cand("A", 0.9, {"焊接"}, true)}, 2, {"焊接"}),
  };
  const std::vector<CraftsmanCapacity> caps = {{"A", 9}, {"B", 9}, {"C", 9}, {"F", 0}, {"G", 3}};
  Result<Plan> plan = SolveOptimal(needs, caps);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->unserved.size(), 5u);
  EXPECT_EQ(FindUnserved(*plan, "uncoverable")->reason, Unserved::kSkillsNotCovered);
  EXPECT_NE(FindUnserved(*plan, "uncoverable")->detail.find("探伤"), std::string::npos);
  EXPECT_EQ(FindUnserved(*plan, "too_few")->reason, Unserved::kNoCandidate);
  EXPECT_EQ(FindUnserved(*plan, "too_small")->reason, Unserved::kSkillsNotCovered);
  EXPECT_EQ(FindUnserved(*plan, "busy")->reason, Unserved::kNoCapacity);
  EXPECT_EQ(FindUnserved(*plan, "far")->reason, Unserved::kTooFar);
}

TEST(DispatchSquads, MixedRandomBatchesKeepInvariants) {
  std::mt19937 rng(99);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int round = 0; round < 50; ++round) {
    std::vector<NeedRequest> needs;
    std::vector<CraftsmanCapacity> caps;
    for (int c = 0; c < 12; ++c)
      caps.push_back({"C" + std::to_string(c), std::uniform_int_distribution<int>(0, 3)(rng)});
    for (int n = 0; n < 15; ++n) {
      const bool squad = unit(rng) < 0.3;
      NeedRequest need = Need("N" + std::to_string(n), {}, squad ? 2 : 1);
      if (squad) need.required_skills = {kSkills[0], kSkills[1]};
      for (int c = 0; c < 12; ++c) {
        if (unit(rng) > 0.4) continue;
        std::vector<std::string> skills;
        for (int s = 0; s < 2; ++s) {
          if (unit(rng) < 0.5) skills.push_back(kSkills[s]);
        }
        need.candidates.push_back(Cand("C" + std::to_string(c), unit(rng), skills, unit(rng) < 0.1));
      }
      needs.push_back(std::move(need));
    }
    Result<Comparison> cmp = Compare(needs, caps);
    ASSERT_TRUE(cmp.ok()) << cmp.status().ToString();
    ExpectValidPlan(needs, caps, {}, cmp->optimal);
    ExpectValidPlan(needs, caps, {}, cmp->greedy);
    EXPECT_GE(cmp->optimal.total_score + 0.0005 * 15, cmp->greedy.total_score);
  }
}

}  // namespace
}  // namespace craftlink::dispatch
