#pragma once

// Batch dispatch (派单统筹): many open needs solved at once within each
// craftsman's remaining monthly capacity, the optimiser's plan beside the
// greedy one so staff see what optimising buys, then confirmed into
// engagements. A proposed plan is kept (as a document) so that what staff
// confirm is exactly what they were shown.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dispatch/dispatch.h"
#include "services/engagement_service.h"
#include "services/match_service.h"

namespace craftlink::services {

struct BatchDispatchOptions {
  bool load_balancing = false;
  size_t candidates = 20;  // ranked per need
  double min_score = 0.0;
};

// The optimal and greedy plans for `needs`. Candidates come from the pool of
// each need's organisation; a craftsman's capacity is the monthly capacity
// less the engagements already holding it.
Result<dispatch::Comparison> PlanBatch(storage::Store& store, MatchService& matches,
                                       const std::vector<domain::Need>& needs, const BatchDispatchOptions& options);

class BatchDispatchService {
 public:
  BatchDispatchService(storage::Store& store, MatchService& matches, EngagementService& engagements)
      : store_(store), matches_(matches), engagements_(engagements) {}

  // {"need_ids": [...]|null (all open needs in scope), "load_balancing": bool}
  // → the stored plan as Get shows it.
  Result<nlohmann::json> Propose(const access::Principal& who, const nlohmann::json& body, const RequestOrigin& origin);
  // {"plan": "optimal"|"greedy", "exclude": [need ids]} → the engagements
  // created and the assignments that could not be (with why), which the
  // stored plan keeps under "confirmed" too.
  Result<nlohmann::json> Confirm(const access::Principal& who, std::string_view plan_id, const nlohmann::json& body,
                                 const RequestOrigin& origin);
  // The stored plan as it was proposed — {plan_id, state: proposed |
  // confirmed, optimal, greedy, skipped, confirmed?} — with each need's
  // title and enterprise and each craftsman's name beside the ids
  // (services/record_names.h), so that a page can show it without asking
  // about each need. The same caller as Confirm: its proposer, staff or
  // admin; NotFound for anyone else's.
  Result<nlohmann::json> Get(const access::Principal& who, std::string_view plan_id);

 private:
  // The plan document, when `who` may see and confirm it.
  Result<storage::DocumentRow> LoadOwnPlan(const access::Principal& who, std::string_view plan_id);
  Result<nlohmann::json> View(const access::Principal& who, const storage::DocumentRow& plan);

  storage::Store& store_;
  MatchService& matches_;
  EngagementService& engagements_;
};

}  // namespace craftlink::services
