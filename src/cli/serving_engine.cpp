#include "cli/serving_engine.h"

namespace craftlink::cli {

Result<ServingEngine> BuildServingEngine(storage::Store& store) {
  auto config = matching::LoadMatchConfig();
  if (!config.ok()) return config.status();
  ServingEngine serving;
  serving.capacity = std::make_shared<services::EngagementCapacity>();
  CRAFTLINK_RETURN_IF_ERROR(serving.capacity->Refresh(store));
  config->capacity = serving.capacity;
  // Track records and resolved needs' text are read from the whole
  // engagement history once the index exists (then after every sweep).
  serving.outcomes = std::make_shared<services::EngagementOutcomes>();
  config->track_record = serving.outcomes;
  auto engine = matching::MatchEngine::Build(store, *config);
  if (!engine.ok()) return engine.status();
  serving.engine = std::move(*engine);
  CRAFTLINK_RETURN_IF_ERROR(serving.outcomes->Refresh(store, *serving.engine));
  return serving;
}

void AddDispatchTimingFlags(CLI::App& command, DispatchTimingFlags& flags) {
  command.add_option("--dispatch-remind-hours", flags.remind_hours, "派单多少小时未接单时提醒")
      ->check(CLI::Range(0.1, 24.0 * 30))
      ->capture_default_str();
  command.add_option("--dispatch-expire-hours", flags.expire_hours, "派单多少小时未接单时转派下一位")
      ->check(CLI::Range(0.1, 24.0 * 60))
      ->capture_default_str();
}

Result<services::TrackingOptions> TrackingOptionsOf(const DispatchTimingFlags& flags) {
  if (flags.expire_hours <= flags.remind_hours) {
    return Status::Invalid("--dispatch-expire-hours 应大于 --dispatch-remind-hours");
  }
  services::TrackingOptions options;
  options.remind_after = std::chrono::minutes(static_cast<int64_t>(flags.remind_hours * 60));
  options.expire_after = std::chrono::minutes(static_cast<int64_t>(flags.expire_hours * 60));
  return options;
}

}  // namespace craftlink::cli
