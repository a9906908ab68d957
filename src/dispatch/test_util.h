// Shared by the dispatch tests: compact builders and plan invariants.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "dispatch/dispatch.h"

namespace craftlink::dispatch::testing {

inline Candidate Cand(std::string id, double score, std::vector<std::string> skills = {}, bool too_far = false) {
  return Candidate{std::move(id), score, std::move(skills), too_far};
}

inline NeedRequest Need(std::string id, std::vector<Candidate> candidates, int squad_size = 1,
                        std::vector<std::string> required = {}) {
  return NeedRequest{std::move(id), std::move(candidates), squad_size, std::move(required)};
}

inline std::int64_t Units(double score) { return std::llround(score * kScoreScale); }

inline std::map<std::string, int> Loads(const Plan& plan) {
  std::map<std::string, int> loads;
  for (const auto& a : plan.assignments) {
    for (const auto& id : a.craftsman_ids) ++loads[id];
  }
  return loads;
}

inline const Unserved* FindUnserved(const Plan& plan, const std::string& need_id) {
  for (const auto& u : plan.unserved) {
    if (u.need_id == need_id) return &u;
  }
  return nullptr;
}

// Every need appears exactly once (served or unserved), members are eligible
// candidates of their need, squads have their size and cover their skills,
// and no craftsman exceeds their capacity.
inline void ExpectValidPlan(const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& caps,
                            const DispatchOptions& options, const Plan& plan) {
  std::map<std::string, const NeedRequest*> by_id;
  for (const auto& n : needs) by_id[n.need_id] = &n;
  std::multiset<std::string> seen;
  double total = 0;
  for (const auto& a : plan.assignments) {
    seen.insert(a.need_id);
    const NeedRequest& need = *by_id.at(a.need_id);
    ASSERT_EQ(static_cast<int>(a.craftsman_ids.size()), need.squad_size) << a.need_id;
    std::set<std::string> members(a.craftsman_ids.begin(), a.craftsman_ids.end());
    EXPECT_EQ(members.size(), a.craftsman_ids.size()) << "duplicate member in " << a.need_id;
    std::set<std::string> covered;
    double best = -1, sum = 0, lead_score = -2;
    for (const auto& id : a.craftsman_ids) {
      const Candidate* found = nullptr;
      for (const auto& c : need.candidates) {
        if (c.craftsman_id == id) found = &c;
      }
      ASSERT_NE(found, nullptr) << id << " is not a candidate of " << a.need_id;
      EXPECT_FALSE(found->too_far);
      EXPECT_GE(found->score, options.min_score);
      covered.insert(found->skills_covered.begin(), found->skills_covered.end());
      if (found->score > best) best = found->score;
      sum += found->score;
      if (id == a.lead_id) lead_score = found->score;
    }
    EXPECT_EQ(lead_score, best) << "lead is not the best member of " << a.need_id;
    EXPECT_EQ(a.lead_id, a.craftsman_ids.front());
    for (const auto& skill : need.required_skills) EXPECT_TRUE(covered.count(skill)) << skill;
    EXPECT_NEAR(a.score, sum / static_cast<double>(a.craftsman_ids.size()), 1e-9);
    total += a.score;
  }
  for (const auto& u : plan.unserved) seen.insert(u.need_id);
  EXPECT_EQ(seen.size(), needs.size());
  for (const auto& n : needs) EXPECT_EQ(seen.count(n.need_id), 1u) << n.need_id;
  const auto loads = Loads(plan);
  for (const auto& c : caps) {
    auto it = loads.find(c.craftsman_id);
    if (it != loads.end()) {
      EXPECT_LE(it->second, c.remaining) << c.craftsman_id;
    }
  }
  EXPECT_EQ(plan.needs_served, static_cast<int>(plan.assignments.size()));
  EXPECT_NEAR(plan.total_score, total, 1e-9);
}

}  // namespace craftlink::dispatch::testing
