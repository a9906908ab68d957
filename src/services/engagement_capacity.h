#pragma once

// What the matching engine needs to know from tracking: how many visits a
// craftsman can still take. Engagements that hold a craftsman's time
// (dispatched to service) count against their monthly capacity until they
// are resolved, declined or cancelled. A snapshot, refreshed by the server's
// sweeper; between refreshes the figures may be up to one sweep old.

#include <mutex>
#include <string>
#include <unordered_map>

#include "matching/matching.h"
#include "storage/store.h"

namespace craftlink::services {

class EngagementCapacity final : public matching::CapacityProvider {
 public:
  Status Refresh(storage::Store& store);
  int RemainingThisMonth(std::string_view craftsman_id, int capacity_per_month) const override;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, int> busy_;  // guarded by mutex_
};

}  // namespace craftlink::services
