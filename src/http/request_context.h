#pragma once

#include <optional>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "services/session_service.h"

namespace craftlink::http {

inline constexpr char kSessionCookie[] = "craftlink_session";
inline constexpr char kCsrfHeader[] = "X-CraftLink-CSRF";
inline constexpr int kMaxJsonDepth = 32;

// Who is calling and how: the token came from the cookie (a browser, which
// needs the CSRF header on writes) or from an Authorization: Bearer header.
struct Caller {
  access::Principal principal;
  std::string token;
  bool via_cookie = false;
};

// The session token of a request, from Bearer or the cookie.
std::optional<std::pair<std::string, bool>> SessionToken(const httplib::Request& req);

// Resolves the caller, or answers 401 and returns nullopt. For requests
// that change state through a cookie session, also requires the CSRF header.
std::optional<Caller> RequireCaller(services::SessionService& sessions, const httplib::Request& req,
                                    httplib::Response& res);

services::RequestOrigin OriginOf(const httplib::Request& req);

// Parses a JSON object body with a nesting limit; answers 400 on failure.
std::optional<nlohmann::json> ParseJsonBody(const httplib::Request& req, httplib::Response& res);

// The string at `key`, or "" when absent or not a string.
std::string TextField(const nlohmann::json& object, const char* key);

// Reads ?limit= within [1, max]; answers 400 on a bad value.
std::optional<size_t> PageLimit(const httplib::Request& req, httplib::Response& res, size_t fallback, size_t max);

}  // namespace craftlink::http
