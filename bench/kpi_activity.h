#pragma once

// Five years of generated programme activity for the KPI benchmark. Each
// engagement is written out as the history lines a real one leaves
// (dispatch, accept or decline or expiry, visits, resolution, rating,
// follow-ups) and folded through tracking::AddEngagementFacts — the same
// function the service and `craftlink kpi rebuild` use — so the roll-up the
// benchmark queries is exactly what that activity would have produced.

#include <cstdint>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "access/policy.h"
#include "core/status.h"
#include "storage/tracking_store.h"

namespace craftlink::bench {

// What the generator produced, counted independently of the roll-up so the
// two can be compared.
struct ActivityCounts {
  int64_t engagements = 0;
  int64_t visit_rows = 0;
  int64_t craftsman_visits = 0;  // a squad's visit counts once per craftsman present
  int64_t workers_trained = 0;
  int64_t problems_solved = 0;
  int64_t history_lines = 0;
};

struct ActivityShape {
  int first_year = 2022;
  int years = 5;
  int64_t engagements = 1'000'000;
  int enterprises_per_district = 1250;
  int craftsmen_per_district = 60;
};

// Sums the increments of every folded line into one cell each, as the
// store's upserts would.
class RollUp {
 public:
  void Add(const std::vector<storage::KpiDelta>& deltas);
  // Applies a first-served mark's increments only the first time an
  // organisation serves an enterprise in a year, as the store does.
  void Add(const std::vector<storage::ServedMark>& marks);
  const std::vector<storage::KpiDelta>& Cells() const { return cells_; }
  int64_t Value(const std::string& org, int year, const std::string& dim, const std::string& key,
                const std::string& metric) const;

 private:
  static void Key(std::string& out, const std::string& org, int year, const std::string& dim, const std::string& key,
                  const std::string& metric);
  std::vector<storage::KpiDelta> cells_;
  std::unordered_map<std::string, size_t> index_;  // key → position in cells_
  std::unordered_set<std::string> served_;
  std::string key_;
};

// `districts` are the organisation ids of the leaves; each craftsman and
// enterprise belongs to one of them. Returns what was generated.
Result<ActivityCounts> GenerateActivity(const ActivityShape& shape, const access::OrgDirectory& orgs,
                                        const std::vector<domain::Organisation>& districts, std::mt19937& rng,
                                        RollUp& rollup);

}  // namespace craftlink::bench
