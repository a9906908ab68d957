#include "http/json_response.h"

#include <spdlog/spdlog.h>

namespace craftlink::http {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return 200;
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    default: return 500;
  }
}

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int http_status, std::string code, std::string message, std::string field) {
  nlohmann::json error = {{"code", std::move(code)}, {"message", std::move(message)}};
  if (!field.empty()) error["field"] = std::move(field);
  SendJson(res, http_status, {{"error", error}});
}

void SendError(httplib::Response& res, const Status& status) {
  const int http_status = HttpStatusFor(status.code());
  if (http_status >= 500) {
    spdlog::error("request failed: {}", status.ToString());
    SendError(res, http_status, ErrorCodeName(status.code()), "服务器内部错误，请稍后重试；问题持续请联系管理员");
    return;
  }
  SendError(res, http_status, ErrorCodeName(status.code()), status.message(), status.field());
}

void SendResult(httplib::Response& res, const Result<nlohmann::json>& result, int ok_status) {
  if (!result.ok()) return SendError(res, result.status());
  SendJson(res, ok_status, *result);
}

}  // namespace craftlink::http
