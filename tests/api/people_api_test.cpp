// PIPL requests and the audit export through the HTTP API, on both backends:
// who may ask, what comes back, and that anonymisation leaves nothing that
// names the person while the history stays.
#include <gtest/gtest.h>

#include "api_fixture.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

class PeopleApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam()); }
  std::unique_ptr<ApiFixture> api_;
};

TEST_P(PeopleApiTest, ThePersonAndStaffInScopeGetACopyOfTheirData) {
  ASSERT_EQ(api_->Call("staff-cd", "POST", "/api/v1/engagements",
                       json{{"need_id", "N1"}, {"craftsman_ids", {"C1"}}}.dump())
                .status,
            201);
  const std::string path = "/api/v1/people/craftsmen/C1/export";
  Reply own = api_->Get("crafts-c1", path);
  ASSERT_EQ(own.status, 200) << own.raw;
  EXPECT_EQ(own.body["craftsman"]["phone"], "13812345678");
  EXPECT_EQ(own.body["engagements"].size(), 1u);
  EXPECT_EQ(own.body["notifications"][0]["event"], "dispatched");
  EXPECT_EQ(own.body["accounts"][0]["username"], "crafts-c1");
  EXPECT_EQ(api_->Get("staff-cd", path).status, 200);
  EXPECT_EQ(api_->Get("staff-sc", path).status, 200);
  EXPECT_EQ(api_->Get("staff-sh", path).status, 404);
  EXPECT_EQ(api_->Get("staff-cq", path).status, 404);  // alliance partners see a masked profile, not the data
  EXPECT_EQ(api_->Get("ent-e1", path).status, 404);
  EXPECT_EQ(api_->Get("crafts-c1", "/api/v1/people/craftsmen/C3/export").status, 404);
  EXPECT_EQ(api_->Get("", path).status, 401);
  // The export itself is on the record.
  const std::string csv = api_->Get("admin", "/api/v1/audit/export").raw;
  EXPECT_NE(csv.find("export_personal_data,craftsmen/C1"), std::string::npos);
}

TEST_P(PeopleApiTest, AnonymisationRemovesWhatNamesThePersonAndSignsThemOut) {
  api_->SignIn("crafts-c1");
  const std::string path = "/api/v1/people/craftsmen/C1/anonymise";
  EXPECT_EQ(api_->Call("crafts-c1", "POST", path).status, 404);  // staff decide, after a verified request
  EXPECT_EQ(api_->Call("staff-sh", "POST", path).status, 404);
  EXPECT_EQ(api_->Call("ent-e1", "POST", path).status, 404);
  Reply done = api_->Call("staff-cd", "POST", path);
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.body["accounts_disabled"], 1);
  const json c = api_->Get("admin", "/api/v1/craftsmen/C1").body;
  EXPECT_EQ(c["name"], "（已匿名）");
  EXPECT_EQ(c.value("phone", ""), "");
  EXPECT_EQ(c["archived"], true);
  EXPECT_EQ(api_->Get("crafts-c1", "/api/v1/auth/me").status, 401);  // signed out
  Reply login = api_->Call("", "POST", "/api/v1/auth/login",
                           json{{"username", "crafts-c1"}, {"password", ApiFixture::kPassword}}.dump());
  EXPECT_NE(login.status, 200);
}

TEST_P(PeopleApiTest, AuditExportIsForAdminsAndOpensInExcel) {
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/audit/export").status, 403);
  Reply csv = api_->Get("admin", "/api/v1/audit/export");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.raw.rfind("\xEF\xBB\xBF序号,时间,用户,操作,对象,IP,详情\r\n", 0), 0u) << csv.raw.substr(0, 80);
  EXPECT_NE(csv.raw.find(",login_ok,"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleApiTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
