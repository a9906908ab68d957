#include <csignal>
#include <filesystem>
#include <thread>

#include "cli/cli.h"
#include "accounts/password.h"
#include "http/server.h"
#include "interchange/validation.h"
#include "matching/matching.h"
#include "services/match_service.h"
#include "services/record_service.h"
#include "services/session_service.h"

namespace craftlink::cli {
namespace {

// Blocks SIGINT/SIGTERM in every thread and waits for them on one, so that
// shutdown runs as ordinary code rather than inside a signal handler.
class ShutdownSignals {
 public:
  ShutdownSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  int Wait() {
    int signal = 0;
    sigwait(&set_, &signal);
    return signal;
  }

 private:
  sigset_t set_;
};

void RunServe(CommandContext& ctx, const std::string& url, const http::ServerOptions& options) {
  ShutdownSignals signals;  // before any thread starts, so all inherit the mask
  auto store = OpenInitializedStore(url);
  if (!store.ok()) return ctx.Fail(store.status());
  auto validator = interchange::RecordValidator::LoadDefault();
  if (!validator.ok()) return ctx.Fail(validator.status());
  auto policy = accounts::PasswordPolicy::LoadDefault();
  if (!policy.ok()) return ctx.Fail(policy.status());
  accounts::PasswordHasher hasher;
  services::SessionService sessions(**store, hasher, *policy);
  services::RecordService records(**store, *validator);
  // The match index is built once at start and then follows the change feed,
  // so writes through this or any other instance show within a second.
  auto match_config = matching::LoadMatchConfig();
  if (!match_config.ok()) return ctx.Fail(match_config.status());
  auto engine = matching::MatchEngine::Build(**store, *match_config);
  if (!engine.ok()) return ctx.Fail(engine.status());
  matching::MatchFollower follower(**engine);
  services::MatchService matches(**store, **engine);
  http::ApiServer server(http::Services{**store, sessions, records, &matches}, options);
  Status s = server.Bind();
  if (!s.ok()) return ctx.Fail(s);
  ctx.out << "CraftLink 匠企通已启动：http://" << options.host << ":" << server.port() << "/  (数据库 " << url
          << "，Ctrl+C 停止)" << std::endl;
  std::thread waiter([&] {
    signals.Wait();
    server.Stop();
  });
  s = server.Serve();
  if (waiter.joinable()) {
    // Serve() returned without a signal (bind lost): wake the waiter.
    if (!s.ok()) pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
  }
  if (!s.ok()) return ctx.Fail(s);
  ctx.out << "已停止 (stopped)" << std::endl;
}

}  // namespace

void AddServeCommand(CLI::App& app, CommandContext& ctx) {
  auto url = std::make_shared<std::string>();
  auto options = std::make_shared<http::ServerOptions>();
  auto* cmd = app.add_subcommand("serve", "启动 HTTP 服务 (serve the API)");
  AddDbOption(*cmd, *url);
  cmd->add_option("--host", options->host, "监听地址")->capture_default_str();
  cmd->add_option("--port", options->port, "端口（0 = 任选空闲端口）")->capture_default_str();
  // The built web UI is served when present; from a source checkout that is web/dist.
  std::error_code ec;
  if (std::filesystem::is_directory("web/dist", ec)) options->web_root = "web/dist";
  cmd->add_option("--web-root", options->web_root, "网页界面目录（npm run build 的产物；空 = 只提供 API）")
      ->capture_default_str();
  cmd->callback([&ctx, url, options] { RunServe(ctx, *url, *options); });
}

}  // namespace craftlink::cli
