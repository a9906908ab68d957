// tracking: what happens after matching — the engagement life cycle, who may
// move it, and the yearly KPIs derived from what was recorded. Pure rules
// over plain values; services/ applies them to the store under the policy.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace craftlink::tracking {

// An engagement's life (glossary: engagement). Terminal states keep their
// history; a decline or an expired dispatch re-opens matching for the need.
enum class EngagementState {
  kProposed,     // drafted by staff, nobody told yet
  kDispatched,   // the craftsman (or squad lead) was asked
  kAccepted,
  kDeclined,     // terminal: the craftsman said no, with a reason
  kExpired,      // terminal: not accepted in time; offered to the next candidate
  kScheduled,    // a visit is planned
  kInService,    // at least one visit logged
  kResolved,     // the craftsman or staff report the problem fixed
  kNotResolved,  // reported not fixed, with a reason
  kRated,        // the enterprise gave feedback
  kClosed,       // terminal: follow-ups done or staff closed it
  kCancelled,    // terminal: withdrawn by staff before service began
};

enum class EngagementAction {
  kDispatch,
  kAccept,
  kDecline,
  kExpire,
  kSchedule,
  kLogVisit,
  kResolve,
  kNotResolve,
  kRate,
  kFollowUp,
  kClose,
  kCancel,
};

// Who is acting, relative to one engagement.
enum class Actor {
  kStaff,       // admin, or staff whose scope holds the need
  kLead,        // the squad's lead craftsman
  kMember,      // another craftsman of the squad
  kEnterprise,  // the enterprise that posted the need
  kSystem,      // the sweeper (expiry)
};

std::string_view StateCode(EngagementState state);     // "in_service"
std::string_view StateChinese(EngagementState state);  // "服务中"
std::optional<EngagementState> ParseState(std::string_view code);
std::string_view ActionCode(EngagementAction action);  // "log_visit"
std::string_view ActionChinese(EngagementAction action);
std::optional<EngagementAction> ParseAction(std::string_view code);
const std::vector<EngagementState>& AllStates();

// The state `action` leads to from `from`, or nullopt when the transition
// does not exist (the API answers 409).
std::optional<EngagementState> NextState(EngagementState from, EngagementAction action);
// Whether `actor` may take `action` at all (the API answers 403/404).
bool MayAct(Actor actor, EngagementAction action);
bool IsTerminal(EngagementState state);
// States in which the craftsman's time is committed (capacity counts them).
bool HoldsCapacity(EngagementState state);

}  // namespace craftlink::tracking
