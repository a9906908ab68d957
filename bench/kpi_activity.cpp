#include "kpi_activity.h"

#include <algorithm>
#include <chrono>

#include "core/clock.h"
#include "domain/model.h"
#include "tracking/engagement_facts.h"
#include "tracking/engagement_state.h"
#include "tracking/kpi.h"

namespace craftlink::bench {
namespace {

using tracking::EngagementAction;

// The fixed facts of one generated engagement.
struct Scene {
  std::string need_org;
  std::string region;
  std::string industry;
  std::string kind;
  std::string enterprise_id;
  std::vector<std::string> craftsmen;  // "<district org>/K<n>": the owner is the part before '/'
};

// Folds generated lines through AddEngagementFacts, with the credited
// organisations of each (need org, craftsman orgs) set computed once.
class Folder {
 public:
  Folder(const access::OrgDirectory& orgs, RollUp& rollup) : orgs_(orgs), rollup_(rollup) {}

  Status Fold(const Scene& scene, EngagementAction action, const std::string& date, nlohmann::json detail) {
    storage::EngagementEventRow line;
    line.action = std::string(tracking::ActionCode(action));
    line.at = date + "T10:00:00+08:00";
    detail["craftsman_ids"] = scene.craftsmen;
    line.detail = std::move(detail);
    const tracking::ScopeFor scope_for = [&](const std::string& day, const std::vector<std::string>& craftsmen) {
      return Result<tracking::FactScope>(
          tracking::FactScope{day, scene.region, scene.industry, scene.kind, Credited(scene.need_org, craftsmen)});
    };
    kpi_.clear();
    served_.clear();
    CRAFTLINK_RETURN_IF_ERROR(tracking::AddEngagementFacts(line, scope_for, kpi_, served_));
    rollup_.Add(kpi_);
    rollup_.Add(served_);
    return Status::Ok();
  }

 private:
  const std::vector<std::string>& Credited(const std::string& need_org, const std::vector<std::string>& craftsmen) {
    std::vector<std::string> involved{need_org};
    for (const std::string& c : craftsmen) involved.push_back(c.substr(0, c.find('/')));
    std::sort(involved.begin(), involved.end());
    involved.erase(std::unique(involved.begin(), involved.end()), involved.end());
    std::string key;
    for (const auto& o : involved) key += o + ",";
    auto it = credited_.find(key);
    if (it == credited_.end()) it = credited_.emplace(key, tracking::CreditedOrganisations(orgs_, involved)).first;
    return it->second;
  }

  const access::OrgDirectory& orgs_;
  RollUp& rollup_;
  std::unordered_map<std::string, std::vector<std::string>> credited_;
  std::vector<storage::KpiDelta> kpi_;
  std::vector<storage::ServedMark> served_;
};

class Generator {
 public:
  Generator(const ActivityShape& shape, const std::vector<domain::Organisation>& districts, std::mt19937& rng,
            Folder& folder)
      : shape_(shape),
        districts_(districts),
        rng_(rng),
        folder_(folder),
        start_(*ParseIsoDay(std::to_string(shape.first_year) + "-01-01")) {
    for (const auto& k : domain::ServiceKindNames()) kinds_.emplace_back(k.code);
  }

  Status Engagement(ActivityCounts& counts) {
    const Scene scene = MakeScene();
    // Posted early enough that the 180-day follow-up still falls inside the years measured.
    const int64_t span = int64_t{365} * shape_.years - 420;
    const int64_t posted = Uniform(0, span);
    int64_t day = posted + Uniform(0, 5);
    ++counts.engagements;
    CRAFTLINK_RETURN_IF_ERROR(Line(counts, scene, EngagementAction::kDispatch, day, {{"override", Chance(0.15)}}));
    const double outcome = Real();
    if (outcome < 0.07) return Line(counts, scene, EngagementAction::kDecline, day + 1, {{"reason", "档期冲突"}});
    if (outcome < 0.09) return Line(counts, scene, EngagementAction::kExpire, day + 2, nlohmann::json::object());
    CRAFTLINK_RETURN_IF_ERROR(Line(counts, scene, EngagementAction::kAccept, ++day, nlohmann::json::object()));
    CRAFTLINK_RETURN_IF_ERROR(Line(counts, scene, EngagementAction::kSchedule, ++day, nlohmann::json::object()));
    day += Uniform(3, 20);
    const int visits = 1 + std::binomial_distribution<int>(5, 0.46)(rng_);
    for (int v = 0; v < visits; ++v) {
      CRAFTLINK_RETURN_IF_ERROR(Visit(counts, scene, day, v == 0 ? day - posted : -1));
      day += Uniform(5, 30);
    }
    if (!Chance(0.85)) return Line(counts, scene, EngagementAction::kNotResolve, day, {{"reason", "设备需返厂"}});
    CRAFTLINK_RETURN_IF_ERROR(Line(counts, scene, EngagementAction::kResolve, day, nlohmann::json::object()));
    const bool confirmed = Chance(0.95);
    counts.problems_solved += confirmed ? 1 : 0;
    const int64_t rated = day + Uniform(1, 10);
    CRAFTLINK_RETURN_IF_ERROR(Line(counts, scene, EngagementAction::kRate, rated,
                                   {{"rating", Uniform(3, 5)}, {"confirmed", confirmed}, {"disputed", !confirmed}}));
    for (int after : {30, 90, 180}) {
      const bool holding = Chance(0.9);
      CRAFTLINK_RETURN_IF_ERROR(Line(counts, scene, EngagementAction::kFollowUp, day + after,
                                     {{"days", after}, {"holding", holding},
                                      {"cost_saved_yuan", holding ? Uniform(0, 50'000) : 0}}));
    }
    return Line(counts, scene, EngagementAction::kClose, day + 181, nlohmann::json::object());
  }

 private:
  Scene MakeScene() {
    const size_t home = static_cast<size_t>(Uniform(0, static_cast<int64_t>(districts_.size()) - 1));
    Scene s;
    s.need_org = districts_[home].id;
    s.region = districts_[home].region;
    s.industry = "C" + std::to_string(Uniform(1, 97));
    s.kind = kinds_[static_cast<size_t>(Uniform(0, static_cast<int64_t>(kinds_.size()) - 1))];
    s.enterprise_id = s.need_org + "/E" + std::to_string(Uniform(1, shape_.enterprises_per_district));
    const int members = Chance(0.1) ? 2 + static_cast<int>(Uniform(0, 1)) : 1;
    for (int m = 0; m < members; ++m) {
      // Most craftsmen serve their own district; some cross to another
      // organisation, which is what shared-visit crediting is about.
      const size_t from = Chance(0.85) ? home : static_cast<size_t>(Uniform(0, static_cast<int64_t>(districts_.size()) - 1));
      s.craftsmen.push_back(districts_[from].id + "/K" + std::to_string(Uniform(1, shape_.craftsmen_per_district)));
    }
    return s;
  }

  Status Visit(ActivityCounts& counts, const Scene& scene, int64_t day, int64_t days_to_first_visit) {
    const int64_t workers = Uniform(0, 40);
    nlohmann::json detail{{"date", Date(day)},
                          {"minutes", Uniform(2, 16) * 30},
                          {"workers_trained", workers},
                          {"enterprise_id", scene.enterprise_id}};
    if (days_to_first_visit >= 0) detail["days_to_first_visit"] = days_to_first_visit;
    ++counts.visit_rows;
    counts.craftsman_visits += static_cast<int64_t>(scene.craftsmen.size());
    counts.workers_trained += workers;
    return Line(counts, scene, EngagementAction::kLogVisit, day, std::move(detail));
  }

  Status Line(ActivityCounts& counts, const Scene& scene, EngagementAction action, int64_t day,
              nlohmann::json detail) {
    ++counts.history_lines;
    return folder_.Fold(scene, action, Date(day), std::move(detail));
  }

  // Days are counted from 1 January of the first year.
  std::string Date(int64_t day) const { return IsoDate(start_ + std::chrono::days(day)); }
  int64_t Uniform(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng_); }
  double Real() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  bool Chance(double p) { return Real() < p; }

  const ActivityShape& shape_;
  const std::vector<domain::Organisation>& districts_;
  std::mt19937& rng_;
  Folder& folder_;
  std::vector<std::string> kinds_;
  TimePoint start_;
};

}  // namespace

void RollUp::Key(std::string& k, const std::string& org, int year, const std::string& dim, const std::string& key,
                 const std::string& metric) {
  k.clear();
  k.append(org).push_back('\x1f');
  k.append(std::to_string(year)).push_back('\x1f');
  k.append(dim).push_back('\x1f');
  k.append(key).push_back('\x1f');
  k.append(metric);
}

void RollUp::Add(const std::vector<storage::KpiDelta>& deltas) {
  for (const auto& d : deltas) {
    Key(key_, d.org_id, d.year, d.dim, d.key, d.metric);  // a reused buffer: most keys exist already
    if (auto it = index_.find(key_); it != index_.end()) {
      cells_[it->second].value += d.value;
    } else {
      index_.emplace(key_, cells_.size());
      cells_.push_back(d);
    }
  }
}

void RollUp::Add(const std::vector<storage::ServedMark>& marks) {
  for (const auto& m : marks) {
    if (served_.insert(m.org_id + '\x1f' + std::to_string(m.year) + '\x1f' + m.enterprise_id).second) Add(m.on_first);
  }
}

int64_t RollUp::Value(const std::string& org, int year, const std::string& dim, const std::string& key,
                      const std::string& metric) const {
  std::string k;
  Key(k, org, year, dim, key, metric);
  auto it = index_.find(k);
  return it == index_.end() ? 0 : cells_[it->second].value;
}

Result<ActivityCounts> GenerateActivity(const ActivityShape& shape, const access::OrgDirectory& orgs,
                                        const std::vector<domain::Organisation>& districts, std::mt19937& rng,
                                        RollUp& rollup) {
  Folder folder(orgs, rollup);
  Generator generator(shape, districts, rng, folder);
  ActivityCounts counts;
  for (int64_t i = 0; i < shape.engagements; ++i) CRAFTLINK_RETURN_IF_ERROR(generator.Engagement(counts));
  return counts;
}

}  // namespace craftlink::bench
