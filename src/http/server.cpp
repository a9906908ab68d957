#include "http/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "http/json_response.h"

namespace craftlink::http {
namespace {

// cpp-httplib 0.11 calls listen() with a backlog of 5. Clients that open
// connections faster than the accept loop takes them (a burst of browsers,
// nginx opening upstream connections, wrk at 256 connections) overflow that
// queue; the kernel drops their SYNs and they retry after 1 s, then 3 s —
// a stall that looks like a slow or refusing server. Linux resizes the queue
// when listen() is called again on the listening socket, which httplib
// keeps in a protected member.
class BackloggedServer : public httplib::Server {
 public:
  bool SetBacklog(int backlog) { return ::listen(svr_sock_.load(), backlog) == 0; }
};

// Behind trusted proxies, req.remote_addr becomes the client's address
// before any handler, mounted file or the request log sees the request, so
// every reader of it (OriginOf → audit lines, the sign-in rate limit) gets
// the client without knowing about proxies. The pre-routing hook is the only
// one httplib runs before routing; it hands over a const view of a Request
// that Server::process_request owns as a non-const local, so writing
// through const_cast is defined behaviour.
void TrustForwardedFor(httplib::Server& server, TrustedProxies proxies) {
  if (proxies.empty()) return;
  server.set_pre_routing_handler([proxies = std::move(proxies)](const httplib::Request& req, httplib::Response&) {
    std::vector<std::string> forwarded;
    const size_t lines = req.get_header_value_count("X-Forwarded-For");
    for (size_t i = 0; i < lines; ++i) forwarded.push_back(req.get_header_value("X-Forwarded-For", i));
    const_cast<httplib::Request&>(req).remote_addr = proxies.ClientAddress(req.remote_addr, forwarded);
    return httplib::Server::HandlerResponse::Unhandled;
  });
}

}  // namespace

ApiServer::ApiServer(const Services& services, ServerOptions options)
    : services_(services), options_(std::move(options)), server_(std::make_unique<BackloggedServer>()) {
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_read_timeout(std::chrono::seconds(10));
  server_->set_write_timeout(std::chrono::seconds(10));
  // Without TCP_NODELAY, httplib's separate writes of headers and body meet
  // the client's delayed ACK: ~40 ms on every response (measured: 300 → 1500+
  // requests/s on one list endpoint; see bench/api_wrk.sh).
  server_->set_tcp_nodelay(true);
  // httplib serves a connection on one pool thread for as long as it stays
  // open, idle keep-alive included (up to 5 s). Its default pool is
  // max(8, cores - 1): 8 idle browser or nginx connections then stall every
  // other client for 5 s (measured). Threads are cheap; the database has its
  // own small connection pool, so more threads do not mean more DB load.
  // keep_alive_max_count stays at httplib's 5: when connections outnumber
  // threads, a connection gives up its thread after 5 requests, so queued
  // connections are served within a second instead of timing out.
  const size_t threads = std::max<size_t>(options_.threads, 1);
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_default_headers({
      {"X-Content-Type-Options", "nosniff"},
      // The web UI loads only its own scripts; Element Plus sets inline styles.
      {"Content-Security-Policy",
       "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
  });
  // A handler that throws must not take the process down; the client gets a
  // 500 without the exception's text.
  server_->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      spdlog::error("{} {} threw: {}", req.method, req.path, e.what());
    } catch (...) {
      spdlog::error("{} {} threw a non-standard exception", req.method, req.path);
    }
    SendError(res, 500, "internal", "服务器内部错误，请稍后重试；问题持续请联系管理员");
  });
  server_->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) return SendError(res, 404, "not_found", "没有这个地址 (no such endpoint)");
    if (res.status == 413) return SendError(res, 413, "too_large", "请求体过大 (request body too large)");
    SendError(res, res.status, "http_error", "请求无法处理 (request could not be handled)");
  });
  server_->set_logger([](const httplib::Request& req, const httplib::Response& res) {
    spdlog::info("{} {} {} {}", req.remote_addr, req.method, req.path, res.status);
  });
  TrustForwardedFor(*server_, options_.trusted_proxies);
  RegisterRoutes();
}

ApiServer::~ApiServer() = default;

void ApiServer::RegisterRoutes() {
  routes_.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    auto seq = services_.store.LastChangeSeq();
    if (!seq.ok()) return SendError(res, seq.status());
    SendJson(res, 200, {{"status", "ok"}, {"backend", std::string(services_.store.backend())}, {"change_seq", *seq}});
  });
  RegisterAuthRoutes(routes_, services_);
  RegisterRecordRoutes(routes_, services_);
  RegisterAdminRoutes(routes_, services_);
  RegisterMatchRoutes(routes_, services_);
  RegisterImportRoutes(routes_, services_);
  RegisterEngagementRoutes(routes_, services_);
  RegisterKpiRoutes(routes_, services_);
  RegisterInboxRoutes(routes_, services_);
  RegisterProgrammeRoutes(routes_, services_);
  RegisterOpenApiRoute(routes_);
  MountWebRoot();  // last: its catch-all must not shadow the API
}

void ApiServer::MountWebRoot() {
  if (options_.web_root.empty()) return;
  std::error_code ec;
  const std::filesystem::path index = std::filesystem::path(options_.web_root) / "index.html";
  if (!std::filesystem::is_regular_file(index, ec) || !server_->set_mount_point("/", options_.web_root)) {
    spdlog::warn("web UI not served: {} has no index.html", options_.web_root);
    return;
  }
  // File names under /assets/ carry a content hash, so they never change.
  server_->set_file_request_handler([](const httplib::Request& req, httplib::Response& res) {
    const bool hashed = req.path.rfind("/assets/", 0) == 0;
    res.set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  });
  // Mounted files are tried before any handler; this catches the rest, so
  // the UI's own routes (/needs/N-1, /my/profile) load index.html on reload.
  // /api/ and /assets/ stay 404 so a wrong URL there is an error, not a page.
  // Registered on the server, not in routes_: it is not part of the API.
  server_->Get(R"(/(?!api/|assets/|healthz$).*)", [index](const httplib::Request&, httplib::Response& res) {
    std::ifstream in(index, std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in) return SendError(res, 404, "not_found", "没有这个地址 (no such endpoint)");
    res.set_header("Cache-Control", "no-cache");
    res.set_content(body.str(), "text/html; charset=utf-8");
  });
}

Status ApiServer::Bind() {
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host);
  } else {
    port_ = server_->bind_to_port(options_.host, options_.port) ? options_.port : -1;
  }
  if (port_ <= 0) {
    return Status::Unavailable("无法监听 " + options_.host + ":" + std::to_string(options_.port) +
                               "（端口被占用或地址无效）(cannot bind)");
  }
  // Queue for connections not yet accepted; the kernel caps it at somaxconn.
  if (!static_cast<BackloggedServer&>(*server_).SetBacklog(1024)) {
    spdlog::warn("cannot enlarge the listen backlog; bursts of new connections may wait");
  }
  return Status::Ok();
}

Status ApiServer::Serve() {
  serving_ = true;
  bool ok = true;
  if (!stop_requested_) ok = server_->listen_after_bind();
  serving_ = false;
  return ok ? Status::Ok() : Status::IoError("HTTP server stopped unexpectedly");
}

// httplib's stop() does nothing until listen_after_bind() has marked the
// server running, so a stop that races with start-up would be lost and the
// process would serve on after SIGTERM. Either Serve() sees the flag and
// never listens, or Stop() sees Serve() under way and waits for it to run.
// After stop() httplib closes the listening socket, lets each worker finish
// the request it is handling (its response is written), then joins them.
void ApiServer::Stop() {
  stop_requested_ = true;
  while (serving_ && !server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server_->stop();
}

}  // namespace craftlink::http
