#include "domain/codec.h"
#include "http/json_response.h"
#include "http/request_context.h"
#include "http/routes.h"
#include "services/people_service.h"

namespace craftlink::http {
namespace {

bool RequireAdmin(const Caller& caller, httplib::Response& res) {
  if (caller.principal.role == access::Role::kAdmin) return true;
  SendError(res, 403, "permission_denied", "只有平台管理员可以进行此操作");
  return false;
}

}  // namespace

void RegisterAdminRoutes(RouteCatalog& server, const Services& s) {
  // Organisations are not secret: every signed-in user may see the tree.
  server.Get("/api/v1/organisations", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    auto orgs = s.store.ListOrganisations();
    if (!orgs.ok()) return SendError(res, orgs.status());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& o : *orgs) items.push_back(domain::ToJson(o));
    SendJson(res, 200, {{"items", items}, {"next_after", nullptr}});
  });

  server.Get("/api/v1/users", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !RequireAdmin(*caller, res)) return;
    auto users = s.store.ListUsers();
    if (!users.ok()) return SendError(res, users.status());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& u : *users) items.push_back(services::UserJson(u));
    SendJson(res, 200, {{"items", items}, {"next_after", nullptr}});
  });

  server.Post("/api/v1/users", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !RequireAdmin(*caller, res)) return;
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    auto role = access::ParseRole(TextField(*body, "role"));
    if (!role) return SendError(res, 400, "invalid_argument", "role 应为 admin、staff、enterprise 或 craftsman", "role");
    services::NewUser user{.username = TextField(*body, "username"),
                           .display_name = TextField(*body, "display_name"),
                           .role = *role,
                           .org_id = TextField(*body, "org_id"),
                           .enterprise_id = TextField(*body, "enterprise_id"),
                           .craftsman_id = TextField(*body, "craftsman_id"),
                           .password = TextField(*body, "password")};
    auto created = s.sessions.CreateUser(user, OriginOf(req), caller->principal.user_id);
    if (!created.ok()) return SendError(res, created.status());
    SendJson(res, 201, services::UserJson(*created));
  });

  server.Get("/api/v1/audit", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !RequireAdmin(*caller, res)) return;
    auto limit = PageLimit(req, res, 100, 1000);
    if (!limit) return;
    int64_t after = 0;
    try {
      after = req.has_param("after") ? std::stoll(req.get_param_value("after")) : 0;
    } catch (const std::exception&) {
      return SendError(res, 400, "invalid_argument", "after 应为整数", "after");
    }
    auto rows = s.store.ListAudit(after, *limit);
    if (!rows.ok()) return SendError(res, rows.status());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : *rows) {
      items.push_back({{"seq", r.seq}, {"at", r.at}, {"user_id", r.user_id}, {"action", r.action},
                       {"target", r.target}, {"ip", r.ip}, {"detail", r.detail}});
    }
    nlohmann::json next = rows->size() == *limit ? nlohmann::json(rows->back().seq) : nlohmann::json(nullptr);
    SendJson(res, 200, {{"items", items}, {"next_after", next}});
  });

  server.Get("/api/v1/audit/export", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    auto csv = services::AuditCsv(s.store, caller->principal);
    if (!csv.ok()) return SendError(res, csv.status());
    res.set_header("Content-Disposition", "attachment; filename=\"audit.csv\"");
    res.set_header("Cache-Control", "no-store");
    res.set_content(*csv, "text/csv; charset=utf-8");
  });

  // PIPL requests about a craftsman (services/people_service.h).
  server.Get(R"(/api/v1/people/craftsmen/([^/]+)/export)", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    services::PeopleService people(s.store);
    SendResult(res, people.ExportCraftsman(caller->principal, req.matches[1].str(), OriginOf(req)));
  });

  server.Post(R"(/api/v1/people/craftsmen/([^/]+)/anonymise)",
              [&s](const httplib::Request& req, httplib::Response& res) {
                auto caller = RequireCaller(s.sessions, req, res);
                if (!caller) return;
                services::PeopleService people(s.store);
                SendResult(res, people.AnonymiseCraftsman(caller->principal, req.matches[1].str(), OriginOf(req)));
              });
}

}  // namespace craftlink::http
