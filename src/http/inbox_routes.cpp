#include "http/json_response.h"
#include "http/request_context.h"
#include "http/routes.h"

namespace craftlink::http {
namespace {

bool Available(const Services& s, httplib::Response& res) {
  if (s.inbox != nullptr) return true;
  SendError(res, 503, "unavailable", "消息模块尚未就绪，请稍后再试");
  return false;
}

}  // namespace

void RegisterInboxRoutes(RouteCatalog& server, const Services& s) {
  server.Get("/api/v1/notifications", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    auto limit = PageLimit(req, res, 50, 200);
    if (!limit) return;
    SendResult(res, s.inbox->Inbox(caller->principal, *limit));
  });

  server.Post(R"(/api/v1/notifications/([^/]+)/read)", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    const std::string seq = req.matches[1].str();
    if (seq.empty() || seq.size() > 18 || seq.find_first_not_of("0123456789") != std::string::npos) {
      return SendError(res, 400, "invalid_argument", "消息编号应为数字", "seq");
    }
    Status status = s.inbox->MarkRead(caller->principal, std::stoll(seq));
    if (!status.ok()) return SendError(res, status);
    SendJson(res, 200, {{"read", true}});
  });

  server.Get("/api/v1/webhooks", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    SendResult(res, s.inbox->ListWebhooks(caller->principal));
  });

  server.Post("/api/v1/webhooks", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    SendResult(res, s.inbox->AddWebhook(caller->principal, *body, OriginOf(req)), 201);
  });

  server.Get("/api/v1/webhooks/deliveries", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    auto limit = PageLimit(req, res, 100, 500);
    if (!limit) return;
    int64_t after = 0;
    const std::string text = req.get_param_value("after");
    if (!text.empty()) {
      if (text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
        return SendError(res, 400, "invalid_argument", "after 应为投递编号", "after");
      }
      after = std::stoll(text);
    }
    SendResult(res, s.inbox->Deliveries(caller->principal, after, *limit));
  });
}

}  // namespace craftlink::http
