#include "http/routes.h"

#include <mutex>
#include <unordered_map>

#include "http/json_response.h"
#include "http/request_context.h"

namespace craftlink::http {
namespace {

// Sign-in attempts per client address: a token bucket of 10 that refills
// one every 6 s. The per-account back-off in SessionService covers
// distributed guessing; this covers one client hammering many names.
class LoginRateLimit {
 public:
  bool Allow(const std::string& ip) {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    auto& b = buckets_[ip];
    if (b.last.time_since_epoch().count() == 0) b = {10.0, now};
    b.tokens = std::min(10.0, b.tokens + std::chrono::duration<double>(now - b.last).count() / 6.0);
    b.last = now;
    if (buckets_.size() > 100000) buckets_.clear();  // bounded memory under address floods
    if (b.tokens < 1.0) return false;
    b.tokens -= 1.0;
    return true;
  }

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point last{};
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

std::string SessionCookie(const std::string& token, bool clear) {
  return std::string(kSessionCookie) + "=" + (clear ? "" : token) + "; Path=/; HttpOnly; SameSite=Strict" +
         (clear ? "; Max-Age=0" : "");
}

}  // namespace

void RegisterAuthRoutes(RouteCatalog& server, const Services& services) {
  auto limit = std::make_shared<LoginRateLimit>();
  server.Post("/api/v1/auth/login", [&services, limit](const httplib::Request& req, httplib::Response& res) {
    if (!limit->Allow(req.remote_addr)) {
      res.set_header("Retry-After", "6");
      return SendError(res, 429, "rate_limited", "登录尝试过于频繁，请稍后再试");
    }
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    const auto username = body->find("username");
    const auto password = body->find("password");
    if (username == body->end() || !username->is_string() || password == body->end() || !password->is_string()) {
      return SendError(res, 400, "invalid_argument", "请输入用户名和密码", "username");
    }
    auto login = services.sessions.Login(username->get<std::string>(), password->get<std::string>(), OriginOf(req));
    if (!login.ok()) return SendError(res, login.status());
    res.set_header("Set-Cookie", SessionCookie(login->token, false));
    SendJson(res, 200, {{"token", login->token}, {"user", services::UserJson(login->user)}});
  });

  server.Post("/api/v1/auth/logout", [&services](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(services.sessions, req, res);
    if (!caller) return;
    Status s = services.sessions.Logout(caller->token);
    if (!s.ok()) return SendError(res, s);
    res.set_header("Set-Cookie", SessionCookie("", true));
    res.status = 204;
  });

  server.Get("/api/v1/auth/me", [&services](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(services.sessions, req, res);
    if (!caller) return;
    auto user = services.store.GetUser(caller->principal.user_id);
    if (!user.ok()) return SendError(res, user.status());
    if (!user->has_value()) return SendError(res, 401, "unauthenticated", "请先登录");
    SendJson(res, 200, services::UserJson(**user));
  });

  server.Post("/api/v1/auth/password", [&services](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(services.sessions, req, res);
    if (!caller) return;
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    const std::string current = TextField(*body, "current_password");
    const std::string replacement = TextField(*body, "new_password");
    Status s = services.sessions.ChangePassword(caller->principal, current, replacement, OriginOf(req));
    if (!s.ok()) return SendError(res, s);
    res.set_header("Set-Cookie", SessionCookie("", true));
    res.status = 204;
  });
}

}  // namespace craftlink::http
