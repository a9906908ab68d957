#pragma once

#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/status.h"

namespace craftlink::http {

// HTTP status for a Status code: 400 invalid, 401, 403, 404, 409, 503, 500.
int HttpStatusFor(ErrorCode code);

void SendJson(httplib::Response& res, int status, const nlohmann::json& body);

// {"error": {"code": ..., "message": ..., "field": ...}} — internal errors
// are logged and answered with a generic message, never their text.
void SendError(httplib::Response& res, const Status& status);
void SendError(httplib::Response& res, int http_status, std::string code, std::string message,
               std::string field = {});
// The JSON of `result` with `ok_status`, or its error.
void SendResult(httplib::Response& res, const Result<nlohmann::json>& result, int ok_status = 200);

}  // namespace craftlink::http
