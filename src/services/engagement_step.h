#pragma once

// Internal to the engagement service: one engagement loaded for a step, and
// the helpers every step uses to build its TrackingWrite.

#include <memory>
#include <string>
#include <vector>

#include "services/engagement_service.h"
#include "tracking/kpi.h"

namespace craftlink::services {

struct EngagementService::Step {
  access::Principal who;
  tracking::Actor actor = tracking::Actor::kStaff;
  storage::EngagementRow row;
  int64_t read_version = -1;  // -1: a new engagement
  domain::Need need;
  std::shared_ptr<const access::OrgDirectory> orgs;
  storage::TrackingWrite write;
  TimePoint now;
  std::string now_iso;
  std::string today;
  nlohmann::json detail = nlohmann::json::object();  // the history line's detail
  std::optional<tracking::EngagementState> force_state;  // a step that ends the engagement early
  std::string plan_id;  // dispatched by a confirmed batch plan: the plan's choice is the suggestion

  tracking::EngagementState state() const { return *tracking::ParseState(row.state); }
  // The fact's dimensions (the need's region, industry and kind) and the
  // organisations credited: the need's and those of `craftsmen`.
  Result<tracking::FactScope> Scope(storage::Store& store, const std::string& date,
                                    const std::vector<std::string>& craftsmen) const;
  void Notify(std::string recipient, std::string event, std::string title);
  // Notifies the enterprise, the squad and the need's organisation.
  void NotifyAll(const std::string& event, const std::string& title);
  void SetNeedStatus(domain::NeedStatus status);
};

// How the caller stands to one engagement; nullopt = not part of it at all.
std::optional<tracking::Actor> ActorFor(const access::Principal& who, const access::Policy& policy,
                                        const storage::EngagementRow& row);

// Field readers that answer InvalidArgument naming the field in Chinese.
Result<std::string> RequiredText(const nlohmann::json& body, const char* field, const char* chinese,
                                 size_t max_chars = 2000);
std::string OptionalText(const nlohmann::json& body, const char* field);
Result<int64_t> IntegerIn(const nlohmann::json& body, const char* field, const char* chinese, int64_t lo, int64_t hi,
                          std::optional<int64_t> fallback = std::nullopt);
// true/false in `field`, `fallback` when absent; anything else is refused.
Result<bool> FlagField(const nlohmann::json& body, const char* field, bool fallback);
// A YYYY-MM-DD date in `field`.
Result<std::string> DateField(const nlohmann::json& body, const char* field, const char* chinese);

}  // namespace craftlink::services
