// services: CraftLink's use cases — signing in, reading and changing
// records under the access policy, matching for a caller — as plain
// functions over the store, shared by the HTTP handlers, the CLI and tests.
// Transaction boundaries and audit lines are decided here.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "access/policy.h"
#include "accounts/password.h"
#include "storage/store.h"

namespace craftlink::services {

struct SessionOptions {
  std::chrono::hours lifetime{12};
  int free_attempts = 5;                          // failures before back-off starts
  std::chrono::minutes max_lockout{60};
};

struct NewUser {
  std::string username;
  std::string display_name;
  access::Role role = access::Role::kStaff;
  std::string org_id, enterprise_id, craftsman_id;
  std::string password;
};

struct LoginResult {
  std::string token;
  storage::UserRow user;
};

// Where a request came from, for the audit trail.
struct RequestOrigin {
  std::string ip;
};

class SessionService {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  SessionService(storage::Store& store, accounts::PasswordHasher& hasher, const accounts::PasswordPolicy& policy,
                 SessionOptions options = {}, Clock clock = std::chrono::system_clock::now);

  // Checks the role's links (staff → organisation, enterprise user →
  // enterprise, craftsman user → craftsman) and the password policy.
  Result<storage::UserRow> CreateUser(const NewUser& user, const RequestOrigin& origin, std::string_view actor);

  // Unauthenticated for a wrong name or password (the same answer for both);
  // After `free_attempts` failures the account is locked for 1, 2, 4 …
  // minutes (ResourceExhausted, naming when to retry).
  Result<LoginResult> Login(std::string_view username, std::string_view password, const RequestOrigin& origin);
  Result<access::Principal> Authenticate(std::string_view token);
  Status Logout(std::string_view token);
  Status ChangePassword(const access::Principal& who, std::string_view current, std::string_view replacement,
                        const RequestOrigin& origin);

 private:
  Status Audit(std::string_view user_id, std::string_view action, std::string_view target,
               const RequestOrigin& origin, const nlohmann::json& detail);

  storage::Store& store_;
  accounts::PasswordHasher& hasher_;
  const accounts::PasswordPolicy& policy_;
  SessionOptions options_;
  Clock clock_;
};

access::Principal PrincipalOf(const storage::UserRow& user);
nlohmann::json UserJson(const storage::UserRow& user);

// ISO 8601 UTC with milliseconds, for a time point.
std::string IsoTime(std::chrono::system_clock::time_point t);

}  // namespace craftlink::services
