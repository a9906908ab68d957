// dispatch: batch 派单 — given open needs with their ranked candidates and the
// craftsmen's remaining monthly capacity, decide who serves which need. Owns
// the min-cost-flow model (LEMON NetworkSimplex), the greedy baseline, squad
// (技术小分队) staffing and the plan's JSON/table output. Plain data in and out:
// scores come from the matching engine; nothing here does I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace craftlink::dispatch {

// Scores become integer costs in thousandths: LEMON needs integer costs, and
// floating-point costs gave slightly suboptimal answers in other projects.
inline constexpr std::int64_t kScoreScale = 1000;

struct Candidate {
  std::string craftsman_id;
  double score = 0;                         // the matching engine's score
  std::vector<std::string> skills_covered;  // taxonomy skills covered for this need
  bool too_far = false;                     // filtered by distance: never assigned
};

struct NeedRequest {
  std::string need_id;
  std::vector<Candidate> candidates;
  int squad_size = 1;  // > 1: a squad of exactly this many craftsmen
  // Skills the assignee(s) must cover together. With squad_size 1 the single
  // craftsman must cover all of them.
  std::vector<std::string> required_skills;
};

struct CraftsmanCapacity {
  std::string craftsman_id;
  int remaining = 0;  // engagements this craftsman can still take this month
};

struct DispatchOptions {
  // Spread work: a craftsman's (j+1)-th assignment in this batch costs
  // j × balance_step score points (first free). So that balancing moves work
  // rather than refusing it, the unserved penalty then grows by
  // balance_step × (s − 1), s being the most slots any craftsman can fill
  // (free capacity, capped by the single needs listing them as eligible).
  bool load_balancing = false;
  double balance_step = 0.05;
  double min_score = 0.0;  // candidates scoring below this are not assigned
  // Cost of leaving a need unserved, in thousandths of a score point. With 0
  // the optimiser maximises total score; larger values trade score for
  // serving more needs.
  std::int64_t unserved_penalty = 0;
  // Squads with at most this many eligible candidates get an exact set cover
  // (subset enumeration); larger ones a greedy cover.
  int exact_cover_limit = 16;
};

struct Assignment {
  std::string need_id;
  std::vector<std::string> craftsman_ids;  // lead first
  std::string lead_id;                     // highest-scoring member
  double score = 0;                        // mean member score (for k = 1 the score)
};

struct Unserved {
  enum Reason {
    kNoCandidate,       // no candidate at all (squads: fewer than squad_size)
    kTooFar,            // every candidate is too far away
    kLowScore,          // every candidate near enough scores below min_score
    kNoCapacity,        // suitable candidates exist but their capacity is used
    kSkillsNotCovered,  // no candidate (squad) covers the required skills
  };
  std::string need_id;
  Reason reason = kNoCandidate;
  std::string detail;  // Chinese, for staff, e.g. "候选工匠本月名额已满"
};

struct Plan {
  std::vector<Assignment> assignments;  // in input order of needs
  std::vector<Unserved> unserved;       // in input order of needs
  double total_score = 0;               // sum of Assignment::score
  int needs_served = 0;
};

struct Comparison {
  Plan optimal;
  Plan greedy;
};

// Checks ids, scores, capacities and options; the solvers reject what this
// rejects. A candidate must name a craftsman listed in `capacities`.
Status Validate(const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& capacities,
                const DispatchOptions& options = {});

// Squads (squad_size > 1) are staffed first, in input order, each taking
// capacity before the next (exact or greedy set cover, best total score).
// Single-craftsman needs then share the remaining capacity by min-cost flow:
// the result is optimal for them given what squads took — maximum
// Σ score − balancing cost − unserved_penalty × unserved, fewest unserved on
// ties — and makes no claim of optimality across squads or of stability.
// An unserved single need never has an eligible candidate with a free slot,
// so kNoCapacity is always literal.
Result<Plan> SolveOptimal(const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& capacities,
                          const DispatchOptions& options = {});

// Baseline: squads as above; then repeatedly the highest-scoring (need,
// candidate) pair whose need is unserved and whose craftsman has capacity.
// Ignores load_balancing and unserved_penalty. Never fails: input that
// Validate rejects is repaired (unknown craftsmen have no capacity, later
// duplicates are dropped, bad scores are treated as below min_score).
Plan SolveGreedy(const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& capacities,
                 const DispatchOptions& options = {});

Result<Comparison> Compare(const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& capacities,
                           const DispatchOptions& options = {});

// Output for the CLI and the API. Reason codes in JSON are snake_case
// ("no_capacity"); labels and table headers are Chinese.
const char* ReasonCode(Unserved::Reason reason);
const char* ReasonLabel(Unserved::Reason reason);  // e.g. "名额已满"
std::string ToJson(const Plan& plan);
std::string ToJson(const Comparison& comparison);
std::string FormatTable(const Plan& plan);
std::string FormatTable(const Comparison& comparison);  // summary side by side, then the optimal plan

}  // namespace craftlink::dispatch
