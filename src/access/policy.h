// access: who may see and change what — roles, organisation scope through
// the union hierarchy and alliances, confidential needs and personal-data
// masking. Every server path asks here; nothing else decides access.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace craftlink::access {

enum class Role { kAdmin, kStaff, kEnterprise, kCraftsman };
std::string_view RoleCode(Role role);
std::optional<Role> ParseRole(std::string_view text);
std::string_view RoleChinese(Role role);

// The signed-in caller.
struct Principal {
  std::string user_id;
  std::string username;
  Role role = Role::kCraftsman;
  std::string org_id;         // staff
  std::string enterprise_id;  // enterprise users
  std::string craftsman_id;   // craftsman users
};

// The organisation tree and alliances, for scope questions. Built from the
// store's organisations; immutable, cheap to query.
class OrgDirectory {
 public:
  explicit OrgDirectory(const std::vector<domain::Organisation>& orgs);
  bool Exists(std::string_view org) const { return parent_.count(std::string(org)) > 0; }
  // True when `org` is `ancestor` or below it.
  bool IsWithin(std::string_view org, std::string_view ancestor) const;
  // Organisations that share an alliance with `org` or with one of its
  // ancestors (their subtrees are the partners' pools).
  std::set<std::string> AlliancePartners(std::string_view org) const;
  // `org`, its parent, …, the root: whose figures a record of `org` counts in.
  std::vector<std::string> Lineage(std::string_view org) const;
  // Alliances that have `org` (or one of its ancestors) as a member.
  std::vector<std::string> AlliancesOf(std::string_view org) const;
  // `org` and every organisation below it, in id order.
  std::vector<std::string> Subtree(std::string_view org) const;
  std::vector<std::string> Children(std::string_view org) const;
  bool IsAlliance(std::string_view org) const;
  // The organisations in an alliance's pools: every member's subtree.
  std::vector<std::string> AllianceSubtrees(std::string_view alliance) const;

 private:
  std::map<std::string, std::string, std::less<>> parent_;
  std::vector<std::vector<std::string>> alliances_;  // member lists
  std::vector<std::string> alliance_ids_;            // parallel to alliances_
};

// How much of a record the caller may see.
enum class Visibility {
  kHidden,  // not at all: answer 404, never 403, so ids cannot be probed
  kMasked,  // the record, personal data masked (138****5678, 刘*)
  kFull,    // everything
};

class Policy {
 public:
  explicit Policy(const OrgDirectory& orgs) : orgs_(orgs) {}

  // Staff see their organisation's subtree; a craftsman of an alliance
  // partner is visible (masked) when the craftsman consented to alliance
  // sharing (`shared_with_alliance`).
  Visibility View(const Principal& p, const domain::Craftsman& c, bool shared_with_alliance) const;
  Visibility View(const Principal& p, const domain::Enterprise& e) const;
  // Needs: confidential ones only to their enterprise and staff in scope.
  Visibility View(const Principal& p, const domain::Need& n) const;
  Visibility View(const Principal& p, const domain::InnovationResult& r) const;

  // Writes: admins anything; staff within their subtree; an enterprise its
  // own record and needs; a craftsman their own profile.
  bool CanEdit(const Principal& p, const domain::Craftsman& c) const;
  bool CanEdit(const Principal& p, const domain::Enterprise& e) const;
  bool CanEdit(const Principal& p, const domain::Need& n) const;
  bool CanEdit(const Principal& p, const domain::InnovationResult& r) const;
  // May the caller create records owned by `org_id`?
  bool CanCreateIn(const Principal& p, std::string_view org_id) const;
  bool CanManageUsers(const Principal& p) const { return p.role == Role::kAdmin; }
  bool CanReadAudit(const Principal& p) const { return p.role == Role::kAdmin; }
  bool CanDispatch(const Principal& p) const { return p.role == Role::kAdmin || p.role == Role::kStaff; }
  bool InScope(const Principal& p, std::string_view org_id) const;

 private:
  const OrgDirectory& orgs_;
};

// 138****5678; names keep their first character (刘**).
std::string MaskPhone(std::string_view phone);
std::string MaskName(std::string_view name);

}  // namespace craftlink::access
