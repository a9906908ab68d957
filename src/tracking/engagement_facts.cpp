#include "tracking/engagement_facts.h"

#include "tracking/engagement_state.h"

namespace craftlink::tracking {
namespace {

std::vector<std::string> Craftsmen(const nlohmann::json& detail) {
  std::vector<std::string> out;
  if (auto it = detail.find("craftsman_ids"); it != detail.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

int64_t Int(const nlohmann::json& detail, const char* key) {
  auto it = detail.find(key);
  return it != detail.end() && it->is_number() ? it->get<int64_t>() : 0;
}

bool Flag(const nlohmann::json& detail, const char* key) {
  auto it = detail.find(key);
  return it != detail.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

Status AddEngagementFacts(const storage::EngagementEventRow& line, const ScopeFor& scope_for,
                          std::vector<storage::KpiDelta>& kpi, std::vector<storage::ServedMark>& served) {
  const auto action = ParseAction(line.action);
  if (!action) return Status::Ok();  // propose, remind, promote: history only
  const nlohmann::json& d = line.detail;
  const std::string date = d.contains("date") && d["date"].is_string() ? d["date"].get<std::string>()
                                                                       : line.at.substr(0, 10);
  const std::vector<std::string> craftsmen = Craftsmen(d);
  auto count = [&](std::initializer_list<std::pair<const char*, int64_t>> facts) -> Status {
    auto scope = scope_for(date, craftsmen);
    if (!scope.ok()) return scope.status();
    for (const auto& [m, v] : facts) AddFact(*scope, m, v, kpi);
    return Status::Ok();
  };
  switch (*action) {
    case EngagementAction::kDispatch:
      return count({{metric::kDispatches, 1}, {metric::kOverrides, Flag(d, "override") ? 1 : 0}});
    case EngagementAction::kDecline:
      return count({{metric::kDeclines, 1}});
    case EngagementAction::kExpire:
      return count({{metric::kExpiries, 1}});
    case EngagementAction::kNotResolve:
      return count({{metric::kNotResolved, 1}});
    case EngagementAction::kRate:
      return count({{metric::kRatings, 1},
                    {metric::kRatingSum, Int(d, "rating")},
                    {metric::kProblemsSolved, Flag(d, "confirmed") ? 1 : 0},
                    {metric::kNotResolved, Flag(d, "disputed") ? 1 : 0}});
    case EngagementAction::kFollowUp:
      return count({{metric::kFollowUps, 1},
                    {metric::kFollowUpsHolding, Flag(d, "holding") ? 1 : 0},
                    {metric::kCostSavedYuan, Int(d, "cost_saved_yuan")}});
    case EngagementAction::kLogVisit: {
      auto scope = scope_for(date, craftsmen);
      if (!scope.ok()) return scope.status();
      // Glossary: a squad's visit counts once per craftsman present.
      AddFact(*scope, metric::kVisits, static_cast<int64_t>(craftsmen.size()), kpi);
      AddFact(*scope, metric::kServiceMinutes, Int(d, "minutes"), kpi);
      AddFact(*scope, metric::kWorkersTrained, Int(d, "workers_trained"), kpi);
      if (d.contains("enterprise_id")) AddServed(*scope, d["enterprise_id"].get<std::string>(), served);
      if (d.contains("days_to_first_visit")) AddFirstVisit(*scope, static_cast<int>(Int(d, "days_to_first_visit")), kpi);
      return Status::Ok();
    }
    case EngagementAction::kAccept:
    case EngagementAction::kSchedule:
    case EngagementAction::kResolve:
    case EngagementAction::kClose:
    case EngagementAction::kCancel:
      return Status::Ok();
  }
  return Status::Ok();
}

bool CountsAttendance(std::string_view event_kind) { return event_kind == "lecture" || event_kind == "training"; }

void AddAttendance(const FactScope& scope, int64_t attended, std::vector<storage::KpiDelta>& kpi) {
  AddFact(scope, metric::kWorkersTrained, attended, kpi);
  AddFact(scope, metric::kEventAttendance, attended, kpi);
}

}  // namespace craftlink::tracking
