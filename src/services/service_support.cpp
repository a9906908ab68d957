#include "services/service_support.h"

namespace craftlink::services {

Result<access::OrgDirectory> LoadDirectory(storage::Store& store) {
  auto orgs = store.ListOrganisations();
  if (!orgs.ok()) return orgs.status();
  return access::OrgDirectory(*orgs);
}

Status AppendAuditLine(storage::Store& store, const access::Principal& who, std::string_view action,
                       std::string_view target, const RequestOrigin& origin, const nlohmann::json& detail) {
  return store.AppendAudit({.user_id = who.user_id,
                            .action = std::string(action),
                            .target = std::string(target),
                            .ip = origin.ip,
                            .detail = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
}

}  // namespace craftlink::services
