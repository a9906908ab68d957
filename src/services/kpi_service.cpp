#include "services/kpi_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/clock.h"
#include "tracking/engagement_facts.h"

namespace craftlink::services {
namespace {

using nlohmann::json;

constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

// GB/T 2260 tables key provinces and cities by six digits (310000).
std::string SixDigits(std::string code) {
  while (!code.empty() && code.size() < 6) code.push_back('0');
  return code;
}

// GCC 12 reports a false "maybe uninitialized" for a std::string moved into
// a std::variant cell (GCC bug 105562); the rows below are fully built.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
void AddRow(reports::Sheet& sheet, std::string label, reports::Cell target, reports::Cell actual, reports::Cell ratio) {
  std::vector<reports::Cell> row;
  row.emplace_back(std::move(label));
  row.push_back(std::move(target));
  row.push_back(std::move(actual));
  row.push_back(std::move(ratio));
  sheet.rows.push_back(std::move(row));
}

reports::Sheet BreakdownSheet(const std::string& name, const std::string& key_header, const json& rows) {
  reports::Sheet sheet{.name = name, .columns = {{key_header, 12, ""}, {"名称", 16, ""}}};
  for (const auto& m : tracking::Metrics()) sheet.columns.push_back({std::string(m.chinese), 0, "#,##0"});
  for (const auto& r : rows) {
    std::vector<reports::Cell> row;
    row.emplace_back(r.contains("key") ? r["key"].get<std::string>() : std::to_string(r.value("month", 0)));
    row.emplace_back(r.value("name", std::string()));
    for (const auto& m : tracking::Metrics()) row.push_back(r.value(std::string(m.code), int64_t{0}));
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

#pragma GCC diagnostic pop

}  // namespace

Result<std::string> KpiService::ResolveOrg(const access::Principal& who, const access::OrgDirectory& orgs,
                                           std::string_view org_id) {
  if (who.role != access::Role::kAdmin && who.role != access::Role::kStaff) {
    return Status::PermissionDenied("只有工会工作人员可以查看年度指标");
  }
  std::string org(org_id);
  if (org.empty()) org = who.role == access::Role::kAdmin ? storage::kRootOrganisationId : who.org_id;
  if (!orgs.Exists(org)) return Status::NotFound("没有找到组织 " + org);
  const access::Policy policy(orgs);
  if (policy.InScope(who, org)) return org;
  // Staff of an alliance member see the alliance's joint figures.
  for (const auto& alliance : orgs.AlliancesOf(who.org_id)) {
    if (alliance == org) return org;
  }
  return Status::NotFound("没有找到组织 " + org + "，或它不在您的管辖范围内");
}

void KpiService::Name(json& breakdown, std::string_view dim) const {
  if (names_ == nullptr) return;
  for (auto& row : breakdown) {
    const std::string key = row.value("key", "");
    if (dim == "region") {
      if (auto name = names_->regions().FullName(SixDigits(key))) row["name"] = *name;
    } else if (dim == "industry") {
      if (auto name = names_->industries().Name(key); name.ok()) row["name"] = *name;
    } else if (dim == "kind") {
      if (auto kind = domain::ParseServiceKind(key)) row["name"] = domain::ServiceKindChinese(*kind);
    }
  }
}

Result<json> KpiService::Report(const access::Principal& who, const KpiQuery& query) {
  auto list = store_.ListOrganisations();
  if (!list.ok()) return list.status();
  const access::OrgDirectory orgs(*list);
  auto org = ResolveOrg(who, orgs, query.org_id);
  if (!org.ok()) return org.status();
  const int year = query.year == 0 ? tracking::YearOf(LocalIsoDate(SystemClock().Now())) : query.year;
  if (year < kFirstYear || year > kLastYear) return Status::Invalid("年份应在 2000 到 2100 之间", "year");
  auto cells = store_.KpiCells(*org, year);
  if (!cells.ok()) return cells.status();
  auto targets = store_.Targets(*org, year);
  if (!targets.ok()) return targets.status();
  json report = tracking::BuildKpiReport(*org, year, *cells, *targets, query.region_level);
  Name(report["by_region"], "region");
  Name(report["by_industry"], "industry");
  Name(report["by_kind"], "kind");
  for (const auto& o : *list) {
    if (o.id == *org) report["org_name"] = o.name;
  }
  // The organisations directly below, each with its own (already rolled-up)
  // totals; their sum may exceed the parent's when visits were shared.
  json children = json::array();
  for (const std::string& child : orgs.Children(*org)) {
    auto child_cells = store_.KpiCells(child, year);
    if (!child_cells.ok()) return child_cells.status();
    json row = tracking::BuildKpiReport(child, year, *child_cells, {}, query.region_level)["totals"];
    row["key"] = child;
    for (const auto& o : *list) {
      if (o.id == child) row["name"] = o.name;
    }
    children.push_back(std::move(row));
  }
  report["by_organisation"] = std::move(children);
  return report;
}

Result<reports::Workbook> KpiService::Export(const access::Principal& who, const KpiQuery& query) {
  auto report = Report(who, query);
  if (!report.ok()) return report.status();
  const json& r = *report;
  const std::string heading = r.value("org_name", r["org_id"].get<std::string>()) + " " +
                              std::to_string(r["year"].get<int>()) + " 年度劳模工匠助企行指标";
  reports::Sheet progress{.name = "目标进度",
                          .title = heading,
                          .columns = {{"指标", 16, ""}, {"年度目标", 0, "#,##0"}, {"实际完成", 0, "#,##0"},
                                      {"完成率", 0, "0.0%"}}};
  for (const auto& t : r["targets"]) {
    AddRow(progress, t["name"].get<std::string>(), t["target"].get<int64_t>(), t["actual"].get<int64_t>(),
           t["progress"].get<double>());
  }
  const json& rates = r["rates"];
  AddRow(progress, "问题解决率", std::monostate{}, std::monostate{},
                           rates["resolution_rate"].get<double>());
  AddRow(progress, "回访效果保持率", std::monostate{}, std::monostate{},
                           rates["followup_retention"].get<double>());
  AddRow(progress, "改派率（未用首选推荐）", std::monostate{}, std::monostate{},
                           rates["override_rate"].get<double>());
  AddRow(progress, "平均评分（1–5）", std::monostate{}, rates["average_rating"].get<double>(),
                           std::monostate{});
  reports::Cell median = std::monostate{};
  if (!rates["median_days_to_first_visit"].is_null()) median = rates["median_days_to_first_visit"].get<int64_t>();
  AddRow(progress, "需求发布到首次走访（中位天数）", std::monostate{}, median, std::monostate{});

  reports::Workbook book;
  book.sheets.push_back(std::move(progress));
  book.sheets.push_back(BreakdownSheet("月度趋势", "月份", r["by_month"]));
  book.sheets.push_back(BreakdownSheet("按地区", "地区代码", r["by_region"]));
  book.sheets.push_back(BreakdownSheet("按行业", "行业代码", r["by_industry"]));
  book.sheets.push_back(BreakdownSheet("按服务类型", "服务类型", r["by_kind"]));
  book.sheets.push_back(BreakdownSheet("下级组织", "组织编号", r["by_organisation"]));
  return book;
}

Status KpiService::SetTargets(const access::Principal& who, std::string_view org_id, int year, const json& targets,
                              const RequestOrigin& origin) {
  auto list = store_.ListOrganisations();
  if (!list.ok()) return list.status();
  const access::OrgDirectory orgs(*list);
  if (who.role != access::Role::kAdmin && who.role != access::Role::kStaff) {
    return Status::PermissionDenied("只有工会工作人员可以设定年度目标");
  }
  if (!orgs.Exists(org_id) || !access::Policy(orgs).InScope(who, org_id)) {
    return Status::NotFound("没有找到组织 " + std::string(org_id) + "，或它不在您的管辖范围内");
  }
  if (year < kFirstYear || year > kLastYear) return Status::Invalid("年份应在 2000 到 2100 之间", "year");
  if (!targets.is_object() || targets.empty()) return Status::Invalid("请给出至少一项目标", "targets");
  for (const auto& [metric, value] : targets.items()) {
    bool known = false;
    for (const auto& d : tracking::DefaultTargets()) known = known || d.metric == metric;
    if (!known) return Status::Invalid("未知的目标指标 " + metric, "targets." + metric);
    if (!value.is_number_integer() || value.get<int64_t>() < 0 || value.get<int64_t>() > 100'000'000) {
      return Status::Invalid(std::string(tracking::MetricChinese(metric)) + "的目标应为非负整数", "targets." + metric);
    }
  }
  for (const auto& [metric, value] : targets.items()) {
    CRAFTLINK_RETURN_IF_ERROR(store_.PutTarget(org_id, year, metric, value.get<int64_t>()));
  }
  return store_.AppendAudit({.user_id = who.user_id,
                             .action = "set_targets",
                             .target = "organisations/" + std::string(org_id),
                             .ip = origin.ip,
                             .detail = json{{"year", year}, {"targets", targets}}.dump()});
}

Result<int64_t> RebuildKpi(storage::Store& store) {
  auto list = store.ListOrganisations();
  if (!list.ok()) return list.status();
  const access::OrgDirectory orgs(*list);
  std::unordered_map<std::string, std::string> craftsman_org;
  std::vector<storage::KpiDelta> kpi;
  std::vector<storage::ServedMark> served;
  std::vector<int64_t> served_seq;  // the history line of each mark: commit order
  int64_t lines = 0;
  std::string after;
  while (true) {
    auto page = store.ListEngagements({.after_id = after, .limit = 500});
    if (!page.ok()) return page.status();
    if (page->empty()) break;
    for (const auto& e : *page) {
      auto need = store.GetNeed(e.need_id);
      if (!need.ok()) return need.status();
      if (!need->has_value()) return Status::Corruption("engagement " + e.id + " names a missing need");
      const domain::Need& n = **need;
      const tracking::ScopeFor scope_for = [&](const std::string& date,
                                               const std::vector<std::string>& craftsmen) -> Result<tracking::FactScope> {
        std::vector<std::string> involved{n.meta.org_id};
        for (const std::string& id : craftsmen) {
          auto it = craftsman_org.find(id);
          if (it == craftsman_org.end()) {
            auto c = store.GetCraftsman(id);
            if (!c.ok()) return c.status();
            it = craftsman_org.emplace(id, c->has_value() ? (*c)->meta.org_id : "").first;
          }
          if (!it->second.empty()) involved.push_back(it->second);
        }
        return tracking::FactScope{date, n.region, n.industry,
                                   n.kind ? std::string(domain::ServiceKindCode(*n.kind)) : "",
                                   tracking::CreditedOrganisations(orgs, involved)};
      };
      auto history = store.EngagementEvents(e.id);
      if (!history.ok()) return history.status();
      for (const auto& line : *history) {
        CRAFTLINK_RETURN_IF_ERROR(tracking::AddEngagementFacts(line, scope_for, kpi, served));
        served_seq.resize(served.size(), line.seq);
        ++lines;
      }
    }
    after = page->back().id;
  }
  // Event attendance, as the events hold it now (corrections included).
  std::string after_event;
  while (true) {
    auto events = store.ListDocuments({.kind = "event", .after_id = after_event, .limit = 500});
    if (!events.ok()) return events.status();
    if (events->empty()) break;
    for (const auto& e : *events) {
      const std::string kind = e.body.value("kind", "");
      if (!tracking::CountsAttendance(kind)) continue;
      int64_t attended = 0;
      for (const auto& r : e.body.value("registrations", nlohmann::json::array())) {
        attended += r.value("attended", int64_t{0});
      }
      std::string region = e.body.value("region", "");
      for (const auto& o : *list) {
        if (region.empty() && o.id == e.org_id) region = o.region;
      }
      const tracking::FactScope scope{e.body.value("date", ""), region, "", kind,
                                      tracking::CreditedOrganisations(orgs, {e.org_id})};
      tracking::AddAttendance(scope, attended, kpi);
    }
    after_event = events->back().id;
  }
  // Only the first mark per (org, year, enterprise) in commit order counts,
  // as it did when the store applied them one step at a time.
  std::vector<size_t> order(served.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return served_seq[a] < served_seq[b]; });
  std::set<std::tuple<std::string, int, std::string>> seen;
  std::vector<storage::ServedMark> distinct;
  for (size_t i : order) {
    if (seen.emplace(served[i].org_id, served[i].year, served[i].enterprise_id).second) {
      distinct.push_back(std::move(served[i]));
    }
  }
  CRAFTLINK_RETURN_IF_ERROR(store.ReplaceKpi(kpi, distinct));
  return lines;
}

}  // namespace craftlink::services
