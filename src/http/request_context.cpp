#include "http/request_context.h"

#include "core/utf8.h"
#include "http/json_response.h"

namespace craftlink::http {

std::optional<std::pair<std::string, bool>> SessionToken(const httplib::Request& req) {
  const std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) return std::make_pair(auth.substr(7), false);
  const std::string cookies = req.get_header_value("Cookie");
  const std::string key = std::string(kSessionCookie) + "=";
  size_t pos = 0;
  while ((pos = cookies.find(key, pos)) != std::string::npos) {
    if (pos == 0 || cookies[pos - 1] == ' ' || cookies[pos - 1] == ';') {
      const size_t start = pos + key.size();
      const size_t end = cookies.find(';', start);
      return std::make_pair(cookies.substr(start, end == std::string::npos ? std::string::npos : end - start), true);
    }
    pos += key.size();
  }
  return std::nullopt;
}

std::optional<Caller> RequireCaller(services::SessionService& sessions, const httplib::Request& req,
                                    httplib::Response& res) {
  auto token = SessionToken(req);
  if (!token) {
    SendError(res, 401, "unauthenticated", "请先登录 (sign in first)");
    return std::nullopt;
  }
  auto principal = sessions.Authenticate(token->first);
  if (!principal.ok()) {
    SendError(res, principal.status());
    return std::nullopt;
  }
  const bool writes = req.method != "GET" && req.method != "HEAD";
  if (writes && token->second && req.get_header_value(kCsrfHeader) != "1") {
    SendError(res, 403, "permission_denied", "缺少防跨站请求头 X-CraftLink-CSRF，请从平台页面操作");
    return std::nullopt;
  }
  return Caller{*principal, token->first, token->second};
}

services::RequestOrigin OriginOf(const httplib::Request& req) { return {req.remote_addr}; }

std::optional<nlohmann::json> ParseJsonBody(const httplib::Request& req, httplib::Response& res) {
  if (!utf8::IsValid(req.body)) {
    SendError(res, 400, "invalid_argument", "请求体不是有效的 UTF-8 (invalid UTF-8)");
    return std::nullopt;
  }
  bool too_deep = false;
  auto limit_depth = [&too_deep](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (depth > kMaxJsonDepth) too_deep = true;
    return !too_deep;
  };
  auto j = nlohmann::json::parse(req.body, limit_depth, /*allow_exceptions=*/false);
  if (too_deep) {
    SendError(res, 400, "invalid_argument", "JSON 嵌套过深（上限 32 层）(JSON nested too deeply)");
    return std::nullopt;
  }
  if (j.is_discarded() || !j.is_object()) {
    SendError(res, 400, "invalid_argument", "请求体应为 JSON 对象 (expected a JSON object)");
    return std::nullopt;
  }
  return j;
}

std::string TextField(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<size_t> PageLimit(const httplib::Request& req, httplib::Response& res, size_t fallback, size_t max) {
  if (!req.has_param("limit")) return fallback;
  const std::string text = req.get_param_value("limit");
  size_t used = 0;
  long long n = -1;
  try {
    n = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || n < 1 || n > static_cast<long long>(max)) {
    SendError(res, 400, "invalid_argument", "limit 应为 1 到 " + std::to_string(max) + " 之间的整数", "limit");
    return std::nullopt;
  }
  return static_cast<size_t>(n);
}

}  // namespace craftlink::http
