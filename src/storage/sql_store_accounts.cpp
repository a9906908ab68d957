// SqlStore's accounts, sessions and audit trail.
#include "core/clock.h"
#include "storage/sql_store.h"

namespace craftlink::storage {
namespace {

SqlValue OrNull(std::string_view v) { return v.empty() ? SqlValue{SqlNull{}} : Text(v); }

constexpr char kUserColumns[] =
    "id, username, display_name, role, org_id, enterprise_id, craftsman_id, password_hash, disabled, "
    "failed_logins, locked_until, created_at";

UserRow ReadUser(const SqlRow& r) {
  UserRow u;
  u.id = r.Text(0);
  u.username = r.Text(1);
  u.display_name = r.Text(2);
  u.role = r.Text(3);
  u.org_id = r.Text(4);
  u.enterprise_id = r.Text(5);
  u.craftsman_id = r.Text(6);
  u.password_hash = r.Text(7);
  u.disabled = r.Int(8) != 0;
  u.failed_logins = static_cast<int>(r.Int(9));
  u.locked_until = r.Text(10);
  u.created_at = r.Text(11);
  return u;
}

}  // namespace

Status SqlStore::ExecOne(std::string_view sql, const std::vector<SqlValue>& params) {
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  return (*c)->Exec(sql, params);
}

Status SqlStore::PutUser(const UserRow& u) {
  static const UpsertSpec kSpec{"users",
                                {"id", "username", "display_name", "role", "org_id", "enterprise_id", "craftsman_id",
                                 "password_hash", "disabled", "failed_logins", "locked_until", "created_at"},
                                {"id"}};
  return InWriteTransaction([&](SqlConnection& c) {
    return c.WriteRows(kSpec, {{Text(u.id), Text(u.username), Text(u.display_name), Text(u.role), OrNull(u.org_id),
                                OrNull(u.enterprise_id), OrNull(u.craftsman_id), Text(u.password_hash),
                                Int(u.disabled ? 1 : 0), Int(u.failed_logins), Text(u.locked_until),
                                Text(u.created_at.empty() ? NowIso8601() : u.created_at)}});
  });
}

Result<std::vector<UserRow>> SqlStore::QueryUsers(std::string_view where, const std::vector<SqlValue>& params) {
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  std::vector<UserRow> out;
  const std::string sql = std::string("SELECT ") + kUserColumns + " FROM users " + std::string(where);
  CRAFTLINK_RETURN_IF_ERROR((*c)->Query(sql, params, [&](const SqlRow& r) {
    out.push_back(ReadUser(r));
    return true;
  }));
  return out;
}

Result<std::optional<UserRow>> SqlStore::GetUser(std::string_view id) {
  auto users = QueryUsers("WHERE id = $1", {Text(id)});
  if (!users.ok()) return users.status();
  if (users->empty()) return std::optional<UserRow>();
  return std::optional<UserRow>(std::move(users->front()));
}

Result<std::optional<UserRow>> SqlStore::GetUserByName(std::string_view username) {
  auto users = QueryUsers("WHERE username = $1", {Text(username)});
  if (!users.ok()) return users.status();
  if (users->empty()) return std::optional<UserRow>();
  return std::optional<UserRow>(std::move(users->front()));
}

Result<std::vector<UserRow>> SqlStore::ListUsers() { return QueryUsers("ORDER BY username", {}); }

Status SqlStore::SetLoginState(std::string_view user_id, int failed_logins, std::string_view locked_until) {
  return ExecOne("UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3",
                 {Int(failed_logins), Text(locked_until), Text(user_id)});
}

Status SqlStore::PutSession(const SessionRow& s) {
  return ExecOne("INSERT INTO sessions (token_digest, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                 {Text(s.token_digest), Text(s.user_id), Text(s.created_at), Text(s.expires_at)});
}

Result<std::optional<SessionRow>> SqlStore::GetSession(std::string_view token_digest) {
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  std::optional<SessionRow> out;
  CRAFTLINK_RETURN_IF_ERROR((*c)->Query(
      "SELECT token_digest, user_id, created_at, expires_at FROM sessions WHERE token_digest = $1",
      {Text(token_digest)}, [&](const SqlRow& r) {
        out = SessionRow{std::string(r.Text(0)), std::string(r.Text(1)), std::string(r.Text(2)),
                         std::string(r.Text(3))};
        return false;
      }));
  return out;
}

Status SqlStore::DeleteSession(std::string_view token_digest) {
  return ExecOne("DELETE FROM sessions WHERE token_digest = $1", {Text(token_digest)});
}

Status SqlStore::DeleteSessionsOf(std::string_view user_id) {
  return ExecOne("DELETE FROM sessions WHERE user_id = $1", {Text(user_id)});
}

Status SqlStore::AppendAudit(const AuditRow& a) {
  return ExecOne("INSERT INTO audit (at, user_id, action, target, ip, detail) VALUES ($1, $2, $3, $4, $5, $6)",
                 {Text(a.at.empty() ? NowIso8601() : a.at), Text(a.user_id), Text(a.action), Text(a.target),
                  Text(a.ip), Text(a.detail)});
}

Result<std::vector<AuditRow>> SqlStore::ListAudit(int64_t after_seq, size_t limit) {
  auto c = pool_.Acquire();
  if (!c.ok()) return c.status();
  std::vector<AuditRow> out;
  CRAFTLINK_RETURN_IF_ERROR((*c)->Query(
      "SELECT seq, at, user_id, action, target, ip, detail FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2",
      {Int(after_seq), Int(static_cast<int64_t>(limit))}, [&](const SqlRow& r) {
        out.push_back(AuditRow{r.Int(0), std::string(r.Text(1)), std::string(r.Text(2)), std::string(r.Text(3)),
                               std::string(r.Text(4)), std::string(r.Text(5)), std::string(r.Text(6))});
        return true;
      }));
  return out;
}

}  // namespace craftlink::storage
