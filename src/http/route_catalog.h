#pragma once

#include <httplib.h>

#include <string>
#include <utility>
#include <vector>

namespace craftlink::http {

// One registered handler: the HTTP method and httplib's regex pattern
// (path parameters are `([^/]+)` groups).
struct RouteInfo {
  std::string method;
  std::string pattern;
};

// Registers handlers on an httplib::Server and remembers each one. httplib
// keeps its handler tables private, and the OpenAPI test needs the list the
// server really has (not a hand-kept copy) to prove the document complete.
// Route files call Get/Post/Put/Delete exactly as on httplib::Server.
class RouteCatalog {
 public:
  explicit RouteCatalog(httplib::Server& server) : server_(server) {}

  RouteCatalog& Get(const std::string& pattern, httplib::Server::Handler handler) {
    server_.Get(Record("GET", pattern), std::move(handler));
    return *this;
  }
  RouteCatalog& Post(const std::string& pattern, httplib::Server::Handler handler) {
    server_.Post(Record("POST", pattern), std::move(handler));
    return *this;
  }
  RouteCatalog& Put(const std::string& pattern, httplib::Server::Handler handler) {
    server_.Put(Record("PUT", pattern), std::move(handler));
    return *this;
  }
  RouteCatalog& Delete(const std::string& pattern, httplib::Server::Handler handler) {
    server_.Delete(Record("DELETE", pattern), std::move(handler));
    return *this;
  }

  const std::vector<RouteInfo>& routes() const { return routes_; }

 private:
  const std::string& Record(const char* method, const std::string& pattern) {
    routes_.push_back({method, pattern});
    return pattern;
  }

  httplib::Server& server_;
  std::vector<RouteInfo> routes_;
};

}  // namespace craftlink::http
