#include "http/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include "http/json_response.h"

namespace craftlink::http {

ApiServer::ApiServer(const Services& services, ServerOptions options)
    : services_(services), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_read_timeout(std::chrono::seconds(10));
  server_->set_write_timeout(std::chrono::seconds(10));
  server_->set_default_headers({
      {"X-Content-Type-Options", "nosniff"},
      {"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; object-src 'none'"},
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
  RegisterRoutes();
}

ApiServer::~ApiServer() = default;

void ApiServer::RegisterRoutes() {
  server_->Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    auto seq = services_.store.LastChangeSeq();
    if (!seq.ok()) return SendError(res, seq.status());
    SendJson(res, 200, {{"status", "ok"}, {"backend", std::string(services_.store.backend())}, {"change_seq", *seq}});
  });
  RegisterAuthRoutes(*server_, services_);
  RegisterRecordRoutes(*server_, services_);
  RegisterAdminRoutes(*server_, services_);
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
  return Status::Ok();
}

Status ApiServer::Serve() {
  if (!server_->listen_after_bind()) return Status::IoError("HTTP server stopped unexpectedly");
  return Status::Ok();
}

void ApiServer::Stop() { server_->stop(); }

}  // namespace craftlink::http
