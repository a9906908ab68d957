#include <csignal>
#include <filesystem>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "cli/cli.h"
#include "cli/serving_engine.h"
#include "accounts/password.h"
#include "http/server.h"
#include "interchange/validation.h"
#include "matching/matching.h"
#include "services/batch_dispatch.h"
#include "services/engagement_service.h"
#include "services/inbox_service.h"
#include "services/kpi_service.h"
#include "services/match_service.h"
#include "services/programme_service.h"
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

// Runs the engagement sweeper (reminders, expiries, due follow-ups) every
// `period` until destroyed.
class Sweeper {
 public:
  // `after` runs after each sweep (refreshing what the match index knows
  // of capacity and of how engagements ended).
  Sweeper(services::EngagementService& engagements, std::chrono::seconds period, std::function<void()> after)
      : engagements_(engagements), period_(period), after_(std::move(after)), thread_([this] { Run(); }) {}
  ~Sweeper() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void Run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, period_, [&] { return stop_; })) {
      lock.unlock();
      auto swept = engagements_.Sweep();
      if (!swept.ok()) spdlog::warn("engagement sweep: {}", swept.status().ToString());
      after_();
      lock.lock();
    }
  }

  services::EngagementService& engagements_;
  std::chrono::seconds period_;
  std::function<void()> after_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

struct TrackingFlags {
  DispatchTimingFlags dispatch;
  int sweep_seconds = 60;
};

void RunServe(CommandContext& ctx, const std::string& url, const http::ServerOptions& options,
              const TrackingFlags& tracking) {
  ShutdownSignals signals;  // before any thread starts, so all inherit the mask
  auto tracking_options = TrackingOptionsOf(tracking.dispatch);
  if (!tracking_options.ok()) return ctx.Fail(tracking_options.status());
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
  auto serving = BuildServingEngine(**store);
  if (!serving.ok()) return ctx.Fail(serving.status());
  matching::MatchEngine& engine = *serving->engine;
  matching::MatchFollower follower(engine);
  services::MatchService matches(**store, engine);
  services::EngagementService engagements(**store, SystemClock(), *tracking_options, &matches);
  services::BatchDispatchService batch_dispatch(**store, matches, engagements);
  services::KpiService kpis(**store, &*validator);
  services::InboxService inbox(**store);
  services::ProgrammeService programmes(**store, SystemClock());
  services::WebhookDeliverer deliverer(**store, SystemClock());
  Sweeper sweeper(engagements, std::chrono::seconds(tracking.sweep_seconds), [&] {
    if (Status s = serving->capacity->Refresh(**store); !s.ok()) {
      return spdlog::warn("capacity refresh: {}", s.ToString());
    }
    engine.RefreshCapacity();
    if (Status s = serving->outcomes->Refresh(**store, engine); !s.ok()) {
      spdlog::warn("engagement outcomes: {}", s.ToString());
    }
  });
  http::Services wiring{**store, sessions, records, &matches};
  wiring.engagements = &engagements;
  wiring.batch_dispatch = &batch_dispatch;
  wiring.kpis = &kpis;
  wiring.inbox = &inbox;
  wiring.programmes = &programmes;
  http::ApiServer server(wiring, options);
  Status s = server.Bind();
  if (!s.ok()) return ctx.Fail(s);
  ctx.out << "CraftLink 匠企通已启动：http://" << options.host << ":" << server.port() << "/  (数据库 " << url
          << "，Ctrl+C 停止)" << std::endl;
  if (!options.trusted_proxies.empty()) {
    ctx.out << "客户端地址取自这些代理转发的 X-Forwarded-For (trusted proxies): " << options.trusted_proxies.ToString()
            << std::endl;
  }
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
  auto tracking = std::make_shared<TrackingFlags>();
  auto* cmd = app.add_subcommand("serve", "启动 HTTP 服务 (serve the API)");
  AddDbOption(*cmd, *url);
  cmd->add_option("--host", options->host, "监听地址")->capture_default_str();
  cmd->add_option("--port", options->port, "端口（0 = 任选空闲端口）")->capture_default_str();
  // The built web UI is served when present; from a source checkout that is web/dist.
  std::error_code ec;
  if (std::filesystem::is_directory("web/dist", ec)) options->web_root = "web/dist";
  cmd->add_option("--web-root", options->web_root, "网页界面目录（npm run build 的产物；空 = 只提供 API）")
      ->capture_default_str();
  AddDispatchTimingFlags(*cmd, tracking->dispatch);
  cmd->add_option("--sweep-seconds", tracking->sweep_seconds, "检查提醒、超时和回访到期的间隔（秒）")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  auto proxies = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--trusted-proxy", *proxies,
                  "信任其 X-Forwarded-For 的反向代理地址段，可重复 (CIDR, e.g. 127.0.0.1/32; default: none)")
      ->delimiter(',');
  cmd->callback([&ctx, url, options, tracking, proxies] {
    auto trusted = http::TrustedProxies::Parse(*proxies);
    if (!trusted.ok()) return ctx.Fail(trusted.status());
    options->trusted_proxies = std::move(*trusted);
    RunServe(ctx, *url, *options, *tracking);
  });
}

}  // namespace craftlink::cli
