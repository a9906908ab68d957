// The access matrix for everything after the records: engagements and their
// steps, batch dispatch, KPIs and targets, notifications and webhooks,
// imports, personal-data requests, agreements, events, mentorships and
// studios. Every row is one endpoint on one document of a known
// organisation; every column one caller; every cell the status that caller
// must get, including guessed ids (IDOR).
//
// Writes are probed without side effects where the rules allow it: a stale
// `version` (999) or an invalid body is answered 409 or 400 only after the
// caller has passed the access check, so a permitted caller gets 409/400 and
// a refused one 401/403/404, and nothing changes. Afterwards the test checks
// that no probed document moved. Writes that cannot be probed that way run
// the refused callers first and one permitted caller last.
#include <gtest/gtest.h>

#include <array>
#include <set>

#include "api_fixture.h"
#include "programme_examples.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

// The columns: anonymous; the platform admin; staff of 四川 (parent of 成都),
// 成都 (owns the documents under test), 重庆 (川渝 alliance partner) and 上海
// (unrelated); the enterprise users of E1 (成都) and E2 (上海); craftsman C1
// (成都, a party to most documents).
constexpr std::array<const char*, 9> kCallers = {"",       "admin",    "staff-sc", "staff-cd", "staff-cq",
                                                 "staff-sh", "ent-e1", "ent-e2",   "crafts-c1"};
using Outcomes = std::array<int, kCallers.size()>;

struct Row {
  std::string method;
  std::string path;
  std::string body;
  Outcomes expected;
};

// Steps are probed on 成都's engagement (N1 of E1, C1 leading) with a stale
// version. Columns as kCallers.
constexpr Outcomes kStaffStep = {401, 409, 409, 409, 404, 404, 403, 404, 403};
constexpr Outcomes kLeadStep = {401, 403, 403, 403, 404, 404, 403, 404, 409};
constexpr Outcomes kStaffOrLeadStep = {401, 409, 409, 409, 404, 404, 403, 404, 409};
constexpr Outcomes kEnterpriseStep = {401, 403, 403, 403, 404, 404, 409, 404, 403};
constexpr Outcomes kStaffOrEnterpriseStep = {401, 409, 409, 409, 404, 404, 409, 404, 403};
// A document of 成都 changed by its staff only; its parties see it.
constexpr Outcomes kCdStaffChange = {401, 409, 409, 409, 404, 404, 403, 404, 403};
constexpr Outcomes kAdminOnly = {401, 200, 403, 403, 403, 403, 403, 403, 403};

class AccessMatrixTrackingTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { Start({}); }

  void Start(FixtureOptions options) {
    api_ = std::make_unique<ApiFixture>(GetParam(), options);
    SeedProgrammeExamples(api_->store());
    eng_cd_ = Dispatch("staff-cd", "N1", "C1");
    eng_sh_ = Dispatch("staff-sh", "N2", "C2");
  }

  std::string Dispatch(const std::string& who, const std::string& need, const std::string& craftsman) {
    const Reply r =
        api_->Call(who, "POST", "/api/v1/engagements", json{{"need_id", need}, {"craftsman_ids", {craftsman}}}.dump());
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  }

  // Every cell of every row; a failure names the caller, the call and the reply.
  void Check(const std::vector<Row>& rows) {
    for (const Row& row : rows) {
      for (size_t i = 0; i < kCallers.size(); ++i) {
        const Reply r = api_->Call(kCallers[i], row.method, row.path, row.body);
        EXPECT_EQ(r.status, row.expected[i]) << (*kCallers[i] ? kCallers[i] : "anonymous") << " " << row.method << " "
                                             << row.path << " → " << r.raw.substr(0, 240);
      }
    }
  }

  // The ids a caller's list shows.
  std::set<std::string> Ids(const std::string& who, const std::string& path) {
    const Reply r = api_->Get(who, path);
    EXPECT_EQ(r.status, 200) << who << " " << path << " → " << r.raw.substr(0, 240);
    std::set<std::string> out;
    for (const auto& item : r.body["items"]) {
      out.insert(item.contains("id") ? item["id"].get<std::string>() : std::to_string(item["seq"].get<int64_t>()));
    }
    return out;
  }

  // Versions of the documents the probes aim at, as the admin reads them.
  // (Records carry a text version, tracking documents a number.)
  std::map<std::string, json> Versions() {
    std::map<std::string, json> out;
    const std::vector<std::string> paths = {"/api/v1/engagements/" + eng_cd_, "/api/v1/engagements/" + eng_sh_,
                                            "/api/v1/agreements/AG-DOC",      "/api/v1/agreements/AG-END",
                                            "/api/v1/events/EV-DOC",          "/api/v1/events/EV-OFF",
                                            "/api/v1/mentorships/MS-DOC",     "/api/v1/mentorships/MS-END",
                                            "/api/v1/studios/ST-DOC",         "/api/v1/craftsmen/C1",
                                            "/api/v1/needs/N1"};
    for (const std::string& path : paths) {
      const Reply r = api_->Get("admin", path);
      EXPECT_EQ(r.status, 200) << path;
      out[path] = r.body["version"];
    }
    return out;
  }

  std::unique_ptr<ApiFixture> api_;
  std::string eng_cd_;
  std::string eng_sh_;
};

TEST_P(AccessMatrixTrackingTest, EngagementsAndTheirSteps) {
  const std::string cd = "/api/v1/engagements/" + eng_cd_;
  const std::string stale = R"({"version":999})";
  const auto before = Versions();
  Check({
      {"GET", cd, "", {401, 200, 200, 200, 404, 404, 200, 404, 200}},
      {"GET", "/api/v1/engagements/" + eng_sh_, "", {401, 200, 404, 404, 404, 200, 404, 200, 404}},
      {"GET", "/api/v1/engagements/N1-404", "", {401, 404, 404, 404, 404, 404, 404, 404, 404}},
      // Filters name someone else: parties are refused, staff just see nothing.
      {"GET", "/api/v1/engagements?craftsman_id=C2", "", {401, 200, 200, 200, 200, 200, 200, 200, 403}},
      {"GET", "/api/v1/engagements?enterprise_id=E2", "", {401, 200, 200, 200, 200, 200, 403, 200, 200}},
      // Creating one: staff whose scope holds the need; an empty squad is 400.
      {"POST", "/api/v1/engagements", R"({"need_id":"N1","craftsman_ids":[]})",
       {401, 400, 400, 400, 404, 404, 403, 403, 403}},
      {"POST", "/api/v1/engagements", R"({"need_id":"N2","craftsman_ids":[]})",
       {401, 400, 404, 404, 404, 400, 403, 403, 403}},
      {"POST", cd + "/dispatch", stale, kStaffStep},
      {"POST", cd + "/accept", stale, kLeadStep},
      {"POST", cd + "/decline", stale, kLeadStep},
      {"POST", cd + "/schedule", stale, kStaffOrLeadStep},
      {"POST", cd + "/visits", stale, kStaffOrLeadStep},
      {"POST", cd + "/resolve", stale, kStaffOrLeadStep},
      {"POST", cd + "/not-resolved", stale, kStaffOrLeadStep},
      {"POST", cd + "/feedback", stale, kEnterpriseStep},
      {"POST", cd + "/followups", stale, kStaffOrEnterpriseStep},
      {"POST", cd + "/close", stale, kStaffStep},
      {"POST", cd + "/cancel", stale, kStaffStep},
      // Promotion to the results library: staff or the lead, once solved (409 until then).
      {"POST", cd + "/promote", "{}", kStaffOrLeadStep},
      {"POST", "/api/v1/engagements/" + eng_sh_ + "/accept", stale, {401, 403, 404, 404, 404, 403, 404, 403, 404}},
  });
  EXPECT_EQ(Versions(), before) << "a refused or stale write changed something";

  // Lists hold exactly what each caller may read.
  const std::set<std::string> both = {eng_cd_, eng_sh_}, cd_only = {eng_cd_}, sh_only = {eng_sh_}, none = {};
  const std::string list = "/api/v1/engagements";
  EXPECT_EQ(Ids("admin", list), both);
  EXPECT_EQ(Ids("staff-sc", list), cd_only);
  EXPECT_EQ(Ids("staff-cd", list), cd_only);
  EXPECT_EQ(Ids("staff-cq", list), none);
  EXPECT_EQ(Ids("staff-sh", list), sh_only);
  EXPECT_EQ(Ids("ent-e1", list), cd_only);
  EXPECT_EQ(Ids("ent-e2", list), sh_only);
  EXPECT_EQ(Ids("crafts-c1", list), cd_only);

  // The one real step: the lead accepts with the version they read.
  const int64_t version = api_->Get("crafts-c1", cd).body["version"];
  EXPECT_EQ(api_->Call("crafts-c1", "POST", cd + "/accept", json{{"version", version}}.dump()).status, 200);
}

TEST_P(AccessMatrixTrackingTest, BatchDispatchKpisAndTargets) {
  Start({.with_matching = true});  // plans are proposed from the match index
  // N1 and N2 are in service already; plans are made for open needs.
  for (const auto& [id, enterprise] : {std::pair{"N3", "E1"}, std::pair{"N4", "E2"}}) {
    ASSERT_EQ(api_->Call(std::string("ent-") + (enterprise[1] == '1' ? "e1" : "e2"), "POST", "/api/v1/needs",
                         json{{"id", id}, {"enterprise_id", enterprise}, {"title", "焊缝气孔多"}}.dump())
                  .status,
              201);
  }
  const Reply proposed = api_->Call("staff-cd", "POST", "/api/v1/dispatch", R"({"need_ids":["N3"]})");
  ASSERT_EQ(proposed.status, 200) << proposed.raw;
  const std::string plan = proposed.body["plan_id"];
  Check({
      {"POST", "/api/v1/dispatch", R"({"need_ids":["N3"]})", {401, 200, 200, 200, 404, 404, 403, 403, 403}},
      {"POST", "/api/v1/dispatch", R"({"need_ids":["N4"]})", {401, 200, 404, 404, 404, 200, 403, 403, 403}},
      // A plan is its proposer's until confirmed, as the proposal shows them alone.
      {"GET", "/api/v1/dispatch/" + plan, "", {401, 404, 404, 200, 404, 404, 403, 403, 403}},
      {"GET", "/api/v1/dispatch/DP-404", "", {401, 404, 404, 404, 404, 404, 403, 403, 403}},
      // Only the staff member who proposed a plan confirms it; an unknown
      // choice of plan is 400 for them and the plan stays proposed.
      {"POST", "/api/v1/dispatch/" + plan + "/confirm", R"({"plan":"best"})",
       {401, 404, 404, 400, 404, 404, 403, 403, 403}},
      {"POST", "/api/v1/dispatch/DP-404/confirm", "{}", {401, 404, 404, 404, 404, 404, 403, 403, 403}},
      {"GET", "/api/v1/kpi?year=2026&org_id=cd", "", {401, 200, 200, 200, 404, 404, 403, 403, 403}},
      {"GET", "/api/v1/kpi?year=2026&org_id=sc", "", {401, 200, 200, 404, 404, 404, 403, 403, 403}},
      {"GET", "/api/v1/kpi?year=2026&org_id=sh", "", {401, 200, 404, 404, 404, 200, 403, 403, 403}},
      // The 川渝 alliance's joint figures: for staff of its members and below.
      {"GET", "/api/v1/kpi?year=2026&org_id=chuanyu", "", {401, 200, 200, 200, 200, 404, 403, 403, 403}},
      {"GET", "/api/v1/kpi/export?year=2026&org_id=cd", "", {401, 200, 200, 200, 404, 404, 403, 403, 403}},
      // Targets: an empty set is 400 for whoever may set them.
      {"PUT", "/api/v1/targets", R"({"org_id":"cd","year":2026,"targets":{}})",
       {401, 400, 400, 400, 404, 404, 403, 403, 403}},
      {"PUT", "/api/v1/targets", R"({"org_id":"sc","year":2026,"targets":{}})",
       {401, 400, 400, 404, 404, 404, 403, 403, 403}},
  });
  const Reply stored = api_->Get("admin", "/api/v1/engagements?need_id=N3");
  EXPECT_EQ(stored.body["items"].size(), 0u) << "a probe confirmed a plan";
}

TEST_P(AccessMatrixTrackingTest, NotificationsWebhooksAuditExportAndImports) {
  const std::string c1_seqs = [&] {
    const Reply r = api_->Get("crafts-c1", "/api/v1/notifications");
    EXPECT_FALSE(r.body["items"].empty()) << "the dispatch should have told C1";
    return std::to_string(r.body["items"][0]["seq"].get<int64_t>());
  }();
  const json craftsman_row = {{"id", "C10"}, {"name", "王立新"}, {"region", "510107"}};
  const std::string dry_run_into_cd = json{{"rows", {craftsman_row}}, {"dry_run", true}, {"org_id", "cd"}}.dump();
  Check({
      {"GET", "/api/v1/notifications", "", {401, 200, 200, 200, 200, 200, 200, 200, 200}},
      // Marking another person's message read: it is simply not in their inbox.
      {"POST", "/api/v1/notifications/" + c1_seqs + "/read", "", {401, 404, 404, 404, 404, 404, 404, 404, 200}},
      {"GET", "/api/v1/webhooks", "", kAdminOnly},
      {"POST", "/api/v1/webhooks", "{}", {401, 400, 403, 403, 403, 403, 403, 403, 403}},
      {"GET", "/api/v1/webhooks/deliveries", "", kAdminOnly},
      {"GET", "/api/v1/audit/export", "", kAdminOnly},
      {"GET", "/api/v1/imports/columns", "", {401, 200, 200, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/imports/craftsmen", dry_run_into_cd, {401, 200, 200, 200, 403, 403, 403, 403, 403}},
  });
  EXPECT_EQ(api_->Get("admin", "/api/v1/craftsmen/C10").status, 404) << "a dry run wrote a row";
  // Each inbox holds its owner's messages only.
  for (const char* who : {"admin", "staff-sh", "ent-e2", "staff-cq"}) {
    EXPECT_EQ(Ids(who, "/api/v1/notifications").count(c1_seqs), 0u) << who;
  }
}

TEST_P(AccessMatrixTrackingTest, PersonalDataRequests) {
  // Two more craftsmen of 成都, so that each permitted caller anonymises one.
  for (const char* id : {"C7", "C8"}) {
    ASSERT_EQ(api_->Call("admin", "POST", "/api/v1/craftsmen",
                         json{{"id", id}, {"name", "工匠"}, {"org_id", "cd"}, {"phone", "13900001111"}}.dump())
                  .status,
              201);
  }
  Check({
      {"GET", "/api/v1/people/craftsmen/C1/export", "", {401, 200, 200, 200, 404, 404, 404, 404, 200}},
      {"GET", "/api/v1/people/craftsmen/C2/export", "", {401, 200, 404, 404, 404, 200, 404, 404, 404}},
      {"GET", "/api/v1/people/craftsmen/C404/export", "", {401, 404, 404, 404, 404, 404, 404, 404, 404}},
  });
  const auto before = Versions();
  const std::string anonymise = "/api/v1/people/craftsmen/C1/anonymise";
  for (const char* who : {"staff-cq", "staff-sh", "ent-e1", "ent-e2", "crafts-c1"}) {
    EXPECT_EQ(api_->Call(who, "POST", anonymise).status, 404) << who;
  }
  EXPECT_EQ(api_->Call("", "POST", anonymise).status, 401);
  EXPECT_EQ(Versions(), before);
  EXPECT_EQ(api_->Get("admin", "/api/v1/craftsmen/C1").body["phone"], "13812345678");
  EXPECT_EQ(api_->Call("admin", "POST", "/api/v1/people/craftsmen/C7/anonymise").status, 200);
  EXPECT_EQ(api_->Call("staff-sc", "POST", "/api/v1/people/craftsmen/C8/anonymise").status, 200);
  EXPECT_EQ(api_->Call("staff-cd", "POST", anonymise).status, 200);
}

TEST_P(AccessMatrixTrackingTest, Agreements) {
  const std::string overlapping = json{{"enterprise_id", "E1"},    {"craftsman_id", "C1"},
                                       {"start", "2026-06-01"},    {"end", "2026-09-30"},
                                       {"scope", "焊接工艺改进"}, {"planned_visits", 2}}
                                      .dump();
  const auto before = Versions();
  Check({
      {"GET", "/api/v1/agreements/AG-DOC", "", {401, 200, 200, 200, 404, 404, 200, 404, 200}},
      {"GET", "/api/v1/agreements/AG-END", "", {401, 200, 404, 404, 404, 200, 404, 200, 404}},
      {"GET", "/api/v1/agreements/AG-404", "", {401, 404, 404, 404, 404, 404, 404, 404, 404}},
      // Signing E1 × C1 again over the same months: 409 for whoever may sign.
      {"POST", "/api/v1/agreements", overlapping, {401, 409, 409, 409, 404, 404, 403, 403, 403}},
      {"POST", "/api/v1/agreements/AG-DOC/renew", R"({"version":999,"end":"2027-12-31","planned_visits":4})",
       kCdStaffChange},
      {"POST", "/api/v1/agreements/AG-DOC/end", R"({"version":999,"reason":"企业搬迁"})", kCdStaffChange},
      {"POST", "/api/v1/agreements/AG-END/end", R"({"version":999,"reason":"企业搬迁"})",
       {401, 409, 404, 404, 404, 409, 404, 403, 404}},
  });
  EXPECT_EQ(Versions(), before);
  EXPECT_EQ(Ids("ent-e1", "/api/v1/agreements"), (std::set<std::string>{"AG-DOC"}));
  EXPECT_EQ(Ids("ent-e2", "/api/v1/agreements"), (std::set<std::string>{"AG-END"}));
  EXPECT_EQ(Ids("crafts-c1", "/api/v1/agreements"), (std::set<std::string>{"AG-DOC"}));
  EXPECT_EQ(Ids("staff-sc", "/api/v1/agreements"), (std::set<std::string>{"AG-DOC"}));
  EXPECT_EQ(Ids("staff-cq", "/api/v1/agreements"), (std::set<std::string>{}));
  EXPECT_EQ(Ids("admin", "/api/v1/agreements"), (std::set<std::string>{"AG-DOC", "AG-END"}));
}

TEST_P(AccessMatrixTrackingTest, Events) {
  const std::string stale_update = R"({"version":999,"title":"改期","kind":"matchmaking","date":"2026-02-20"})";
  const auto before = Versions();
  Check({
      // 成都's events: its staff and those above, and enterprises and
      // craftsmen at home in 成都; not the alliance partner nor 上海.
      {"GET", "/api/v1/events/EV-DOC", "", {401, 200, 200, 200, 404, 404, 200, 404, 200}},
      {"GET", "/api/v1/events/EV-404", "", {401, 404, 404, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/events/EV-DOC/agenda?participant_kind=enterprise&participant_id=E1", "",
       {401, 200, 200, 200, 404, 404, 200, 404, 404}},
      {"PUT", "/api/v1/events/EV-DOC", stale_update, kCdStaffChange},
      // Organising one for 成都: its staff line; without a title it is 400 for them.
      {"POST", "/api/v1/events", R"({"org_id":"cd","kind":"lecture","date":"2026-05-01"})",
       {401, 400, 400, 400, 403, 403, 403, 403, 403}},
      {"POST", "/api/v1/events/EV-OFF/cancel", R"({"version":999,"reason":"场地检修"})", kCdStaffChange},
      // Participants' writes commit under the server's own retry, without a
      // version; they are probed with a request that fails only after the
      // access check: a participant who is not registered.
      {"POST", "/api/v1/events/EV-DOC/attendance", R"({"participant_kind":"enterprise","participant_id":"E2","attended":1})",
       {401, 400, 400, 400, 404, 404, 403, 404, 403}},
      {"POST", "/api/v1/events/EV-OFF/schedule", R"({"slots":2})", {401, 409, 409, 409, 404, 404, 403, 404, 403}},
      {"POST", "/api/v1/events/EV-DOC/wishes",
       R"({"participant_kind":"enterprise","participant_id":"E1","wishes":[{"to_id":"C404","weight":3}]})",
       {401, 400, 400, 400, 404, 404, 400, 404, 403}},
      {"POST", "/api/v1/events/EV-OFF/withdraw", R"({"participant_kind":"enterprise","participant_id":"E1"})",
       {401, 400, 400, 400, 404, 404, 400, 404, 403}},
      {"POST", "/api/v1/events/EV-DOC/withdraw", R"({"participant_kind":"enterprise","participant_id":"E2"})",
       {401, 400, 400, 400, 404, 404, 403, 404, 403}},
      {"POST", "/api/v1/events/EV-OFF/registrations",
       R"({"participant_kind":"enterprise","participant_id":"E1","seats":21})",
       {401, 409, 409, 409, 404, 404, 409, 403, 403}},  // a party naming someone else: refused before the event is read
  });
  EXPECT_EQ(Versions(), before);
  EXPECT_EQ(Ids("ent-e2", "/api/v1/events"), (std::set<std::string>{}));
  EXPECT_EQ(Ids("staff-cq", "/api/v1/events"), (std::set<std::string>{}));
  EXPECT_EQ(Ids("ent-e1", "/api/v1/events"), (std::set<std::string>{"EV-DOC", "EV-OFF"}));
}

TEST_P(AccessMatrixTrackingTest, MentorshipsAndStudios) {
  const auto before = Versions();
  Check({
      {"GET", "/api/v1/mentorships/MS-DOC", "", {401, 200, 200, 200, 404, 404, 404, 404, 200}},
      {"GET", "/api/v1/mentorships/MS-END", "", {401, 200, 404, 404, 200, 404, 404, 404, 404}},
      {"GET", "/api/v1/mentorships/MS-404", "", {401, 404, 404, 404, 404, 404, 404, 404, 404}},
      // Goals are the staff's to change; the master sees them.
      {"PUT", "/api/v1/mentorships/MS-DOC", R"({"version":999,"goals":"两年内考取高级焊工"})",
       {401, 409, 409, 409, 404, 404, 404, 404, 403}},
      {"POST", "/api/v1/mentorships/MS-DOC/complete", R"({"version":999,"summary":"结业"})",
       {401, 409, 409, 409, 404, 404, 404, 404, 409}},
      {"POST", "/api/v1/mentorships/suggest", R"({"apprentices":[{"id":"A1","name":"王小明"}]})",
       {401, 200, 200, 200, 200, 200, 403, 403, 403}},
      // Pairing needs a goal: 400 for staff who may pair C1 with an outside apprentice.
      {"POST", "/api/v1/mentorships", R"({"master_id":"C1","apprentice":{"name":"王小明"},"start":"2026-03-01"})",
       {401, 400, 400, 400, 403, 400, 403, 403, 403}},
      // 成都's studio is shared with the 川渝 alliance: 重庆 sees it, only 成都's line edits it.
      {"GET", "/api/v1/studios/ST-DOC", "", {401, 200, 200, 200, 200, 404, 200, 404, 200}},
      {"GET", "/api/v1/studios/ST-404", "", {401, 404, 404, 404, 404, 404, 404, 404, 404}},
      {"PUT", "/api/v1/studios/ST-DOC", R"({"version":999,"name":"改名","lead_id":"C1"})",
       {401, 409, 409, 409, 403, 404, 403, 404, 403}},
      {"POST", "/api/v1/studios", R"({"org_id":"cd","lead_id":"C1"})", {401, 400, 400, 400, 403, 403, 403, 403, 403}},
  });
  EXPECT_EQ(Versions(), before);
  // Notes are appended without a version: the refused try first, then
  // everyone allowed adds one.
  const std::string notes = "/api/v1/mentorships/MS-DOC/notes", note = R"({"text":"本周练习仰焊"})";
  for (const char* who : {"staff-cq", "staff-sh", "ent-e1", "ent-e2"}) {
    EXPECT_EQ(api_->Call(who, "POST", notes, note).status, 404) << who;
  }
  EXPECT_EQ(api_->Call("", "POST", notes, note).status, 401);
  EXPECT_EQ(Versions(), before);
  for (const char* who : {"admin", "staff-sc", "staff-cd", "crafts-c1"}) {
    EXPECT_EQ(api_->Call(who, "POST", notes, note).status, 201) << who;
  }
  EXPECT_EQ(api_->Get("admin", "/api/v1/mentorships/MS-DOC").body["notes"].size(), 4u);
  EXPECT_EQ(Ids("crafts-c1", "/api/v1/mentorships"), (std::set<std::string>{"MS-DOC"}));
  EXPECT_EQ(Ids("staff-cq", "/api/v1/mentorships"), (std::set<std::string>{"MS-END"}));
  EXPECT_EQ(Ids("ent-e2", "/api/v1/studios"), (std::set<std::string>{}));
  EXPECT_EQ(Ids("staff-cq", "/api/v1/studios"), (std::set<std::string>{"ST-DOC"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessMatrixTrackingTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
