#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "storage/sql.h"

namespace craftlink::storage {

// The PostgreSQL 15 backend over libpq, for deployments that outgrow one
// machine. `url` is a libpq connection URI (postgresql://user@host:port/db).
// Several processes may share one database: the change feed's writers take a
// transaction-scoped advisory lock so sequence numbers commit in order, and
// announce commits with NOTIFY, which followers LISTEN for.
std::unique_ptr<SqlBackend> MakePostgresBackend(std::string url);

// Replaces the contents of the database at `url` with a backup made by
// Backup (pg_dump custom format), through pg_restore --clean.
Status RestorePostgres(const std::string& url, const std::filesystem::path& backup);

}  // namespace craftlink::storage
