// List filters on the records API (status, kind, region and industry code
// prefixes, booleans), on both backends, and their refusals.
#include <gtest/gtest.h>

#include "api_fixture.h"

namespace craftlink::testing {
namespace {

class RecordFilterTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam()); }

  std::vector<std::string> Ids(const std::string& path) {
    Reply r = api_->Get("admin", path);
    EXPECT_EQ(r.status, 200) << path << " " << r.raw;
    std::vector<std::string> ids;
    for (const auto& item : r.body["items"]) ids.push_back(item["id"]);
    return ids;
  }

  std::unique_ptr<ApiFixture> api_;
};

TEST_P(RecordFilterTest, NeedsAndCraftsmenFilterByTheirColumns) {
  EXPECT_EQ(Ids("/api/v1/needs?status=open"), (std::vector<std::string>{"N1", "N2"}));
  ASSERT_EQ(api_->Call("staff-cd", "POST", "/api/v1/engagements",
                       nlohmann::json{{"need_id", "N1"}, {"craftsman_ids", {"C1"}}}.dump())
                .status,
            201);
  EXPECT_EQ(Ids("/api/v1/needs?status=open"), (std::vector<std::string>{"N2"}));
  EXPECT_EQ(Ids("/api/v1/needs?status=in_progress"), (std::vector<std::string>{"N1"}));
  EXPECT_EQ(Ids("/api/v1/needs?enterprise_id=E2"), (std::vector<std::string>{"N2"}));
  EXPECT_EQ(Ids("/api/v1/needs?onsite=true"), (std::vector<std::string>{}));
  EXPECT_EQ(Ids("/api/v1/needs?onsite=false&status=open"), (std::vector<std::string>{"N2"}));
  EXPECT_EQ(Ids("/api/v1/craftsmen?region=51"), (std::vector<std::string>{"C1", "C2", "C3"}));  // all seeded in 510107
  EXPECT_EQ(Ids("/api/v1/craftsmen?region=5101"), (std::vector<std::string>{"C1", "C2", "C3"}));
  EXPECT_EQ(Ids("/api/v1/craftsmen?region=31"), (std::vector<std::string>{}));
  EXPECT_EQ(Ids("/api/v1/craftsmen?region=5%25"), (std::vector<std::string>{}));  // a literal %, not a wildcard
  EXPECT_EQ(Ids("/api/v1/craftsmen?available=true"), (std::vector<std::string>{"C1", "C2", "C3"}));
  // Filters narrow, never widen, what the caller may see.
  Reply sh = api_->Get("staff-sh", "/api/v1/needs?status=in_progress");
  EXPECT_EQ(sh.body["items"].size(), 0u);
}

TEST_P(RecordFilterTest, BadFilterValuesNameTheParameter) {
  for (const auto& [path, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/needs?status=done", "status"},
           {"/api/v1/needs?kind=repair", "kind"},
           {"/api/v1/needs?onsite=yes", "onsite"},
           {"/api/v1/craftsmen?available=1", "available"},
           {"/api/v1/craftsmen?region=", "region"}}) {
    Reply r = api_->Get("admin", path);
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_EQ(r.body["error"]["field"], field) << path;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordFilterTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
