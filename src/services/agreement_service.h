#pragma once

// Long-term agreements (长期协议 / 结对服务协议): a standing arrangement
// between an enterprise and a craftsman or a studio for a term and a number
// of planned visits. Visits themselves are logged through engagements
// (services/engagement_steps.cpp links each one to the active agreement that
// covers it); this service creates, shows, renews and ends agreements.
//
// Stored as documents of kind "agreement": ref_a = enterprise id, ref_b =
// craftsman or studio id, org_id = the enterprise's organisation, state
// active | renewed | ended, body.start / body.end as YYYY-MM-DD. A studio
// agreement keeps the studio's members (lead first) in body.member_ids as
// they were when it was signed or renewed.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "access/policy.h"
#include "core/clock.h"
#include "services/session_service.h"
#include "storage/store.h"

namespace craftlink::services {

struct AgreementQuery {
  std::string enterprise_id;
  std::string craftsman_id;
  std::string studio_id;
  std::string state;
  std::string after;
  size_t limit = 50;
  std::string q;  // in the id, enterprise, party (craftsman or studio) or scope
};

// Thread-safe: holds no state of its own; the store serialises writes.
class AgreementService {
 public:
  AgreementService(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Staff in scope of the enterprise's organisation (or an admin) sign
  // {enterprise_id, craftsman_id | studio_id, start, end, scope, planned_visits}.
  // Conflict when the same parties already have an active agreement whose
  // term overlaps: a visit must count against one agreement only.
  Result<nlohmann::json> Create(const access::Principal& who, const nlohmann::json& body, const RequestOrigin& origin);
  // With visits_done (visits linked so far) and visits_remaining.
  // NotFound when the caller is neither a party nor staff in scope.
  Result<nlohmann::json> Get(const access::Principal& who, std::string_view id);
  // Enterprise users see their own, craftsmen theirs (their studios'
  // included), staff their subtree, admins all.
  Result<nlohmann::json> List(const access::Principal& who, const AgreementQuery& query);
  // {end, planned_visits, start?, scope?, version}: a new agreement with
  // body.renewed_from takes over; the old one becomes "renewed". The new
  // term starts today (or the day after the old end, when that has passed)
  // unless `start` says otherwise, and must end after the old one.
  Result<nlohmann::json> Renew(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                               const RequestOrigin& origin);
  // {reason, version}: ends an active agreement early (state "ended").
  Result<nlohmann::json> End(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                             const RequestOrigin& origin);

 private:
  Result<nlohmann::json> CreateOnce(const access::Principal& who, const nlohmann::json& body,
                                    const RequestOrigin& origin);
  Result<nlohmann::json> RenewOnce(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                   const RequestOrigin& origin);
  // Read before CheckOverlap and committed with the change: two signings
  // for the same enterprise and party cannot both pass the overlap check.
  Result<storage::DocumentWrite> ReadTermsGuard(const storage::DocumentRow& agreement, const std::string& now);
  struct Loaded;
  Result<Loaded> Load(const access::Principal& who, std::string_view id, bool for_change);
  Result<nlohmann::json> View(const storage::DocumentRow& row);
  // Conflict naming an active agreement of the same parties overlapping
  // [start, end], other than `except_id`.
  Status CheckOverlap(const std::string& enterprise_id, const std::string& party_id, const std::string& start,
                      const std::string& end, const std::string& except_id);

  storage::Store& store_;
  const Clock& clock_;
};

}  // namespace craftlink::services
