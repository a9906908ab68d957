#pragma once

// Yearly KPIs (glossary: yearly target, craftsman visits, enterprises served,
// problems solved, workers trained) are never typed in: every recorded fact
// adds increments to a roll-up of cells per organisation, year and dimension,
// and a report reads the cells back. Rolling up means crediting a fact once
// to every organisation above the ones involved — a set, so a visit shared
// by two district unions counts once for their city.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "storage/tracking_store.h"

namespace craftlink::tracking {

namespace metric {
inline constexpr char kVisits[] = "visits";                    // one per craftsman present
inline constexpr char kServiceMinutes[] = "service_minutes";
inline constexpr char kWorkersTrained[] = "workers_trained";   // visits' trainees + event attendance
inline constexpr char kEnterprisesServed[] = "enterprises_served";  // distinct, first visit of the year
inline constexpr char kProblemsSolved[] = "problems_solved";   // resolved and confirmed by the enterprise
inline constexpr char kNotResolved[] = "not_resolved";
inline constexpr char kDispatches[] = "dispatches";
inline constexpr char kOverrides[] = "overrides";              // staff chose other than the engine's first
inline constexpr char kDeclines[] = "declines";
inline constexpr char kExpiries[] = "expiries";
inline constexpr char kRatings[] = "ratings";
inline constexpr char kRatingSum[] = "rating_sum";
inline constexpr char kFollowUps[] = "followups";
inline constexpr char kFollowUpsHolding[] = "followups_holding";
inline constexpr char kCostSavedYuan[] = "cost_saved_yuan";
inline constexpr char kFirstVisits[] = "first_visits";
inline constexpr char kEventAttendance[] = "event_attendance";
}  // namespace metric

struct MetricName {
  std::string_view code;
  std::string_view chinese;
};
// Every metric a report carries, in display order.
const std::vector<MetricName>& Metrics();
std::string_view MetricChinese(std::string_view code);

// The four yearly targets and the Shanghai plan's defaults.
struct TargetDefault {
  std::string_view metric;
  int64_t value;
};
const std::vector<TargetDefault>& DefaultTargets();

// Where one fact lands: its date (year and month), its dimensions and the
// organisations credited with it.
struct FactScope {
  std::string date;  // YYYY-MM-DD
  std::string region;
  std::string industry;
  std::string kind;
  std::vector<std::string> orgs;
};

// The organisations whose figures include a fact owned by `involved`: each
// one's lineage up to the root, plus the alliances they belong to, once each.
std::vector<std::string> CreditedOrganisations(const access::OrgDirectory& orgs,
                                               const std::vector<std::string>& involved);

// Appends the increments of `metric` += value for every credited org, in
// the total and in each dimension.
void AddFact(const FactScope& scope, std::string_view metric, int64_t value, std::vector<storage::KpiDelta>& out);
// Time from need posted to first visit, as a histogram of whole days (the
// median is read from it exactly).
void AddFirstVisit(const FactScope& scope, int days, std::vector<storage::KpiDelta>& out);
// The enterprise counts as served by each credited org in the fact's year,
// the first time only (the store checks).
void AddServed(const FactScope& scope, std::string_view enterprise_id, std::vector<storage::ServedMark>& out);

int YearOf(std::string_view date);

// Region codes are GB/T 2260: 2 digits province, 4 city, 6 district.
enum class RegionLevel { kProvince = 2, kCity = 4, kDistrict = 6 };

// The report the KPI API serves and the exports print.
nlohmann::json BuildKpiReport(std::string_view org_id, int year, const std::vector<storage::KpiCell>& cells,
                              const std::vector<std::pair<std::string, int64_t>>& targets, RegionLevel level);

}  // namespace craftlink::tracking
