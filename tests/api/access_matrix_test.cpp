// The access matrix through the real HTTP API: every role × every endpoint
// × own / other organisation, including guessed ids (IDOR). Each cell has
// an expected status; masking and audit are checked where they apply.
#include <gtest/gtest.h>

#include "api_fixture.h"

namespace craftlink::testing {
namespace {

struct Cell {
  std::string who;  // "" = anonymous
  std::string method;
  std::string path;
  int expected;
  std::string body = "";
};

class AccessMatrixTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam()); }

  // A need body for PUT with the version the caller can read (admin reads it).
  std::string NeedUpdate(const std::string& id, const std::string& enterprise) {
    Reply current = api_->Get("admin", "/api/v1/needs/" + id);
    nlohmann::json body = {{"enterprise_id", enterprise}, {"title", "焊缝气孔（已补充）"},
                           {"version", current.body["version"]}};
    return body.dump();
  }

  std::unique_ptr<ApiFixture> api_;
};

TEST_P(AccessMatrixTest, ReadsMatchTheRoleAndScopeRules) {
  const std::vector<Cell> cells = {
      // A craftsman of 成都 (alliance sharing consented).
      {"", "GET", "/api/v1/craftsmen/C1", 401},
      {"admin", "GET", "/api/v1/craftsmen/C1", 200},
      {"staff-sc", "GET", "/api/v1/craftsmen/C1", 200},   // parent organisation
      {"staff-cd", "GET", "/api/v1/craftsmen/C1", 200},   // own organisation
      {"staff-cq", "GET", "/api/v1/craftsmen/C1", 200},   // 川渝 partner, masked
      {"staff-sh", "GET", "/api/v1/craftsmen/C1", 404},   // unrelated
      {"ent-e1", "GET", "/api/v1/craftsmen/C1", 404},
      {"crafts-c1", "GET", "/api/v1/craftsmen/C1", 200},  // themself
      // A craftsman of 上海 without alliance consent.
      {"staff-sc", "GET", "/api/v1/craftsmen/C2", 404},
      {"staff-sh", "GET", "/api/v1/craftsmen/C2", 200},
      {"crafts-c1", "GET", "/api/v1/craftsmen/C2", 404},
      // A confidential need of E1 (成都).
      {"", "GET", "/api/v1/needs/N1", 401},
      {"admin", "GET", "/api/v1/needs/N1", 200},
      {"staff-sc", "GET", "/api/v1/needs/N1", 200},
      {"staff-cq", "GET", "/api/v1/needs/N1", 404},  // alliances share craftsmen, not needs
      {"staff-sh", "GET", "/api/v1/needs/N1", 404},
      {"ent-e1", "GET", "/api/v1/needs/N1", 200},
      {"ent-e2", "GET", "/api/v1/needs/N1", 404},    // guessed id of another enterprise
      {"crafts-c1", "GET", "/api/v1/needs/N1", 404},
      {"ent-e1", "GET", "/api/v1/needs/N2", 404},
      {"ent-e1", "GET", "/api/v1/needs/N404", 404},  // missing and hidden look the same
      // Enterprises.
      {"ent-e1", "GET", "/api/v1/enterprises/E1", 200},
      {"ent-e1", "GET", "/api/v1/enterprises/E2", 404},
      {"staff-sh", "GET", "/api/v1/enterprises/E1", 404},
      {"staff-cd", "GET", "/api/v1/enterprises/E1", 200},
      // Results library.
      {"staff-sh", "GET", "/api/v1/results/R1", 200},
      {"crafts-c1", "GET", "/api/v1/results/R1", 200},
      {"ent-e2", "GET", "/api/v1/results/R1", 404},
      // Administration.
      {"admin", "GET", "/api/v1/users", 200},
      {"staff-sc", "GET", "/api/v1/users", 403},
      {"ent-e1", "GET", "/api/v1/users", 403},
      {"crafts-c1", "GET", "/api/v1/users", 403},
      {"admin", "GET", "/api/v1/audit", 200},
      {"staff-sc", "GET", "/api/v1/audit", 403},
      {"", "GET", "/api/v1/audit", 401},
      {"ent-e1", "GET", "/api/v1/organisations", 200},
      {"", "GET", "/api/v1/organisations", 401},
      {"", "GET", "/healthz", 200},
  };
  for (const Cell& c : cells) {
    const Reply r = api_->Call(c.who, c.method, c.path, c.body);
    EXPECT_EQ(r.status, c.expected) << (c.who.empty() ? "anonymous" : c.who) << " " << c.method << " " << c.path
                                    << " → " << r.raw.substr(0, 200);
  }
}

TEST_P(AccessMatrixTest, WritesMatchTheRoleAndScopeRules) {
  const std::string craftsman_in_cd = R"({"id":"C9","name":"新工匠","org_id":"cd"})";
  const std::vector<Cell> cells = {
      {"", "POST", "/api/v1/craftsmen", 401, craftsman_in_cd},
      {"staff-sh", "POST", "/api/v1/craftsmen", 403, craftsman_in_cd},
      {"staff-cd", "POST", "/api/v1/craftsmen", 403, R"({"id":"C8","name":"x","org_id":"sc"})"},  // above own org
      {"ent-e1", "POST", "/api/v1/craftsmen", 403, craftsman_in_cd},
      {"crafts-c1", "POST", "/api/v1/craftsmen", 403, craftsman_in_cd},
      {"staff-sc", "POST", "/api/v1/craftsmen", 201, craftsman_in_cd},
      {"staff-sc", "POST", "/api/v1/craftsmen", 409, craftsman_in_cd},  // duplicate id
      {"ent-e1", "POST", "/api/v1/needs", 403, R"({"id":"N7","enterprise_id":"E2","title":"冒名"})"},
      {"ent-e1", "POST", "/api/v1/needs", 201, R"({"id":"N8","enterprise_id":"E1","title":"新工人留不住"})"},
      {"staff-cq", "POST", "/api/v1/craftsmen/C1/archive", 403},  // shared, read-only
      {"staff-sh", "POST", "/api/v1/craftsmen/C1/archive", 404},
      {"crafts-c1", "POST", "/api/v1/craftsmen/C1/archive", 200},  // own profile
      {"staff-cd", "POST", "/api/v1/craftsmen/C1/restore", 200},
      {"ent-e2", "POST", "/api/v1/needs/N1/archive", 404},
      {"staff-sc", "POST", "/api/v1/users", 403, R"({"username":"x1","role":"admin","password":"long enough pass"})"},
      {"admin", "POST", "/api/v1/users", 201,
       R"({"username":"staff-new","role":"staff","org_id":"sh","password":"long enough pass"})"},
  };
  for (const Cell& c : cells) {
    const Reply r = api_->Call(c.who, c.method, c.path, c.body);
    EXPECT_EQ(r.status, c.expected) << (c.who.empty() ? "anonymous" : c.who) << " " << c.method << " " << c.path
                                    << " → " << r.raw.substr(0, 200);
  }
  // Updates need the version that was read.
  EXPECT_EQ(api_->Call("ent-e2", "PUT", "/api/v1/needs/N1", NeedUpdate("N1", "E1")).status, 404);
  EXPECT_EQ(api_->Call("staff-sh", "PUT", "/api/v1/needs/N1", NeedUpdate("N1", "E1")).status, 404);
  EXPECT_EQ(api_->Call("crafts-c1", "PUT", "/api/v1/needs/N1", NeedUpdate("N1", "E1")).status, 404);
  EXPECT_EQ(api_->Call("ent-e1", "PUT", "/api/v1/needs/N1", NeedUpdate("N1", "E2")).status, 403);  // re-pointing
  const std::string update = NeedUpdate("N1", "E1");
  EXPECT_EQ(api_->Call("ent-e1", "PUT", "/api/v1/needs/N1", update).status, 200);
  EXPECT_EQ(api_->Call("staff-cd", "PUT", "/api/v1/needs/N1", update).status, 409);  // stale version
}

TEST_P(AccessMatrixTest, MatchesAndTheRemainingRecordWritesFollowTheSameScope) {
  api_ = std::make_unique<ApiFixture>(GetParam(), FixtureOptions{.with_matching = true});
  const std::string enterprise_update = [&] {
    nlohmann::json e = api_->Get("admin", "/api/v1/enterprises/E1").body;
    e["name"] = "企业E1（更名）";
    e["version"] = "stale";
    return e.dump();
  }();
  const std::vector<Cell> cells = {
      // Candidates for a need: whoever may read the need and dispatch for it.
      {"", "GET", "/api/v1/needs/N1/matches", 401},
      {"staff-cd", "GET", "/api/v1/needs/N1/matches", 200},
      {"staff-sc", "GET", "/api/v1/needs/N1/matches", 200},
      {"staff-cq", "GET", "/api/v1/needs/N1/matches", 404},
      {"staff-sh", "GET", "/api/v1/needs/N1/matches", 404},
      {"ent-e1", "GET", "/api/v1/needs/N1/matches", 200},
      {"ent-e2", "GET", "/api/v1/needs/N1/matches", 404},
      {"crafts-c1", "GET", "/api/v1/needs/N1/matches", 404},
      {"staff-cd", "GET", "/api/v1/needs/N404/matches", 404},
      {"staff-sh", "GET", "/api/v1/results/R1/matches", 200},
      {"ent-e2", "GET", "/api/v1/results/R1/matches", 404},
      {"", "GET", "/api/v1/duplicate-needs", 401},
      {"staff-cd", "GET", "/api/v1/duplicate-needs", 200},
      // Likely duplicates among the needs the caller may read, and only those.
      {"ent-e1", "GET", "/api/v1/duplicate-needs", 200},
      {"crafts-c1", "GET", "/api/v1/duplicate-needs", 200},
      {"", "GET", "/api/v1/auth/me", 401},
      {"crafts-c1", "GET", "/api/v1/auth/me", 200},
      {"", "POST", "/api/v1/auth/password", 401, R"({"current_password":"x","new_password":"another long pass"})"},
      // Enterprises and results: created within one's scope, edited by their owners.
      {"ent-e1", "POST", "/api/v1/enterprises", 403, R"({"id":"E7","name":"新企业","org_id":"cd"})"},
      {"staff-sh", "POST", "/api/v1/enterprises", 403, R"({"id":"E7","name":"新企业","org_id":"cd"})"},
      {"staff-cd", "POST", "/api/v1/enterprises", 201, R"({"id":"E7","name":"新企业","org_id":"cd"})"},
      {"ent-e2", "PUT", "/api/v1/enterprises/E1", 404, enterprise_update},
      {"staff-sh", "PUT", "/api/v1/enterprises/E1", 404, enterprise_update},
      {"ent-e1", "PUT", "/api/v1/enterprises/E1", 409, enterprise_update},  // allowed: the stale version is what fails
      {"crafts-c1", "POST", "/api/v1/results", 403, R"({"id":"R7","title":"新成果","org_id":"sh"})"},
      {"staff-cd", "POST", "/api/v1/results", 201, R"({"id":"R7","title":"新成果","org_id":"cd"})"},
      // Edits under a stale version: 409 only for whoever may edit at all.
      {"staff-cq", "PUT", "/api/v1/craftsmen/C1", 403, R"({"name":"改名","org_id":"cd","version":"stale"})"},
      {"staff-sh", "PUT", "/api/v1/craftsmen/C1", 404, R"({"name":"改名","org_id":"cd","version":"stale"})"},
      {"ent-e1", "PUT", "/api/v1/craftsmen/C1", 404, R"({"name":"改名","org_id":"cd","version":"stale"})"},
      {"crafts-c1", "PUT", "/api/v1/craftsmen/C1", 409, R"({"name":"改名","org_id":"cd","version":"stale"})"},
      {"staff-sc", "PUT", "/api/v1/craftsmen/C1", 409, R"({"name":"改名","org_id":"cd","version":"stale"})"},
      {"staff-sh", "PUT", "/api/v1/results/R1", 403, R"({"title":"改名","version":"stale"})"},
      {"ent-e2", "PUT", "/api/v1/results/R1", 404, R"({"title":"改名","version":"stale"})"},
      {"staff-cd", "PUT", "/api/v1/results/R1", 409, R"({"title":"改名","version":"stale"})"},
      {"staff-cq", "POST", "/api/v1/results/R1/archive", 403},  // shared for reading only
      {"ent-e1", "POST", "/api/v1/results/R1/archive", 404},
  };
  for (const Cell& c : cells) {
    const Reply r = api_->Call(c.who, c.method, c.path, c.body);
    EXPECT_EQ(r.status, c.expected) << (c.who.empty() ? "anonymous" : c.who) << " " << c.method << " " << c.path
                                    << " → " << r.raw.substr(0, 200);
  }
  EXPECT_EQ(api_->Get("admin", "/api/v1/enterprises/E1").body["name"], "企业E1");
  EXPECT_EQ(api_->Get("admin", "/api/v1/results/R1").body["archived"], false);
  // Two enterprises, one in 成都 and one in 上海, asking for the same joint
  // training: only someone who may read both needs sees them grouped.
  const std::pair<const char*, const char*> posts[] = {
      {"ent-e1", R"({"id":"N5","enterprise_id":"E1","title":"焊工培训取证","description":"车间新招焊工二十人，要参加焊工考试取证，请师傅来厂集中培训。"})"},
      {"ent-e2", R"({"id":"N6","enterprise_id":"E2","title":"新焊工集中培训考证","description":"新招的一批焊工要考焊工证，想请人来厂里集中培训取证。"})"}};
  for (const auto& [who, body] : posts) ASSERT_EQ(api_->Call(who, "POST", "/api/v1/needs", body).status, 201);
  ASSERT_TRUE(api_->engine().CatchUp().ok());  // what the server's follower does
  EXPECT_EQ(api_->Get("admin", "/api/v1/duplicate-needs").body["groups"].size(), 1u);
  EXPECT_EQ(api_->Get("staff-sh", "/api/v1/duplicate-needs").body["groups"].size(), 0u);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/duplicate-needs").body["groups"].size(), 0u);
  EXPECT_EQ(api_->Get("ent-e1", "/api/v1/duplicate-needs").body["groups"].size(), 0u);
}

TEST_P(AccessMatrixTest, PersonalDataIsMaskedExceptForStaffInScopeAndThePersonThemself) {
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/craftsmen/C1").body["phone"], "13812345678");
  EXPECT_EQ(api_->Get("crafts-c1", "/api/v1/craftsmen/C1").body["phone"], "13812345678");
  EXPECT_EQ(api_->Get("staff-cq", "/api/v1/craftsmen/C1").body["phone"], "138****5678");
  EXPECT_EQ(api_->Get("ent-e1", "/api/v1/enterprises/E1").body["contact_phone"], "15862740291");

  // The partner's list holds its own craftsman and the consenting one, masked.
  const Reply list = api_->Get("staff-cq", "/api/v1/craftsmen");
  ASSERT_EQ(list.status, 200);
  std::map<std::string, std::string> phones;
  for (const auto& c : list.body["items"]) phones[c["id"]] = c["phone"];
  EXPECT_EQ(phones, (std::map<std::string, std::string>{{"C1", "138****5678"}, {"C3", "13812345678"}}));

  // Reading unmasked personal data leaves an audit line naming the reader.
  const Reply audit = api_->Get("admin", "/api/v1/audit?limit=1000");
  bool found = false;
  for (const auto& line : audit.body["items"]) {
    if (line["action"] == "read_personal_data" && line["target"] == "craftsmen/C1") found = true;
  }
  EXPECT_TRUE(found);
}

TEST_P(AccessMatrixTest, SignInFailuresAreAuditedAndBackOff) {
  for (int i = 0; i < 5; ++i) {
    const Reply r = api_->Call("", "POST", "/api/v1/auth/login", R"({"username":"ent-e2","password":"wrong password"})");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body["error"]["message"], "用户名或密码不正确 (wrong username or password)");
  }
  // Locked now, even with the right password.
  const Reply locked = api_->Call("", "POST", "/api/v1/auth/login",
                                  nlohmann::json{{"username", "ent-e2"}, {"password", ApiFixture::kPassword}}.dump());
  EXPECT_EQ(locked.status, 429);
  const Reply audit = api_->Get("admin", "/api/v1/audit?limit=1000");
  int failures = 0;
  for (const auto& line : audit.body["items"]) failures += line["action"] == "login_failed" ? 1 : 0;
  EXPECT_GE(failures, 6);
}

TEST_P(AccessMatrixTest, CookieSessionsNeedTheCsrfHeaderForWrites) {
  const Reply login = api_->Call("", "POST", "/api/v1/auth/login",
                                 nlohmann::json{{"username", "staff-cd"}, {"password", ApiFixture::kPassword}}.dump());
  ASSERT_EQ(login.status, 200);
  const std::string cookie_header = login.headers.find("Set-Cookie")->second;
  EXPECT_NE(cookie_header.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie_header.find("SameSite=Strict"), std::string::npos);
  const std::string cookie = cookie_header.substr(0, cookie_header.find(';'));
  EXPECT_EQ(api_->Call("", "GET", "/api/v1/craftsmen/C1", "", {{"Cookie", cookie}}).status, 200);
  EXPECT_EQ(api_->Call("", "POST", "/api/v1/craftsmen/C1/archive", "", {{"Cookie", cookie}}).status, 403);
  EXPECT_EQ(api_->Call("", "POST", "/api/v1/craftsmen/C1/archive", "", {{"Cookie", cookie}, {"X-CraftLink-CSRF", "1"}}).status,
            200);
  EXPECT_EQ(api_->Call("", "POST", "/api/v1/auth/logout", "", {{"Cookie", cookie}, {"X-CraftLink-CSRF", "1"}}).status, 204);
  EXPECT_EQ(api_->Call("", "GET", "/api/v1/craftsmen/C1", "", {{"Cookie", cookie}}).status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessMatrixTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
