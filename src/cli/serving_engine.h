// The match index as the server runs it, and the dispatch-timing flags, for
// the commands that act as the server does (`serve`, and `sweep`, which does
// one round of the server's sweeper by hand).
#pragma once

#include <memory>

#include <CLI/CLI.hpp>

#include "core/status.h"
#include "matching/matching.h"
#include "services/engagement_capacity.h"
#include "services/engagement_outcomes.h"
#include "services/engagement_service.h"
#include "storage/store.h"

namespace craftlink::cli {

// Ranks with track records and resolved needs' text (outcomes) and leaves
// out craftsmen whose engagements fill this month (capacity), as `serve`
// does, so that a re-offer from `sweep` picks whom the server would pick.
struct ServingEngine {
  std::shared_ptr<services::EngagementCapacity> capacity;
  std::shared_ptr<services::EngagementOutcomes> outcomes;
  std::unique_ptr<matching::MatchEngine> engine;
};
Result<ServingEngine> BuildServingEngine(storage::Store& store);

// When an unanswered dispatch is reminded and when it passes to the next
// candidate: the same flags on `serve` and `sweep`.
struct DispatchTimingFlags {
  double remind_hours = 24;
  double expire_hours = 48;
};
void AddDispatchTimingFlags(CLI::App& command, DispatchTimingFlags& flags);
// Invalid when the expiry does not come after the reminder.
Result<services::TrackingOptions> TrackingOptionsOf(const DispatchTimingFlags& flags);

}  // namespace craftlink::cli
