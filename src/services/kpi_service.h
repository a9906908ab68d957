#pragma once

// Yearly KPIs for a signed-in caller: the report of one organisation and
// year (progress against targets, monthly trend, breakdowns by region,
// industry, service kind and the organisations below), its XLSX/CSV export,
// setting targets, and rebuilding the roll-up from the recorded history.

#include <string>

#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "interchange/validation.h"
#include "reports/report.h"
#include "services/session_service.h"
#include "storage/store.h"
#include "tracking/kpi.h"

namespace craftlink::services {

struct KpiQuery {
  std::string org_id;  // empty: the caller's own organisation (admin: root)
  int year = 0;
  tracking::RegionLevel region_level = tracking::RegionLevel::kCity;
};

class KpiService {
 public:
  // `names` supplies region and industry names for reports; may be null.
  KpiService(storage::Store& store, const interchange::RecordValidator* names) : store_(store), names_(names) {}

  Result<nlohmann::json> Report(const access::Principal& who, const KpiQuery& query);
  Result<reports::Workbook> Export(const access::Principal& who, const KpiQuery& query);
  // {"visits": 1200, ...}: only the four target metrics, non-negative.
  Status SetTargets(const access::Principal& who, std::string_view org_id, int year, const nlohmann::json& targets,
                    const RequestOrigin& origin);

 private:
  Result<std::string> ResolveOrg(const access::Principal& who, const access::OrgDirectory& orgs,
                                 std::string_view org_id);
  void Name(nlohmann::json& breakdown, std::string_view dim) const;

  storage::Store& store_;
  const interchange::RecordValidator* names_;
};

// Recomputes every KPI cell from engagement history (and event attendance)
// and replaces the roll-up: after organisations were re-parented, or to
// check the incremental figures. Answers how many history lines it read.
Result<int64_t> RebuildKpi(storage::Store& store);

}  // namespace craftlink::services
