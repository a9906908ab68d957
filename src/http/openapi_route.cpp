#include "http/routes.h"

namespace craftlink::http {

// src/http/openapi.json, pasted in by src/http/CMakeLists.txt at configure
// time (rerun whenever the file changes), so the binary needs no data files
// to describe itself and can never serve a document from another version.
extern const char kOpenApiDocument[];

void RegisterOpenApiRoute(RouteCatalog& server) {
  // Public, like /healthz: the document holds no data, only the contract.
  server.Get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(kOpenApiDocument, "application/json; charset=utf-8");
  });
}

}  // namespace craftlink::http
