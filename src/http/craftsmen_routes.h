#pragma once

#include <httplib.h>

#include "storage/store.h"

namespace craftlink::http {

// GET /api/v1/craftsmen?q=&limit=&after= and GET /api/v1/craftsmen/{id}:
// read-only, personal data masked.
void RegisterCraftsmenRoutes(httplib::Server& server, storage::Store& store);

}  // namespace craftlink::http
