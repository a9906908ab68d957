#include "http/json_response.h"
#include "http/request_context.h"
#include "http/routes.h"

namespace craftlink::http {
namespace {

using domain::RecordKind;

constexpr size_t kDefaultPage = 20;
constexpr size_t kMaxPage = 100;

void Reply(httplib::Response& res, const Result<nlohmann::json>& result, int ok_status = 200) {
  if (!result.ok()) return SendError(res, result.status());
  SendJson(res, ok_status, *result);
}

void RegisterKind(RouteCatalog& server, const Services& s, RecordKind kind) {
  const std::string base = "/api/v1/" + std::string(domain::RecordKindPlural(kind));
  const std::string item = base + "/([^/]+)";

  server.Get(base, [&s, kind](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    auto limit = PageLimit(req, res, kDefaultPage, kMaxPage);
    if (!limit) return;
    services::ListQuery query{.q = req.get_param_value("q"), .after = req.get_param_value("after"),
                              .limit = *limit, .org_id = req.get_param_value("org")};
    Reply(res, s.records.List(caller->principal, kind, query, OriginOf(req)));
  });

  server.Get(item, [&s, kind](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    Reply(res, s.records.Get(caller->principal, kind, req.matches[1].str(), OriginOf(req)));
  });

  server.Post(base, [&s, kind](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    Reply(res, s.records.Create(caller->principal, kind, *body, OriginOf(req)), 201);
  });

  server.Put(item, [&s, kind](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    Reply(res, s.records.Update(caller->principal, kind, req.matches[1].str(), *body, OriginOf(req)));
  });

  for (const bool archive : {true, false}) {
    server.Post(item + (archive ? "/archive" : "/restore"),
                [&s, kind, archive](const httplib::Request& req, httplib::Response& res) {
                  auto caller = RequireCaller(s.sessions, req, res);
                  if (!caller) return;
                  Reply(res, s.records.SetArchived(caller->principal, kind, req.matches[1].str(), archive,
                                                   OriginOf(req)));
                });
  }
}

}  // namespace

void RegisterRecordRoutes(RouteCatalog& server, const Services& services) {
  for (RecordKind kind : domain::kAllRecordKinds) RegisterKind(server, services, kind);
}

}  // namespace craftlink::http
