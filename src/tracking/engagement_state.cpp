#include "tracking/engagement_state.h"

#include <array>
#include <string>

namespace craftlink::tracking {
namespace {

using S = EngagementState;
using A = EngagementAction;

struct StateName {
  S state;
  std::string_view code;
  std::string_view chinese;
};

constexpr std::array<StateName, 12> kStates{{
    {S::kProposed, "proposed", "待派单"},
    {S::kDispatched, "dispatched", "已派单"},
    {S::kAccepted, "accepted", "已接单"},
    {S::kDeclined, "declined", "已婉拒"},
    {S::kExpired, "expired", "超时未接"},
    {S::kScheduled, "scheduled", "已约走访"},
    {S::kInService, "in_service", "服务中"},
    {S::kResolved, "resolved", "已解决"},
    {S::kNotResolved, "not_resolved", "未解决"},
    {S::kRated, "rated", "已评价"},
    {S::kClosed, "closed", "已结案"},
    {S::kCancelled, "cancelled", "已撤销"},
}};

struct ActionName {
  A action;
  std::string_view code;
  std::string_view chinese;
};

constexpr std::array<ActionName, 12> kActions{{
    {A::kDispatch, "dispatch", "派单"},
    {A::kAccept, "accept", "接单"},
    {A::kDecline, "decline", "婉拒"},
    {A::kExpire, "expire", "超时转派"},
    {A::kSchedule, "schedule", "预约走访"},
    {A::kLogVisit, "log_visit", "登记走访"},
    {A::kResolve, "resolve", "确认解决"},
    {A::kNotResolve, "not_resolve", "未能解决"},
    {A::kRate, "rate", "企业评价"},
    {A::kFollowUp, "follow_up", "回访"},
    {A::kClose, "close", "结案"},
    {A::kCancel, "cancel", "撤销"},
}};

struct Transition {
  S from;
  A action;
  S to;
};

// The whole life cycle in one table, so that reviewers read it in one place.
// Scheduling and logging visits may repeat; follow-ups keep the state (the
// service closes the engagement after the last one).
constexpr Transition kTransitions[] = {
    {S::kProposed, A::kDispatch, S::kDispatched},
    {S::kProposed, A::kCancel, S::kCancelled},
    {S::kDispatched, A::kAccept, S::kAccepted},
    {S::kDispatched, A::kDecline, S::kDeclined},
    {S::kDispatched, A::kExpire, S::kExpired},
    {S::kDispatched, A::kCancel, S::kCancelled},
    {S::kAccepted, A::kSchedule, S::kScheduled},
    {S::kAccepted, A::kLogVisit, S::kInService},
    {S::kAccepted, A::kCancel, S::kCancelled},
    {S::kScheduled, A::kSchedule, S::kScheduled},
    {S::kScheduled, A::kLogVisit, S::kInService},
    {S::kScheduled, A::kCancel, S::kCancelled},
    {S::kInService, A::kSchedule, S::kInService},
    {S::kInService, A::kLogVisit, S::kInService},
    {S::kInService, A::kResolve, S::kResolved},
    {S::kInService, A::kNotResolve, S::kNotResolved},
    {S::kResolved, A::kRate, S::kRated},
    {S::kNotResolved, A::kRate, S::kRated},
    {S::kResolved, A::kFollowUp, S::kResolved},
    {S::kRated, A::kFollowUp, S::kRated},
    {S::kResolved, A::kClose, S::kClosed},
    {S::kNotResolved, A::kClose, S::kClosed},
    {S::kRated, A::kClose, S::kClosed},
};

}  // namespace

std::string_view StateCode(EngagementState state) {
  for (const auto& s : kStates) {
    if (s.state == state) return s.code;
  }
  return "proposed";
}

std::string_view StateChinese(EngagementState state) {
  for (const auto& s : kStates) {
    if (s.state == state) return s.chinese;
  }
  return "待派单";
}

std::optional<EngagementState> ParseState(std::string_view code) {
  for (const auto& s : kStates) {
    if (s.code == code) return s.state;
  }
  return std::nullopt;
}

std::string_view ActionCode(EngagementAction action) {
  for (const auto& a : kActions) {
    if (a.action == action) return a.code;
  }
  return "dispatch";
}

std::string_view ActionChinese(EngagementAction action) {
  for (const auto& a : kActions) {
    if (a.action == action) return a.chinese;
  }
  return "派单";
}

std::optional<EngagementAction> ParseAction(std::string_view code) {
  for (const auto& a : kActions) {
    if (a.code == code) return a.action;
  }
  return std::nullopt;
}

const std::vector<EngagementState>& AllStates() {
  static const std::vector<EngagementState> kAll = [] {
    std::vector<EngagementState> v;
    for (const auto& s : kStates) v.push_back(s.state);
    return v;
  }();
  return kAll;
}

std::optional<EngagementState> NextState(EngagementState from, EngagementAction action) {
  for (const Transition& t : kTransitions) {
    if (t.from == from && t.action == action) return t.to;
  }
  return std::nullopt;
}

bool MayAct(Actor actor, EngagementAction action) {
  switch (action) {
    case A::kDispatch:
    case A::kCancel:
    case A::kClose:
      return actor == Actor::kStaff;
    case A::kAccept:
    case A::kDecline:
      return actor == Actor::kLead;
    case A::kExpire:
      return actor == Actor::kSystem;
    case A::kSchedule:
    case A::kLogVisit:
      return actor == Actor::kStaff || actor == Actor::kLead || actor == Actor::kMember;
    case A::kResolve:
    case A::kNotResolve:
      return actor == Actor::kStaff || actor == Actor::kLead;
    case A::kRate:
      return actor == Actor::kEnterprise;
    case A::kFollowUp:
      // Staff record follow-ups taken by phone; the enterprise answers online.
      return actor == Actor::kStaff || actor == Actor::kEnterprise;
  }
  return false;
}

bool IsTerminal(EngagementState state) {
  return state == S::kDeclined || state == S::kExpired || state == S::kClosed || state == S::kCancelled;
}

bool HoldsCapacity(EngagementState state) {
  return state == S::kDispatched || state == S::kAccepted || state == S::kScheduled || state == S::kInService;
}

}  // namespace craftlink::tracking
