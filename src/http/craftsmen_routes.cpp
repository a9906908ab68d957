#include "http/craftsmen_routes.h"

#include "domain/codec.h"
#include "http/json_response.h"
#include "reference/mobile.h"

namespace craftlink::http {
namespace {

constexpr size_t kDefaultPageSize = 20;
constexpr size_t kMaxPageSize = 100;

nlohmann::json PublicView(const domain::Craftsman& c) {
  nlohmann::json j = domain::ToJson(c);
  if (!c.phone.empty()) j["phone"] = reference::MaskPhone(c.phone);
  j["org_id"] = c.meta.org_id;
  return j;
}

Result<size_t> PageSize(const httplib::Request& req) {
  if (!req.has_param("limit")) return kDefaultPageSize;
  const std::string text = req.get_param_value("limit");
  size_t used = 0;
  long long n = -1;
  try {
    n = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || n < 1 || n > static_cast<long long>(kMaxPageSize)) {
    return Status::Invalid("limit 应为 1 到 " + std::to_string(kMaxPageSize) + " 之间的整数", "limit");
  }
  return static_cast<size_t>(n);
}

void ListCraftsmen(storage::Store& store, const httplib::Request& req, httplib::Response& res) {
  auto limit = PageSize(req);
  if (!limit.ok()) return SendError(res, limit.status());
  storage::ScanOptions scan{.text = req.get_param_value("q"), .after_id = req.get_param_value("after"),
                            .limit = *limit + 1};
  nlohmann::json items = nlohmann::json::array();
  std::string last_id;
  bool more = false;
  Status s = store.ScanCraftsmen(scan, [&](domain::Craftsman&& c) {
    if (items.size() == *limit) {
      more = true;
      return false;
    }
    last_id = c.id;
    items.push_back(PublicView(c));
    return true;
  });
  if (!s.ok()) return SendError(res, s);
  nlohmann::json body = {{"items", items}};
  body["next_after"] = more ? nlohmann::json(last_id) : nlohmann::json(nullptr);
  SendJson(res, 200, body);
}

void GetCraftsman(storage::Store& store, const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  auto c = store.GetCraftsman(id);
  if (!c.ok()) return SendError(res, c.status());
  if (!c->has_value() || (*c)->meta.archived) {
    return SendError(res, Status::NotFound("没有编号为「" + id + "」的工匠"));
  }
  SendJson(res, 200, PublicView(**c));
}

}  // namespace

void RegisterCraftsmenRoutes(httplib::Server& server, storage::Store& store) {
  server.Get("/api/v1/craftsmen",
             [&store](const httplib::Request& req, httplib::Response& res) { ListCraftsmen(store, req, res); });
  server.Get(R"(/api/v1/craftsmen/([^/]+))",
             [&store](const httplib::Request& req, httplib::Response& res) { GetCraftsman(store, req, res); });
}

}  // namespace craftlink::http
