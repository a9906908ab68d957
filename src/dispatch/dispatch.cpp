#include "dispatch/dispatch.h"

#include <utility>

#include "dispatch/problem.h"

namespace craftlink::dispatch {
namespace {

using internal::Need;
using internal::Problem;
using Members = std::optional<std::vector<int>>;

// Squads go first, in input order, each reserving capacity before the next:
// a simple, explainable priority rule, not an optimum across needs.
std::vector<Members> StaffSquads(const Problem& p, std::vector<int>& residual, const DispatchOptions& options) {
  std::vector<Members> squads(p.needs.size());
  for (size_t i = 0; i < p.needs.size(); ++i) {
    const Need& need = p.needs[i];
    if (need.squad_size == 1) continue;
    squads[i] = internal::ChooseSquad(need, &residual, options.exact_cover_limit);
    if (!squads[i]) continue;
    for (int member : *squads[i]) --residual[need.eligible[member].craftsman];
  }
  return squads;
}

Assignment MakeAssignment(const Problem& p, const Need& need, const std::vector<int>& members) {
  Assignment a;
  a.need_id = need.request->need_id;
  double sum = 0;
  for (int member : members) {
    const auto& c = need.eligible[member];
    a.craftsman_ids.push_back(p.craftsman_ids[c.craftsman]);
    sum += c.score;
  }
  a.lead_id = a.craftsman_ids.front();
  a.score = sum / static_cast<double>(members.size());
  return a;
}

Plan Assemble(const Problem& p, const std::vector<Members>& squads, const std::vector<int>& singles,
              const DispatchOptions& options) {
  Plan plan;
  for (size_t i = 0; i < p.needs.size(); ++i) {
    const Need& need = p.needs[i];
    Members members = need.squad_size > 1 ? squads[i] : Members{};
    if (need.squad_size == 1 && singles[i] >= 0) members.emplace(1, singles[i]);
    if (!members) {
      plan.unserved.push_back(internal::Explain(need, options));
      continue;
    }
    plan.assignments.push_back(MakeAssignment(p, need, *members));
    plan.total_score += plan.assignments.back().score;
  }
  plan.needs_served = static_cast<int>(plan.assignments.size());
  return plan;
}

}  // namespace

Status Validate(const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& capacities,
                const DispatchOptions& options) {
  return internal::Build(needs, capacities, options).status;
}

Result<Plan> SolveOptimal(const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& capacities,
                          const DispatchOptions& options) {
  internal::Built built = internal::Build(needs, capacities, options);
  if (!built.status.ok()) return built.status;
  const Problem& p = built.problem;
  std::vector<int> residual = p.capacity;
  const std::vector<Members> squads = StaffSquads(p, residual, options);
  Result<std::vector<int>> singles = internal::AssignSinglesByFlow(p, residual, options);
  if (!singles.ok()) return singles.status();
  // The cost model promises this; check rather than print a false "名额已满".
  for (size_t i = 0; i < p.needs.size(); ++i) {
    if (p.needs[i].squad_size == 1 && (*singles)[i] < 0 && internal::HasFreeCandidate(p.needs[i], residual)) {
      return Status::Internal("need " + p.needs[i].request->need_id + " left unserved with capacity free");
    }
  }
  return Assemble(p, squads, *singles, options);
}

Plan SolveGreedy(const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& capacities,
                 const DispatchOptions& options) {
  const internal::Built built = internal::Build(needs, capacities, options);
  const Problem& p = built.problem;
  std::vector<int> residual = p.capacity;
  const std::vector<Members> squads = StaffSquads(p, residual, options);
  const std::vector<int> singles = internal::AssignSinglesGreedy(p, residual);
  return Assemble(p, squads, singles, options);
}

Result<Comparison> Compare(const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& capacities,
                           const DispatchOptions& options) {
  Result<Plan> optimal = SolveOptimal(needs, capacities, options);
  if (!optimal.ok()) return optimal.status();
  return Comparison{std::move(optimal).value(), SolveGreedy(needs, capacities, options)};
}

}  // namespace craftlink::dispatch
