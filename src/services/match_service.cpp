#include "services/match_service.h"

namespace craftlink::services {
namespace {

using access::Visibility;

constexpr size_t kOverfetch = 4;  // candidates ranked per one shown, to survive the pool filter

Status NeedHidden(std::string_view id) {
  return Status::NotFound("没有找到 needs/" + std::string(id) + "，或您无权查看");
}

// The staff of the need's owning organisation: whose pool the need draws on.
access::Principal PoolOwner(const domain::Need& need) {
  return {"", "", access::Role::kStaff, need.meta.org_id, "", ""};
}

}  // namespace

Result<nlohmann::json> MatchService::MatchesForNeed(const access::Principal& who, std::string_view need_id,
                                                    size_t top_k, bool include_full_capacity) {
  auto orgs = store_.ListOrganisations();
  if (!orgs.ok()) return orgs.status();
  const access::OrgDirectory directory(*orgs);
  const access::Policy policy(directory);
  auto need = store_.GetNeed(need_id);
  if (!need.ok()) return need.status();
  if (!need->has_value() || policy.View(who, **need) == Visibility::kHidden) return NeedHidden(need_id);

  const matching::MatchOptions options{.top_k = top_k * kOverfetch, .include_full_capacity = include_full_capacity};
  auto list = engine_.MatchNeed(**need, options);
  if (!list.ok()) return list.status();
  const access::Principal pool = PoolOwner(**need);
  std::vector<matching::CraftsmanMatch> kept;
  for (auto& m : list->matches) {
    if (kept.size() == top_k) break;
    auto c = store_.GetCraftsman(m.craftsman_id);
    if (!c.ok()) return c.status();
    if (!c->has_value()) continue;
    const bool shared = (*c)->consent == domain::ConsentScope::kPoolAndAlliance;
    if (policy.View(pool, **c, shared) != Visibility::kHidden) kept.push_back(std::move(m));
  }
  list->matches = std::move(kept);
  return matching::ToJson(*list);
}

Result<std::vector<matching::CraftsmanMatch>> MatchService::MatchesInPool(const domain::Need& need, size_t top_k,
                                                                          bool include_full_capacity) {
  auto orgs = store_.ListOrganisations();
  if (!orgs.ok()) return orgs.status();
  const access::OrgDirectory directory(*orgs);
  const access::Policy policy(directory);
  const matching::MatchOptions options{
      .top_k = top_k * kOverfetch, .include_full_capacity = include_full_capacity, .top_results = 0};
  auto list = engine_.MatchNeed(need, options);
  if (!list.ok()) return list.status();
  const access::Principal pool = PoolOwner(need);
  std::vector<matching::CraftsmanMatch> kept;
  for (auto& m : list->matches) {
    if (kept.size() == top_k) break;
    auto c = store_.GetCraftsman(m.craftsman_id);
    if (!c.ok()) return c.status();
    if (!c->has_value() || !(*c)->available || (*c)->meta.archived) continue;
    const bool shared = (*c)->consent == domain::ConsentScope::kPoolAndAlliance;
    if (policy.View(pool, **c, shared) != Visibility::kHidden) kept.push_back(std::move(m));
  }
  return kept;
}

Result<std::vector<std::string>> MatchService::RankedInPool(const domain::Need& need, size_t top_k,
                                                           bool include_full_capacity) {
  auto matches = MatchesInPool(need, top_k, include_full_capacity);
  if (!matches.ok()) return matches.status();
  std::vector<std::string> ids;
  for (const auto& m : *matches) ids.push_back(m.craftsman_id);
  return ids;
}

Result<nlohmann::json> MatchService::NeedsForResult(const access::Principal& who, std::string_view result_id,
                                                    size_t top_k) {
  auto orgs = store_.ListOrganisations();
  if (!orgs.ok()) return orgs.status();
  const access::OrgDirectory directory(*orgs);
  const access::Policy policy(directory);
  auto result = store_.GetResult(result_id);
  if (!result.ok()) return result.status();
  if (!result->has_value() || policy.View(who, **result) == Visibility::kHidden) {
    return Status::NotFound("没有找到 results/" + std::string(result_id) + "，或您无权查看");
  }
  auto needs = engine_.RecommendNeedsForResult(result_id, top_k * kOverfetch);
  if (!needs.ok()) return needs.status();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& n : *needs) {
    if (items.size() == top_k) break;
    auto need = store_.GetNeed(n.need_id);
    if (!need.ok()) return need.status();
    if (need->has_value() && policy.View(who, **need) != Visibility::kHidden) items.push_back(matching::ToJson(n));
  }
  return nlohmann::json{{"result_id", result_id}, {"needs", items}};
}

Result<nlohmann::json> MatchService::DuplicateNeeds(const access::Principal& who) {
  auto orgs = store_.ListOrganisations();
  if (!orgs.ok()) return orgs.status();
  const access::OrgDirectory directory(*orgs);
  const access::Policy policy(directory);
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& group : engine_.FindDuplicateNeeds()) {
    bool visible = true;
    for (const auto& id : group.need_ids) {
      auto need = store_.GetNeed(id);
      if (!need.ok()) return need.status();
      visible = visible && need->has_value() && policy.View(who, **need) != Visibility::kHidden;
    }
    if (visible) groups.push_back(matching::ToJson(group));
  }
  return nlohmann::json{{"groups", groups}};
}

}  // namespace craftlink::services
