#pragma once

// Fresh, empty databases for tests, on either backend. The PostgreSQL ones
// live on the server that scripts/test starts (CRAFTLINK_TEST_PG_URL names its
// maintenance database); each TestDatabase creates its own database there
// and drops it when destroyed, so tests never see each other's rows.

#include <filesystem>
#include <string>
#include <vector>

namespace craftlink::testing {

enum class Backend { kSqlite, kPostgres };

// The backends this run tests: SQLite always; PostgreSQL when
// CRAFTLINK_TEST_PG_URL is set. With CRAFTLINK_REQUIRE_PG=1 (scripts/test
// sets it) a missing server is a failure, not a skip.
std::vector<Backend> BackendsUnderTest();
std::string BackendName(Backend backend);

class TestDatabase {
 public:
  // `pg_create_options` are appended to PostgreSQL's CREATE DATABASE (e.g.
  // another default collation); SQLite ignores them.
  explicit TestDatabase(Backend backend, const std::string& pg_create_options = "");
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  // A scratch folder removed with the database (backups, exports).
  const std::filesystem::path& dir() const { return dir_; }

 private:
  Backend backend_;
  std::filesystem::path dir_;
  std::string url_;
  std::string pg_database_;
};

// Runs one SQL statement directly on the database at `url`, bypassing the
// store (to prove what the database itself refuses). Returns the error
// message, or an empty string when the statement succeeded.
std::string ExecRawSql(const std::string& url, const std::string& sql);

// A new empty temporary folder, removed by the caller (or by TestDatabase).
std::filesystem::path MakeTempDir(const std::string& prefix);

}  // namespace craftlink::testing
