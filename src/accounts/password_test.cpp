#include "accounts/password.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>

namespace craftlink::accounts {
namespace {

// Tests use a small memory cost; production uses HashCost{} (19 MiB).
constexpr HashCost kTestCost{2, 1u << 20};

TEST(PasswordHasherTest, HashesWithArgon2idAndVerifies) {
  PasswordHasher hasher(kTestCost);
  auto hash = hasher.Hash("焊缝老有气孔怎么办");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(*hasher.Verify(*hash, "焊缝老有气孔怎么办"));
  EXPECT_FALSE(*hasher.Verify(*hash, "焊缝老有气孔怎么办 "));
  EXPECT_FALSE(*hasher.Verify("not a hash", "x"));
  auto again = hasher.Hash("焊缝老有气孔怎么办");
  EXPECT_NE(*again, *hash);  // salted
}

TEST(PasswordHasherTest, DefaultCostMeetsTheOwaspFloor) {
  PasswordHasher hasher;
  auto hash = hasher.Hash("correct horse battery staple");
  ASSERT_TRUE(hash.ok());
  EXPECT_NE(hash->find("m=19456,t=2"), std::string::npos) << *hash;
}

TEST(PasswordHasherTest, AFloodBeyondTheSlotsIsRefusedNotQueuedForever) {
  PasswordHasher hasher(HashCost{3, 8u << 20}, /*max_concurrent=*/1, std::chrono::milliseconds(1));
  std::vector<std::future<Result<std::string>>> runs;
  for (int i = 0; i < 6; ++i) runs.push_back(std::async(std::launch::async, [&] { return hasher.Hash("flood-password"); }));
  int refused = 0;
  for (auto& r : runs) {
    auto result = r.get();
    if (!result.ok()) {
      EXPECT_EQ(result.status().code(), ErrorCode::kResourceExhausted);
      ++refused;
    }
  }
  EXPECT_GT(refused, 0);
}

TEST(PasswordPolicyTest, LengthCommonPasswordsAndUsernameButNoCompositionRules) {
  auto policy = PasswordPolicy::LoadDefault();
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  EXPECT_TRUE(policy->Check("correct horse battery staple", "zhang").ok());
  EXPECT_TRUE(policy->Check("匠心独运二十年", "zhang").ok() == false);  // 7 characters
  EXPECT_TRUE(policy->Check("匠心独运二十年整", "zhang").ok());       // 8 characters, no digits needed
  EXPECT_FALSE(policy->Check("short", "zhang").ok());
  EXPECT_FALSE(policy->Check("Password123", "zhang").ok());
  EXPECT_FALSE(policy->Check("woaini1314", "zhang").ok());
  EXPECT_FALSE(policy->Check("zhangsan-secret", "zhangsan").ok());
  EXPECT_FALSE(policy->Check(std::string(129, 'a'), "zhang").ok());
  EXPECT_EQ(policy->Check("short", "x").field(), "password");
}

TEST(TokenTest, TokensAreRandomAndOnlyTheirDigestIsKept) {
  const std::string a = NewSessionToken();
  const std::string b = NewSessionToken();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(TokenDigest(a), TokenDigest(a));
  EXPECT_NE(TokenDigest(a), TokenDigest(b));
  EXPECT_EQ(TokenDigest(a).size(), 64u);
  EXPECT_EQ(RandomPassword().size(), 16u);
}

}  // namespace
}  // namespace craftlink::accounts
