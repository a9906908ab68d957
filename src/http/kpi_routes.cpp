#include "http/json_response.h"
#include "http/request_context.h"
#include "http/routes.h"
#include "reports/report.h"

namespace craftlink::http {
namespace {

bool Available(const Services& s, httplib::Response& res) {
  if (s.kpis != nullptr) return true;
  SendError(res, 503, "unavailable", "指标模块尚未就绪，请稍后再试");
  return false;
}

std::optional<services::KpiQuery> ReadQuery(const httplib::Request& req, httplib::Response& res) {
  services::KpiQuery q{.org_id = req.get_param_value("org_id")};
  if (req.has_param("year")) {
    const std::string y = req.get_param_value("year");
    if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos) {
      SendError(res, 400, "invalid_argument", "year 应为四位年份，如 2026", "year");
      return std::nullopt;
    }
    q.year = std::stoi(y);
  }
  const std::string level = req.get_param_value("region_level");
  if (level == "province") {
    q.region_level = tracking::RegionLevel::kProvince;
  } else if (level == "district") {
    q.region_level = tracking::RegionLevel::kDistrict;
  } else if (!level.empty() && level != "city") {
    SendError(res, 400, "invalid_argument", "region_level 应为 province、city 或 district", "region_level");
    return std::nullopt;
  }
  return q;
}

// Names of the workbook's sheets that a CSV export may pick, in order.
constexpr const char* kCsvSheets[] = {"progress", "month", "region", "industry", "kind", "organisation"};

void SendDownload(httplib::Response& res, const std::string& bytes, const std::string& content_type,
                  const std::string& ascii_name, const std::string& utf8_name) {
  res.status = 200;
  // RFC 6266: an ASCII fallback plus the Chinese name percent-encoded, which
  // Excel's and WPS's browsers both honour.
  res.set_header("Content-Disposition", "attachment; filename=\"" + ascii_name + "\"; filename*=UTF-8''" +
                                            httplib::detail::encode_query_param(utf8_name));
  res.set_header("Cache-Control", "no-store");
  res.set_content(bytes, content_type);
}

}  // namespace

void RegisterKpiRoutes(RouteCatalog& server, const Services& s) {
  server.Get("/api/v1/kpi", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    auto query = ReadQuery(req, res);
    if (!query) return;
    SendResult(res, s.kpis->Report(caller->principal, *query));
  });

  server.Get("/api/v1/kpi/export", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    auto query = ReadQuery(req, res);
    if (!query) return;
    const std::string format = req.has_param("format") ? req.get_param_value("format") : "xlsx";
    if (format != "xlsx" && format != "csv") {
      return SendError(res, 400, "invalid_argument", "format 应为 xlsx 或 csv", "format");
    }
    size_t sheet = 0;
    if (req.has_param("sheet")) {
      const std::string name = req.get_param_value("sheet");
      sheet = std::size(kCsvSheets);
      for (size_t i = 0; i < std::size(kCsvSheets); ++i) {
        if (name == kCsvSheets[i]) sheet = i;
      }
      if (sheet == std::size(kCsvSheets)) {
        return SendError(res, 400, "invalid_argument",
                         "sheet 应为 progress、month、region、industry、kind 或 organisation", "sheet");
      }
    }
    auto book = s.kpis->Export(caller->principal, *query);
    if (!book.ok()) return SendError(res, book.status());
    const std::string stem = "kpi-" + std::to_string(query->year);
    if (format == "csv") {
      const auto& chosen = book->sheets[sheet];
      return SendDownload(res, reports::SheetCsv(chosen), "text/csv; charset=utf-8",
                          stem + "-" + kCsvSheets[sheet] + ".csv", "年度指标-" + chosen.name + ".csv");
    }
    auto bytes = reports::XlsxBytes(*book);
    if (!bytes.ok()) return SendError(res, bytes.status());
    SendDownload(res, *bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stem + ".xlsx",
                 "年度指标.xlsx");
  });

  server.Put("/api/v1/targets", [&s](const httplib::Request& req, httplib::Response& res) {
    auto caller = RequireCaller(s.sessions, req, res);
    if (!caller || !Available(s, res)) return;
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    const auto year = body->find("year");
    if (year == body->end() || !year->is_number_integer()) {
      return SendError(res, 400, "invalid_argument", "请填写年份", "year");
    }
    Status status = s.kpis->SetTargets(caller->principal, TextField(*body, "org_id"), year->get<int>(),
                                       body->value("targets", nlohmann::json()), OriginOf(req));
    if (!status.ok()) return SendError(res, status);
    auto query = services::KpiQuery{.org_id = TextField(*body, "org_id"), .year = year->get<int>()};
    SendResult(res, s.kpis->Report(caller->principal, query));
  });
}

}  // namespace craftlink::http
