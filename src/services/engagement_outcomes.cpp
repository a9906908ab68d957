#include "services/engagement_outcomes.h"

#include "tracking/engagement_state.h"

namespace craftlink::services {
namespace {

using tracking::EngagementAction;

constexpr size_t kPage = 1000;  // history lines per read

bool Flag(const nlohmann::json& detail, const char* key) {
  auto it = detail.find(key);
  return it != detail.end() && it->is_boolean() && it->get<bool>();
}

// The squad a line speaks of: its craftsman_ids, as every step that ends an
// engagement records them; the engagement's members for a line without.
Result<std::vector<std::string>> CraftsmenOf(storage::Store& store, const storage::EngagementEventRow& line) {
  std::vector<std::string> ids;
  if (auto it = line.detail.find("craftsman_ids"); it != line.detail.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_string()) ids.push_back(v.get<std::string>());
    }
    return ids;
  }
  auto row = store.GetEngagement(line.engagement_id);
  if (!row.ok()) return row.status();
  if (row->has_value()) ids = (*row)->member_ids;
  return ids;
}

}  // namespace

std::string EvidenceText(const domain::Need& need) {
  // "；" ends the title's Han run, so no bigram joins it to the description.
  return need.description.empty() ? need.title : need.title + "；" + need.description;
}

Status EngagementOutcomes::Count(storage::Store& store, const std::vector<storage::EngagementEventRow>& lines,
                                 Tallies& tallies,
                                 std::vector<std::pair<std::string, std::vector<std::string>>>& confirmed) {
  for (const auto& line : lines) {
    const auto action = tracking::ParseAction(line.action);
    if (action != EngagementAction::kRate && action != EngagementAction::kNotResolve) continue;
    auto craftsmen = CraftsmenOf(store, line);
    if (!craftsmen.ok()) return craftsmen.status();
    const auto rating = line.detail.find("rating");
    const bool rated = action == EngagementAction::kRate && rating != line.detail.end() && rating->is_number_integer();
    const bool resolved = action == EngagementAction::kRate && Flag(line.detail, "confirmed");
    const bool not_resolved = action == EngagementAction::kNotResolve || Flag(line.detail, "disputed");
    for (const std::string& id : *craftsmen) {
      Tally& t = tallies[id];
      t.resolved += resolved ? 1 : 0;
      t.not_resolved += not_resolved ? 1 : 0;
      if (rated) {
        ++t.rated;
        t.rating_sum += rating->get<int64_t>();
      }
    }
    if (resolved && !craftsmen->empty()) confirmed.emplace_back(line.engagement_id, std::move(*craftsmen));
  }
  return Status::Ok();
}

Result<std::vector<matching::Evidence>> EngagementOutcomes::EvidenceOf(
    storage::Store& store, const std::vector<std::pair<std::string, std::vector<std::string>>>& confirmed) {
  std::vector<matching::Evidence> out;
  for (const auto& [engagement_id, craftsmen] : confirmed) {
    auto row = store.GetEngagement(engagement_id);
    if (!row.ok()) return row.status();
    if (!row->has_value()) continue;
    auto need = store.GetNeed((*row)->need_id);
    if (!need.ok()) return need.status();
    // An archived need was withdrawn: its text no longer speaks for anyone.
    if (!need->has_value() || (*need)->meta.archived) continue;
    const std::string text = EvidenceText(**need);
    // Every member, lead or not: the squad did the work together, and the
    // evidence field has one weight (no per-item weights to give members less).
    for (const std::string& id : craftsmen) out.push_back({id, engagement_id, text});
  }
  return out;
}

Status EngagementOutcomes::Refresh(storage::Store& store, matching::MatchEngine& engine) {
  std::lock_guard refresh(refresh_mu_);
  static const std::vector<std::string> kActions{std::string(tracking::ActionCode(EngagementAction::kRate)),
                                                 std::string(tracking::ActionCode(EngagementAction::kNotResolve))};
  while (true) {
    auto lines = store.EngagementEventsAfter(applied_seq(), kActions, kPage);
    if (!lines.ok()) return lines.status();
    if (lines->empty()) return Status::Ok();
    Tallies page;
    std::vector<std::pair<std::string, std::vector<std::string>>> confirmed;
    CRAFTLINK_RETURN_IF_ERROR(Count(store, *lines, page, confirmed));
    auto evidence = EvidenceOf(store, confirmed);
    if (!evidence.ok()) return evidence.status();
    // Evidence is keyed by engagement, so a page read again after a failure
    // adds only what is missing; the tallies below are committed only here.
    auto added = engine.AddEvidence(*evidence);
    if (!added.ok()) return added.status();
    {
      std::lock_guard lock(mu_);
      for (const auto& [id, t] : page) {
        Tally& into = tallies_[id];
        into.resolved += t.resolved;
        into.not_resolved += t.not_resolved;
        into.rated += t.rated;
        into.rating_sum += t.rating_sum;
      }
      applied_seq_ = lines->back().seq;
    }
    if (lines->size() < kPage) return Status::Ok();
  }
}

matching::TrackRecord EngagementOutcomes::Get(std::string_view craftsman_id) const {
  std::lock_guard lock(mu_);
  auto it = tallies_.find(std::string(craftsman_id));
  if (it == tallies_.end()) return {};
  const Tally& t = it->second;
  return {.resolved = t.resolved,
          .not_resolved = t.not_resolved,
          .rated = t.rated,
          .mean_rating = t.rated > 0 ? static_cast<double>(t.rating_sum) / t.rated : 0.0};
}

int64_t EngagementOutcomes::applied_seq() const {
  std::lock_guard lock(mu_);
  return applied_seq_;
}

}  // namespace craftlink::services
