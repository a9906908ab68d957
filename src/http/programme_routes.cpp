// agreements, events (with 对接会 wishes, schedule and agendas),
// mentorships and studios: each handler reads the caller, the path and the
// body, and hands them to services/programme_service.h.
#include <functional>

#include "http/json_response.h"
#include "http/request_context.h"
#include "http/routes.h"
#include "services/programme_service.h"

namespace craftlink::http {
namespace {

constexpr size_t kDefaultPage = 50;
constexpr size_t kMaxPage = 100;

using nlohmann::json;
using services::ProgrammeService;
using services::RequestOrigin;

// The signed-in caller and the programme services; the error is already
// sent when either is missing.
using Handler = std::function<void(ProgrammeService&, const Caller&, const httplib::Request&, httplib::Response&)>;

httplib::Server::Handler Route(const Services& s, Handler handler) {
  return [&s, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    if (s.programmes == nullptr) return SendError(res, 503, "unavailable", "活动与协议模块尚未就绪，请稍后再试");
    handler(*s.programmes, *caller, req, res);
  };
}

// The three shapes of a service call: create from a body, read one by the
// path's id, act on one by the path's id with a body. `part` picks the
// service out of ProgrammeService.
template <typename Service>
using CreateFn = Result<json> (Service::*)(const access::Principal&, const json&, const RequestOrigin&);
template <typename Service>
using ReadFn = Result<json> (Service::*)(const access::Principal&, std::string_view);
template <typename Service>
using ActFn = Result<json> (Service::*)(const access::Principal&, std::string_view, const json&, const RequestOrigin&);

template <typename Service>
httplib::Server::Handler Create(const Services& s, Service ProgrammeService::*part, CreateFn<Service> fn) {
  return Route(s,
               [part, fn](ProgrammeService& p, const Caller& c, const httplib::Request& req, httplib::Response& res) {
                 auto body = ParseJsonBody(req, res);
                 if (!body) return;
                 SendResult(res, ((p.*part).*fn)(c.principal, *body, OriginOf(req)), 201);
               });
}

template <typename Service>
httplib::Server::Handler Read(const Services& s, Service ProgrammeService::*part, ReadFn<Service> fn) {
  return Route(s,
               [part, fn](ProgrammeService& p, const Caller& c, const httplib::Request& req, httplib::Response& res) {
                 SendResult(res, ((p.*part).*fn)(c.principal, req.matches[1].str()));
               });
}

template <typename Service>
httplib::Server::Handler Act(const Services& s, int ok_status, Service ProgrammeService::*part, ActFn<Service> fn) {
  return Route(s, [ok_status, part, fn](ProgrammeService& p, const Caller& c, const httplib::Request& req,
                                        httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    SendResult(res, ((p.*part).*fn)(c.principal, req.matches[1].str(), *body, OriginOf(req)), ok_status);
  });
}

// ?after=&limit= with the route's own filters; answers 400 on a bad limit.
template <typename Query, typename Service>
httplib::Server::Handler List(const Services& s, Service ProgrammeService::*part,
                              Result<json> (Service::*fn)(const access::Principal&, const Query&),
                              std::function<Query(const httplib::Request&)> filters) {
  return Route(s, [part, fn, filters = std::move(filters)](ProgrammeService& p, const Caller& c,
                                                           const httplib::Request& req, httplib::Response& res) {
    auto limit = PageLimit(req, res, kDefaultPage, kMaxPage);
    if (!limit) return;
    Query query = filters(req);
    query.after = req.get_param_value("after");
    query.limit = *limit;
    SendResult(res, ((p.*part).*fn)(c.principal, query));
  });
}

void RegisterAgreements(RouteCatalog& server, const Services& s) {
  using services::AgreementService;
  const auto part = &ProgrammeService::agreements;
  server.Get("/api/v1/agreements",
             List<services::AgreementQuery>(s, part, &AgreementService::List, [](const auto& req) {
               return services::AgreementQuery{.enterprise_id = req.get_param_value("enterprise_id"),
                                               .craftsman_id = req.get_param_value("craftsman_id"),
                                               .studio_id = req.get_param_value("studio_id"),
                                               .state = req.get_param_value("state"),
                                               .q = req.get_param_value("q")};
             }));
  server.Post("/api/v1/agreements", Create(s, part, &AgreementService::Create));
  server.Get(R"(/api/v1/agreements/([^/]+))", Read(s, part, &AgreementService::Get));
  server.Post(R"(/api/v1/agreements/([^/]+)/renew)", Act(s, 201, part, &AgreementService::Renew));
  server.Post(R"(/api/v1/agreements/([^/]+)/end)", Act(s, 200, part, &AgreementService::End));
}

void RegisterEvents(RouteCatalog& server, const Services& s) {
  using services::EventService;
  const auto part = &ProgrammeService::events;
  server.Get("/api/v1/events", List<services::EventQuery>(s, part, &EventService::List, [](const auto& req) {
               return services::EventQuery{.kind = req.get_param_value("kind"),
                                           .org_id = req.get_param_value("org_id"),
                                           .from = req.get_param_value("from"),
                                           .to = req.get_param_value("to"),
                                           .sort = req.get_param_value("sort")};
             }));
  server.Post("/api/v1/events", Create(s, part, &EventService::Create));
  server.Get(R"(/api/v1/events/([^/]+))", Read(s, part, &EventService::Get));
  server.Put(R"(/api/v1/events/([^/]+))", Act(s, 200, part, &EventService::Update));
  // 201 for a new registration, 200 when an existing one changed its seats.
  server.Post(R"(/api/v1/events/([^/]+)/registrations)",
              Route(s, [](ProgrammeService& p, const Caller& c, const httplib::Request& req, httplib::Response& res) {
                auto body = ParseJsonBody(req, res);
                if (!body) return;
                auto out = p.events.Register(c.principal, req.matches[1].str(), *body, OriginOf(req));
                SendResult(res, out, out.ok() && out->value("created", false) ? 201 : 200);
              }));
  server.Post(R"(/api/v1/events/([^/]+)/withdraw)", Act(s, 200, part, &EventService::Withdraw));
  server.Post(R"(/api/v1/events/([^/]+)/cancel)", Act(s, 200, part, &EventService::Cancel));
  server.Post(R"(/api/v1/events/([^/]+)/attendance)", Act(s, 200, part, &EventService::RecordAttendance));
  server.Post(R"(/api/v1/events/([^/]+)/wishes)", Act(s, 200, part, &EventService::SetWishes));
  server.Post(R"(/api/v1/events/([^/]+)/schedule)", Act(s, 200, part, &EventService::MakeSchedule));
  server.Get(R"(/api/v1/events/([^/]+)/agenda)",
             Route(s, [](ProgrammeService& p, const Caller& c, const httplib::Request& req, httplib::Response& res) {
               const std::string format = req.get_param_value("format");
               if (!format.empty() && format != "json" && format != "text") {
                 return SendError(res, 400, "invalid_argument", "format 应为 json 或 text", "format");
               }
               auto agenda = p.events.Agenda(c.principal, req.matches[1].str(), req.get_param_value("participant_id"));
               if (!agenda.ok()) return SendError(res, agenda.status());
               if (format == "text") return res.set_content(agenda->text, "text/plain; charset=utf-8");
               SendJson(res, 200, agenda->json);
             }));
}

void RegisterMentorships(RouteCatalog& server, const Services& s) {
  using services::MentorshipService;
  const auto part = &ProgrammeService::mentorships;
  server.Get("/api/v1/mentorships",
             List<services::MentorshipQuery>(s, part, &MentorshipService::List, [](const auto& req) {
               return services::MentorshipQuery{.master_id = req.get_param_value("master_id"),
                                                .apprentice_id = req.get_param_value("apprentice_id"),
                                                .state = req.get_param_value("state"),
                                                .q = req.get_param_value("q")};
             }));
  server.Post("/api/v1/mentorships", Create(s, part, &MentorshipService::Create));
  server.Post("/api/v1/mentorships/suggest",
              Route(s, [](ProgrammeService& p, const Caller& c, const httplib::Request& req, httplib::Response& res) {
                auto body = ParseJsonBody(req, res);
                if (!body) return;
                SendResult(res, p.mentorships.Suggest(c.principal, *body));
              }));
  server.Get(R"(/api/v1/mentorships/([^/]+))", Read(s, part, &MentorshipService::Get));
  server.Put(R"(/api/v1/mentorships/([^/]+))", Act(s, 200, part, &MentorshipService::Update));
  server.Post(R"(/api/v1/mentorships/([^/]+)/notes)", Act(s, 201, part, &MentorshipService::AddNote));
  server.Post(R"(/api/v1/mentorships/([^/]+)/complete)", Act(s, 200, part, &MentorshipService::Complete));
}

void RegisterStudios(RouteCatalog& server, const Services& s) {
  using services::StudioService;
  const auto part = &ProgrammeService::studios;
  server.Get("/api/v1/studios", List<services::StudioQuery>(s, part, &StudioService::List, [](const auto& req) {
               return services::StudioQuery{.org_id = req.get_param_value("org_id"),
                                            .member_id = req.get_param_value("member_id"),
                                            .q = req.get_param_value("q")};
             }));
  server.Post("/api/v1/studios", Create(s, part, &StudioService::Create));
  server.Get(R"(/api/v1/studios/([^/]+))", Read(s, part, &StudioService::Get));
  server.Put(R"(/api/v1/studios/([^/]+))", Act(s, 200, part, &StudioService::Update));
}

}  // namespace

void RegisterProgrammeRoutes(RouteCatalog& server, const Services& services) {
  RegisterAgreements(server, services);
  RegisterEvents(server, services);
  RegisterMentorships(server, services);
  RegisterStudios(server, services);
}

}  // namespace craftlink::http
