#include "storage/schema.h"

#include <string>
#include <vector>

namespace craftlink::storage {
namespace {

// Portable DDL: TEXT and INTEGER behave alike in SQLite and PostgreSQL, and
// booleans are stored as 0/1 so that the same statements bind on both. Only
// the change feed's sequence column differs. `body` holds the record as
// interchange JSON (domain/codec.h); the other columns exist because
// something queries or constrains them.
std::string MigrationV1(SqlDialect dialect) {
  const std::string seq = dialect == SqlDialect::kSqlite ? "seq INTEGER PRIMARY KEY AUTOINCREMENT"
                                                         : "seq BIGSERIAL PRIMARY KEY";
  return R"(
CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  parent_id TEXT REFERENCES organisations(id),
  kind TEXT NOT NULL,
  region TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL
);
CREATE TABLE organisation_members (
  alliance_id TEXT NOT NULL REFERENCES organisations(id),
  member_id TEXT NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (alliance_id, member_id)
);
CREATE TABLE craftsmen (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  region TEXT NOT NULL,
  capacity_per_month INTEGER NOT NULL,
  available INTEGER NOT NULL,
  archived INTEGER NOT NULL,
  search_text TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX craftsmen_org ON craftsmen(org_id);
CREATE TABLE enterprises (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  uscc TEXT NOT NULL,
  industry TEXT NOT NULL,
  region TEXT NOT NULL,
  archived INTEGER NOT NULL,
  search_text TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX enterprises_org ON enterprises(org_id);
CREATE TABLE needs (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  enterprise_id TEXT NOT NULL REFERENCES enterprises(id),
  kind TEXT NOT NULL,
  industry TEXT NOT NULL,
  region TEXT NOT NULL,
  onsite INTEGER NOT NULL,
  status TEXT NOT NULL,
  posted TEXT NOT NULL,
  confidential INTEGER NOT NULL,
  archived INTEGER NOT NULL,
  search_text TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX needs_org ON needs(org_id);
CREATE INDEX needs_enterprise ON needs(enterprise_id);
CREATE TABLE results (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  title TEXT NOT NULL,
  maturity TEXT NOT NULL,
  archived INTEGER NOT NULL,
  search_text TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX results_org ON results(org_id);
CREATE TABLE result_owners (
  result_id TEXT NOT NULL REFERENCES results(id),
  craftsman_id TEXT NOT NULL REFERENCES craftsmen(id),
  PRIMARY KEY (result_id, craftsman_id)
);
CREATE INDEX result_owners_craftsman ON result_owners(craftsman_id);
CREATE TABLE changes (
  )" + seq + R"(,
  kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
)";
}

// Accounts, sessions and the audit trail. The audit table refuses UPDATE and
// DELETE in the database itself, so no code path (or SQL typed by an
// operator through the application) can rewrite history.
std::string MigrationV2(SqlDialect dialect) {
  const bool sqlite = dialect == SqlDialect::kSqlite;
  const std::string seq = sqlite ? "seq INTEGER PRIMARY KEY AUTOINCREMENT" : "seq BIGSERIAL PRIMARY KEY";
  std::string sql = R"(
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  org_id TEXT REFERENCES organisations(id),
  enterprise_id TEXT REFERENCES enterprises(id),
  craftsman_id TEXT REFERENCES craftsmen(id),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL,
  failed_logins INTEGER NOT NULL,
  locked_until TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE audit (
  )" + seq + R"(,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  ip TEXT NOT NULL,
  detail TEXT NOT NULL
);
)";
  if (sqlite) {
    sql += R"(
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
)";
  } else {
    sql += R"(
CREATE FUNCTION craftlink_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN RAISE EXCEPTION 'audit is append-only'; END; $fn$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION craftlink_audit_append_only();
)";
  }
  return sql;
}

std::vector<std::string> Migrations(SqlDialect dialect) { return {MigrationV1(dialect), MigrationV2(dialect)}; }

Result<int> CurrentVersion(SqlConnection& c) {
  int version = 0;
  Status s = c.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}, [&](const SqlRow& row) {
    version = static_cast<int>(row.Int(0));
    return false;
  });
  if (!s.ok()) return s;
  return version;
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(Migrations(SqlDialect::kSqlite).size()); }

Status Migrate(SqlConnection& c) {
  // Inside the write lock: two processes opening an empty PostgreSQL
  // database at once would otherwise race on creating the table.
  CRAFTLINK_RETURN_IF_ERROR(c.BeginWrite());
  Status created = c.ExecScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  if (created.ok()) created = c.Commit();
  if (!created.ok()) {
    (void)c.Rollback();
    return created;
  }
  const std::vector<std::string> migrations = Migrations(c.dialect());
  for (size_t i = 0; i < migrations.size(); ++i) {
    const int version = static_cast<int>(i + 1);
    // The write transaction serialises concurrent migrators; re-read the
    // version inside it so a second process does not apply a step twice.
    CRAFTLINK_RETURN_IF_ERROR(c.BeginWrite());
    auto current = CurrentVersion(c);
    if (!current.ok()) {
      (void)c.Rollback();
      return current.status();
    }
    if (*current >= version) {
      CRAFTLINK_RETURN_IF_ERROR(c.Commit());
      continue;
    }
    Status s = c.ExecScript(migrations[i]);
    if (s.ok()) {
      s = c.Exec("INSERT INTO schema_migrations(version, applied_at) VALUES ($1, CURRENT_TIMESTAMP)",
                 {SqlValue{int64_t{version}}});
    }
    if (!s.ok()) {
      (void)c.Rollback();
      return Status(s.code(), "schema migration " + std::to_string(version) + " failed: " + s.message());
    }
    CRAFTLINK_RETURN_IF_ERROR(c.Commit());
  }
  return Status::Ok();
}

}  // namespace craftlink::storage
