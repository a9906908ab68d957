// POST /api/v1/imports/{kind} and GET /api/v1/imports/columns: the web
// import. The browser reads the file; these handlers only map JSON to an
// ImportRequest and the report or Status back (services/import_service.h).
#include <memory>

#include "http/json_response.h"
#include "http/request_context.h"
#include "http/routes.h"
#include "services/import_service.h"

namespace craftlink::http {
namespace {

using domain::RecordKind;

// Reads the request body's optional parts; answers 400 and returns false on a wrong type.
bool ReadOptions(const nlohmann::json& body, services::ImportRequest& request, httplib::Response& res) {
  if (auto it = body.find("dry_run"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) {
      SendError(res, 400, "invalid_argument", "dry_run 应为 true 或 false", "dry_run");
      return false;
    }
    request.dry_run = it->get<bool>();
  }
  if (auto it = body.find("org_id"); it != body.end() && !it->is_null()) {
    if (!it->is_string()) {
      SendError(res, 400, "invalid_argument", "org_id 应为字符串", "org_id");
      return false;
    }
    request.org_id = it->get<std::string>();
  }
  if (auto it = body.find("row_numbers"); it != body.end() && !it->is_null()) {
    bool ok = it->is_array();
    for (size_t i = 0; ok && i < it->size(); ++i) {
      const nlohmann::json& n = (*it)[i];
      ok = n.is_number_unsigned() && n.get<size_t>() > 0;
      if (ok) request.row_numbers.push_back(n.get<size_t>());
    }
    if (!ok) {
      SendError(res, 400, "invalid_argument", "row_numbers 应为正整数数组", "row_numbers");
      return false;
    }
  }
  return true;
}

void RegisterKind(RouteCatalog& server, const Services& s, std::shared_ptr<services::ImportService> imports,
                  RecordKind kind) {
  const std::string path = "/api/v1/imports/" + std::string(domain::RecordKindPlural(kind));
  server.Post(path, [&s, imports, kind](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller) return;
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    services::ImportRequest request{.kind = kind};
    auto rows = body->find("rows");
    if (rows == body->end() || !rows->is_array()) {
      return SendError(res, 400, "invalid_argument", "请求体须含 rows 数组 (rows must be an array)", "rows");
    }
    if (rows->size() > services::kMaxImportRows) {
      return SendError(res, 413, "too_large",
                       "一次最多导入 " + std::to_string(services::kMaxImportRows) + " 行，本次有 " +
                           std::to_string(rows->size()) + " 行；请把文件拆分后分批导入",
                       "rows");
    }
    if (!ReadOptions(*body, request, res)) return;
    request.rows = std::move(*rows);
    auto report = imports->Import(caller->principal, request, OriginOf(req));
    if (!report.ok()) return SendError(res, report.status());
    nlohmann::json out = report->ToJson();
    if (!request.dry_run && !report->errors.empty()) {
      // The error shape every client knows, with the report beside it.
      out["error"] = {{"code", "invalid_argument"},
                      {"message", "有 " + std::to_string(report->invalid()) +
                                      " 行未通过校验，未导入任何数据；请按提示修改文件后重新上传"}};
      return SendJson(res, 400, out);
    }
    SendJson(res, 200, out);
  });
}

}  // namespace

void RegisterImportRoutes(RouteCatalog& server, const Services& services) {
  // One service for the server's lifetime, shared by the handlers; it
  // checks with the same validator as the record routes.
  auto imports = std::make_shared<services::ImportService>(services.store, services.records.validator());
  server.Get("/api/v1/imports/columns", [&services](const httplib::Request& req, httplib::Response& res) {
    if (!RequireCaller(services.sessions, req, res)) return;
    SendJson(res, 200, services::ImportService::Columns());
  });
  for (RecordKind kind : domain::kAllRecordKinds) RegisterKind(server, services, imports, kind);
}

}  // namespace craftlink::http
