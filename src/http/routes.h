#pragma once

#include <httplib.h>

#include "http/route_catalog.h"
#include "interchange/validation.h"
#include "services/match_service.h"
#include "services/record_service.h"
#include "services/session_service.h"
#include "storage/store.h"

namespace craftlink::http {

// What the handlers call into; owned by the server's creator.
struct Services {
  storage::Store& store;
  services::SessionService& sessions;
  services::RecordService& records;
  services::MatchService* matches = nullptr;  // null until the match index is built
};

void RegisterAuthRoutes(RouteCatalog& server, const Services& services);
// craftsmen, enterprises, needs, results: list, read, create, update, archive.
void RegisterRecordRoutes(RouteCatalog& server, const Services& services);
// needs/{id}/matches, results/{id}/matches, duplicate-needs.
void RegisterMatchRoutes(RouteCatalog& server, const Services& services);
// organisations, users, audit.
void RegisterAdminRoutes(RouteCatalog& server, const Services& services);
// GET /api/v1/openapi.json: the document compiled in from src/http/openapi.json.
void RegisterOpenApiRoute(RouteCatalog& server);

}  // namespace craftlink::http
