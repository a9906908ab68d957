#pragma once

// Requests under the Personal Information Protection Law (PIPL) about a
// craftsman: a copy of everything the platform holds about them (access and
// portability), and anonymisation (erasure without breaking the history
// that KPIs and other people's records rest on). Correction is the ordinary
// record update. Each request is audited.

#include <string_view>

#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "services/session_service.h"
#include "storage/store.h"

namespace craftlink::services {

class PeopleService {
 public:
  explicit PeopleService(storage::Store& store) : store_(store) {}

  // The craftsman themself, staff in scope of their organisation, or admin.
  Result<nlohmann::json> ExportCraftsman(const access::Principal& who, std::string_view id, const RequestOrigin& origin);
  // Staff in scope or admin. Clears name, phone, employer, biography,
  // honours and achievements; archives the profile; disables and signs out
  // the linked accounts. Skills, region and the engagement history stay, as
  // they identify nobody once the name is gone and the yearly figures rest
  // on them.
  Result<nlohmann::json> AnonymiseCraftsman(const access::Principal& who, std::string_view id,
                                            const RequestOrigin& origin);

 private:
  storage::Store& store_;
};

// The audit trail as CSV for Excel (admins), oldest first.
Result<std::string> AuditCsv(storage::Store& store, const access::Principal& who);

}  // namespace craftlink::services
