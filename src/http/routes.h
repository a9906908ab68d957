#pragma once

#include <httplib.h>

#include "http/route_catalog.h"
#include "interchange/validation.h"
#include "services/batch_dispatch.h"
#include "services/engagement_service.h"
#include "services/inbox_service.h"
#include "services/kpi_service.h"
#include "services/match_service.h"
#include "services/programme_service.h"
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
  services::EngagementService* engagements = nullptr;
  services::BatchDispatchService* batch_dispatch = nullptr;  // null until the match index is built
  services::KpiService* kpis = nullptr;
  services::InboxService* inbox = nullptr;
  services::ProgrammeService* programmes = nullptr;  // agreements, events, mentorships, studios
};

void RegisterAuthRoutes(RouteCatalog& server, const Services& services);
// craftsmen, enterprises, needs, results: list, read, create, update, archive.
void RegisterRecordRoutes(RouteCatalog& server, const Services& services);
// needs/{id}/matches, results/{id}/matches, duplicate-needs.
void RegisterMatchRoutes(RouteCatalog& server, const Services& services);
// organisations, users, audit.
void RegisterAdminRoutes(RouteCatalog& server, const Services& services);
// imports/{kind} (rows read by the browser; dry run or one-transaction write), imports/columns.
void RegisterImportRoutes(RouteCatalog& server, const Services& services);
// engagements: dispatch, every life-cycle step, promotion to a result;
// dispatch (batch plans) and their confirmation.
void RegisterEngagementRoutes(RouteCatalog& server, const Services& services);
// kpi, kpi/export, targets.
void RegisterKpiRoutes(RouteCatalog& server, const Services& services);
// notifications (the in-app inbox), webhooks and their delivery log.
void RegisterInboxRoutes(RouteCatalog& server, const Services& services);
// agreements, events (registrations, attendance, 对接会 wishes/schedule/agenda), mentorships, studios.
void RegisterProgrammeRoutes(RouteCatalog& server, const Services& services);
// GET /api/v1/openapi.json: the document compiled in from src/http/openapi.json.
void RegisterOpenApiRoute(RouteCatalog& server);

}  // namespace craftlink::http
