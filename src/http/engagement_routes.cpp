#include "http/json_response.h"
#include "http/request_context.h"
#include "http/routes.h"

namespace craftlink::http {
namespace {

using tracking::EngagementAction;

constexpr size_t kDefaultPage = 50;
constexpr size_t kMaxPage = 200;

// Each step has its own path, named for what the person does; the service
// decides whether the step is allowed now.
struct StepPath {
  const char* path;
  EngagementAction action;
};
constexpr StepPath kSteps[] = {
    {"dispatch", EngagementAction::kDispatch},   {"accept", EngagementAction::kAccept},
    {"decline", EngagementAction::kDecline},     {"schedule", EngagementAction::kSchedule},
    {"visits", EngagementAction::kLogVisit},     {"resolve", EngagementAction::kResolve},
    {"not-resolved", EngagementAction::kNotResolve}, {"feedback", EngagementAction::kRate},
    {"followups", EngagementAction::kFollowUp},  {"close", EngagementAction::kClose},
    {"cancel", EngagementAction::kCancel},
};

bool Available(const Services& s, httplib::Response& res) {
  if (s.engagements != nullptr) return true;
  SendError(res, 503, "unavailable", "助企服务模块尚未就绪，请稍后再试");
  return false;
}

}  // namespace

void RegisterEngagementRoutes(RouteCatalog& server, const Services& s) {
  server.Get("/api/v1/engagements", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    auto limit = PageLimit(req, res, kDefaultPage, kMaxPage);
    if (!limit) return;
    services::EngagementQuery query{.state = req.get_param_value("state"),
                                    .need_id = req.get_param_value("need_id"),
                                    .craftsman_id = req.get_param_value("craftsman_id"),
                                    .enterprise_id = req.get_param_value("enterprise_id"),
                                    .after = req.get_param_value("after"),
                                    .limit = *limit};
    SendResult(res, s.engagements->List(caller->principal, query));
  });

  server.Post("/api/v1/engagements", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    SendResult(res, s.engagements->Create(caller->principal, *body, OriginOf(req)), 201);
  });

  server.Get(R"(/api/v1/engagements/([^/]+))", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    SendResult(res, s.engagements->Get(caller->principal, req.matches[1].str()));
  });

  for (const StepPath& step : kSteps) {
    const EngagementAction action = step.action;
    server.Post(std::string(R"(/api/v1/engagements/([^/]+)/)") + step.path,
                [&s, action](const httplib::Request& req, httplib::Response& res) {
                  auto caller = RequireCaller(s.sessions, req, res);
                  if (!caller || !Available(s, res)) return;
                  auto body = ParseJsonBody(req, res);
                  if (!body) return;
                  SendResult(res, s.engagements->Act(caller->principal, req.matches[1].str(), action, *body,
                                                     OriginOf(req)));
                });
  }

  server.Post("/api/v1/dispatch", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    if (s.batch_dispatch == nullptr) return SendError(res, 503, "unavailable", "匹配服务尚未就绪，请稍后再试");
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    SendResult(res, s.batch_dispatch->Propose(caller->principal, *body, OriginOf(req)));
  });

  server.Get(R"(/api/v1/dispatch/([^/]+))", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    if (s.batch_dispatch == nullptr) return SendError(res, 503, "unavailable", "匹配服务尚未就绪，请稍后再试");
    SendResult(res, s.batch_dispatch->Get(caller->principal, req.matches[1].str()));
  });

  server.Post(R"(/api/v1/dispatch/([^/]+)/confirm)", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    if (s.batch_dispatch == nullptr) return SendError(res, 503, "unavailable", "匹配服务尚未就绪，请稍后再试");
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    SendResult(res, s.batch_dispatch->Confirm(caller->principal, req.matches[1].str(), *body, OriginOf(req)));
  });

  server.Post(R"(/api/v1/engagements/([^/]+)/promote)", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    SendResult(res, s.engagements->Promote(caller->principal, req.matches[1].str(), *body, OriginOf(req)), 201);
  });
}

}  // namespace craftlink::http
