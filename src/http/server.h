// http: CraftLink's HTTP edge — routing, JSON mapping, error shapes and
// security headers over cpp-httplib. Handlers parse a request, call a plain
// function below them and map its Status to a status code; no SQL here.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "http/routes.h"
#include "storage/store.h"

namespace httplib {
class Server;
}

namespace craftlink::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                       // 0 = any free port
  size_t max_body_bytes = 1 << 20;       // larger bodies get 413
};

// Owns the listening socket; the services must outlive the server.
class ApiServer {
 public:
  ApiServer(const Services& services, ServerOptions options);
  ~ApiServer();

  // Binds the socket; afterwards port() is the real port.
  Status Bind();
  // Serves until Stop() is called from another thread. In-flight requests
  // finish before it returns.
  Status Serve();
  void Stop();
  int port() const { return port_; }

 private:
  void RegisterRoutes();

  Services services_;
  ServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
};

}  // namespace craftlink::http
