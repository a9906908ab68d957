// Every endpoint against bad input: malformed and deeply nested JSON, wrong
// types, huge bodies, invalid UTF-8, injection strings, unknown fields,
// negative and huge page sizes. Each gets the right 4xx with a message, the
// server stays up and the data stays as it was.
#include <gtest/gtest.h>

#include "api_fixture.h"

namespace craftlink::testing {
namespace {

class BadInputTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam()); }

  int64_t Records() {
    auto c = api_->store().Count();
    return c->craftsmen + c->enterprises + c->needs + c->results;
  }

  std::unique_ptr<ApiFixture> api_;
};

TEST_P(BadInputTest, MalformedBodiesGet400WithAMessage) {
  const int64_t before = Records();
  const std::string deep = std::string(5000, '[') + std::string(5000, ']');
  const std::string nested_object = R"({"id":"C7","name":"x","skills":)" + std::string(40, '[') + std::string(40, ']') + "}";
  // Bad for every kind: not JSON objects, too deep, broken text, bad ids.
  const std::vector<std::string> any_kind = {
      "", "{", "not json", "[1,2,3]", "null", "\"text\"", deep, nested_object,
      std::string("{\"id\":\"C7\",\"name\":\"\xff\xfe\",\"title\":\"\xff\"}"),
      R"({"id":7.5,"name":"x","title":"x"})", R"({"id":"","name":"x","title":"x"})", R"({"name":"x","title":"x"})",
  };
  // Bad for craftsmen: wrong types and values of their own fields.
  const std::vector<std::string> craftsman_only = {
      R"({"id":"C7","name":["x"]})", R"({"id":"C7","name":"x","capacity_per_month":"many"})",
      R"({"id":"C7","name":"x","capacity_per_month":-3})", R"({"id":"C7","name":"x","region":"999999"})",
      R"({"id":"C7","name":"x","service_kinds":["飞行"]})", R"({"id":"C7","name":"x","phone":"12"})",
  };
  std::vector<std::pair<std::string, std::string>> cases;
  for (const auto* path : {"/api/v1/craftsmen", "/api/v1/enterprises", "/api/v1/needs", "/api/v1/results"}) {
    for (const auto& body : any_kind) cases.emplace_back(path, body);
  }
  for (const auto& body : craftsman_only) cases.emplace_back("/api/v1/craftsmen", body);
  cases.emplace_back("/api/v1/needs", R"({"id":"N7","enterprise_id":"E404","title":"x"})");
  cases.emplace_back("/api/v1/needs", R"({"id":"N7","enterprise_id":"E1","title":"x","kind":"维修"})");
  cases.emplace_back("/api/v1/enterprises", R"({"id":"E7","name":"x","uscc":"91510603MA6QBWWE7D"})");
  {
    for (const auto& [path, body] : cases) {
      const Reply r = api_->Call("admin", "POST", path, body);
      EXPECT_EQ(r.status, 400) << path << " " << body.substr(0, 80) << " → " << r.raw.substr(0, 200);
      EXPECT_TRUE(r.body.is_object() && r.body.contains("error") && r.body["error"]["message"].is_string())
          << r.raw.substr(0, 200);
    }
  }
  const Reply wrong_type = api_->Call("admin", "POST", "/api/v1/craftsmen", R"({"id":"C7","name":"x","skills":"焊接"})");
  EXPECT_EQ(wrong_type.body["error"]["field"], "skills");
  for (const std::string& body : {std::string(""), std::string("{"), std::string(R"({"username":1,"password":[]})")}) {
    EXPECT_EQ(api_->Call("", "POST", "/api/v1/auth/login", body).status, 400);
  }
  EXPECT_EQ(Records(), before);
}

TEST_P(BadInputTest, HugeBodiesGet413) {
  const std::string big = R"({"id":"C7","name":")" + std::string(10 << 20, 'x') + "\"}";
  const Reply r = api_->Call("admin", "POST", "/api/v1/craftsmen", big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(api_->Get("", "/healthz").status, 200);
}

TEST_P(BadInputTest, InjectionStringsAreJustData) {
  const int64_t before = Records();
  for (const std::string id : {"C1' OR '1'='1", "C1; DROP TABLE craftsmen;--", "../../etc/passwd", "%27%20OR%201=1"}) {
    const Reply r = api_->Get("admin", "/api/v1/craftsmen/" + id);
    EXPECT_EQ(r.status, 404) << id;
  }
  const Reply q = api_->Get("admin", "/api/v1/craftsmen?q=%27%20OR%201%3D1%20--");
  EXPECT_EQ(q.status, 200);
  EXPECT_TRUE(q.body["items"].empty());
  const Reply script = api_->Call("admin", "POST", "/api/v1/craftsmen",
                                  R"({"id":"C7","name":"<script>alert(1)</script>","org_id":"cd"})");
  ASSERT_EQ(script.status, 201);
  EXPECT_EQ(script.body["name"], "<script>alert(1)</script>");  // stored verbatim, served as JSON
  EXPECT_EQ(script.headers.find("Content-Type")->second, "application/json; charset=utf-8");
  EXPECT_EQ(script.headers.find("X-Content-Type-Options")->second, "nosniff");
  EXPECT_EQ(Records(), before + 1);
  EXPECT_EQ(api_->Get("admin", "/api/v1/craftsmen?limit=100").body["items"].size(), 4u);
}

TEST_P(BadInputTest, UnknownFieldsAreKeptAsExtraNotDropped) {
  const Reply r = api_->Call("admin", "POST", "/api/v1/craftsmen", R"({"id":"C7","name":"x","hometown":"德阳"})");
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(r.body["hometown"], "德阳");
}

TEST_P(BadInputTest, PageSizesAndCursorsAreChecked) {
  for (const std::string limit : {"0", "-1", "101", "1000000000000000000000", "ten", ""}) {
    const Reply r = api_->Get("admin", "/api/v1/craftsmen?limit=" + limit);
    EXPECT_EQ(r.status, 400) << limit;
    EXPECT_EQ(r.body["error"]["field"], "limit");
  }
  const Reply page1 = api_->Get("admin", "/api/v1/craftsmen?limit=2");
  ASSERT_EQ(page1.body["items"].size(), 2u);
  const Reply page2 = api_->Get("admin", "/api/v1/craftsmen?limit=2&after=" + page1.body["next_after"].get<std::string>());
  ASSERT_EQ(page2.body["items"].size(), 1u);
  EXPECT_TRUE(page2.body["next_after"].is_null());
  EXPECT_EQ(api_->Get("admin", "/api/v1/audit?after=abc").status, 400);
}

TEST_P(BadInputTest, UnknownRoutesAndTokensGetJsonErrors) {
  const Reply missing = api_->Get("admin", "/api/v1/nothing-here");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body["error"]["code"], "not_found");
  const Reply bad_token = api_->Call("", "GET", "/api/v1/craftsmen", "", {{"Authorization", "Bearer forged"}});
  EXPECT_EQ(bad_token.status, 401);
  const Reply long_token =
      api_->Call("", "GET", "/api/v1/craftsmen", "", {{"Authorization", "Bearer " + std::string(5000, 'a')}});
  EXPECT_EQ(long_token.status, 401);
  EXPECT_EQ(api_->Get("", "/healthz").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, BadInputTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
