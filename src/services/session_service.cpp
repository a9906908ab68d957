#include "services/session_service.h"

#include <ctime>

#include <nlohmann/json.hpp>

#include "accounts/password.h"

namespace craftlink::services {
namespace {

using access::Role;

Status WrongCredentials() {
  return Status(ErrorCode::kUnauthenticated, "用户名或密码不正确 (wrong username or password)");
}

}  // namespace

std::string IsoTime(std::chrono::system_clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

access::Principal PrincipalOf(const storage::UserRow& u) {
  return {u.id, u.username, access::ParseRole(u.role).value_or(Role::kCraftsman), u.org_id, u.enterprise_id,
          u.craftsman_id};
}

nlohmann::json UserJson(const storage::UserRow& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", u.role},
          {"org_id", u.org_id},
          {"enterprise_id", u.enterprise_id},
          {"craftsman_id", u.craftsman_id},
          {"disabled", u.disabled}};
}

SessionService::SessionService(storage::Store& store, accounts::PasswordHasher& hasher,
                               const accounts::PasswordPolicy& policy, SessionOptions options, Clock clock)
    : store_(store), hasher_(hasher), policy_(policy), options_(options), clock_(std::move(clock)) {}

Status SessionService::Audit(std::string_view user_id, std::string_view action, std::string_view target,
                             const RequestOrigin& origin, const nlohmann::json& detail) {
  return store_.AppendAudit({.at = IsoTime(clock_()),
                             .user_id = std::string(user_id),
                             .action = std::string(action),
                             .target = std::string(target),
                             .ip = origin.ip,
                             .detail = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
}

Result<storage::UserRow> SessionService::CreateUser(const NewUser& n, const RequestOrigin& origin,
                                                    std::string_view actor) {
  if (n.username.size() < 3 || n.username.size() > 64) return Status::Invalid("用户名应为 3 到 64 个字符", "username");
  CRAFTLINK_RETURN_IF_ERROR(policy_.Check(n.password, n.username));
  auto existing = store_.GetUserByName(n.username);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return Status::Conflict("用户名「" + n.username + "」已被使用");
  switch (n.role) {
    case Role::kStaff:
      if (n.org_id.empty()) return Status::Invalid("工会工作人员必须属于一个组织：--org ORG_ID", "org_id");
      break;
    case Role::kEnterprise:
      if (n.enterprise_id.empty()) return Status::Invalid("企业用户必须关联企业：--enterprise ID", "enterprise_id");
      break;
    case Role::kCraftsman:
      if (n.craftsman_id.empty()) return Status::Invalid("工匠用户必须关联工匠：--craftsman ID", "craftsman_id");
      break;
    case Role::kAdmin:
      break;
  }
  auto hash = hasher_.Hash(n.password);
  if (!hash.ok()) return hash.status();
  storage::UserRow row{.id = "u-" + accounts::NewSessionToken().substr(0, 12),
                       .username = n.username,
                       .display_name = n.display_name.empty() ? n.username : n.display_name,
                       .role = std::string(access::RoleCode(n.role)),
                       .org_id = n.org_id,
                       .enterprise_id = n.enterprise_id,
                       .craftsman_id = n.craftsman_id,
                       .password_hash = *hash,
                       .created_at = IsoTime(clock_())};
  Status s = store_.PutUser(row);
  if (!s.ok()) {
    if (s.code() == ErrorCode::kConflict) {
      return Status::Invalid("关联的组织、企业或工匠不存在 (linked record not found)", "org_id");
    }
    return s;
  }
  CRAFTLINK_RETURN_IF_ERROR(Audit(actor, "user_create", "users/" + row.id, origin,
                                  {{"username", row.username}, {"role", row.role}}));
  return row;
}

Result<LoginResult> SessionService::Login(std::string_view username, std::string_view password,
                                          const RequestOrigin& origin) {
  auto user = store_.GetUserByName(username);
  if (!user.ok()) return user.status();
  if (!user->has_value()) {
    // Hash anyway so that timing does not reveal which names exist.
    (void)hasher_.Hash(password);
    CRAFTLINK_RETURN_IF_ERROR(Audit("", "login_failed", "users", origin, {{"username", username}, {"reason", "unknown_user"}}));
    return WrongCredentials();
  }
  storage::UserRow& u = **user;
  const auto now = clock_();
  if (!u.locked_until.empty() && u.locked_until > IsoTime(now)) {
    CRAFTLINK_RETURN_IF_ERROR(Audit(u.id, "login_failed", "users/" + u.id, origin, {{"reason", "locked"}}));
    return Status::ResourceExhausted("尝试次数过多，账号暂时锁定，请在 " + u.locked_until + "（UTC）之后再试");
  }
  auto ok = hasher_.Verify(u.password_hash, password);
  if (!ok.ok()) return ok.status();
  if (!*ok || u.disabled) {
    const int failures = u.failed_logins + 1;
    std::string locked_until;
    if (failures >= options_.free_attempts) {
      const int over = failures - options_.free_attempts;
      const auto lock = std::min<std::chrono::minutes>(std::chrono::minutes(1LL << std::min(over, 10)),
                                                       options_.max_lockout);
      locked_until = IsoTime(now + lock);
    }
    CRAFTLINK_RETURN_IF_ERROR(store_.SetLoginState(u.id, failures, locked_until));
    CRAFTLINK_RETURN_IF_ERROR(Audit(u.id, "login_failed", "users/" + u.id, origin,
                                    {{"reason", u.disabled ? "disabled" : "bad_password"}, {"failures", failures}}));
    return WrongCredentials();
  }
  CRAFTLINK_RETURN_IF_ERROR(store_.SetLoginState(u.id, 0, ""));
  const std::string token = accounts::NewSessionToken();
  CRAFTLINK_RETURN_IF_ERROR(store_.PutSession(
      {accounts::TokenDigest(token), u.id, IsoTime(now), IsoTime(now + options_.lifetime)}));
  CRAFTLINK_RETURN_IF_ERROR(Audit(u.id, "login_ok", "users/" + u.id, origin, nlohmann::json::object()));
  return LoginResult{token, u};
}

Result<access::Principal> SessionService::Authenticate(std::string_view token) {
  const Status unauthenticated(ErrorCode::kUnauthenticated, "请先登录 (sign in first)");
  if (token.empty() || token.size() > 200) return unauthenticated;
  auto session = store_.GetSession(accounts::TokenDigest(token));
  if (!session.ok()) return session.status();
  if (!session->has_value()) return unauthenticated;
  if ((*session)->expires_at <= IsoTime(clock_())) {
    (void)store_.DeleteSession((*session)->token_digest);
    return Status(ErrorCode::kUnauthenticated, "登录已过期，请重新登录 (session expired)");
  }
  auto user = store_.GetUser((*session)->user_id);
  if (!user.ok()) return user.status();
  if (!user->has_value() || (*user)->disabled) return unauthenticated;
  return PrincipalOf(**user);
}

Status SessionService::Logout(std::string_view token) { return store_.DeleteSession(accounts::TokenDigest(token)); }

Status SessionService::ChangePassword(const access::Principal& who, std::string_view current,
                                      std::string_view replacement, const RequestOrigin& origin) {
  auto user = store_.GetUser(who.user_id);
  if (!user.ok()) return user.status();
  if (!user->has_value()) return Status::NotFound("用户不存在");
  auto ok = hasher_.Verify((*user)->password_hash, current);
  if (!ok.ok()) return ok.status();
  if (!*ok) return Status::Invalid("当前密码不正确", "current_password");
  CRAFTLINK_RETURN_IF_ERROR(policy_.Check(replacement, (*user)->username));
  auto hash = hasher_.Hash(replacement);
  if (!hash.ok()) return hash.status();
  storage::UserRow updated = **user;
  updated.password_hash = *hash;
  CRAFTLINK_RETURN_IF_ERROR(store_.PutUser(updated));
  // Every other session of the user ends: a changed password must lock out
  // whoever knew the old one.
  CRAFTLINK_RETURN_IF_ERROR(store_.DeleteSessionsOf(updated.id));
  return Audit(updated.id, "password_change", "users/" + updated.id, origin, nlohmann::json::object());
}

}  // namespace craftlink::services
