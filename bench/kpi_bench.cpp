// The yearly KPI report at programme scale. Five years of activity — 1M
// engagements and 3M visits across a national tree of 197 organisations —
// leave a roll-up in which every month, district, industry division and
// service kind of every organisation and year holds a cell; this program
// writes that roll-up (random values, seeded), then times the report the
// API serves (KpiService::Report: one organisation-year of cells plus one
// query per organisation directly below).
//
// The raw engagement and visit rows are not loaded: the report never reads
// them (engagement_facts.h folds each step into the roll-up as it commits).
//
// Run: build/bench/kpi_bench --db sqlite:/tmp/kpi.db
//      build/bench/kpi_bench --db postgresql://…
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "core/clock.h"
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
constexpr int kIndustryDivisions = 97;  // GB/T 4754 divisions A01…T97
constexpr int kMaxFirstVisitDays = 120;

struct Org {
  std::string id;
  std::vector<std::string> districts;  // region codes of the subtree
};

std::vector<domain::Organisation> MakeTree(std::vector<Org>& orgs) {
  std::vector<domain::Organisation> tree{{"root", "全国总工会", "", domain::OrganisationKind::kNational, "", {}}};
  orgs.push_back({"root", {}});
  const int province_codes[kProvinces] = {31, 51, 50, 32};
  for (int p = 0; p < kProvinces; ++p) {
    const std::string pid = "P" + std::to_string(province_codes[p]);
    tree.push_back({pid, pid, "root", domain::OrganisationKind::kProvince, std::to_string(province_codes[p]), {}});
    Org province{pid, {}};
    for (int c = 1; c <= kCitiesPerProvince; ++c) {
      char city_code[8];
      std::snprintf(city_code, sizeof city_code, "%02d%02d", province_codes[p], c);
      const std::string cid = std::string("C") + city_code;
      tree.push_back({cid, cid, pid, domain::OrganisationKind::kCity, city_code, {}});
      Org city{cid, {}};
      for (int d = 1; d <= kDistrictsPerCity; ++d) {
        char district_code[8];
        std::snprintf(district_code, sizeof district_code, "%s%02d", city_code, d);
        const std::string did = std::string("D") + district_code;
        tree.push_back({did, did, cid, domain::OrganisationKind::kDistrict, district_code, {}});
        orgs.push_back({did, {district_code}});
        city.districts.push_back(district_code);
      }
      province.districts.insert(province.districts.end(), city.districts.begin(), city.districts.end());
      orgs.push_back(std::move(city));
    }
    orgs[0].districts.insert(orgs[0].districts.end(), province.districts.begin(), province.districts.end());
    orgs.push_back(std::move(province));
  }
  return tree;
}

// Every cell the roll-up of one organisation-year holds when activity
// reached all its districts (plus a few outside, from shared visits).
void AddOrgYear(const Org& org, const std::vector<std::string>& all_districts, int year, std::mt19937& rng,
                std::vector<storage::KpiDelta>& out) {
  std::uniform_int_distribution<int64_t> value(1, 500);
  std::vector<std::string> regions = org.districts;
  std::uniform_int_distribution<size_t> any(0, all_districts.size() - 1);
  for (int i = 0; i < 10; ++i) regions.push_back(all_districts[any(rng)]);
  std::sort(regions.begin(), regions.end());
  regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
  std::vector<std::pair<std::string, std::string>> keys{{"total", ""}};
  for (int m = 1; m <= 12; ++m) keys.push_back({"month", (m < 10 ? "0" : "") + std::to_string(m)});
  for (const auto& r : regions) keys.push_back({"region", r});
  for (int i = 1; i <= kIndustryDivisions; ++i) keys.push_back({"industry", "C" + std::to_string(i)});
  for (const auto& k : domain::ServiceKindNames()) keys.push_back({"kind", std::string(k.code)});
  for (const auto& [dim, key] : keys) {
    for (const auto& m : tracking::Metrics()) out.push_back({org.id, year, dim, key, std::string(m.code), value(rng)});
  }
  for (int d = 0; d <= kMaxFirstVisitDays; ++d) {
    out.push_back({org.id, year, "first_visit_days", std::to_string(d), tracking::metric::kFirstVisits, value(rng)});
  }
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

}  // namespace

int main(int argc, char** argv) {
  std::string url = "sqlite:/tmp/craftlink-kpi-bench.db";
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--db") url = argv[i + 1];
  }
  auto store = storage::OpenStore(url);
  if (!store.ok()) return Fail(store.status());
  std::vector<Org> orgs;
  for (const auto& o : MakeTree(orgs)) {
    if (Status s = (*store)->PutOrganisation(o); !s.ok()) return Fail(s);
  }
  std::mt19937 rng(20261129);
  std::vector<storage::KpiDelta> cells;
  for (int y = 0; y < kYears; ++y) {
    for (const Org& org : orgs) AddOrgYear(org, orgs[0].districts, kFirstYear + y, rng, cells);
  }
  const auto load_start = Stopwatch::now();
  if (Status s = (*store)->ReplaceKpi(cells, {}); !s.ok()) return Fail(s);
  std::printf("%s: %zu KPI cells for %zu organisations × %d years written in %.1f s\n", url.c_str(), cells.size(),
              orgs.size(), kYears, std::chrono::duration<double>(Stopwatch::now() - load_start).count());

  services::KpiService kpis(**store, nullptr);
  const access::Principal admin{"bench", "bench", access::Role::kAdmin, "", "", ""};
  const int year = kFirstYear + kYears - 1;
  for (const auto& [label, org] : std::vector<std::pair<std::string, std::string>>{
           {"report: root (4 provinces below)", "root"},
           {"report: province (8 cities below)", "P31"},
           {"report: district (leaf)", "D310101"}}) {
    Status failed;
    auto ms = TimeRuns(30, [&] {
      auto r = kpis.Report(admin, {.org_id = org, .year = year});
      if (!r.ok()) failed = r.status();
    });
    if (!failed.ok()) return Fail(failed);
    Print(label, ms);
  }
  return 0;
}
