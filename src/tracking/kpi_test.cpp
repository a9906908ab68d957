#include "tracking/kpi.h"

#include <gtest/gtest.h>

namespace craftlink::tracking {
namespace {

access::OrgDirectory Orgs() {
  using domain::OrganisationKind;
  return access::OrgDirectory({{"root", "全总", "", OrganisationKind::kNational, "", {}},
                               {"sh", "上海", "root", OrganisationKind::kProvince, "31", {}},
                               {"sh-pd", "浦东", "sh", OrganisationKind::kDistrict, "310115", {}},
                               {"sh-mh", "闵行", "sh", OrganisationKind::kDistrict, "310112", {}},
                               {"sc", "四川", "root", OrganisationKind::kProvince, "51", {}},
                               {"cq", "重庆", "root", OrganisationKind::kProvince, "50", {}},
                               {"chuanyu", "川渝", "", OrganisationKind::kAlliance, "", {"sc", "cq"}}});
}

TEST(KpiTest, SharedVisitCountsOnceForTheCommonAncestor) {
  const auto credited = CreditedOrganisations(Orgs(), {"sh-pd", "sh-mh"});
  EXPECT_EQ(credited, (std::vector<std::string>{"root", "sh", "sh-mh", "sh-pd"}));
  FactScope scope{"2026-03-05", "310115", "C", "technical_service", credited};
  std::vector<storage::KpiDelta> deltas;
  AddFact(scope, metric::kVisits, 2, deltas);
  std::vector<storage::KpiCell> sh;
  for (const auto& d : deltas) {
    if (d.org_id == "sh") sh.push_back({d.dim, d.key, d.metric, d.value});
  }
  const auto report = BuildKpiReport("sh", 2026, sh, {}, RegionLevel::kDistrict);
  EXPECT_EQ(report["totals"]["visits"], 2);
  EXPECT_EQ(report["by_month"][2]["visits"], 2);
  EXPECT_EQ(report["by_month"][3]["visits"], 0);
  EXPECT_EQ(report["by_region"][0]["key"], "310115");
}

TEST(KpiTest, AlliancesAreCreditedThroughTheirMembers) {
  const auto credited = CreditedOrganisations(Orgs(), {"sc", "cq"});
  EXPECT_EQ(credited, (std::vector<std::string>{"chuanyu", "cq", "root", "sc"}));
}

TEST(KpiTest, MedianDaysAndRatesComeFromTheCells) {
  std::vector<storage::KpiDelta> deltas;
  FactScope scope{"2026-05-01", "310115", "C", "training", {"sh"}};
  for (int days : {3, 5, 9, 20}) AddFirstVisit(scope, days, deltas);
  AddFact(scope, metric::kProblemsSolved, 3, deltas);
  AddFact(scope, metric::kNotResolved, 1, deltas);
  AddFact(scope, metric::kRatings, 2, deltas);
  AddFact(scope, metric::kRatingSum, 9, deltas);
  std::vector<storage::KpiCell> cells;
  for (const auto& d : deltas) cells.push_back({d.dim, d.key, d.metric, d.value});
  const auto report = BuildKpiReport("sh", 2026, cells, {{"visits", 50}}, RegionLevel::kCity);
  EXPECT_EQ(report["rates"]["median_days_to_first_visit"], 5);
  EXPECT_DOUBLE_EQ(report["rates"]["resolution_rate"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(report["rates"]["average_rating"].get<double>(), 4.5);
  EXPECT_EQ(report["targets"][0]["target"], 50);      // set for the year
  EXPECT_EQ(report["targets"][3]["target"], 10000);   // Shanghai default
  EXPECT_EQ(report["by_region"][0]["key"], "3101");   // district rolled into its city
  EXPECT_EQ(report["totals"]["problems_solved"], 3);
}

TEST(KpiTest, EmptyYearHasNoMedian) {
  const auto report = BuildKpiReport("sh", 2026, {}, {}, RegionLevel::kCity);
  EXPECT_TRUE(report["rates"]["median_days_to_first_visit"].is_null());
  EXPECT_EQ(report["totals"]["visits"], 0);
}

}  // namespace
}  // namespace craftlink::tracking
