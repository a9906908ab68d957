#include "access/policy.h"

#include <algorithm>

#include "core/utf8.h"
#include "reference/mobile.h"

namespace craftlink::access {

std::string_view RoleCode(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kStaff: return "staff";
    case Role::kEnterprise: return "enterprise";
    case Role::kCraftsman: return "craftsman";
  }
  return "craftsman";
}

std::string_view RoleChinese(Role role) {
  switch (role) {
    case Role::kAdmin: return "平台管理员";
    case Role::kStaff: return "工会工作人员";
    case Role::kEnterprise: return "企业用户";
    case Role::kCraftsman: return "劳模工匠";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view text) {
  for (Role r : {Role::kAdmin, Role::kStaff, Role::kEnterprise, Role::kCraftsman}) {
    if (RoleCode(r) == text) return r;
  }
  return std::nullopt;
}

OrgDirectory::OrgDirectory(const std::vector<domain::Organisation>& orgs) {
  for (const auto& o : orgs) {
    parent_[o.id] = o.parent_id;
    if (o.kind == domain::OrganisationKind::kAlliance) {
      alliances_.push_back(o.member_ids);
      alliance_ids_.push_back(o.id);
    }
  }
}

std::vector<std::string> OrgDirectory::Lineage(std::string_view org) const {
  std::vector<std::string> line;
  std::string current(org);
  for (size_t steps = 0; steps <= parent_.size() && !current.empty(); ++steps) {
    auto it = parent_.find(current);
    if (it == parent_.end()) break;
    line.push_back(current);
    current = it->second;
  }
  return line;
}

std::vector<std::string> OrgDirectory::AlliancesOf(std::string_view org) const {
  std::vector<std::string> out;
  for (size_t i = 0; i < alliances_.size(); ++i) {
    if (std::any_of(alliances_[i].begin(), alliances_[i].end(),
                    [&](const std::string& m) { return IsWithin(org, m); })) {
      out.push_back(alliance_ids_[i]);
    }
  }
  return out;
}

std::vector<std::string> OrgDirectory::Subtree(std::string_view org) const {
  std::vector<std::string> out;
  for (const auto& [id, parent] : parent_) {
    if (IsWithin(id, org)) out.push_back(id);
  }
  return out;
}

std::vector<std::string> OrgDirectory::Children(std::string_view org) const {
  std::vector<std::string> out;
  for (const auto& [id, parent] : parent_) {
    if (parent == org && !IsAlliance(id)) out.push_back(id);
  }
  return out;
}

bool OrgDirectory::IsAlliance(std::string_view org) const {
  return std::find(alliance_ids_.begin(), alliance_ids_.end(), org) != alliance_ids_.end();
}

std::vector<std::string> OrgDirectory::AllianceSubtrees(std::string_view alliance) const {
  std::set<std::string> out;
  for (size_t i = 0; i < alliances_.size(); ++i) {
    if (alliance_ids_[i] != alliance) continue;
    for (const auto& m : alliances_[i]) {
      for (auto& id : Subtree(m)) out.insert(std::move(id));
    }
  }
  return {out.begin(), out.end()};
}

bool OrgDirectory::IsWithin(std::string_view org, std::string_view ancestor) const {
  std::string current(org);
  // Bounded by the number of organisations: a corrupted cycle cannot hang us.
  for (size_t steps = 0; steps <= parent_.size() && !current.empty(); ++steps) {
    if (current == ancestor) return true;
    auto it = parent_.find(current);
    if (it == parent_.end()) return false;
    current = it->second;
  }
  return false;
}

std::set<std::string> OrgDirectory::AlliancePartners(std::string_view org) const {
  std::set<std::string> partners;
  for (const auto& members : alliances_) {
    const bool member = std::any_of(members.begin(), members.end(),
                                    [&](const std::string& m) { return IsWithin(org, m); });
    if (!member) continue;
    for (const auto& m : members) {
      if (!IsWithin(org, m)) partners.insert(m);
    }
  }
  return partners;
}

bool Policy::InScope(const Principal& p, std::string_view org_id) const {
  if (p.role == Role::kAdmin) return true;
  return p.role == Role::kStaff && !p.org_id.empty() && orgs_.IsWithin(org_id, p.org_id);
}

Visibility Policy::View(const Principal& p, const domain::Craftsman& c, bool shared_with_alliance) const {
  if (p.role == Role::kAdmin || InScope(p, c.meta.org_id)) return Visibility::kFull;
  if (p.role == Role::kCraftsman && p.craftsman_id == c.id) return Visibility::kFull;
  if (p.role == Role::kStaff && shared_with_alliance) {
    for (const auto& partner : orgs_.AlliancePartners(p.org_id)) {
      if (orgs_.IsWithin(c.meta.org_id, partner)) return Visibility::kMasked;
    }
  }
  return Visibility::kHidden;
}

Visibility Policy::View(const Principal& p, const domain::Enterprise& e) const {
  if (InScope(p, e.meta.org_id)) return Visibility::kFull;
  if (p.role == Role::kEnterprise && p.enterprise_id == e.id) return Visibility::kFull;
  return Visibility::kHidden;
}

Visibility Policy::View(const Principal& p, const domain::Need& n) const {
  if (InScope(p, n.meta.org_id)) return Visibility::kFull;
  if (p.role == Role::kEnterprise && p.enterprise_id == n.enterprise_id) return Visibility::kFull;
  return Visibility::kHidden;
}

Visibility Policy::View(const Principal& p, const domain::InnovationResult& r) const {
  // The results library exists to be reused: staff see all of it (成果推广);
  // a craftsman sees their own results.
  if (p.role == Role::kAdmin || p.role == Role::kStaff) return Visibility::kFull;
  if (p.role == Role::kCraftsman &&
      std::find(r.owner_ids.begin(), r.owner_ids.end(), p.craftsman_id) != r.owner_ids.end()) {
    return Visibility::kFull;
  }
  return Visibility::kHidden;
}

bool Policy::CanEdit(const Principal& p, const domain::Craftsman& c) const {
  return InScope(p, c.meta.org_id) || (p.role == Role::kCraftsman && p.craftsman_id == c.id);
}
bool Policy::CanEdit(const Principal& p, const domain::Enterprise& e) const {
  return InScope(p, e.meta.org_id) || (p.role == Role::kEnterprise && p.enterprise_id == e.id);
}
bool Policy::CanEdit(const Principal& p, const domain::Need& n) const {
  return InScope(p, n.meta.org_id) || (p.role == Role::kEnterprise && p.enterprise_id == n.enterprise_id);
}
bool Policy::CanEdit(const Principal& p, const domain::InnovationResult& r) const {
  return InScope(p, r.meta.org_id);
}
bool Policy::CanCreateIn(const Principal& p, std::string_view org_id) const { return InScope(p, org_id); }

std::string MaskPhone(std::string_view phone) { return reference::MaskPhone(phone); }

std::string MaskName(std::string_view name) {
  const auto cps = utf8::Decode(name);
  if (cps.empty()) return "";
  std::string out;
  utf8::Append(cps[0], out);
  for (size_t i = 1; i < cps.size(); ++i) out += "*";
  return out;
}

}  // namespace craftlink::access
