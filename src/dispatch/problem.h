// Internal to craftlink_dispatch: the input indexed once (craftsmen by number,
// required skills as bit masks, candidates filtered and sorted), shared by the
// optimal and greedy solvers so both see exactly the same eligibility rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dispatch/dispatch.h"

namespace craftlink::dispatch::internal {

struct Cand {
  int craftsman = 0;  // index into Problem::craftsman_ids
  double score = 0;
  std::int64_t units = 0;    // round(score × kScoreScale)
  std::uint64_t skills = 0;  // bit i set: covers required_skills[i]
};

struct Need {
  const NeedRequest* request = nullptr;
  int squad_size = 1;
  std::uint64_t required = 0;            // one bit per distinct required skill
  std::vector<std::string> skill_names;  // by bit
  // Near enough, score ≥ min_score and, for k = 1, covering every required
  // skill; highest score first, ties in input order.
  std::vector<Cand> eligible;
  int candidates = 0;  // as given, after dropping duplicates
  int too_far = 0;
  int low_score = 0;       // near enough but below min_score
  int missing_skills = 0;  // k = 1 only: near, good score, skills not covered
};

struct Problem {
  std::vector<std::string> craftsman_ids;
  std::vector<int> capacity;  // remaining, by craftsman index
  std::vector<Need> needs;    // input order
};

// Indexes the input. Entries that Validate would reject are repaired so the
// greedy baseline can still run; `status` keeps the first such error.
struct Built {
  Problem problem;
  Status status;
};
Built Build(const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& capacities,
            const DispatchOptions& options);

// Members of a squad for `need` (indices into need.eligible, best first), or
// nothing if none exists. With `residual` only craftsmen with a free slot are
// considered; without it, capacity is ignored (used to explain failures).
std::optional<std::vector<int>> ChooseSquad(const Need& need, const std::vector<int>* residual, int exact_cover_limit);

// Why `need` went unserved. Callers make sure capacity is the cause when no
// other reason applies (see HasFreeCandidate).
Unserved Explain(const Need& need, const DispatchOptions& options);

// True if some eligible candidate of a k = 1 need still has a free slot.
bool HasFreeCandidate(const Need& need, const std::vector<int>& residual);

// Single-craftsman needs: `choice[i]` is an index into needs[i].eligible or
// -1. Both take and decrement `residual`; squads' entries are left at -1.
Result<std::vector<int>> AssignSinglesByFlow(const Problem& problem, std::vector<int>& residual,
                                             const DispatchOptions& options);
std::vector<int> AssignSinglesGreedy(const Problem& problem, std::vector<int>& residual);

}  // namespace craftlink::dispatch::internal
