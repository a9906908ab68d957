// http: CraftLink's HTTP edge — routing, JSON mapping, error shapes and
// security headers over cpp-httplib. Handlers parse a request, call a plain
// function below them and map its Status to a status code; no SQL here.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/client_address.h"
#include "http/routes.h"
#include "storage/store.h"

namespace craftlink::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                       // 0 = any free port
  size_t max_body_bytes = 1 << 20;       // larger bodies get 413
  // Connections served at once: each open connection, idle keep-alive
  // included, holds one thread (see server.cpp). More wait in a queue.
  size_t threads = 64;
  // The built web UI (web/dist). Empty or not a directory: API only.
  std::string web_root;
  // Peers whose X-Forwarded-For names the client (audit lines, the sign-in
  // rate limit, the request log). Empty: the TCP peer is the client.
  TrustedProxies trusted_proxies;
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
  // Safe from any thread, also before Serve() has started listening (a
  // SIGTERM during start-up): Serve() then returns at once.
  void Stop();
  int port() const { return port_; }
  // Every method + pattern registered, in registration order.
  const std::vector<RouteInfo>& RegisteredRoutes() const { return routes_.routes(); }

 private:
  void RegisterRoutes();
  // Serves the web UI's files from options_.web_root, and index.html for
  // any other GET outside /api/ so that the UI's own routes survive a reload.
  void MountWebRoot();

  Services services_;
  ServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  RouteCatalog routes_{*server_};
  int port_ = 0;
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> serving_{false};
};

}  // namespace craftlink::http
