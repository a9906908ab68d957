// Two real `craftlink serve` processes on one PostgreSQL database, as
// docs/deployment.md runs them behind nginx. Each step checks one promise
// that only holds if the instances coordinate through the database alone:
//  1. a database prepared with the CLI serves on both, and a session made on
//     one is good on the other;
//  2. a craftsman created, edited and made unavailable through A reaches B's
//     match index through the change feed (LISTEN/NOTIFY) within a second or
//     two, without a restart;
//  3. the same engagement step sent to both at once with the same version:
//     one 200, one 409, one history line;
//  4. a webhook delivery is posted once although both instances run
//     senders (the receiver holds the first post, so the other sender polls
//     while the claim is held);
//  5. both stop cleanly on SIGTERM.
// Both run their sweepers every second, so the sweeps overlap throughout.
// PostgreSQL only: skipped without CRAFTLINK_TEST_PG_URL.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <barrier>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "support/serve_process.h"
#include "support/test_database.h"
#include "support/webhook_receiver.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

const std::string kPassword = "correct horse battery staple";
// How long a write through one instance may take to show in the other's
// match index. The follower wakes on NOTIFY, so this is mostly slack for a
// loaded test machine; docs/deployment.md promises "within a second".
constexpr milliseconds kFeedDeadline{2000};
// The receiver holds its first post this long: longer than a sender's poll
// period (1 s), so the other instance looks for due deliveries while the
// first one is still being posted.
constexpr milliseconds kReceiverHold{1500};

struct Reply {
  int status = 0;
  json body;
  std::string raw;
};

// One signed-in user's connection to one instance.
class Client {
 public:
  Client(int port, std::string token) : http_(std::make_unique<httplib::Client>("127.0.0.1", port)) {
    http_->set_bearer_token_auth(token.c_str());
    http_->set_keep_alive(true);
    http_->set_read_timeout(std::chrono::seconds(15));
  }

  Reply Call(const std::string& method, const std::string& path, const json& body = nullptr) {
    httplib::Result res = method == "GET"   ? http_->Get(path.c_str())
                          : method == "PUT" ? http_->Put(path.c_str(), body.dump(), "application/json")
                                            : http_->Post(path.c_str(), body.dump(), "application/json");
    if (!res) return {0, nullptr, httplib::to_string(res.error())};
    return {res->status, json::parse(res->body, nullptr, false), res->body};
  }
  Reply Get(const std::string& path) { return Call("GET", path); }

 private:
  std::unique_ptr<httplib::Client> http_;
};

// Polls `ready` until it holds or `deadline` passes; answers how long it took.
std::optional<milliseconds> WaitUntil(const std::function<bool()>& ready, milliseconds deadline) {
  const auto start = SteadyClock::now();
  while (true) {
    if (ready()) return std::chrono::duration_cast<milliseconds>(SteadyClock::now() - start);
    if (SteadyClock::now() - start > deadline) return std::nullopt;
    std::this_thread::sleep_for(milliseconds(20));
  }
}

// The data set, in the interchange format (docs/data-format.md): two
// craftsmen (C-MI-1 has a user and takes the engagement of step 3; C-MI-2
// is the welder step 4 dispatches) and two needs of one enterprise.
std::vector<std::string> WriteDataSet(const std::filesystem::path& dir) {
  const std::map<std::string, std::string> files = {
      {"enterprises", R"({"id":"E-MI-1","name":"成都精工机械有限公司","industry":"C34","region":"510100","size":"中型"}
)"},
      {"craftsmen",
       R"({"id":"C-MI-1","name":"王建国","title":"全国劳动模范","region":"510100","skills":["数控车削","精密加工"],"capacity_per_month":3}
{"id":"C-MI-2","name":"雷振川","title":"四川工匠","region":"510100","skills":["钨极氩弧焊","不锈钢焊接"],"capacity_per_month":2}
)"},
      {"needs",
       R"({"id":"N-CNC","enterprise_id":"E-MI-1","title":"轴类零件圆度超差，废品率高","kind":"技术攻关","description":"数控车床加工的传动轴圆度超差，废品率约5%。","posted":"2026-01-05","region":"510100","industry":"C34"}
{"id":"N-WELD","enterprise_id":"E-MI-1","title":"不锈钢设备机架焊缝气孔多","kind":"技术服务","description":"不锈钢机架氩弧焊焊缝气孔多，返修率高，需要焊接工匠现场指导。","posted":"2026-01-06","region":"510100","industry":"C34","skills":["钨极氩弧焊"]}
)"},
  };
  std::vector<std::string> paths;
  for (const auto& [kind, lines] : files) {
    const auto path = dir / (kind + ".jsonl");
    std::ofstream(path) << lines;
    paths.push_back(path.string());
  }
  return paths;
}

class TwoInstancesTest : public ::testing::Test {
 protected:
  void PrepareDatabase();
  void StartBothAndSignIn();
  void CraftsmanChangesReachTheOtherIndex();
  void ConcurrentStepIsTakenOnce();
  void WebhookIsDeliveredOnce();
  void BothStopOnSigterm();

  // Signs `username` in on `port`; fails the test unless 200.
  std::string SignIn(int port, const std::string& username);
  void Cli(const std::vector<std::string>& args, const std::string& input = "");
  std::vector<json> Matches(Client& client, const std::string& need_id);
  static std::optional<json> Find(const std::vector<json>& items, const std::string& field, const std::string& id);

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServeProcess> a_, b_;
  std::unique_ptr<Client> staff_a_, staff_b_, admin_a_, admin_b_, craftsman_a_, craftsman_b_;
};

void TwoInstancesTest::Cli(const std::vector<std::string>& args, const std::string& input) {
  std::vector<std::string> argv{CraftlinkBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--db", db_->url()});  // after any positional files: CLI11 takes options anywhere
  const CommandResult result = RunCommand(argv, input);
  ASSERT_EQ(result.exit_code, 0) << args.front() << ": " << result.output;
}

void TwoInstancesTest::PrepareDatabase() {
  db_ = std::make_unique<TestDatabase>(Backend::kPostgres);
  ASSERT_NO_FATAL_FAILURE(Cli({"init"}));
  ASSERT_NO_FATAL_FAILURE(
      Cli({"org", "add", "--id", "sc", "--name", "四川省总工会", "--kind", "province", "--region", "510000"}));
  std::vector<std::string> import{"import", "--strict", "--org", "sc"};
  for (const auto& path : WriteDataSet(db_->dir())) import.push_back(path);
  ASSERT_NO_FATAL_FAILURE(Cli(import));
  const std::string password = kPassword + "\n";
  ASSERT_NO_FATAL_FAILURE(Cli({"user", "add", "--username", "admin", "--role", "admin", "--password-stdin"}, password));
  ASSERT_NO_FATAL_FAILURE(
      Cli({"user", "add", "--username", "staff", "--role", "staff", "--org", "sc", "--password-stdin"}, password));
  ASSERT_NO_FATAL_FAILURE(
      Cli({"user", "add", "--username", "crafts", "--role", "craftsman", "--craftsman", "C-MI-1", "--password-stdin"},
          password));
}

std::string TwoInstancesTest::SignIn(int port, const std::string& username) {
  httplib::Client client("127.0.0.1", port);
  auto res = client.Post("/api/v1/auth/login", json{{"username", username}, {"password", kPassword}}.dump(),
                         "application/json");
  EXPECT_TRUE(res && res->status == 200) << username << " on " << port << ": " << (res ? res->body : "no answer");
  return res && res->status == 200 ? json::parse(res->body)["token"].get<std::string>() : "";
}

void TwoInstancesTest::StartBothAndSignIn() {
  // Flags as a deployment would run them, with the sweeper every second.
  const std::vector<std::string> flags{"--db", db_->url(), "--web-root", "", "--sweep-seconds", "1"};
  a_ = std::make_unique<ServeProcess>(flags);
  b_ = std::make_unique<ServeProcess>(flags);  // starts while A does
  const int port_a = a_->WaitForPort(std::chrono::seconds(60));
  const int port_b = b_->WaitForPort(std::chrono::seconds(60));
  ASSERT_GT(port_a, 0) << a_->output();
  ASSERT_GT(port_b, 0) << b_->output();
  for (int port : {port_a, port_b}) {
    Reply health = Client(port, "").Get("/healthz");
    ASSERT_EQ(health.status, 200) << health.raw;
    EXPECT_EQ(health.body["backend"], "postgresql");
  }
  staff_a_ = std::make_unique<Client>(port_a, SignIn(port_a, "staff"));
  staff_b_ = std::make_unique<Client>(port_b, SignIn(port_b, "staff"));
  admin_a_ = std::make_unique<Client>(port_a, SignIn(port_a, "admin"));
  craftsman_a_ = std::make_unique<Client>(port_a, SignIn(port_a, "crafts"));
  craftsman_b_ = std::make_unique<Client>(port_b, SignIn(port_b, "crafts"));
  ASSERT_FALSE(HasFailure());
  // Sessions live in the database: A's sign-in is good on B.
  const std::string admin_token = SignIn(port_a, "admin");
  admin_b_ = std::make_unique<Client>(port_b, admin_token);
  Reply me = admin_b_->Get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.body["username"], "admin");
}

std::vector<json> TwoInstancesTest::Matches(Client& client, const std::string& need_id) {
  Reply r = client.Get("/api/v1/needs/" + need_id + "/matches?top=10");
  EXPECT_EQ(r.status, 200) << r.raw;
  return r.status == 200 ? r.body["matches"].get<std::vector<json>>() : std::vector<json>{};
}

std::optional<json> TwoInstancesTest::Find(const std::vector<json>& items, const std::string& field,
                                           const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const json& item) { return item.contains(field) && item[field] == id; });
  return it == items.end() ? std::nullopt : std::optional<json>(*it);
}

void TwoInstancesTest::CraftsmanChangesReachTheOtherIndex() {
  const std::string id = "C-MI-NEW";
  ASSERT_FALSE(Find(Matches(*staff_b_, "N-WELD"), "craftsman_id", id));
  const json craftsman{{"id", id},
                       {"name", "赵新焊"},
                       {"title", "高级技师"},
                       {"region", "510100"},
                       {"skills", {"钨极氩弧焊", "不锈钢焊接"}},
                       {"capacity_per_month", 2}};
  Reply created = staff_a_->Call("POST", "/api/v1/craftsmen", craftsman);
  ASSERT_EQ(created.status, 201) << created.raw;
  auto took =
      WaitUntil([&] { return Find(Matches(*staff_b_, "N-WELD"), "craftsman_id", id).has_value(); }, kFeedDeadline);
  ASSERT_TRUE(took) << "created on A, not among B's candidates after " << kFeedDeadline.count() << " ms";
  std::cout << "created on A → B's matches: " << took->count() << " ms\n";
  Reply listed = staff_b_->Get("/api/v1/craftsmen?limit=100");
  ASSERT_EQ(listed.status, 200) << listed.raw;
  EXPECT_TRUE(Find(listed.body["items"].get<std::vector<json>>(), "id", id)) << listed.raw;

  // Edited on A: B's candidate carries the new name.
  json record = staff_a_->Get("/api/v1/craftsmen/" + id).body;
  record["name"] = "赵新焊（已改名）";
  Reply edited = staff_a_->Call("PUT", "/api/v1/craftsmen/" + id, record);
  ASSERT_EQ(edited.status, 200) << edited.raw;
  took = WaitUntil(
      [&] {
        auto match = Find(Matches(*staff_b_, "N-WELD"), "craftsman_id", id);
        return match && (*match)["name"] == "赵新焊（已改名）";
      },
      kFeedDeadline);
  ASSERT_TRUE(took) << "edited on A, B still ranks the old record";
  std::cout << "edited on A → B's matches: " << took->count() << " ms\n";

  // Made unavailable on A: B stops proposing the craftsman.
  record = staff_a_->Get("/api/v1/craftsmen/" + id).body;
  record["available"] = false;
  Reply paused = staff_a_->Call("PUT", "/api/v1/craftsmen/" + id, record);
  ASSERT_EQ(paused.status, 200) << paused.raw;
  took = WaitUntil([&] { return !Find(Matches(*staff_b_, "N-WELD"), "craftsman_id", id).has_value(); }, kFeedDeadline);
  ASSERT_TRUE(took) << "unavailable on A, still among B's candidates";
  std::cout << "unavailable on A → gone from B's matches: " << took->count() << " ms\n";
  Reply unavailable = staff_b_->Get("/api/v1/craftsmen?available=false&limit=100");
  ASSERT_EQ(unavailable.status, 200) << unavailable.raw;
  EXPECT_TRUE(Find(unavailable.body["items"].get<std::vector<json>>(), "id", id)) << unavailable.raw;
}

void TwoInstancesTest::ConcurrentStepIsTakenOnce() {
  Reply dispatched = staff_a_->Call(
      "POST", "/api/v1/engagements",
      {{"need_id", "N-CNC"}, {"craftsman_ids", {"C-MI-1"}}, {"override_reason", "多实例测试：指定工匠"}});
  ASSERT_EQ(dispatched.status, 201) << dispatched.raw;
  const std::string path = "/api/v1/engagements/" + dispatched.body["id"].get<std::string>();
  const json read = craftsman_b_->Get(path).body;
  ASSERT_EQ(read["state"], "dispatched") << read.dump();
  const json body{{"version", read["version"]}};
  // Warm both connections so the two accepts leave at the same moment.
  ASSERT_EQ(craftsman_a_->Get(path).status, 200);
  std::barrier start(2);
  int status_a = 0, status_b = 0;
  std::thread on_a([&] {
    start.arrive_and_wait();
    status_a = craftsman_a_->Call("POST", path + "/accept", body).status;
  });
  std::thread on_b([&] {
    start.arrive_and_wait();
    status_b = craftsman_b_->Call("POST", path + "/accept", body).status;
  });
  on_a.join();
  on_b.join();
  EXPECT_EQ(std::multiset<int>({status_a, status_b}), std::multiset<int>({200, 409}))
      << "A answered " << status_a << ", B answered " << status_b;
  const json now = staff_a_->Get(path).body;
  EXPECT_EQ(now["state"], "accepted");
  EXPECT_EQ(now["version"], read["version"].get<int64_t>() + 1);
  const auto history = now["history"].get<std::vector<json>>();
  EXPECT_EQ(std::count_if(history.begin(), history.end(), [](const json& l) { return l["to"] == "accepted"; }), 1)
      << now["history"].dump();
}

void TwoInstancesTest::WebhookIsDeliveredOnce() {
  // Holds the first post for kReceiverHold, so that the other instance
  // could try to send it meanwhile.
  WebhookReceiver receiver([](size_t n) {
    if (n == 0) std::this_thread::sleep_for(kReceiverHold);
    return 200;
  });
  ASSERT_GT(receiver.port(), 0);
  const std::string url = receiver.url();
  Reply hook = admin_a_->Call("POST", "/api/v1/webhooks", {{"url", url}});
  ASSERT_EQ(hook.status, 201) << hook.raw;
  // An event through B, for a webhook registered on A: "dispatched" to the
  // craftsman and to the enterprise.
  Reply dispatched = staff_b_->Call(
      "POST", "/api/v1/engagements",
      {{"need_id", "N-WELD"}, {"craftsman_ids", {"C-MI-2"}}, {"override_reason", "多实例测试：指定工匠"}});
  ASSERT_EQ(dispatched.status, 201) << dispatched.raw;
  std::vector<json> log;
  auto took = WaitUntil(
      [&] {
        log = admin_b_->Get("/api/v1/webhooks/deliveries?limit=100").body["items"].get<std::vector<json>>();
        return !log.empty() &&
               std::all_of(log.begin(), log.end(), [](const json& d) { return d["status"] == "delivered"; });
      },
      milliseconds(10000));
  ASSERT_TRUE(took) << json(log).dump();
  std::cout << log.size() << " deliveries delivered in " << took->count() << " ms\n";
  // A second sender that took a delivery too would be posting it by now.
  std::this_thread::sleep_for(milliseconds(1200));
  std::multiset<std::string> expected;
  for (const auto& d : log) {
    expected.insert(std::to_string(d["id"].get<int64_t>()));
    EXPECT_EQ(d["attempts"], 1) << d.dump();
  }
  std::multiset<std::string> got;
  for (const auto& req : receiver.received()) got.insert(req.get_header_value("X-CraftLink-Delivery"));
  EXPECT_EQ(got, expected) << "posted more than once, or lost";
}

void TwoInstancesTest::BothStopOnSigterm() {
  const auto start = SteadyClock::now();
  ASSERT_TRUE(a_->Terminate());
  ASSERT_TRUE(b_->Terminate());
  EXPECT_EQ(a_->WaitForExit(std::chrono::seconds(15)), 0) << a_->output();
  EXPECT_EQ(b_->WaitForExit(std::chrono::seconds(15)), 0) << b_->output();
  std::cout << "both stopped in " << std::chrono::duration_cast<milliseconds>(SteadyClock::now() - start).count()
            << " ms\n";
  for (ServeProcess* serve : {a_.get(), b_.get()}) {
    const std::string output = serve->output();
    EXPECT_NE(output.find("已停止"), std::string::npos) << output;
    // Overlapping sweeps and deliveries must not have failed either.
    for (const char* warning :
         {"engagement sweep:", "webhook delivery:", "capacity refresh:", "engagement outcomes:"}) {
      EXPECT_EQ(output.find(warning), std::string::npos) << output;
    }
  }
}

TEST_F(TwoInstancesTest, ShareOnePostgresDatabase) {
  // Throws (a failure) when CRAFTLINK_REQUIRE_PG=1 and no server is set.
  const auto backends = BackendsUnderTest();
  if (std::find(backends.begin(), backends.end(), Backend::kPostgres) == backends.end()) {
    GTEST_SKIP() << "two instances need a shared PostgreSQL: set CRAFTLINK_TEST_PG_URL (scripts/test does)";
  }
  const auto start = SteadyClock::now();
  {
    SCOPED_TRACE("1. prepare the database with the CLI, start A and B, sign in");
    ASSERT_NO_FATAL_FAILURE(PrepareDatabase());
    ASSERT_NO_FATAL_FAILURE(StartBothAndSignIn());
  }
  {
    SCOPED_TRACE("2. craftsman written through A, seen by B's match index");
    ASSERT_NO_FATAL_FAILURE(CraftsmanChangesReachTheOtherIndex());
  }
  {
    SCOPED_TRACE("3. one engagement step sent to both");
    ASSERT_NO_FATAL_FAILURE(ConcurrentStepIsTakenOnce());
  }
  {
    SCOPED_TRACE("4. one webhook delivery, two senders");
    ASSERT_NO_FATAL_FAILURE(WebhookIsDeliveredOnce());
  }
  {
    SCOPED_TRACE("5. SIGTERM");
    BothStopOnSigterm();
  }
  std::cout << "scenario took " << std::chrono::duration_cast<milliseconds>(SteadyClock::now() - start).count()
            << " ms\n";
}

}  // namespace
}  // namespace craftlink::testing
