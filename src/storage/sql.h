#pragma once

// The narrow SQL surface the shared store code (SqlStore) needs from a
// backend. Statements use $1, $2, … placeholders in both dialects.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace craftlink::storage {

using SqlNull = std::monostate;
using SqlValue = std::variant<SqlNull, int64_t, std::string>;

inline SqlValue Text(std::string_view v) { return SqlValue{std::string(v)}; }
inline SqlValue Int(int64_t v) { return SqlValue{v}; }

// "$n": the placeholder of the n-th parameter, in both dialects.
inline std::string Placeholder(size_t n) { return "$" + std::to_string(n); }

// Appends `value` to `params` and answers its placeholder.
inline std::string Bind(std::vector<SqlValue>& params, SqlValue value) {
  params.push_back(std::move(value));
  return Placeholder(params.size());
}

// Appends `values` to `params` and answers their placeholders as a list,
// "$3, $4, $5", for `column IN (…)`.
inline std::string BindList(std::vector<SqlValue>& params, const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + Bind(params, Text(v));
  return out;
}

class SqlRow {
 public:
  virtual ~SqlRow() = default;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  // Valid until the callback that received the row returns.
  virtual std::string_view Text(int column) const = 0;
};
using RowCallback = std::function<bool(const SqlRow&)>;  // false stops

enum class SqlDialect { kSqlite, kPostgres };

// Rows to insert into one table; with key columns, an existing row with the
// same key is replaced (upsert).
struct UpsertSpec {
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::string> key_columns;  // empty: plain insert
};

// One database session. Not thread-safe: SqlStore hands each connection to
// one thread at a time.
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual SqlDialect dialect() const = 0;
  virtual Status Exec(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
  virtual Status Query(std::string_view sql, const std::vector<SqlValue>& params, const RowCallback& on_row) = 0;
  // Several statements without parameters (schema migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
  // Writes many rows; drivers choose the fastest way their database offers.
  virtual Status WriteRows(const UpsertSpec& spec, const std::vector<std::vector<SqlValue>>& rows) = 0;
  // The same, but the database may still be writing when it returns (the
  // caller prepares its next rows meanwhile): the next call on this
  // connection waits for it and answers its failure. `rows` may be freed
  // on return.
  virtual Status StartWriteRows(const UpsertSpec& spec, const std::vector<std::vector<SqlValue>>& rows) {
    return WriteRows(spec, rows);
  }

  // A write transaction serialises with every other writer, so change-feed
  // sequence numbers are committed in the order they were assigned.
  virtual Status BeginWrite() = 0;
  virtual Status BeginRead() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // Called inside a write transaction after changes were appended: wakes
  // followers in other processes once the transaction commits.
  virtual Status AnnounceChanges() = 0;
};

// What differs between SQLite and PostgreSQL beyond single statements.
class SqlBackend {
 public:
  virtual ~SqlBackend() = default;
  virtual std::string_view name() const = 0;
  virtual Result<std::unique_ptr<SqlConnection>> Connect() = 0;
  // Blocks until another process may have appended to the change feed, or
  // until `timeout`. In-process writers are awaited by SqlStore itself.
  virtual void WaitForForeignChange(std::chrono::milliseconds timeout) = 0;
  virtual Status Backup(const std::filesystem::path& destination) = 0;
};

}  // namespace craftlink::storage
