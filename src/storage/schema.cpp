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

// Tracking: engagements and their history, visits, follow-ups, the KPI
// roll-up, targets, notifications with the webhook outbox, and documents.
// engagement_events is append-only like audit: history is never rewritten.
std::string MigrationV3(SqlDialect dialect) {
  const bool sqlite = dialect == SqlDialect::kSqlite;
  const std::string seq = sqlite ? "seq INTEGER PRIMARY KEY AUTOINCREMENT" : "seq BIGSERIAL PRIMARY KEY";
  const std::string id = sqlite ? "id INTEGER PRIMARY KEY AUTOINCREMENT" : "id BIGSERIAL PRIMARY KEY";
  std::string sql = R"(
CREATE TABLE engagements (
  id TEXT PRIMARY KEY,
  need_id TEXT NOT NULL REFERENCES needs(id),
  org_id TEXT NOT NULL REFERENCES organisations(id),
  enterprise_id TEXT NOT NULL REFERENCES enterprises(id),
  lead_craftsman_id TEXT NOT NULL REFERENCES craftsmen(id),
  state TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX engagements_need ON engagements(need_id);
CREATE INDEX engagements_org ON engagements(org_id, id);
CREATE INDEX engagements_enterprise ON engagements(enterprise_id);
CREATE INDEX engagements_state ON engagements(state);
CREATE TABLE engagement_members (
  engagement_id TEXT NOT NULL REFERENCES engagements(id),
  craftsman_id TEXT NOT NULL REFERENCES craftsmen(id),
  PRIMARY KEY (engagement_id, craftsman_id)
);
CREATE INDEX engagement_members_craftsman ON engagement_members(craftsman_id);
CREATE TABLE engagement_events (
  )" + seq + R"(,
  engagement_id TEXT NOT NULL REFERENCES engagements(id),
  at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX engagement_events_engagement ON engagement_events(engagement_id, seq);
CREATE TABLE visits (
  id TEXT PRIMARY KEY,
  engagement_id TEXT NOT NULL REFERENCES engagements(id),
  visit_date TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  place TEXT NOT NULL,
  workers_trained INTEGER NOT NULL,
  summary TEXT NOT NULL,
  craftsman_ids TEXT NOT NULL,
  agreement_id TEXT NOT NULL,
  logged_by TEXT NOT NULL,
  logged_at TEXT NOT NULL
);
CREATE INDEX visits_engagement ON visits(engagement_id);
CREATE INDEX visits_agreement ON visits(agreement_id);
CREATE TABLE followups (
  engagement_id TEXT NOT NULL REFERENCES engagements(id),
  days INTEGER NOT NULL,
  due_date TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  answered_by TEXT NOT NULL,
  holding INTEGER NOT NULL,
  benefit TEXT NOT NULL,
  PRIMARY KEY (engagement_id, days)
);
CREATE INDEX followups_due ON followups(answered_at, due_date);
CREATE TABLE kpi_cells (
  org_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  dim TEXT NOT NULL,
  key TEXT NOT NULL,
  metric TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (org_id, year, dim, key, metric)
);
CREATE TABLE kpi_served (
  org_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  enterprise_id TEXT NOT NULL,
  PRIMARY KEY (org_id, year, enterprise_id)
);
CREATE TABLE targets (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  year INTEGER NOT NULL,
  metric TEXT NOT NULL,
  target INTEGER NOT NULL,
  PRIMARY KEY (org_id, year, metric)
);
CREATE TABLE notifications (
  )" + seq + R"(,
  recipient TEXT NOT NULL,
  event TEXT NOT NULL,
  title TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT NOT NULL
);
CREATE INDEX notifications_recipient ON notifications(recipient, seq);
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  events TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE webhook_deliveries (
  )" + id + R"(,
  webhook_id TEXT NOT NULL REFERENCES webhooks(id),
  notification_seq INTEGER NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  status TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  last_http_status INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
CREATE TABLE documents (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  ref_a TEXT NOT NULL,
  ref_b TEXT NOT NULL,
  state TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX documents_org ON documents(kind, org_id, id);
)";
  if (sqlite) {
    sql += R"(
CREATE TRIGGER engagement_events_no_update BEFORE UPDATE ON engagement_events BEGIN SELECT RAISE(ABORT, 'engagement history is append-only'); END;
CREATE TRIGGER engagement_events_no_delete BEFORE DELETE ON engagement_events BEGIN SELECT RAISE(ABORT, 'engagement history is append-only'); END;
)";
  } else {
    sql += R"(
CREATE TRIGGER engagement_events_append_only BEFORE UPDATE OR DELETE ON engagement_events
  FOR EACH ROW EXECUTE FUNCTION craftlink_audit_append_only();
)";
  }
  return sql;
}

// Sorted record lists (ScanOptions::sort_column): an index on (column, id)
// lets a page seek to its cursor and read rows in order instead of sorting
// the table. PostgreSQL sorts these lists under COLLATE "C" (byte order, as
// SQLite): the index must carry that collation to be used. No index leads
// with status: SQLite has no statistics (no ANALYZE), takes `status = ?` for
// selective and would answer the unsorted `?status=open` list by sorting
// every open need by id (0.3 s at 200k instead of 1 ms, docs/benchmarks.md).
std::string MigrationV4(SqlDialect dialect) {
  const bool sqlite = dialect == SqlDialect::kSqlite;
  auto c = [&](const char* column) { return sqlite ? std::string(column) : std::string(column) + " COLLATE \"C\""; };
  return "CREATE INDEX needs_posted ON needs(" + c("posted") + ", " + c("id") + ");\n" +
         "CREATE INDEX craftsmen_name ON craftsmen(" + c("name") + ", " + c("id") + ");\n" +
         "CREATE INDEX enterprises_name ON enterprises(" + c("name") + ", " + c("id") + ");\n" +
         "CREATE INDEX results_title ON results(" + c("title") + ", " + c("id") + ");\n";
}

// Roll-up sums outgrow 32 bits at programme scale (five years of cost saved
// in yuan at the root: 3.8 billion in kpi_bench). SQLite's INTEGER is 64-bit
// already; PostgreSQL's is not.
std::string MigrationV5(SqlDialect dialect) {
  if (dialect == SqlDialect::kSqlite) return "SELECT 1;";
  return "ALTER TABLE kpi_cells ALTER COLUMN value TYPE BIGINT;\n"
         "ALTER TABLE targets ALTER COLUMN target TYPE BIGINT;\n";
}

// Event lists filter and sort by date (GET /events?from=&to=&sort=date):
// an event keeps its date in ref_b, which it never used, so both happen in
// SQL on an index instead of reading every event's body. Events written
// before this migration get their date from the body.
std::string MigrationV6(SqlDialect dialect) {
  if (dialect == SqlDialect::kSqlite) {
    return "UPDATE documents SET ref_b = COALESCE(json_extract(body, '$.date'), '') WHERE kind = 'event';\n"
           "CREATE INDEX documents_ref_b ON documents(kind, ref_b, id);\n";
  }
  return "UPDATE documents SET ref_b = COALESCE(CAST(body AS jsonb) ->> 'date', '') WHERE kind = 'event';\n"
         "CREATE INDEX documents_ref_b ON documents(kind, ref_b COLLATE \"C\", id COLLATE \"C\");\n";
}

std::vector<std::string> Migrations(SqlDialect dialect) {
  return {MigrationV1(dialect), MigrationV2(dialect), MigrationV3(dialect),
          MigrationV4(dialect), MigrationV5(dialect), MigrationV6(dialect)};
}

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
