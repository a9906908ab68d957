#include "http/json_response.h"
#include "http/request_context.h"
#include "http/routes.h"

namespace craftlink::http {
namespace {

bool Available(const Services& s, httplib::Response& res) {
  if (s.matches != nullptr) return true;
  SendError(res, 503, "unavailable", "匹配服务尚未就绪，请稍后再试");
  return false;
}


}  // namespace

void RegisterMatchRoutes(RouteCatalog& server, const Services& s) {
  server.Get(R"(/api/v1/needs/([^/]+)/matches)", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    if (req.has_param("limit")) {
      return SendError(res, 400, "invalid_argument", "请用 top 指定推荐人数", "limit");
    }
    size_t top = 10;
    if (req.has_param("top")) {
      const std::string text = req.get_param_value("top");
      if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(text) < 1 || std::stoi(text) > 50) {
        return SendError(res, 400, "invalid_argument", "top 应为 1 到 50 之间的整数", "top");
      }
      top = static_cast<size_t>(std::stoi(text));
    }
    const bool include_full = req.get_param_value("include_full") == "true";
    SendResult(res, s.matches->MatchesForNeed(caller->principal, req.matches[1].str(), top, include_full));
  });

  server.Get(R"(/api/v1/results/([^/]+)/matches)", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    SendResult(res, s.matches->NeedsForResult(caller->principal, req.matches[1].str(), 10));
  });

  server.Get("/api/v1/duplicate-needs", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    SendResult(res, s.matches->DuplicateNeeds(caller->principal));
  });
}

}  // namespace craftlink::http
