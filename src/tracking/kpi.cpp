#include "tracking/kpi.h"

#include <algorithm>
#include <map>
#include <set>

namespace craftlink::tracking {
namespace {

constexpr char kTotal[] = "total";
constexpr char kMonth[] = "month";
constexpr char kRegion[] = "region";
constexpr char kIndustry[] = "industry";
constexpr char kKind[] = "kind";
constexpr char kFirstVisitDays[] = "first_visit_days";

using Row = std::map<std::string, int64_t>;  // metric → value

double Ratio(int64_t num, int64_t den) { return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den); }

nlohmann::json RowJson(const Row& row) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& m : Metrics()) {
    auto it = row.find(std::string(m.code));
    j[std::string(m.code)] = it == row.end() ? 0 : it->second;
  }
  return j;
}

nlohmann::json Breakdown(const std::map<std::string, Row>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [key, row] : rows) {
    nlohmann::json j = RowJson(row);
    j["key"] = key;
    out.push_back(std::move(j));
  }
  return out;
}

// The smallest d such that at least half of the first visits took ≤ d days.
nlohmann::json MedianDays(const std::map<int, int64_t>& histogram) {
  int64_t total = 0;
  for (const auto& [days, n] : histogram) total += n;
  if (total == 0) return nullptr;
  int64_t seen = 0;
  for (const auto& [days, n] : histogram) {
    seen += n;
    if (seen * 2 >= total) return days;
  }
  return histogram.rbegin()->first;
}

}  // namespace

const std::vector<MetricName>& Metrics() {
  static const std::vector<MetricName> kMetrics{
      {metric::kVisits, "服务人次"},
      {metric::kEnterprisesServed, "服务企业数"},
      {metric::kProblemsSolved, "解决难题数"},
      {metric::kWorkersTrained, "培训职工人次"},
      {metric::kServiceMinutes, "服务时长（分钟）"},
      {metric::kNotResolved, "未解决数"},
      {metric::kDispatches, "派单数"},
      {metric::kOverrides, "改派数（未用首选推荐）"},
      {metric::kDeclines, "婉拒数"},
      {metric::kExpiries, "超时转派数"},
      {metric::kRatings, "评价数"},
      {metric::kRatingSum, "评分合计"},
      {metric::kFollowUps, "回访数"},
      {metric::kFollowUpsHolding, "回访仍有效数"},
      {metric::kCostSavedYuan, "节约成本（元）"},
      {metric::kFirstVisits, "首次走访数"},
      {metric::kEventAttendance, "活动出席人次"},
  };
  return kMetrics;
}

std::string_view MetricChinese(std::string_view code) {
  for (const auto& m : Metrics()) {
    if (m.code == code) return m.chinese;
  }
  return code;
}

const std::vector<TargetDefault>& DefaultTargets() {
  // 上海「劳模工匠助企行」年度目标.
  static const std::vector<TargetDefault> kDefaults{{metric::kVisits, 1000},
                                                    {metric::kEnterprisesServed, 1000},
                                                    {metric::kProblemsSolved, 1000},
                                                    {metric::kWorkersTrained, 10000}};
  return kDefaults;
}

std::vector<std::string> CreditedOrganisations(const access::OrgDirectory& orgs,
                                               const std::vector<std::string>& involved) {
  std::set<std::string> credited;
  for (const std::string& org : involved) {
    for (auto& o : orgs.Lineage(org)) credited.insert(std::move(o));
    for (auto& a : orgs.AlliancesOf(org)) credited.insert(std::move(a));
  }
  return {credited.begin(), credited.end()};
}

int YearOf(std::string_view date) {
  if (date.size() < 4) return 0;
  int year = 0;
  for (char ch : date.substr(0, 4)) {
    if (ch < '0' || ch > '9') return 0;
    year = year * 10 + (ch - '0');
  }
  return year;
}

void AddFact(const FactScope& scope, std::string_view metric_code, int64_t value,
             std::vector<storage::KpiDelta>& out) {
  if (value == 0) return;
  const int year = YearOf(scope.date);
  const std::string month = scope.date.size() >= 7 ? scope.date.substr(5, 2) : "";
  const std::string m(metric_code);
  for (const std::string& org : scope.orgs) {
    out.push_back({org, year, kTotal, "", m, value});
    out.push_back({org, year, kMonth, month, m, value});
    out.push_back({org, year, kRegion, scope.region, m, value});
    out.push_back({org, year, kIndustry, scope.industry, m, value});
    out.push_back({org, year, kKind, scope.kind, m, value});
  }
}

void AddFirstVisit(const FactScope& scope, int days, std::vector<storage::KpiDelta>& out) {
  AddFact(scope, metric::kFirstVisits, 1, out);
  const int year = YearOf(scope.date);
  for (const std::string& org : scope.orgs) {
    out.push_back({org, year, kFirstVisitDays, std::to_string(std::max(days, 0)), metric::kFirstVisits, 1});
  }
}

void AddServed(const FactScope& scope, std::string_view enterprise_id, std::vector<storage::ServedMark>& out) {
  const int year = YearOf(scope.date);
  for (const std::string& org : scope.orgs) {
    storage::ServedMark mark{org, year, std::string(enterprise_id), {}};
    FactScope one = scope;
    one.orgs = {org};
    AddFact(one, metric::kEnterprisesServed, 1, mark.on_first);
    out.push_back(std::move(mark));
  }
}

nlohmann::json BuildKpiReport(std::string_view org_id, int year, const std::vector<storage::KpiCell>& cells,
                              const std::vector<std::pair<std::string, int64_t>>& targets, RegionLevel level) {
  Row totals;
  std::map<std::string, Row> by_month, by_region, by_industry, by_kind;
  std::map<int, int64_t> first_visit_days;
  const size_t region_digits = static_cast<size_t>(level);
  for (const storage::KpiCell& c : cells) {
    if (c.dim == kTotal) {
      totals[c.metric] += c.value;
    } else if (c.dim == kMonth) {
      by_month[c.key][c.metric] += c.value;
    } else if (c.dim == kRegion) {
      by_region[c.key.substr(0, std::min(region_digits, c.key.size()))][c.metric] += c.value;
    } else if (c.dim == kIndustry) {
      by_industry[c.key][c.metric] += c.value;
    } else if (c.dim == kKind) {
      by_kind[c.key][c.metric] += c.value;
    } else if (c.dim == kFirstVisitDays) {
      first_visit_days[std::atoi(c.key.c_str())] += c.value;
    }
  }
  nlohmann::json report{{"org_id", org_id}, {"year", year}, {"totals", RowJson(totals)}};

  std::map<std::string, int64_t> goal;
  for (const auto& d : DefaultTargets()) goal[std::string(d.metric)] = d.value;
  for (const auto& [m, v] : targets) goal[m] = v;
  nlohmann::json target_list = nlohmann::json::array();
  for (const auto& d : DefaultTargets()) {
    const std::string m(d.metric);
    const int64_t actual = totals.count(m) ? totals[m] : 0;
    target_list.push_back({{"metric", m},
                           {"name", MetricChinese(m)},
                           {"target", goal[m]},
                           {"actual", actual},
                           {"progress", Ratio(actual, goal[m])}});
  }
  report["targets"] = std::move(target_list);

  auto total = [&](const char* m) { return totals.count(m) ? totals[m] : 0; };
  const int64_t solved = total(metric::kProblemsSolved);
  report["rates"] = {
      {"resolution_rate", Ratio(solved, solved + total(metric::kNotResolved))},
      {"followup_retention", Ratio(total(metric::kFollowUpsHolding), total(metric::kFollowUps))},
      {"average_rating", Ratio(total(metric::kRatingSum), total(metric::kRatings))},
      {"override_rate", Ratio(total(metric::kOverrides), total(metric::kDispatches))},
      {"median_days_to_first_visit", MedianDays(first_visit_days)},
  };
  nlohmann::json months = nlohmann::json::array();
  for (int m = 1; m <= 12; ++m) {
    char key[3];
    std::snprintf(key, sizeof key, "%02d", m);
    nlohmann::json j = RowJson(by_month[key]);
    j["month"] = m;
    months.push_back(std::move(j));
  }
  report["by_month"] = std::move(months);
  report["by_region"] = Breakdown(by_region);
  report["by_industry"] = Breakdown(by_industry);
  report["by_kind"] = Breakdown(by_kind);
  return report;
}

}  // namespace craftlink::tracking
