// The yearly KPI report at programme scale. Five years of generated
// activity — 1M engagements, ~3M visits, across a national tree of 197
// organisations — are folded through the same fact code the service uses
// (kpi_activity.h); the resulting roll-up is written to the store, checked
// against the generator's own counts, and then this program times
//  1. the report the API serves (KpiService::Report: one organisation-year
//     of cells plus one query per organisation directly below), and
//  2. the cost a single engagement step pays to keep the roll-up current
//     (Store::CommitTracking of one logged visit with its increments).
//
// The raw history rows are not loaded: the report never reads them.
//
// Run: build/bench/kpi_bench --db sqlite:/tmp/kpi.db --db postgresql://… [--engagements N]
// (the activity is generated once and measured on each database in turn).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "core/clock.h"
#include "kpi_activity.h"
#include "tracking/engagement_facts.h"
#include "services/kpi_service.h"
#include "storage/store.h"
#include "tracking/kpi.h"

namespace {

using namespace craftlink;
using Stopwatch = std::chrono::steady_clock;

constexpr int kFirstYear = 2022;
constexpr int kYears = 5;
constexpr int kProvinces = 4;
constexpr int kCitiesPerProvince = 8;
constexpr int kDistrictsPerCity = 5;

std::vector<domain::Organisation> MakeTree() {
  std::vector<domain::Organisation> tree{{"root", "全国总工会", "", domain::OrganisationKind::kNational, "", {}}};
  const int province_codes[kProvinces] = {31, 51, 50, 32};
  for (int p = 0; p < kProvinces; ++p) {
    const std::string pid = "P" + std::to_string(province_codes[p]);
    tree.push_back({pid, pid, "root", domain::OrganisationKind::kProvince, std::to_string(province_codes[p]), {}});
    for (int c = 1; c <= kCitiesPerProvince; ++c) {
      char city_code[8];
      std::snprintf(city_code, sizeof city_code, "%02d%02d", province_codes[p], c);
      const std::string cid = std::string("C") + city_code;
      tree.push_back({cid, cid, pid, domain::OrganisationKind::kCity, city_code, {}});
      for (int d = 1; d <= kDistrictsPerCity; ++d) {
        char district_code[8];
        std::snprintf(district_code, sizeof district_code, "%s%02d", city_code, d);
        const std::string did = std::string("D") + district_code;
        tree.push_back({did, did, cid, domain::OrganisationKind::kDistrict, district_code, {}});
      }
    }
  }
  return tree;
}

template <typename F>
std::vector<double> TimeRuns(int runs, F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto start = Stopwatch::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms;
}

void Print(const std::string& what, const std::vector<double>& ms) {
  std::printf("%-44s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  (%zu runs)\n", what.c_str(), ms[ms.size() / 2],
              ms[ms.size() * 95 / 100], ms.back(), ms.size());
}

int Fail(const Status& s) {
  std::cerr << "kpi_bench: " << s.ToString() << "\n";
  return 1;
}

// Generated totals must equal the root's roll-up: the root is credited once
// per fact, whatever the organisations involved.
Status CheckRollUp(const bench::RollUp& rollup, const bench::ActivityCounts& counts) {
  const std::pair<const char*, int64_t> expected[] = {{tracking::metric::kVisits, counts.craftsman_visits},
                                                      {tracking::metric::kWorkersTrained, counts.workers_trained},
                                                      {tracking::metric::kProblemsSolved, counts.problems_solved}};
  for (const auto& [metric, want] : expected) {
    int64_t got = 0;
    for (int y = kFirstYear; y < kFirstYear + kYears; ++y) got += rollup.Value("root", y, "total", "", metric);
    if (got != want) {
      return Status::Corruption(std::string("root ") + metric + " " + std::to_string(got) + " ≠ generated " +
                                std::to_string(want));
    }
  }
  return Status::Ok();
}

// The write one logged visit makes: its history line, the visit row and
// the roll-up increments for every credited organisation, in one commit.
class VisitSteps {
 public:
  VisitSteps(storage::Store& store, const access::OrgDirectory& orgs) : store_(store), orgs_(orgs) {}

  Status Prepare() {
    storage::WriteBatch batch;
    batch.enterprises.push_back({.id = "BENCH-E", .name = "基准企业", .industry = "C34", .region = "310101",
                                 .meta = {.org_id = kOrg}});
    batch.craftsmen.push_back({.id = "BENCH-K", .name = "基准工匠", .region = "310101", .meta = {.org_id = kOrg}});
    batch.needs.push_back({.id = "BENCH-N", .enterprise_id = "BENCH-E", .title = "基准需求", .industry = "C34",
                           .region = "310101", .posted = "2026-03-01", .meta = {.org_id = kOrg}});
    CRAFTLINK_RETURN_IF_ERROR(store_.Apply(batch));
    engagement_ = {.id = "BENCH-G", .need_id = "BENCH-N", .org_id = kOrg, .enterprise_id = "BENCH-E",
                   .lead_craftsman_id = "BENCH-K", .member_ids = {"BENCH-K"}, .state = "in_service", .version = 1,
                   .created_at = "2026-03-01T10:00:00+08:00", .updated_at = "2026-03-01T10:00:00+08:00"};
    return store_.CommitTracking({.engagement = engagement_});
  }

  Status LogVisit(int n) {
    storage::TrackingWrite write;
    const int64_t read_version = engagement_.version;
    engagement_.version += 1;
    write.engagement = engagement_;
    write.engagement_expected_version = read_version;
    storage::EngagementEventRow line{.engagement_id = engagement_.id, .at = "2026-03-02T10:00:00+08:00",
                                     .action = "log_visit", .from_state = "in_service", .to_state = "in_service"};
    line.detail = {{"craftsman_ids", {"BENCH-K"}}, {"date", "2026-03-02"}, {"minutes", 120},
                   {"workers_trained", 5},          {"enterprise_id", "BENCH-E"}};
    const tracking::ScopeFor scope_for = [&](const std::string& date, const std::vector<std::string>&) {
      return Result<tracking::FactScope>(
          tracking::FactScope{date, "310101", "C34", "technical_service", tracking::CreditedOrganisations(orgs_, {kOrg})});
    };
    CRAFTLINK_RETURN_IF_ERROR(tracking::AddEngagementFacts(line, scope_for, write.kpi, write.served));
    write.visits.push_back({.id = "BENCH-V" + std::to_string(n), .engagement_id = engagement_.id,
                            .visit_date = "2026-03-02", .minutes = 120, .workers_trained = 5,
                            .craftsman_ids = {"BENCH-K"}, .logged_by = "bench", .logged_at = line.at});
    write.events.push_back(std::move(line));
    return store_.CommitTracking(write);
  }

 private:
  static constexpr char kOrg[] = "D310101";
  storage::Store& store_;
  const access::OrgDirectory& orgs_;
  storage::EngagementRow engagement_;
};

Status TimeVisitSteps(VisitSteps& steps, int& counter, const std::string& label) {
  Status failed;
  auto ms = TimeRuns(200, [&] {
    if (Status s = steps.LogVisit(counter++); !s.ok()) failed = s;
  });
  if (failed.ok()) Print(label, ms);
  return failed;
}

// One database: the empty-roll-up step cost, the generated roll-up written,
// the reports timed, the full-roll-up step cost.
Status MeasureOn(const std::string& url, const std::vector<domain::Organisation>& tree,
                 const access::OrgDirectory& orgs, const bench::RollUp& rollup) {
  auto store = storage::OpenStore(url);
  if (!store.ok()) return store.status();
  auto counts_before = (*store)->Count();
  if (!counts_before.ok()) return counts_before.status();
  if (counts_before->needs > 0) return Status::Invalid(url + " holds records already: give a fresh database");
  for (const auto& o : tree) CRAFTLINK_RETURN_IF_ERROR((*store)->PutOrganisation(o));
  std::printf("== %s\n", url.c_str());
  VisitSteps steps(**store, orgs);
  CRAFTLINK_RETURN_IF_ERROR(steps.Prepare());
  int visit_counter = 0;
  CRAFTLINK_RETURN_IF_ERROR(TimeVisitSteps(steps, visit_counter, "visit step: empty roll-up"));

  const auto load_start = Stopwatch::now();
  CRAFTLINK_RETURN_IF_ERROR((*store)->ReplaceKpi(rollup.Cells(), {}));
  std::printf("%zu KPI cells for %zu organisations × %d years written in %.1f s\n", rollup.Cells().size(),
              tree.size(), kYears, std::chrono::duration<double>(Stopwatch::now() - load_start).count());

  services::KpiService kpis(**store, nullptr);
  const access::Principal admin{"bench", "bench", access::Role::kAdmin, "", "", ""};
  const int year = kFirstYear + kYears - 1;
  auto root = kpis.Report(admin, {.org_id = "root", .year = year});
  if (!root.ok()) return root.status();
  for (const char* metric : {tracking::metric::kVisits, tracking::metric::kCostSavedYuan}) {
    if ((*root)["totals"].value(metric, int64_t{0}) != rollup.Value("root", year, "total", "", metric)) {
      return Status::Corruption(std::string("the report's root ") + metric + " differs from the roll-up written");
    }
  }
  for (const auto& [label, org] : std::vector<std::pair<std::string, std::string>>{
           {"report: root (4 provinces below)", "root"},
           {"report: province (8 cities below)", "P31"},
           {"report: district (leaf)", "D310101"}}) {
    Status failed;
    auto ms = TimeRuns(30, [&] {
      auto r = kpis.Report(admin, {.org_id = org, .year = year});
      if (!r.ok()) failed = r.status();
    });
    CRAFTLINK_RETURN_IF_ERROR(failed);
    Print(label, ms);
  }
  return TimeVisitSteps(steps, visit_counter, "visit step: full roll-up");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> urls;
  bench::ActivityShape shape{.first_year = kFirstYear, .years = kYears};
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--db") urls.push_back(argv[i + 1]);
    if (std::string(argv[i]) == "--engagements") shape.engagements = std::stoll(argv[i + 1]);
  }
  if (urls.empty()) urls.push_back("sqlite:/tmp/craftlink-kpi-bench.db");
  const std::vector<domain::Organisation> tree = MakeTree();
  std::vector<domain::Organisation> districts;
  for (const auto& o : tree) {
    if (o.kind == domain::OrganisationKind::kDistrict) districts.push_back(o);
  }
  const access::OrgDirectory orgs(tree);

  // Generated once, then measured on every database given, side by side.
  std::mt19937 rng(20261129);
  bench::RollUp rollup;
  const auto generate_start = Stopwatch::now();
  auto counts = bench::GenerateActivity(shape, orgs, districts, rng, rollup);
  if (!counts.ok()) return Fail(counts.status());
  if (Status s = CheckRollUp(rollup, *counts); !s.ok()) return Fail(s);
  std::printf("generated %lld engagements, %lld visits (%lld craftsman-visits), %lld history lines, "
              "%lld problems solved in %.1f s; root totals match\n",
              static_cast<long long>(counts->engagements), static_cast<long long>(counts->visit_rows),
              static_cast<long long>(counts->craftsman_visits), static_cast<long long>(counts->history_lines),
              static_cast<long long>(counts->problems_solved),
              std::chrono::duration<double>(Stopwatch::now() - generate_start).count());
  std::fflush(stdout);
  for (const std::string& url : urls) {
    if (Status s = MeasureOn(url, tree, orgs, rollup); !s.ok()) return Fail(s);
    std::fflush(stdout);
  }
  return 0;
}
