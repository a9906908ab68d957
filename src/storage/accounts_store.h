#pragma once

// What the store keeps for accounts, sessions and the audit trail. Plain
// rows: the rules (roles, scopes, back-off) live in accounts/ and access/.

#include <cstdint>
#include <string>

namespace craftlink::storage {

struct UserRow {
  std::string id;
  std::string username;
  std::string display_name;
  std::string role;           // admin | staff | enterprise | craftsman
  std::string org_id;         // staff: the organisation they work for
  std::string enterprise_id;  // enterprise users
  std::string craftsman_id;   // craftsman users
  std::string password_hash;  // argon2id encoded string
  bool disabled = false;
  int failed_logins = 0;
  std::string locked_until;   // ISO time; empty = not locked
  std::string created_at;
};

struct SessionRow {
  std::string token_digest;  // never the token itself
  std::string user_id;
  std::string created_at;
  std::string expires_at;
};

// One line of the append-only audit trail. `seq` and `at` are assigned by
// the store; the database refuses updates and deletes of written lines.
struct AuditRow {
  int64_t seq = 0;
  std::string at;
  std::string user_id;  // empty for anonymous (failed sign-in of an unknown name)
  std::string action;   // login_ok, login_failed, create, update, archive, read_personal_data, …
  std::string target;   // kind/id, e.g. craftsmen/C001
  std::string ip;
  std::string detail;   // JSON text
};

}  // namespace craftlink::storage
