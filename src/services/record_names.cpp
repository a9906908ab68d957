#include "services/record_names.h"

#include <set>

namespace craftlink::services {
std::vector<std::vector<std::string>> ScanIdChunks(const std::vector<std::string>& ids) {
  const std::set<std::string> unique(ids.begin(), ids.end());
  std::vector<std::vector<std::string>> out;
  for (const auto& id : unique) {
    if (out.empty() || out.back().size() == storage::kMaxScanIds) out.emplace_back();
    out.back().push_back(id);
  }
  return out;
}

Result<RecordNames> RecordNames::Read(storage::Store& store, const access::Policy& policy, const access::Principal& who,
                                      const std::vector<std::string>& craftsman_ids,
                                      const std::vector<std::string>& need_ids,
                                      const std::vector<std::string>& result_ids) {
  RecordNames names;
  for (auto& chunk : ScanIdChunks(craftsman_ids)) {
    CRAFTLINK_RETURN_IF_ERROR(
        store.ScanCraftsmen({.include_archived = true, .ids = std::move(chunk)}, [&](domain::Craftsman&& c) {
          const bool shared = c.consent == domain::ConsentScope::kPoolAndAlliance;
          if (policy.View(who, c, shared) != access::Visibility::kHidden) names.craftsmen_[c.id] = std::move(c.name);
          return true;
        }));
  }
  for (auto& chunk : ScanIdChunks(need_ids)) {
    CRAFTLINK_RETURN_IF_ERROR(
        store.ScanNeeds({.include_archived = true, .ids = std::move(chunk)}, [&](domain::Need&& n) {
          if (policy.View(who, n) == access::Visibility::kHidden) return true;
          names.need_enterprises_[n.id] = {n.enterprise_id, ""};
          names.needs_[n.id] = std::move(n.title);
          return true;
        }));
  }
  for (auto& chunk : ScanIdChunks(result_ids)) {
    CRAFTLINK_RETURN_IF_ERROR(
        store.ScanResults({.include_archived = true, .ids = std::move(chunk)}, [&](domain::InnovationResult&& r) {
          if (policy.View(who, r) != access::Visibility::kHidden) names.results_[r.id] = std::move(r.title);
          return true;
        }));
  }
  std::map<std::string, std::string> enterprise_names;
  std::vector<std::string> enterprise_ids;
  for (const auto& [need, enterprise] : names.need_enterprises_) enterprise_ids.push_back(enterprise.first);
  for (auto& chunk : ScanIdChunks(enterprise_ids)) {
    CRAFTLINK_RETURN_IF_ERROR(
        store.ScanEnterprises({.include_archived = true, .ids = std::move(chunk)}, [&](domain::Enterprise&& e) {
          if (policy.View(who, e) != access::Visibility::kHidden) enterprise_names[e.id] = std::move(e.name);
          return true;
        }));
  }
  for (auto& [need, enterprise] : names.need_enterprises_) {
    if (auto it = enterprise_names.find(enterprise.first); it != enterprise_names.end()) enterprise.second = it->second;
  }
  return names;
}

nlohmann::json RecordNames::Craftsman(const std::string& id) const {
  nlohmann::json j{{"id", id}};
  if (const std::string* name = CraftsmanName(id)) j["name"] = *name;
  return j;
}

nlohmann::json RecordNames::InnovationResult(const std::string& id) const {
  nlohmann::json j{{"id", id}};
  if (const auto it = results_.find(id); it != results_.end()) j["title"] = it->second;
  return j;
}

const std::string* RecordNames::CraftsmanName(const std::string& id) const {
  const auto it = craftsmen_.find(id);
  return it == craftsmen_.end() ? nullptr : &it->second;
}

const std::pair<std::string, std::string>* RecordNames::NeedEnterprise(const std::string& id) const {
  const auto it = need_enterprises_.find(id);
  return it == need_enterprises_.end() ? nullptr : &it->second;
}

const std::string* RecordNames::NeedTitle(const std::string& id) const {
  const auto it = needs_.find(id);
  return it == needs_.end() ? nullptr : &it->second;
}

}  // namespace craftlink::services
