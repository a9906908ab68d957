#pragma once

#include <httplib.h>

#include "interchange/validation.h"
#include "services/record_service.h"
#include "services/session_service.h"
#include "storage/store.h"

namespace craftlink::http {

// What the handlers call into; owned by the server's creator.
struct Services {
  storage::Store& store;
  services::SessionService& sessions;
  services::RecordService& records;
};

void RegisterAuthRoutes(httplib::Server& server, const Services& services);
// craftsmen, enterprises, needs, results: list, read, create, update, archive.
void RegisterRecordRoutes(httplib::Server& server, const Services& services);
// organisations, users, audit.
void RegisterAdminRoutes(httplib::Server& server, const Services& services);

}  // namespace craftlink::http
