// Keeps src/http/openapi.json and the server honest with each other:
// every operation the document describes exists and answers with a status
// the document lists, and every route the server registers is described.
// The document's own schema validity is checked by scripts/validate-openapi.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "api_fixture.h"
#include "programme_examples.h"

namespace craftlink::testing {
namespace {

// "/api/v1/craftsmen/{id}" and "/api/v1/craftsmen/([^/]+)" both become
// "/api/v1/craftsmen/{}" so the two spellings of a path compare equal.
std::string Canonical(const std::string& method, const std::string& path) {
  static const std::regex kOpenApiParam(R"(\{[^}/]+\})");
  std::string p = std::regex_replace(path, kOpenApiParam, "{}");
  size_t pos = 0;
  while ((pos = p.find("([^/]+)", pos)) != std::string::npos) p.replace(pos, 7, "{}");
  std::string m = method;
  for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return m + " " + p;
}

bool IsOperation(const std::string& key) {
  return key == "get" || key == "put" || key == "post" || key == "delete" || key == "patch" || key == "head" ||
         key == "options" || key == "trace";
}

// An existing seeded record for each kind, so item routes hit real rows.
std::string Concrete(const std::string& path) {
  if (auto it = ProgrammeExamplePaths().find(path); it != ProgrammeExamplePaths().end()) return it->second;
  static const std::map<std::string, std::string> kIds = {
      {"craftsmen", "C1"}, {"enterprises", "E1"}, {"needs", "N1"}, {"results", "R1"},
      {"engagements", "G-N2-1"}};  // created by dispatchEngagement, which the document lists first
  std::string out = path;
  for (const auto& [kind, id] : kIds) {
    const std::string templ = "/" + kind + "/{id}";
    if (const auto at = out.find(templ); at != std::string::npos) out.replace(at, templ.size(), "/" + kind + "/" + id);
  }
  if (const auto at = out.find("{seq}"); at != std::string::npos) out.replace(at, 5, "1");
  return out;
}

// The server's answer to a path it has no handler for (server.cpp's error
// handler), as opposed to a 404 for a record that does not exist.
bool IsUnknownRoute(const Reply& r) {
  return r.status == 404 && r.body.is_object() && r.body.contains("error") &&
         r.body["error"].value("code", "") == "not_found" &&
         r.body["error"].value("message", "").rfind("没有这个地址", 0) == 0;
}

// "404" matches 404; "4XX" matches any 4xx.
bool Listed(const nlohmann::json& responses, int status) {
  const std::string exact = std::to_string(status);
  const std::string range = exact.substr(0, 1) + "XX";
  return responses.contains(exact) || responses.contains(range) || responses.contains("default");
}

class OpenApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    api_ = std::make_unique<ApiFixture>(GetParam());
    SeedProgrammeExamples(api_->store());
    const Reply r = api_->Get("", "/api/v1/openapi.json");
    ASSERT_EQ(r.status, 200) << r.raw.substr(0, 200);
    raw_ = r.raw;
    doc_ = nlohmann::json::parse(r.raw, nullptr, false);
    ASSERT_TRUE(doc_.is_object() && doc_.contains("paths")) << "served document is not OpenAPI JSON";
  }

  // The schema behind a {"$ref": "#/components/..."} (one level).
  nlohmann::json Resolve(const nlohmann::json& node) const {
    if (!node.is_object() || !node.contains("$ref")) return node;
    const std::string ref = node["$ref"];
    return doc_.at(nlohmann::json::json_pointer(ref.substr(1)));
  }

  std::unique_ptr<ApiFixture> api_;
  std::string raw_;
  nlohmann::json doc_;
};

TEST_P(OpenApiTest, ServedDocumentIsTheCheckedInFile) {
  std::ifstream in(std::string(CRAFTLINK_TEST_SOURCE_DIR) + "/src/http/openapi.json", std::ios::binary);
  ASSERT_TRUE(in) << "cannot read src/http/openapi.json";
  std::stringstream file;
  file << in.rdbuf();
  // Not EXPECT_EQ: on a mismatch it would print both documents in full.
  EXPECT_TRUE(raw_ == file.str()) << "the binary embeds a stale copy (" << raw_.size() << " bytes, file "
                                  << file.str().size() << "): rebuild; cmake reconfigures when the file changes";
  EXPECT_EQ(doc_["openapi"].get<std::string>().substr(0, 4), "3.0.");
}

TEST_P(OpenApiTest, EveryDocumentedOperationExistsAndAnswersADocumentedStatus) {
  struct Op {
    std::string method, path, id;
    nlohmann::json spec;
  };
  std::vector<Op> ops;
  for (const auto& [path, item] : doc_["paths"].items()) {
    for (const auto& [method, spec] : item.items()) {
      if (IsOperation(method)) ops.push_back({method, path, spec.value("operationId", ""), spec});
    }
  }
  // Signing out ends the admin session the other calls use: do it last.
  // Destructive operations (anonymising C1) run after the rest, then signing out.
  std::stable_partition(ops.begin(), ops.end(), [](const Op& op) { return !op.spec.value("x-destructive", false); });
  std::stable_partition(ops.begin(), ops.end(), [](const Op& op) { return op.id != "logout"; });
  ASSERT_GT(ops.size(), 30u);

  for (const Op& op : ops) {
    const std::string url = Concrete(op.path);
    std::string body;
    const bool has_example = op.spec.contains("requestBody") &&
                             Resolve(op.spec["requestBody"])["content"]["application/json"].contains("example");
    if (op.method == "put" && !has_example) {
      // A whole-record update: send back what was read, with its version.
      const Reply current = api_->Get("admin", url);
      ASSERT_EQ(current.status, 200) << url;
      body = current.raw;
    } else if (op.spec.contains("requestBody")) {
      const nlohmann::json media = Resolve(op.spec["requestBody"])["content"]["application/json"];
      body = media.contains("example") ? media["example"].dump() : "{}";
    }
    std::string method = op.method;
    for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const Reply r = api_->Call("admin", method, url, body);
    const std::string what =
        method + " " + url + " (" + op.id + ") → " + std::to_string(r.status) + " " + r.raw.substr(0, 200);
    ASSERT_NE(r.status, 0) << what;
    EXPECT_FALSE(IsUnknownRoute(r)) << "documented but not served: " << what;
    EXPECT_TRUE(Listed(op.spec["responses"], r.status)) << "status not in the document: " << what;
    // With the document's own example and seeded ids, an admin succeeds;
    // the password change is sent without a current password on purpose.
    if (op.id == "changePassword") {
      EXPECT_EQ(r.status, 400) << what;
      continue;
    }
    // A documented 503 is a dependency the fixture does not build (the match
    // index): the route exists and says so in the documented shape.
    if (r.status == 503 && r.body["error"].value("code", "") == "unavailable") continue;
    // A life-cycle step succeeds only in the right state and for the right
    // party (engagement_api_test drives each to success); here the route
    // must exist and refuse in the documented way.
    if (op.spec.value("x-stateful", false) && (r.status == 403 || r.status == 404 || r.status == 409)) continue;
    EXPECT_LT(r.status, 300) << what;
    // The success body carries the fields its schema requires.
    const auto response = Resolve(op.spec["responses"][std::to_string(r.status)]);
    if (!response.contains("content") || op.id == "openApiDocument" ||
        !response["content"].contains("application/json")) {
      continue;
    }
    const auto schema = Resolve(response["content"]["application/json"]["schema"]);
    ASSERT_TRUE(r.body.is_object()) << what;
    for (const auto& field : schema.value("required", nlohmann::json::array())) {
      EXPECT_TRUE(r.body.contains(field.get<std::string>())) << what << " lacks " << field;
    }
  }
}

TEST_P(OpenApiTest, ErrorsHaveTheDocumentedShape) {
  const auto error = doc_["components"]["schemas"]["Error"];
  EXPECT_EQ(error["required"], nlohmann::json::array({"error"}));
  for (const auto& [who, url] : std::vector<std::pair<std::string, std::string>>{
           {"", "/api/v1/craftsmen"}, {"admin", "/api/v1/craftsmen?limit=0"}, {"admin", "/api/v1/needs/N404"}}) {
    const Reply r = api_->Get(who, url);
    ASSERT_TRUE(r.body.contains("error")) << url;
    const auto& e = r.body["error"];
    EXPECT_TRUE(e["code"].is_string() && e["message"].is_string()) << r.raw;
    for (const auto& [key, value] : e.items()) {
      EXPECT_TRUE(error["properties"]["error"]["properties"].contains(key)) << "undocumented error field " << key;
    }
  }
}

TEST_P(OpenApiTest, EveryRegisteredRouteIsDocumentedAndViceVersa) {
  // A second server over the fixture's database, never bound: only its
  // route table is read. It is the real registration code, not a copy.
  auto validator = interchange::RecordValidator::LoadDefault();
  auto policy = accounts::PasswordPolicy::LoadDefault();
  ASSERT_TRUE(validator.ok() && policy.ok());
  accounts::PasswordHasher hasher(accounts::HashCost{2, 1u << 20}, 8);
  services::SessionService sessions(api_->store(), hasher, *policy);
  services::RecordService records(api_->store(), *validator);
  const http::ApiServer server(http::Services{api_->store(), sessions, records}, http::ServerOptions{});

  std::set<std::string> registered;
  for (const auto& route : server.RegisteredRoutes()) {
    EXPECT_TRUE(registered.insert(Canonical(route.method, route.pattern)).second)
        << "registered twice: " << route.method << " " << route.pattern;
  }
  std::set<std::string> documented;
  for (const auto& [path, item] : doc_["paths"].items()) {
    for (const auto& [method, spec] : item.items()) {
      if (IsOperation(method)) documented.insert(Canonical(method, path));
    }
  }
  ASSERT_GT(registered.size(), 30u);
  for (const auto& r : registered) EXPECT_TRUE(documented.count(r)) << "served but not documented: " << r;
  for (const auto& d : documented) EXPECT_TRUE(registered.count(d)) << "documented but not registered: " << d;
}

INSTANTIATE_TEST_SUITE_P(Backends, OpenApiTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
