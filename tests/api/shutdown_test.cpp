// Stops a real `craftlink serve` with SIGTERM while clients are creating
// records, and checks what a graceful stop promises: the process exits 0,
// every create that was answered 201 is in the database, whole, and nothing
// was written that the client was not told about (a request the server had
// started is finished and answered, not cut off).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "support/serve_process.h"
#include "support/test_database.h"

namespace craftlink {
namespace {

const std::string kCraftlink = testing::CraftlinkBinary();
const std::string kPassword = "correct horse battery staple";
constexpr int kClients = 4;
constexpr int kAckedBeforeSignal = 60;

nlohmann::json CraftsmanBody(int client, int i) {
  return {{"id", "S" + std::to_string(client) + "-" + std::to_string(i)},
          {"name", "停机测试工匠" + std::to_string(i)},
          {"region", "510107"},
          {"skills", {"钨极氩弧焊", "焊接变形控制"}},
          {"bio", std::string(2000, 'b')},
          {"capacity_per_month", 3}};
}

std::string SqliteIntegrity(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  std::string out = "cannot open";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
    if (sqlite3_step(stmt) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

// A create whose body is still arriving when the signal comes: the headers
// and part of the body go out before SIGTERM, the rest after it. A graceful
// stop reads the rest, runs the handler and answers; an abrupt one drops it.
class SlowCreate {
 public:
  SlowCreate(int port, const std::string& token, const std::string& body) : body_(body) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return;
    const std::string head = "POST /api/v1/craftsmen HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                             "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                             "\r\nConnection: close\r\n\r\n" + body.substr(0, body.size() / 2);
    started_ = send(fd_, head.data(), head.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(head.size());
  }
  ~SlowCreate() { close(fd_); }

  // Sends the rest and returns the status line ("" if the connection died).
  std::string Finish() {
    const std::string rest = body_.substr(body_.size() / 2);
    if (!started_ || send(fd_, rest.data(), rest.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(rest.size())) return "";
    timeval timeout{15, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string reply;
    char buf[4096];
    for (ssize_t n; (n = recv(fd_, buf, sizeof buf, 0)) > 0;) reply.append(buf, static_cast<size_t>(n));
    return reply.substr(0, reply.find("\r\n"));
  }

 private:
  std::string body_;
  int fd_ = -1;
  bool started_ = false;
};

TEST(ShutdownTest, SigtermMidStreamKeepsEveryAcknowledgedCreate) {
  const auto dir = testing::MakeTempDir("craftlink-shutdown");
  const auto db_path = dir / "craftlink.db";
  const std::string url = "sqlite:" + db_path.string();
  ASSERT_EQ(testing::RunCommand({kCraftlink, "init", "--db", url}).exit_code, 0);
  ASSERT_EQ(testing::RunCommand(
                {kCraftlink, "user", "add", "--db", url, "--username", "admin", "--role", "admin", "--password-stdin"},
                kPassword + "\n")
                .exit_code,
            0);

  testing::ServeProcess serve({"--db", url});
  ASSERT_GT(serve.pid(), 0);
  const int port = serve.WaitForPort(std::chrono::seconds(30));
  ASSERT_GT(port, 0) << serve.output();

  httplib::Client login("127.0.0.1", port);
  auto signed_in = login.Post(
      "/api/v1/auth/login", nlohmann::json{{"username", "admin"}, {"password", kPassword}}.dump(), "application/json");
  ASSERT_TRUE(signed_in && signed_in->status == 200) << serve.output();
  const std::string token = nlohmann::json::parse(signed_in->body)["token"];

  // Each client creates records one after another until the server is gone.
  std::mutex mutex;
  std::map<std::string, nlohmann::json> acked;  // id → body sent, for every 201
  std::atomic<int> acked_count{0};
  std::atomic<int> after_signal{0};  // creates sent once SIGTERM was out
  std::atomic<bool> signalled{false};
  std::vector<std::string> unexpected;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_bearer_token_auth(token.c_str());
      client.set_connection_timeout(std::chrono::seconds(2));
      client.set_read_timeout(std::chrono::seconds(30));  // longer than any request the server finishes
      int failures = 0;
      for (int i = 0; failures < 3 && i < 100000; ++i) {
        const nlohmann::json body = CraftsmanBody(c, i);
        if (signalled) ++after_signal;
        auto res = client.Post("/api/v1/craftsmen", body.dump(), "application/json");
        if (res && res->status == 201) {
          std::lock_guard lock(mutex);
          acked[body["id"]] = body;
          ++acked_count;
          failures = 0;
        } else {
          if (res) {
            std::lock_guard lock(mutex);
            unexpected.push_back(std::to_string(res->status) + " " + res->body.substr(0, 200));
          }
          ++failures;  // no answer: the server has stopped listening
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      }
    });
  }
  const auto start = std::chrono::steady_clock::now();
  while (acked_count < kAckedBeforeSignal && std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const nlohmann::json slow_body = CraftsmanBody(kClients, 0);
  SlowCreate slow(port, token, slow_body.dump());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the server is reading it now
  signalled = true;
  EXPECT_EQ(kill(serve.pid(), SIGTERM), 0);  // no ASSERT: the client threads must be joined
  const auto signal_at = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string slow_status = slow.Finish();
  EXPECT_EQ(slow_status, "HTTP/1.1 201 Created") << "a request under way at SIGTERM was not finished";
  const int exit_code = serve.WaitForExit(std::chrono::seconds(30));
  const auto stop_took = std::chrono::steady_clock::now() - signal_at;
  for (auto& t : clients) t.join();
  if (slow_status == "HTTP/1.1 201 Created") acked[slow_body["id"]] = slow_body;

  std::cout << acked_count << " creates answered 201, " << after_signal << " sent after SIGTERM, stopped in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(stop_took).count() << " ms\n";
  EXPECT_EQ(exit_code, 0) << serve.output().substr(0, 2000);
  EXPECT_LT(stop_took, std::chrono::seconds(15));
  EXPECT_NE(serve.output().find("已停止"), std::string::npos);
  EXPECT_GE(acked_count.load(), kAckedBeforeSignal);
  EXPECT_GT(after_signal.load(), 0) << "the signal did not land mid-stream";
  // A server that is stopping may refuse new work, but never with an error
  // status for a well-formed create.
  EXPECT_TRUE(unexpected.empty()) << unexpected.front();

  // What the database holds afterwards, read by another process.
  EXPECT_EQ(SqliteIntegrity(db_path), "ok");
  const auto exported = dir / "craftsmen.jsonl";
  ASSERT_EQ(
      testing::RunCommand({kCraftlink, "export", "--db", url, "--kind", "craftsmen", "--out", exported.string()}).exit_code,
      0);
  std::map<std::string, nlohmann::json> stored;
  std::ifstream in(exported);
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(j.is_object()) << "unreadable export line: " << line.substr(0, 200);
    stored[j["id"].get<std::string>()] = j;
  }
  for (const auto& [id, sent] : acked) {
    auto it = stored.find(id);
    ASSERT_NE(it, stored.end()) << "acknowledged with 201 but missing: " << id;
    for (const char* field : {"name", "region", "skills", "bio", "capacity_per_month"}) {
      EXPECT_EQ(it->second[field], sent[field]) << id << " is half-written in " << field;
    }
  }
  std::set<std::string> unacknowledged;
  for (const auto& [id, record] : stored) {
    if (!acked.count(id)) unacknowledged.insert(id);
  }
  EXPECT_TRUE(unacknowledged.empty()) << unacknowledged.size() << " stored but never answered, e.g. "
                                      << *unacknowledged.begin();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace craftlink
