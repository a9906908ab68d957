#pragma once

// Small pieces every service uses: the organisation directory as the store
// holds it now, and one audit line in the shape all services write.

#include <string_view>

#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "services/session_service.h"
#include "storage/store.h"

namespace craftlink::services {

Result<access::OrgDirectory> LoadDirectory(storage::Store& store);

// `detail` is stored as JSON text; invalid UTF-8 in it is replaced, never refused.
Status AppendAuditLine(storage::Store& store, const access::Principal& who, std::string_view action,
                       std::string_view target, const RequestOrigin& origin, const nlohmann::json& detail);

}  // namespace craftlink::services
