#pragma once

// Engagements for a signed-in caller: dispatching a craftsman or a squad to
// a need, and every later step (accept, decline, visits, resolution,
// feedback, follow-ups) under the life cycle of tracking/engagement_state.h.
// Each step is one store transaction that also writes its history line, its
// KPI increments and its notifications, guarded by the engagement's version
// so that two people acting at once cannot both succeed.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "core/clock.h"
#include "services/match_service.h"
#include "services/session_service.h"
#include "storage/store.h"
#include "tracking/engagement_state.h"

namespace craftlink::services {

struct TrackingOptions {
  // A dispatch not accepted after `remind_after` is reminded; after
  // `expire_after` it is offered to the next candidate.
  std::chrono::minutes remind_after{24 * 60};
  std::chrono::minutes expire_after{48 * 60};
  std::vector<int> followup_days{30, 90, 180};
};

struct EngagementQuery {
  std::string state;
  std::string need_id;
  std::string craftsman_id;
  std::string enterprise_id;
  std::string after;
  size_t limit = 50;
};

class EngagementService {
 public:
  // `matches` may be null (no index yet): dispatch then cannot tell whether
  // staff overrode the engine, and expired dispatches are not re-offered.
  EngagementService(storage::Store& store, const Clock& clock, TrackingOptions options, MatchService* matches)
      : store_(store), clock_(clock), options_(std::move(options)), matches_(matches) {}

  // Staff dispatch {need_id, craftsman_ids, lead_id?, override_reason?,
  // dispatch?: true}; answers the new engagement.
  Result<nlohmann::json> Create(const access::Principal& who, const nlohmann::json& body, const RequestOrigin& origin);
  // The same for one assignment of a confirmed batch plan (`plan_id`): the
  // optimiser's choice is the engine's suggestion for that need, so staff
  // confirming it is not an override (the override rate measures staff
  // departing from the engine, not the engine trading capacity between needs).
  Result<nlohmann::json> CreateFromPlan(const access::Principal& who, const nlohmann::json& body,
                                        const RequestOrigin& origin, std::string_view plan_id);
  // NotFound when the caller is not part of the engagement or its staff.
  Result<nlohmann::json> Get(const access::Principal& who, std::string_view id);
  Result<nlohmann::json> List(const access::Principal& who, const EngagementQuery& query);
  // One step; `body.version` must be the version the caller read.
  Result<nlohmann::json> Act(const access::Principal& who, std::string_view id, tracking::EngagementAction action,
                             const nlohmann::json& body, const RequestOrigin& origin);
  // Turns a resolved engagement with a measured benefit into an innovation
  // result, with the owners' consent recorded.
  Result<nlohmann::json> Promote(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                 const RequestOrigin& origin);

  // Reminders, expiries with re-offer, upcoming visits and due follow-ups.
  // Safe to run from several server instances at once.
  Result<nlohmann::json> Sweep();

  const Clock& clock() const { return clock_; }

  // One loaded engagement and what a step writes; defined in the internal
  // header engagement_step.h.
  struct Step;

 private:
  Result<nlohmann::json> CreateEngagement(const access::Principal& who, const nlohmann::json& body,
                                          const RequestOrigin& origin, std::string_view plan_id);
  Result<Step> Load(const access::Principal& who, std::string_view id);
  // A new proposed engagement of `need` for `members` (lead first).
  Step Begin(const access::Principal& who, domain::Need need, std::shared_ptr<const access::OrgDirectory> orgs,
             std::string id, std::vector<std::string> members);
  Status Reoffer(const Step& expired, const std::string& craftsman_id);
  Status Commit(Step& step);
  Status ApplyAction(Step& step, tracking::EngagementAction action, const nlohmann::json& body);
  Status Dispatch(Step& step, const nlohmann::json& body);
  Status LogVisit(Step& step, const nlohmann::json& body);
  Status Resolve(Step& step, bool resolved, const nlohmann::json& body);
  Status Rate(Step& step, const nlohmann::json& body);
  Status FollowUp(Step& step, const nlohmann::json& body);
  Status Schedule(Step& step, const nlohmann::json& body);
  Status Expire(Step& step);
  // The best-ranked craftsman of the pool not yet asked to serve `need`.
  Result<std::string> NextCandidate(const domain::Need& need);
  // What views name rather than id: need titles, enterprise names and the
  // squads' profiles, read for a whole list page in a few scans instead of
  // three or more queries per row.
  struct Names {
    std::map<std::string, std::string> need_titles;
    std::map<std::string, std::string> enterprise_names;
    std::map<std::string, domain::Craftsman> craftsmen;
  };
  Result<Names> ReadNames(const std::vector<storage::EngagementRow>& rows);
  // The engagement as `who` may see it; `detailed` adds visits, follow-ups
  // and history (one engagement page rather than a list row).
  Result<nlohmann::json> View(const access::Principal& who, const access::Policy& policy,
                              const storage::EngagementRow& row, bool detailed);
  Result<nlohmann::json> View(const access::Principal& who, const access::Policy& policy,
                              const storage::EngagementRow& row, bool detailed, const Names& names);
  Result<access::OrgDirectory> Directory();
  Status Audit(const access::Principal& who, std::string_view action, std::string_view target,
               const RequestOrigin& origin, const nlohmann::json& detail);

  storage::Store& store_;
  const Clock& clock_;
  TrackingOptions options_;
  MatchService* matches_;
};

// The caller's inbox addresses: user:ID plus craftsman:/enterprise:/org:ID.
std::vector<std::string> InboxRecipients(const access::Principal& who);

}  // namespace craftlink::services
