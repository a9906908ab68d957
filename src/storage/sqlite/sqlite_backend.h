#pragma once

#include <filesystem>
#include <memory>

#include "storage/sql.h"

namespace craftlink::storage {

// The embedded backend: one SQLite file in WAL mode.
//
// Durability: synchronous=FULL. In WAL mode that fsyncs the log on every
// commit, so a transaction that returned is on disk even if the power fails
// right after; NORMAL would be faster per commit but could lose the last
// commits on power loss (never corrupt the file). Imports commit in large
// batches, so FULL costs them little.
std::unique_ptr<SqlBackend> MakeSqliteBackend(std::filesystem::path path);

// Replaces the database at `path` with the backup at `backup`, page by page
// through SQLite's backup API, after checking the backup is a sound
// CraftLink database.
Status RestoreSqlite(const std::filesystem::path& path, const std::filesystem::path& backup);

}  // namespace craftlink::storage
