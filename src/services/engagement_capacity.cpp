#include "services/engagement_capacity.h"

#include <algorithm>

namespace craftlink::services {

Status EngagementCapacity::Refresh(storage::Store& store) {
  auto counts = store.ActiveEngagementCounts();
  if (!counts.ok()) return counts.status();
  std::lock_guard lock(mutex_);
  busy_ = std::move(*counts);
  return Status::Ok();
}

int EngagementCapacity::RemainingThisMonth(std::string_view craftsman_id, int capacity_per_month) const {
  std::lock_guard lock(mutex_);
  auto it = busy_.find(std::string(craftsman_id));
  return std::max(0, capacity_per_month - (it == busy_.end() ? 0 : it->second));
}

}  // namespace craftlink::services
