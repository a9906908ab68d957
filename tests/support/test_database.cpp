#include "support/test_database.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>

namespace craftlink::testing {
namespace {

std::string PgAdminUrl() {
  const char* url = std::getenv("CRAFTLINK_TEST_PG_URL");
  return url != nullptr ? url : "";
}

void PgAdmin(const std::string& sql) {
  PGconn* conn = PQconnectdb(PgAdminUrl().c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string error = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the test PostgreSQL server: " + error);
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  PGresult* res = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  std::string error = ok ? "" : PQerrorMessage(conn);
  PQclear(res);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + error);
}

// Replaces the database name at the end of a libpq URI.
std::string WithDatabase(const std::string& url, const std::string& database) {
  const size_t scheme = url.find("://");
  const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const size_t query = url.find('?');
  std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + database + tail;
}

}  // namespace

std::string ExecRawSql(const std::string& url, const std::string& sql) {
  if (url.rfind("sqlite:", 0) == 0) {
    sqlite3* db = nullptr;
    sqlite3_open(url.substr(7).c_str(), &db);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = rc == SQLITE_OK ? "" : (error != nullptr ? error : "error");
    sqlite3_free(error);
    sqlite3_close(db);
    return message;
  }
  PGconn* conn = PQconnectdb(url.c_str());
  PGresult* res = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(res);
  std::string message = (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) ? "" : PQerrorMessage(conn);
  PQclear(res);
  PQfinish(conn);
  return message;
}

std::vector<Backend> BackendsUnderTest() {
  std::vector<Backend> out{Backend::kSqlite};
  if (!PgAdminUrl().empty()) {
    out.push_back(Backend::kPostgres);
  } else {
    const char* require = std::getenv("CRAFTLINK_REQUIRE_PG");
    if (require != nullptr && std::string(require) == "1") {
      throw std::runtime_error("CRAFTLINK_REQUIRE_PG=1 but CRAFTLINK_TEST_PG_URL is not set");
    }
  }
  return out;
}

std::string BackendName(Backend backend) { return backend == Backend::kSqlite ? "sqlite" : "postgres"; }

std::filesystem::path MakeTempDir(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

TestDatabase::TestDatabase(Backend backend, const std::string& pg_create_options)
    : backend_(backend), dir_(MakeTempDir("craftlink-test")) {
  if (backend == Backend::kSqlite) {
    url_ = "sqlite:" + (dir_ / "test.db").string();
    return;
  }
  static std::atomic<int> counter{0};
  pg_database_ = "craftlink_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  PgAdmin("DROP DATABASE IF EXISTS " + pg_database_);
  PgAdmin("CREATE DATABASE " + pg_database_ + (pg_create_options.empty() ? "" : " " + pg_create_options));
  url_ = WithDatabase(PgAdminUrl(), pg_database_);
}

TestDatabase::~TestDatabase() {
  if (!pg_database_.empty()) {
    try {
      PgAdmin("DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)");
    } catch (const std::exception&) {
      // The server may already be stopping at the end of the run.
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace craftlink::testing
