#pragma once

// The KPI increments one line of an engagement's history stands for. The
// service applies them as each step commits and `craftlink kpi rebuild`
// replays the whole history through the same function, so the two can never
// disagree about what counts.

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/tracking_store.h"
#include "tracking/kpi.h"

namespace craftlink::tracking {

// The fact scope of a date and the craftsmen a fact is credited to (the
// need's organisation is always included by the caller).
using ScopeFor = std::function<Result<FactScope>(const std::string& date, const std::vector<std::string>& craftsmen)>;

// Reads the line's action and detail (craftsman_ids, and per action: the
// visit's date/minutes/workers_trained/enterprise_id/days_to_first_visit,
// the rating and confirmed/disputed flags, the follow-up's holding and
// cost_saved_yuan). Lines that count nothing add nothing.
Status AddEngagementFacts(const storage::EngagementEventRow& line, const ScopeFor& scope_for,
                          std::vector<storage::KpiDelta>& kpi, std::vector<storage::ServedMark>& served);

// Attendance at an event counts as workers trained for lectures and
// trainings only (glossary); showcases and 对接会 record it without counting.
bool CountsAttendance(std::string_view event_kind);
// `attended` may be negative: a corrected figure adds only its difference.
void AddAttendance(const FactScope& scope, int64_t attended, std::vector<storage::KpiDelta>& kpi);

}  // namespace craftlink::tracking
