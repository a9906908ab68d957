#pragma once

// Innovation studios (创新工作室): a craftsman-led studio with members,
// results and the alliances it takes part in. Stored as documents of kind
// "studio": org_id = the owning organisation, ref_a = the lead, state
// "active", body {name, lead_id, member_ids (lead first), result_ids,
// alliance_ids, description}.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "access/policy.h"
#include "core/clock.h"
#include "services/session_service.h"
#include "storage/store.h"

namespace craftlink::services {

struct StudioQuery {
  std::string org_id;     // owned by exactly this organisation
  std::string member_id;  // has this craftsman as lead or member
  std::string after;
  size_t limit = 50;
  std::string q;  // in the id, name or lead's name (programme::MatchesText)
};

// Who may read a studio: staff in scope of its organisation and admins;
// anyone whose home organisation (see programme::HomeOrganisation) lies
// below the studio's, or belongs to one of the alliances the studio takes
// part in; and its own lead and members.
bool CanSeeStudio(const access::Principal& who, const access::OrgDirectory& orgs, const std::string& home_org,
                  const storage::DocumentRow& studio);

// The studio's craftsmen, lead first.
std::vector<std::string> StudioMembers(const storage::DocumentRow& studio);

// Thread-safe: holds no state of its own; the store serialises writes.
class StudioService {
 public:
  StudioService(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Staff in scope of `org_id` (default: their own) or admins. Lead and
  // members must be craftsmen the caller can see, results must exist, and
  // alliance_ids must name alliance organisations.
  Result<nlohmann::json> Create(const access::Principal& who, const nlohmann::json& body, const RequestOrigin& origin);
  // The whole studio with the `version` read; staff in scope of both the
  // current and any new organisation. Conflict when the version is stale.
  Result<nlohmann::json> Update(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                const RequestOrigin& origin);
  Result<nlohmann::json> Get(const access::Principal& who, std::string_view id);
  Result<nlohmann::json> List(const access::Principal& who, const StudioQuery& query);

 private:
  // Validates the fields of a create or update into `row`.
  Status Fill(const access::Principal& who, const access::OrgDirectory& orgs, const nlohmann::json& body,
              const std::string& default_org, storage::DocumentRow& row);
  nlohmann::json View(const access::Principal& who, const access::OrgDirectory& orgs,
                      const storage::DocumentRow& row) const;

  storage::Store& store_;
  const Clock& clock_;
};

}  // namespace craftlink::services
