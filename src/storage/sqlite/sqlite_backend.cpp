#include "storage/sqlite/sqlite_backend.h"

#include <sqlite3.h>

#include <algorithm>
#include <thread>
#include <unordered_map>

namespace craftlink::storage {
namespace {

constexpr int kBusyTimeoutMs = 10000;

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string message = std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  const int primary = rc & 0xFF;
  if (primary == SQLITE_CONSTRAINT) return Status::Conflict(message);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Status::Unavailable(message);
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return Status::Corruption(message);
  if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL) return Status::IoError(message);
  return Status::Internal(message);
}

// SQLite takes ?NNN for numbered parameters; the shared code writes $NNN.
std::string ToSqlitePlaceholders(std::string_view sql) {
  std::string out(sql);
  bool in_string = false;
  for (char& ch : out) {
    if (ch == '\'') in_string = !in_string;
    if (ch == '$' && !in_string) ch = '?';
  }
  return out;
}

class SqliteRow final : public SqlRow {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  bool IsNull(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string_view Text(int column) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (p == nullptr) return {};
    return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
  }

 private:
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }

  Status Exec(std::string_view sql, const std::vector<SqlValue>& params) override {
    return Query(sql, params, [](const SqlRow&) { return true; });
  }

  Status Query(std::string_view sql, const std::vector<SqlValue>& params, const RowCallback& on_row) override {
    auto stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    CRAFTLINK_RETURN_IF_ERROR(Bind(*stmt, params));
    SqliteRow row(*stmt);
    Status result;
    while (true) {
      const int rc = sqlite3_step(*stmt);
      if (rc == SQLITE_ROW) {
        if (!on_row(row)) break;
        continue;
      }
      if (rc != SQLITE_DONE) result = SqliteError(db_, rc, "query failed");
      break;
    }
    sqlite3_reset(*stmt);
    sqlite3_clear_bindings(*stmt);
    return result;
  }

  Status ExecScript(std::string_view sql) override {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
    if (rc == SQLITE_OK) return Status::Ok();
    std::string message = error != nullptr ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    return SqliteError(nullptr, rc, message);
  }

  // Chunks of kRowsPerInsert rows go through one multi-row INSERT: a
  // statement per row pays the VDBE's setup and halt (and on AUTOINCREMENT
  // tables an update of sqlite_sequence) per row. The rest go one by one.
  // Both statements stay prepared. Values are bound without copying: `rows`
  // outlives every step, and the bindings are cleared before returning.
  Status WriteRows(const UpsertSpec& spec, const std::vector<std::vector<SqlValue>>& rows) override {
    const size_t width = spec.columns.size();
    if (rows.empty()) return Status::Ok();
    if (width == 0) return Status::Internal("WriteRows without columns for " + spec.table);
    for (const auto& row : rows) {
      if (row.size() != width) return Status::Internal("row width differs from " + spec.table);
    }
    const size_t per_insert = std::max<size_t>(1, std::min(kRowsPerInsert, kMaxVariables / width));
    size_t start = 0;
    if (per_insert > 1 && rows.size() >= per_insert) {
      auto chunk = Prepare(UpsertSql(spec, per_insert));
      if (!chunk.ok()) return chunk.status();
      for (; start + per_insert <= rows.size(); start += per_insert) {
        CRAFTLINK_RETURN_IF_ERROR(StepRows(*chunk, spec, rows, start, per_insert));
      }
    }
    if (start == rows.size()) return Status::Ok();
    auto single = Prepare(UpsertSql(spec, 1));
    if (!single.ok()) return single.status();
    for (; start < rows.size(); ++start) CRAFTLINK_RETURN_IF_ERROR(StepRows(*single, spec, rows, start, 1));
    return Status::Ok();
  }

  Status BeginWrite() override { return ExecScript("BEGIN IMMEDIATE"); }
  Status BeginRead() override { return ExecScript("BEGIN"); }
  Status Commit() override { return ExecScript("COMMIT"); }
  Status Rollback() override { return ExecScript("ROLLBACK"); }
  // Followers in other processes poll the changes table.
  Status AnnounceChanges() override { return Status::Ok(); }

 private:
  static constexpr size_t kRowsPerInsert = 100;  // divides SqlStore's 1000-row chunks
  static constexpr size_t kMaxVariables = 32766;  // SQLITE_MAX_VARIABLE_NUMBER since 3.32

  static std::string UpsertSql(const UpsertSpec& spec, size_t rows) {
    std::string cols, values, updates;
    for (size_t i = 0; i < spec.columns.size(); ++i) {
      const std::string& c = spec.columns[i];
      cols += (i ? ", " : "") + c;
      updates += (updates.empty() ? "" : ", ") + c + " = excluded." + c;
    }
    for (size_t r = 0, n = 0; r < rows; ++r) {
      values += r ? ", (" : "(";
      for (size_t i = 0; i < spec.columns.size(); ++i) values += (i ? ", ?" : "?") + std::to_string(++n);
      values += ")";
    }
    std::string sql = "INSERT INTO " + spec.table + " (" + cols + ") VALUES " + values;
    if (!spec.key_columns.empty()) {
      std::string keys;
      for (const auto& k : spec.key_columns) keys += (keys.empty() ? "" : ", ") + k;
      sql += " ON CONFLICT (" + keys + ") DO " + (spec.key_columns.size() == spec.columns.size()
                                                     ? std::string("NOTHING")
                                                     : "UPDATE SET " + updates);
    }
    return sql;
  }

  // Binds rows[start, start + count) to one statement and runs it.
  Status StepRows(sqlite3_stmt* stmt, const UpsertSpec& spec, const std::vector<std::vector<SqlValue>>& rows,
                  size_t start, size_t count) {
    Status s;
    for (size_t r = 0; r < count && s.ok(); ++r) {
      s = Bind(stmt, rows[start + r], static_cast<int>(r * spec.columns.size()), SQLITE_STATIC);
    }
    if (s.ok()) {
      const int rc = sqlite3_step(stmt);
      if (rc != SQLITE_DONE) s = SqliteError(db_, rc, "writing " + spec.table);
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return s;
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    std::string key(sql);
    auto it = statements_.find(key);
    if (it != statements_.end()) return it->second;
    const std::string text = ToSqlitePlaceholders(sql);
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare failed");
    statements_.emplace(std::move(key), stmt);
    return stmt;
  }

  // Binds params to ?(offset + 1)…; SQLITE_STATIC only when they outlive the
  // statement's use of them.
  Status Bind(sqlite3_stmt* stmt, const std::vector<SqlValue>& params, int offset = 0,
              sqlite3_destructor_type text = SQLITE_TRANSIENT) {
    for (size_t i = 0; i < params.size(); ++i) {
      const int index = offset + static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      if (const auto* n = std::get_if<int64_t>(&params[i])) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        rc = sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), text);
      } else {
        rc = sqlite3_bind_null(stmt, index);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "bind failed");
    }
    return Status::Ok();
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

Result<sqlite3*> OpenDatabase(const std::filesystem::path& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteError(db, rc, "cannot open " + path.string());
    sqlite3_close_v2(db);
    return s;
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  return db;
}

Status CopyDatabase(sqlite3* from, sqlite3* to, std::string_view what) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) return SqliteError(to, sqlite3_errcode(to), what);
  // One step copies every page under a single read transaction of the
  // source: the copy is a consistent snapshot even while writers go on.
  int rc = sqlite3_backup_step(backup, -1);
  while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    rc = sqlite3_backup_step(backup, -1);
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return SqliteError(to, rc, what);
  return Status::Ok();
}

class SqliteBackend final : public SqlBackend {
 public:
  explicit SqliteBackend(std::filesystem::path path) : path_(std::move(path)) {}

  std::string_view name() const override { return "sqlite"; }

  Result<std::unique_ptr<SqlConnection>> Connect() override {
    if (path_.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(path_.parent_path(), ec);
    }
    auto db = OpenDatabase(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
    if (!db.ok()) return db.status();
    auto connection = std::make_unique<SqliteConnection>(*db);
    // page_size only takes effect while the file is still empty (before WAL
    // mode writes its header); an existing database keeps the size it has.
    // 8 KiB rather than SQLite's 4 KiB: a stored profile is ~1.3 KB, and at
    // 1M profiles the larger page scans (q= filters) ~20% faster, imports
    // 0–9% faster and looks up by id as fast (docs/benchmarks.md).
    CRAFTLINK_RETURN_IF_ERROR(connection->ExecScript(
        "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
        "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;"));
    return std::unique_ptr<SqlConnection>(std::move(connection));
  }

  void WaitForForeignChange(std::chrono::milliseconds timeout) override {
    // Other processes' commits are seen by polling; 25 ms keeps followers
    // well inside the one-second freshness promise at negligible cost.
    std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(25)));
  }

  Status Backup(const std::filesystem::path& destination) override {
    auto source = OpenDatabase(path_, SQLITE_OPEN_READONLY);
    if (!source.ok()) return source.status();
    const std::filesystem::path partial = destination.string() + ".partial";
    std::filesystem::remove(partial);
    auto dest = OpenDatabase(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!dest.ok()) {
      sqlite3_close_v2(*source);
      return dest.status();
    }
    Status s = CopyDatabase(*source, *dest, "backup failed");
    sqlite3_close_v2(*dest);
    sqlite3_close_v2(*source);
    if (!s.ok()) {
      std::filesystem::remove(partial);
      return s;
    }
    // Rename last so that `destination` is never a half-written backup.
    std::error_code ec;
    std::filesystem::rename(partial, destination, ec);
    if (ec) return Status::IoError("cannot move backup into place: " + ec.message());
    return Status::Ok();
  }

 private:
  std::filesystem::path path_;
};

// The first column of the first row of `sql` ("" when there is none), or
// the error that running it gave.
Result<std::string> QueryText(sqlite3* db, const char* sql, std::string_view what) {
  std::string value;
  const int rc = sqlite3_exec(
      db, sql,
      [](void* out, int, char** values, char**) {
        *static_cast<std::string*>(out) = values[0] != nullptr ? values[0] : "";
        return 1;  // the first row is all we want
      },
      &value, nullptr);
  if (rc != SQLITE_OK && rc != SQLITE_ABORT) return SqliteError(db, rc, std::string(what));
  return value;
}

Status CheckRestorable(sqlite3* db) {
  auto verdict = QueryText(db, "PRAGMA integrity_check", "backup is not a SQLite database");
  if (!verdict.ok()) return verdict.status();
  if (*verdict != "ok") return Status::Corruption("backup fails integrity_check: " + *verdict);
  auto has_schema = QueryText(db, "SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'", "restore failed");
  if (!has_schema.ok() || has_schema->empty()) {
    return Status::Invalid("not a CraftLink backup (no schema_migrations table)");
  }
  return Status::Ok();
}

// SQLite's backup API cannot change the page size of a database in WAL mode,
// and a backup may have another page size than the database it goes into
// (databases made before 8 KiB pages have 4 KiB). Such a restore runs in
// rollback-journal mode; the next connection turns WAL on again.
Status PrepareForPageSize(sqlite3* source, sqlite3* dest) {
  constexpr std::string_view kWhat = "restore failed";
  auto source_size = QueryText(source, "PRAGMA page_size", kWhat);
  auto dest_size = QueryText(dest, "PRAGMA page_size", kWhat);
  auto dest_mode = QueryText(dest, "PRAGMA journal_mode", kWhat);
  for (const auto* r : {&source_size, &dest_size, &dest_mode}) {
    if (!r->ok()) return r->status();
  }
  if (*source_size == *dest_size || *dest_mode != "wal") return Status::Ok();
  // Leaving WAL mode needs the only connection: it fails busy, or quietly
  // stays "wal", while a server or another tool has the database open.
  auto mode = QueryText(dest, "PRAGMA journal_mode = DELETE", kWhat);
  if (mode.ok() && *mode != "wal") return Status::Ok();
  return Status::Conflict(
      "恢复失败：备份的页大小（" + *source_size + "）与数据库的（" + *dest_size +
      "）不同，改变页大小需要独占数据库；请先停止服务和其他正在使用该数据库的程序，再重新恢复 "
      "(restore failed: the backup's page size differs from the database's; stop the server and other users of "
      "the database, then restore again" + (mode.ok() ? "" : "; " + mode.status().message()) + ")");
}

}  // namespace

std::unique_ptr<SqlBackend> MakeSqliteBackend(std::filesystem::path path) {
  return std::make_unique<SqliteBackend>(std::move(path));
}

Status RestoreSqlite(const std::filesystem::path& path, const std::filesystem::path& backup) {
  if (!std::filesystem::exists(backup)) return Status::NotFound("backup file not found: " + backup.string());
  auto source = OpenDatabase(backup, SQLITE_OPEN_READONLY);
  if (!source.ok()) return source.status();
  Status s = CheckRestorable(*source);
  if (s.ok()) {
    if (path.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(path.parent_path(), ec);
    }
    auto dest = OpenDatabase(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (dest.ok()) {
      s = PrepareForPageSize(*source, *dest);
      if (s.ok()) s = CopyDatabase(*source, *dest, "restore failed");
      sqlite3_close_v2(*dest);
    } else {
      s = dest.status();
    }
  }
  sqlite3_close_v2(*source);
  return s;
}

}  // namespace craftlink::storage
