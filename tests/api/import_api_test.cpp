// The web import through the real HTTP API on every backend: a dry run
// names each bad row and field, a confirmed import writes every row in one
// transaction or none, and only staff and admins may import, into
// organisations within their scope.
#include <gtest/gtest.h>

#include "api_fixture.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

class ImportApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam()); }

  Reply Import(const std::string& who, const std::string& kind, const json& rows, bool dry_run,
               json extra = json::object()) {
    extra["rows"] = rows;
    extra["dry_run"] = dry_run;
    return api_->Call(who, "POST", "/api/v1/imports/" + kind, extra.dump());
  }

  // "row:field" of each reported error, in order.
  static std::vector<std::string> Errors(const Reply& r) {
    std::vector<std::string> out;
    for (const auto& e : r.body["errors"])
      out.push_back(std::to_string(e["row"].get<int>()) + ":" + e["field"].get<std::string>());
    return out;
  }

  int ImportAuditLines(const std::string& target) {
    int n = 0;
    const Reply audit = api_->Get("admin", "/api/v1/audit?limit=1000");  // named: the loop must not outlive it
    for (const auto& line : audit.body["items"]) {
      if (line["action"] == "import" && line["target"] == target) ++n;
    }
    return n;
  }

  std::unique_ptr<ApiFixture> api_;
};

// Cells as the browser sends them: text, exactly as read from the file.
const json kGoodCraftsman = {{"id", "C10"},
                             {"name", "王立新"},
                             {"region", "510107"},
                             {"skills", "数控车削；精密加工"},
                             {"capacity_per_month", "3"},
                             {"available", "是"}};

TEST_P(ImportApiTest, DryRunReportsEachBadRowWithItsFieldAndWritesNothing) {
  const json rows = json::array({
      kGoodCraftsman,
      {{"id", "C11"}, {"name", "李芳"}, {"region", "999999"}},            // unknown region
      {{"id", "C12"}, {"name", "赵强"}, {"capacity_per_month", "三次"}},  // not an integer
      {{"id", "C10"}, {"name", "重复的人"}},                              // same id as the first row
      {{"id", "C13"}},                                                    // no name
      {{"id", "C14"}, {"name", "钱进"}, {"phone", "12345"}},              // not a mobile number
  });
  const Reply r = Import("staff-cd", "craftsmen", rows, true, {{"row_numbers", {2, 3, 4, 5, 7, 8}}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(Errors(r), (std::vector<std::string>{"3:region", "4:capacity_per_month", "5:id", "7:name", "8:phone"}));
  EXPECT_EQ(r.body["counts"], (json{{"rows", 6}, {"valid", 1}, {"invalid", 5}, {"created", 1}, {"updated", 0}}));
  EXPECT_EQ(r.body["written"], false);
  EXPECT_EQ(r.body["org_id"], "cd");
  for (const auto& e : r.body["errors"]) EXPECT_FALSE(e["message"].get<std::string>().empty()) << e;
  EXPECT_NE(r.body["errors"][2]["message"].get<std::string>().find("与第 2 行重复"), std::string::npos) << r.raw;
  EXPECT_EQ(api_->Get("admin", "/api/v1/craftsmen/C10").status, 404);
  EXPECT_EQ(ImportAuditLines("craftsmen"), 0);
}

TEST_P(ImportApiTest, ConfirmWritesEveryRowConvertsCellsAndAuditsOnce) {
  const json needs = json::array({
      {{"id", "N10"}, {"enterprise_id", "E1"}, {"title", "数控车床主轴异响"}, {"kind", "技术服务"}, {"onsite", "是"}},
      {{"id", "N11"},
       {"enterprise_id", "E1"},
       {"title", "新员工焊接培训"},
       {"kind", "技能培训"},
       {"skills", "钨极氩弧焊; 焊接"},
       {"posted", "2025-03-18"}},
  });
  const Reply r = Import("staff-cd", "needs", needs, false);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["written"], true);
  EXPECT_EQ(r.body["counts"]["created"], 2);
  const Reply n11 = api_->Get("staff-cd", "/api/v1/needs/N11");
  ASSERT_EQ(n11.status, 200) << n11.raw;
  EXPECT_EQ(n11.body["org_id"], "cd");
  EXPECT_EQ(n11.body["skills"], json::array({"钨极氩弧焊", "焊接"}));
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/needs/N10").body["onsite"], true);
  EXPECT_EQ(ImportAuditLines("needs"), 1);

  // Typed values (an API client's) pass as they are; an id the caller may
  // edit is an update that keeps its organisation.
  json c1 = kGoodCraftsman;
  c1["id"] = "C1";
  c1["capacity_per_month"] = 4;
  c1["skills"] = json::array({"钨极氩弧焊", "不锈钢焊接"});
  const Reply update = Import("staff-sc", "craftsmen", json::array({c1, kGoodCraftsman}), false);
  ASSERT_EQ(update.status, 200) << update.raw;
  EXPECT_EQ(update.body["counts"]["updated"], 1);
  EXPECT_EQ(update.body["counts"]["created"], 1);
  const Reply stored = api_->Get("admin", "/api/v1/craftsmen/C1");
  EXPECT_EQ(stored.body["org_id"], "cd");
  EXPECT_EQ(stored.body["capacity_per_month"], 4);
  EXPECT_EQ(api_->Get("admin", "/api/v1/craftsmen/C10").body["skills"], json::array({"数控车削", "精密加工"}));
}

TEST_P(ImportApiTest, OneBadRowMeansNothingIsWritten) {
  const json results = json::array({
      {{"id", "R10"}, {"title", "焊缝气孔控制工法"}, {"owner_ids", "C1"}, {"maturity", "已应用"}},
      {{"id", "R11"}, {"title", "无人认领的成果"}, {"owner_ids", "C1; C404"}},
  });
  const Reply r = Import("staff-cd", "results", results, false);
  ASSERT_EQ(r.status, 400) << r.raw;
  EXPECT_EQ(r.body["error"]["code"], "invalid_argument");
  EXPECT_EQ(Errors(r), (std::vector<std::string>{"2:owner_ids"}));
  EXPECT_NE(r.body["errors"][0]["message"].get<std::string>().find("C404"), std::string::npos) << r.raw;
  EXPECT_EQ(r.body["written"], false);
  EXPECT_EQ(api_->Get("admin", "/api/v1/results/R10").status, 404);
  EXPECT_EQ(ImportAuditLines("results"), 0);

  // A need naming an enterprise that does not exist, the same.
  const Reply need =
      Import("staff-cd", "needs", json::array({{{"id", "N12"}, {"enterprise_id", "E404"}, {"title", "x"}}}), false);
  EXPECT_EQ(need.status, 400);
  EXPECT_EQ(Errors(need), (std::vector<std::string>{"1:enterprise_id"}));
}

TEST_P(ImportApiTest, OnlyStaffAndAdminsMayImport) {
  const json rows = json::array({kGoodCraftsman});
  EXPECT_EQ(Import("", "craftsmen", rows, true).status, 401);
  EXPECT_EQ(Import("ent-e1", "craftsmen", rows, true).status, 403);
  EXPECT_EQ(
      Import("ent-e1", "needs", json::array({{{"id", "N20"}, {"enterprise_id", "E1"}, {"title", "x"}}}), false).status,
      403);
  EXPECT_EQ(Import("crafts-c1", "craftsmen", rows, false).status, 403);
  EXPECT_EQ(api_->Get("admin", "/api/v1/craftsmen/C10").status, 404);
  EXPECT_EQ(Import("admin", "craftsmen", rows, true).status, 200);
}

TEST_P(ImportApiTest, RowsGoOnlyToOrganisationsInTheCallersScope) {
  const json rows = json::array({kGoodCraftsman});
  // Another province; a sibling; the parent of one's own.
  EXPECT_EQ(Import("staff-cd", "craftsmen", rows, false, {{"org_id", "sh"}}).status, 403);
  EXPECT_EQ(Import("staff-cq", "craftsmen", rows, false, {{"org_id", "cd"}}).status, 403);  // an alliance partner
  EXPECT_EQ(Import("staff-cd", "craftsmen", rows, false, {{"org_id", "sc"}}).status, 403);
  EXPECT_EQ(Import("staff-cd", "craftsmen", rows, true, {{"org_id", "nowhere"}}).status, 400);
  EXPECT_EQ(api_->Get("admin", "/api/v1/craftsmen/C10").status, 404);
  // A record of another organisation cannot be overwritten by reusing its id.
  json c2 = kGoodCraftsman;
  c2["id"] = "C2";
  const Reply taken = Import("staff-cd", "craftsmen", json::array({c2}), false);
  EXPECT_EQ(taken.status, 400) << taken.raw;
  EXPECT_EQ(Errors(taken), (std::vector<std::string>{"1:id"}));
  EXPECT_EQ(api_->Get("admin", "/api/v1/craftsmen/C2").body["name"], "工匠C2");
  // Into a child organisation: allowed.
  const Reply child = Import("staff-sc", "craftsmen", rows, false, {{"org_id", "cd"}});
  ASSERT_EQ(child.status, 200) << child.raw;
  EXPECT_EQ(api_->Get("admin", "/api/v1/craftsmen/C10").body["org_id"], "cd");
}

TEST_P(ImportApiTest, TooManyRowsOrAMalformedRequestIsRefusedWhole) {
  const Reply big = Import("staff-cd", "craftsmen", json(std::vector<json>(5001, json::object())), true);
  EXPECT_EQ(big.status, 413) << big.raw.substr(0, 200);
  EXPECT_EQ(big.body["error"]["code"], "too_large");
  EXPECT_EQ(api_->Call("staff-cd", "POST", "/api/v1/imports/craftsmen", R"({"dry_run":true})").status, 400);
  EXPECT_EQ(api_->Call("staff-cd", "POST", "/api/v1/imports/craftsmen", R"({"rows":[],"dry_run":"yes"})").status, 400);
  EXPECT_EQ(
      Import("staff-cd", "craftsmen", json::array({kGoodCraftsman}), true, {{"row_numbers", json::array({0})}}).status,
      400);
  EXPECT_EQ(Import("staff-cd", "craftsmen", json::array({kGoodCraftsman}), true, {{"row_numbers", {2, 3}}}).status,
            400);
  EXPECT_EQ(api_->Call("staff-cd", "POST", "/api/v1/imports/organisations", R"({"rows":[]})").status, 404);
  // A row that is not an object is a row error, not a failed request.
  const Reply odd = Import("staff-cd", "craftsmen", json::array({"C10,王立新"}), true);
  ASSERT_EQ(odd.status, 200) << odd.raw;
  EXPECT_EQ(Errors(odd), (std::vector<std::string>{"1:"}));
}

TEST_P(ImportApiTest, AFullRequestOf5000RowsIsWrittenInOneGo) {
  json rows = json::array();
  for (int i = 0; i < 5000; ++i) {
    rows.push_back({{"id", "CB" + std::to_string(i)},
                    {"name", "工匠" + std::to_string(i)},
                    {"region", "510107"},
                    {"skills", "焊接；钳工"}});
  }
  const Reply r = Import("staff-cd", "craftsmen", rows, false);
  ASSERT_EQ(r.status, 200) << r.raw.substr(0, 300);
  EXPECT_EQ(r.body["counts"]["created"], 5000);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/craftsmen/CB4999").status, 200);
  EXPECT_EQ(ImportAuditLines("craftsmen"), 1);
}

TEST_P(ImportApiTest, TheColumnTableIsTheServersOwn) {
  EXPECT_EQ(api_->Get("", "/api/v1/imports/columns").status, 401);
  const Reply r = api_->Get("staff-cd", "/api/v1/imports/columns");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["max_rows"], 5000);
  for (const char* kind : {"craftsmen", "enterprises", "needs", "results"}) EXPECT_TRUE(r.body["kinds"].contains(kind));
  const json& first = r.body["kinds"]["craftsmen"][0];
  EXPECT_EQ(first["field"], "id");
  EXPECT_EQ(first["header"], "编号");
  bool skills = false;
  for (const auto& c : r.body["kinds"]["craftsmen"]) {
    if (c["field"] == "skills") skills = c["header"] == "技能" && c["type"] == "list";
  }
  EXPECT_TRUE(skills);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportApiTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
