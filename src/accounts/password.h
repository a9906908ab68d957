// accounts: users, roles, passwords (argon2id through libsodium), session
// tokens and sign-in back-off. Storage of users and sessions is the
// store's; this library decides what is allowed and how secrets are kept.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/status.h"

namespace craftlink::accounts {

// argon2id at OWASP ASVS 5's floor (t=2, m=19 MiB, p=1).
struct HashCost {
  unsigned long long ops = 2;
  size_t memory_bytes = 19u << 20;
};

// Limits how many hashes run at once, so that a flood of sign-ins cannot
// make the server allocate 19 MiB per request without bound. Thread-safe.
class PasswordHasher {
 public:
  explicit PasswordHasher(HashCost cost = {}, int max_concurrent = 4,
                          std::chrono::milliseconds max_wait = std::chrono::seconds(5));
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  // Unavailable when every slot stayed busy for max_wait.
  Result<std::string> Hash(std::string_view password);
  Result<bool> Verify(std::string_view encoded_hash, std::string_view password);

 private:
  class Slots;
  struct SlotRelease;
  HashCost cost_;
  std::chrono::milliseconds max_wait_;
  Slots* slots_;
};

// Password rules (ASVS 5 / NIST 800-63B): 8 to 128 characters, any
// characters, no composition rules; refused when it is a common password or
// contains the username.
class PasswordPolicy {
 public:
  static Result<PasswordPolicy> LoadDefault();  // data/accounts/common-passwords.txt
  explicit PasswordPolicy(std::unordered_set<std::string> common) : common_(std::move(common)) {}
  Status Check(std::string_view password, std::string_view username) const;

 private:
  std::unordered_set<std::string> common_;
};

// 32 random bytes, base64url: what a client holds. The store keeps only its
// digest, so a leaked database does not leak live sessions.
std::string NewSessionToken();
std::string TokenDigest(std::string_view token);

// A printable random password for demo users (printed once, never stored).
std::string RandomPassword(size_t length = 16);

}  // namespace craftlink::accounts
