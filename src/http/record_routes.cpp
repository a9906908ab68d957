#include "http/json_response.h"
#include "http/request_context.h"
#include "http/routes.h"

namespace craftlink::http {
namespace {

using domain::RecordKind;

constexpr size_t kDefaultPage = 20;
constexpr size_t kMaxPage = 100;


// A list filter: the query parameter, the table column, and how it matches.
struct Filter {
  const char* param;
  const char* column;
  enum Match { kEquals, kPrefix, kBoolean } match;
  std::vector<std::string> allowed = {};  // for kEquals: the codes accepted (empty = any)
};

const std::vector<Filter>& FiltersOf(RecordKind kind) {
  static const std::vector<Filter> kNeeds{
      {"status", "status", Filter::kEquals, {"open", "in_progress", "closed"}},
      {"kind", "kind", Filter::kEquals,
       {"technical_service", "joint_research", "management", "training", "safety", "lecture"}},
      {"region", "region", Filter::kPrefix},
      {"industry", "industry", Filter::kPrefix},
      {"enterprise_id", "enterprise_id", Filter::kEquals},
      {"onsite", "onsite", Filter::kBoolean}};
  static const std::vector<Filter> kCraftsmen{{"region", "region", Filter::kPrefix},
                                              {"available", "available", Filter::kBoolean}};
  static const std::vector<Filter> kEnterprises{{"region", "region", Filter::kPrefix},
                                                {"industry", "industry", Filter::kPrefix}};
  static const std::vector<Filter> kNone;
  switch (kind) {
    case RecordKind::kNeed: return kNeeds;
    case RecordKind::kCraftsman: return kCraftsmen;
    case RecordKind::kEnterprise: return kEnterprises;
    case RecordKind::kResult: return kNone;
  }
  return kNone;
}

// Reads the kind's filters from the query string; answers 400 on a bad value.
bool ReadFilters(const httplib::Request& req, httplib::Response& res, RecordKind kind, services::ListQuery& query) {
  for (const Filter& f : FiltersOf(kind)) {
    if (!req.has_param(f.param)) continue;
    const std::string value = req.get_param_value(f.param);
    if (value.empty() || value.size() > 64) {
      SendError(res, 400, "invalid_argument", std::string(f.param) + " 不能为空，且不超过 64 个字符", f.param);
      return false;
    }
    if (f.match == Filter::kBoolean) {
      if (value != "true" && value != "false") {
        SendError(res, 400, "invalid_argument", std::string(f.param) + " 应为 true 或 false", f.param);
        return false;
      }
      query.equals.emplace_back(f.column, value == "true" ? "1" : "0");
    } else if (f.match == Filter::kPrefix) {
      query.prefixes.emplace_back(f.column, value);
    } else {
      if (!f.allowed.empty() && std::find(f.allowed.begin(), f.allowed.end(), value) == f.allowed.end()) {
        std::string list;
        for (const auto& a : f.allowed) list += (list.empty() ? "" : "、") + a;
        SendError(res, 400, "invalid_argument", std::string(f.param) + " 应为 " + list + " 之一", f.param);
        return false;
      }
      query.equals.emplace_back(f.column, value);
    }
  }
  return true;
}

// The fields each list may be sorted by (`sort=name`, `sort=-name` for
// descending): queried text columns of the kind's table whose order means
// something to a reader. The parameter is the column's name.
const std::vector<std::string>& SortFieldsOf(RecordKind kind) {
  static const std::vector<std::string> kCraftsmen{"name", "region"};
  static const std::vector<std::string> kEnterprises{"name", "region", "industry"};
  static const std::vector<std::string> kNeeds{"posted", "region", "industry", "kind", "status"};
  static const std::vector<std::string> kResults{"title", "maturity"};
  switch (kind) {
    case RecordKind::kCraftsman: return kCraftsmen;
    case RecordKind::kEnterprise: return kEnterprises;
    case RecordKind::kNeed: return kNeeds;
    case RecordKind::kResult: return kResults;
  }
  return kResults;
}

// Reads ?sort=; answers 400 naming the values this list accepts.
bool ReadSort(const httplib::Request& req, httplib::Response& res, RecordKind kind, services::ListQuery& query) {
  if (!req.has_param("sort")) return true;
  std::string field = req.get_param_value("sort");
  const bool descending = !field.empty() && field.front() == '-';
  if (descending) field.erase(0, 1);
  const auto& allowed = SortFieldsOf(kind);
  if (std::find(allowed.begin(), allowed.end(), field) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : "、") + a;
    SendError(res, 400, "invalid_argument", "sort 应为 " + list + " 之一；前加 - 表示倒序（如 -" + allowed.front() + "）",
              "sort");
    return false;
  }
  query.sort_column = field;
  query.descending = descending;
  return true;
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
    if (!ReadFilters(req, res, kind, query) || !ReadSort(req, res, kind, query)) return;
    SendResult(res, s.records.List(caller->principal, kind, query, OriginOf(req)));
  });

  server.Get(item, [&s, kind](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    SendResult(res, s.records.Get(caller->principal, kind, req.matches[1].str(), OriginOf(req)));
  });

  server.Post(base, [&s, kind](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    SendResult(res, s.records.Create(caller->principal, kind, *body, OriginOf(req)), 201);
  });

  server.Put(item, [&s, kind](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    SendResult(res, s.records.Update(caller->principal, kind, req.matches[1].str(), *body, OriginOf(req)));
  });

  for (const bool archive : {true, false}) {
    server.Post(item + (archive ? "/archive" : "/restore"),
                [&s, kind, archive](const httplib::Request& req, httplib::Response& res) {
                  auto caller = RequireCaller(s.sessions, req, res);
                  if (!caller) return;
                  SendResult(res, s.records.SetArchived(caller->principal, kind, req.matches[1].str(), archive,
                                                   OriginOf(req)));
                });
  }
}

}  // namespace

void RegisterRecordRoutes(RouteCatalog& server, const Services& services) {
  for (RecordKind kind : domain::kAllRecordKinds) RegisterKind(server, services, kind);
}

}  // namespace craftlink::http
