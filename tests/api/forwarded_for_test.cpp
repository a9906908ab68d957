// `craftlink serve --trusted-proxy`: behind nginx the audit trail and the
// sign-in rate limit see the client's address from X-Forwarded-For, and only
// when the TCP peer is a proxy the operator named; without the flag a client
// sending the header changes nothing. Runs the real binary, so the flag's
// parsing and its start-up error are covered too.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/serve_process.h"
#include "support/test_database.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

const std::string kPassword = "correct horse battery staple";

class ForwardedForTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(Backend::kSqlite);
    ASSERT_EQ(RunCommand({CraftlinkBinary(), "init", "--db", db_->url()}).exit_code, 0);
    const CommandResult admin = RunCommand({CraftlinkBinary(), "user", "add", "--db", db_->url(), "--username", "admin",
                                            "--role", "admin", "--password-stdin"},
                                           kPassword + "\n");
    ASSERT_EQ(admin.exit_code, 0) << admin.output;
  }

  // Signs in as `username`, as if forwarded for `forwarded_for` ("" = no
  // header); answers the status.
  static int Login(int port, const std::string& username, const std::string& forwarded_for,
                   std::string* token = nullptr) {
    httplib::Client client("127.0.0.1", port);
    httplib::Headers headers;
    if (!forwarded_for.empty()) headers.emplace("X-Forwarded-For", forwarded_for);
    auto res = client.Post("/api/v1/auth/login", headers, json{{"username", username}, {"password", kPassword}}.dump(),
                           "application/json");
    if (!res) return 0;
    if (token != nullptr && res->status == 200) *token = json::parse(res->body)["token"];
    return res->status;
  }

  // The `ip` of every login_ok line, oldest first.
  static std::vector<std::string> LoginAddresses(int port, const std::string& token) {
    httplib::Client client("127.0.0.1", port);
    client.set_bearer_token_auth(token.c_str());
    auto res = client.Get("/api/v1/audit?limit=100");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
    std::vector<std::pair<int64_t, std::string>> lines;
    const json audit = res && res->status == 200 ? json::parse(res->body) : json::object();
    for (const auto& line : audit.value("items", json::array())) {
      if (line["action"] == "login_ok") lines.emplace_back(line["seq"].get<int64_t>(), line["ip"].get<std::string>());
    }
    std::sort(lines.begin(), lines.end());
    std::vector<std::string> out;
    for (const auto& [seq, ip] : lines) out.push_back(ip);
    return out;
  }

  static void Stop(ServeProcess& serve) {
    EXPECT_TRUE(serve.Terminate());
    EXPECT_EQ(serve.WaitForExit(std::chrono::seconds(15)), 0) << serve.output();
  }

  std::unique_ptr<TestDatabase> db_;
};

TEST_F(ForwardedForTest, AuditRecordsTheForwardedAddressOnlyBehindATrustedProxy) {
  {
    ServeProcess direct({"--db", db_->url(), "--web-root", ""});
    const int port = direct.WaitForPort(std::chrono::seconds(30));
    ASSERT_GT(port, 0) << direct.output();
    std::string token;
    ASSERT_EQ(Login(port, "admin", "203.0.113.7", &token), 200);
    // No trusted proxy: the header is the client's word only.
    EXPECT_EQ(LoginAddresses(port, token), (std::vector<std::string>{"127.0.0.1"}));
    Stop(direct);
  }
  ServeProcess proxied({"--db", db_->url(), "--web-root", "", "--trusted-proxy", "127.0.0.1/32", "--trusted-proxy",
                        "10.0.0.0/8,fd00::/8"});
  const int port = proxied.WaitForPort(std::chrono::seconds(30));
  ASSERT_GT(port, 0) << proxied.output();
  EXPECT_NE(proxied.output().find("127.0.0.1/32, 10.0.0.0/8, fd00::/8"), std::string::npos) << proxied.output();
  std::string token;
  // The client wrote 198.51.100.23 itself; nginx appended what it saw.
  ASSERT_EQ(Login(port, "admin", "198.51.100.23, 203.0.113.7", &token), 200);
  ASSERT_EQ(Login(port, "admin", "2001:DB8::7, 10.1.2.3"), 200);  // through a second, inner proxy
  ASSERT_EQ(Login(port, "admin", ""), 200);                       // from the proxy host itself
  EXPECT_EQ(LoginAddresses(port, token),
            (std::vector<std::string>{"127.0.0.1", "203.0.113.7", "2001:db8::7", "127.0.0.1"}));
  // The request log names the client too.
  EXPECT_NE(proxied.output().find("203.0.113.7 POST /api/v1/auth/login 200"), std::string::npos);

  // The sign-in rate limit (10 attempts per address) counts per client, not
  // for everyone behind the proxy together.
  int last = 0;
  for (int i = 0; i < 11; ++i) last = Login(port, "nobody", "203.0.113.50");
  EXPECT_EQ(last, 429);
  EXPECT_EQ(Login(port, "nobody", "203.0.113.51"), 401);
  Stop(proxied);
}

TEST_F(ForwardedForTest, ABadTrustedProxyStopsStartUpNamingIt) {
  for (const std::string bad : {"10.0.0.1/8", "10.0.0.0/33", "nginx.internal"}) {
    ServeProcess serve({"--db", db_->url(), "--web-root", "", "--trusted-proxy", "127.0.0.1/32," + bad});
    EXPECT_EQ(serve.WaitForExit(std::chrono::seconds(15)), 1) << bad;
    const std::string output = serve.output();
    EXPECT_NE(output.find("--trusted-proxy「" + bad + "」"), std::string::npos) << output;
    EXPECT_EQ(output.find("http://127.0.0.1:"), std::string::npos) << "served with " << bad;
  }
}

}  // namespace
}  // namespace craftlink::testing
