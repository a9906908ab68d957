#include "accounts/password.h"

#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <fstream>
#include <mutex>

#include "core/utf8.h"
#include "reference/reference.h"

namespace craftlink::accounts {

class PasswordHasher::Slots {
 public:
  explicit Slots(int n) : free_(n) {}
  bool Acquire(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    if (!cv_.wait_for(lock, wait, [&] { return free_ > 0; })) return false;
    --free_;
    return true;
  }
  void Release() {
    std::lock_guard lock(mutex_);
    ++free_;
    cv_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int free_;
};

struct PasswordHasher::SlotRelease {
  Slots* slots;
  ~SlotRelease() { slots->Release(); }
};

namespace {

Status Busy() {
  return Status::ResourceExhausted("登录请求过多，请稍后再试 (too many concurrent password checks)");
}

}  // namespace

PasswordHasher::PasswordHasher(HashCost cost, int max_concurrent, std::chrono::milliseconds max_wait)
    : cost_(cost), max_wait_(max_wait), slots_(new Slots(std::max(1, max_concurrent))) {
  if (sodium_init() < 0) std::abort();  // no safe way on without a working RNG
}

PasswordHasher::~PasswordHasher() { delete slots_; }

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  if (!slots_->Acquire(max_wait_)) return Busy();
  const SlotRelease release{slots_};
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.ops, cost_.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("argon2id hashing failed (out of memory)");
  }
  return std::string(out);
}

Result<bool> PasswordHasher::Verify(std::string_view encoded_hash, std::string_view password) {
  if (encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (!slots_->Acquire(max_wait_)) return Busy();
  const SlotRelease release{slots_};
  char stored[crypto_pwhash_STRBYTES] = {};
  std::copy(encoded_hash.begin(), encoded_hash.end(), stored);
  return crypto_pwhash_str_verify(stored, password.data(), password.size()) == 0;
}

Result<PasswordPolicy> PasswordPolicy::LoadDefault() {
  const std::string path = reference::DefaultDataDir() + "/accounts/common-passwords.txt";
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read " + path);
  std::unordered_set<std::string> common;
  std::string line;
  while (std::getline(in, line)) {
    line = utf8::Trim(line);
    if (line.empty() || line[0] == '#') continue;
    std::transform(line.begin(), line.end(), line.begin(), [](unsigned char c) { return std::tolower(c); });
    common.insert(line);
  }
  return PasswordPolicy(std::move(common));
}

Status PasswordPolicy::Check(std::string_view password, std::string_view username) const {
  if (!utf8::IsValid(password)) return Status::Invalid("密码含有无效字符", "password");
  const size_t length = utf8::CodePointCount(password);
  if (length < 8) return Status::Invalid("密码至少 8 个字符；可以用一句好记的话", "password");
  if (length > 128) return Status::Invalid("密码最多 128 个字符", "password");
  std::string lower(password);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (common_.count(lower) > 0) return Status::Invalid("这是常见密码，容易被猜中，请换一个", "password");
  std::string user(username);
  std::transform(user.begin(), user.end(), user.begin(), [](unsigned char c) { return std::tolower(c); });
  if (user.size() >= 3 && lower.find(user) != std::string::npos) {
    return Status::Invalid("密码不能包含用户名", "password");
  }
  return Status::Ok();
}

std::string NewSessionToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string TokenDigest(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string RandomPassword(size_t length) {
  // No look-alikes (0/O, 1/l/I) so a printed password can be typed.
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string out;
  for (size_t i = 0; i < length; ++i) out.push_back(kAlphabet[randombytes_uniform(kAlphabet.size())]);
  return out;
}

}  // namespace craftlink::accounts
