#pragma once

#include "core/status.h"
#include "storage/sql.h"

namespace craftlink::storage {

// Brings the database up to the newest schema version, one migration per
// transaction, recording each in schema_migrations. Safe to call on every
// open and from several processes at once.
Status Migrate(SqlConnection& connection);

// The newest schema version this build knows.
int LatestSchemaVersion();

}  // namespace craftlink::storage
