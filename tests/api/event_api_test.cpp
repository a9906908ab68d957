// Events through the real HTTP API on both backends: capacity (also under
// parallel registrations), attendance feeding the KPI roll-up exactly once
// through corrections, and the 对接会: wishes, a schedule checked here
// independently for double booking, and agendas private to each participant.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "api_fixture.h"
#include "services/kpi_service.h"

namespace craftlink::testing {
namespace {

using nlohmann::json;

class EventApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { api_ = std::make_unique<ApiFixture>(GetParam()); }

  std::string CreateEvent(json changes = json::object(), const std::string& who = "staff-cd") {
    json body = {{"kind", "training"},          {"title", "焊接质量提升培训"},
                 {"date", "2026-03-02"},        {"place", "成都市职工服务中心"},
                 {"organiser", "成都市总工会"}, {"capacity", 30}};
    body.update(changes);
    Reply r = api_->Call(who, "POST", "/api/v1/events", body.dump());
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  }

  Reply Register(const std::string& who, const std::string& event, const std::string& kind, const std::string& id,
                 int seats = 1) {
    return api_->Call(who, "POST", "/api/v1/events/" + event + "/registrations",
                      json{{"participant_kind", kind}, {"participant_id", id}, {"seats", seats}}.dump());
  }

  Reply Attend(const std::string& who, const std::string& event, const std::string& id, int attended) {
    return api_->Call(who, "POST", "/api/v1/events/" + event + "/attendance",
                      json{{"participant_id", id}, {"attended", attended}}.dump());
  }

  // One KPI cell of 2026, read straight from the store.
  int64_t Kpi(const std::string& org, const std::string& dim, const std::string& key, const std::string& metric) {
    auto cells = api_->store().KpiCells(org, 2026);
    EXPECT_TRUE(cells.ok());
    int64_t sum = 0;
    for (const auto& c : *cells) {
      if (c.dim == dim && c.key == key && c.metric == metric) sum += c.value;
    }
    return sum;
  }
  int64_t Trained(const std::string& org) { return Kpi(org, "total", "", "workers_trained"); }

  void AddParticipants(int enterprises, int craftsmen) {
    storage::WriteBatch batch;
    for (int i = 0; i < enterprises; ++i) {
      domain::Enterprise e;
      e.id = "E" + std::to_string(10 + i);
      e.name = "企业" + e.id;
      e.meta.org_id = "cd";
      batch.enterprises.push_back(e);
    }
    for (int i = 0; i < craftsmen; ++i) {
      domain::Craftsman c;
      c.id = "C" + std::to_string(10 + i);
      c.name = "工匠" + c.id;
      c.meta.org_id = "cd";
      batch.craftsmen.push_back(c);
    }
    ASSERT_TRUE(api_->store().Apply(batch).ok());
  }

  std::unique_ptr<ApiFixture> api_;
};

TEST_P(EventApiTest, RegistrationsStayWithinCapacityAndWithinOnesOwnReach) {
  const std::string id = CreateEvent({{"capacity", 3}});
  EXPECT_EQ(api_->Call("ent-e1", "POST", "/api/v1/events", json{{"kind", "training"}}.dump()).status, 403);
  EXPECT_EQ(api_->Call("staff-cd", "POST", "/api/v1/events",
                       json{{"kind", "party"}, {"title", "x"}, {"date", "2026-03-02"}, {"capacity", 3}}.dump())
                .body["error"]["field"],
            "kind");
  EXPECT_EQ(
      api_->Call("staff-cd", "POST", "/api/v1/events",
                 json{{"kind", "lecture"}, {"title", "x"}, {"date", "2026-03-02"}, {"capacity", 3}, {"org_id", "sh"}}
                     .dump())
          .status,
      403);

  Reply first = Register("ent-e1", id, "enterprise", "E1", 2);
  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_EQ(first.body["event"]["seats_left"], 1);
  EXPECT_EQ(Register("ent-e1", id, "enterprise", "E2").status, 403);  // only one's own enterprise
  EXPECT_EQ(Register("ent-e1", id, "craftsman", "C1").status, 403);
  EXPECT_EQ(Register("crafts-c1", id, "craftsman", "C3").status, 403);  // only oneself
  EXPECT_EQ(Register("crafts-c1", id, "craftsman", "C1", 2).status, 400);
  ASSERT_EQ(Register("crafts-c1", id, "craftsman", "C1").status, 201);
  EXPECT_EQ(Register("staff-cd", id, "craftsman", "C3").status, 404);  // not in 成都's scope
  EXPECT_EQ(Register("staff-cd", id, "craftsman", "C404").status, 404);
  Reply full = Register("admin", id, "craftsman", "C3");
  EXPECT_EQ(full.status, 409) << full.raw;                      // 3 of 3 seats taken
  Reply fewer = Register("ent-e1", id, "enterprise", "E1", 1);  // registering again changes the seats
  EXPECT_EQ(fewer.status, 200) << fewer.raw;
  EXPECT_EQ(fewer.body["created"], false);
  EXPECT_EQ(Register("admin", id, "craftsman", "C3").status, 201);
  EXPECT_EQ(Register("ent-e1", id, "enterprise", "E1", 2).status, 409);

  // 上海 cannot see a 成都 event; a guessed id looks the same as a missing one.
  EXPECT_EQ(api_->Get("ent-e2", "/api/v1/events/" + id).status, 404);
  EXPECT_EQ(Register("ent-e2", id, "enterprise", "E2").status, 404);
  EXPECT_EQ(api_->Get("staff-sh", "/api/v1/events/" + id).status, 404);
  EXPECT_EQ(api_->Get("ent-e1", "/api/v1/events/EV-000000000000").status, 404);
  // Participants see their own registration only; staff see all.
  Reply as_e1 = api_->Get("ent-e1", "/api/v1/events/" + id);
  ASSERT_EQ(as_e1.status, 200);
  ASSERT_EQ(as_e1.body["registrations"].size(), 1u);
  EXPECT_EQ(as_e1.body["registrations"][0]["participant_id"], "E1");
  EXPECT_EQ(as_e1.body["can_edit"], false);
  EXPECT_EQ(api_->Get("staff-sc", "/api/v1/events/" + id).body["registrations"].size(), 3u);
  // Lineage: an event of 四川 is listed for 成都's enterprise, not for 上海's.
  const std::string provincial = CreateEvent({{"title", "四川省劳模宣讲"}, {"kind", "lecture"}}, "staff-sc");
  EXPECT_EQ(api_->Get("ent-e1", "/api/v1/events/" + provincial).status, 200);
  EXPECT_EQ(api_->Get("ent-e1", "/api/v1/events").body["items"].size(), 2u);
  EXPECT_EQ(api_->Get("ent-e1", "/api/v1/events?kind=lecture").body["items"].size(), 1u);
  EXPECT_EQ(api_->Get("ent-e2", "/api/v1/events").body["items"].size(), 0u);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/events?from=2026-03-03").body["items"].size(), 0u);
  // Editing: staff in scope only; capacity never below the seats taken.
  json edit = api_->Get("staff-cd", "/api/v1/events/" + id).body;
  edit["capacity"] = 2;
  EXPECT_EQ(api_->Call("staff-cd", "PUT", "/api/v1/events/" + id, edit.dump()).status, 409);
  edit["capacity"] = 40;
  EXPECT_EQ(api_->Call("ent-e1", "PUT", "/api/v1/events/" + id, edit.dump()).status, 403);
  EXPECT_EQ(api_->Call("staff-cd", "PUT", "/api/v1/events/" + provincial, edit.dump()).status, 403);  // sees, not owns
  Reply edited = api_->Call("staff-cd", "PUT", "/api/v1/events/" + id, edit.dump());
  ASSERT_EQ(edited.status, 200) << edited.raw;
  EXPECT_EQ(edited.body["seats_left"], 37);
  EXPECT_EQ(api_->Call("staff-cd", "PUT", "/api/v1/events/" + id, edit.dump()).status, 409);  // stale version
}

// Signed up for an event outside one's lineage (the admin put 成都's E1 and
// C1 on a 上海 event): the list shows it to them as the event page does, and
// to nobody else outside 上海's reach; asking for 上海's events shows only it.
TEST_P(EventApiTest, ParticipantsSeeEventsTheyAreRegisteredForOutsideTheirLineage) {
  const std::string shanghai = CreateEvent({{"title", "上海市劳模宣讲"}, {"org_id", "sh"}}, "admin");
  const std::string other = CreateEvent({{"title", "上海市技能培训"}, {"org_id", "sh"}}, "admin");
  auto ids = [&](const std::string& who, const std::string& query) {
    std::set<std::string> out;
    Reply r = api_->Get(who, "/api/v1/events" + query);
    EXPECT_EQ(r.status, 200) << r.raw;
    for (const auto& item : r.body["items"]) out.insert(item.value("id", ""));
    return out;
  };
  EXPECT_TRUE(ids("ent-e1", "").empty());
  EXPECT_TRUE(ids("ent-e1", "?org_id=sh").empty());
  ASSERT_EQ(Register("admin", shanghai, "enterprise", "E1").status, 201);
  ASSERT_EQ(Register("admin", shanghai, "craftsman", "C1").status, 201);
  EXPECT_EQ(api_->Get("ent-e1", "/api/v1/events/" + shanghai).status, 200);
  EXPECT_EQ(ids("ent-e1", ""), std::set<std::string>{shanghai});
  EXPECT_EQ(ids("ent-e1", "?org_id=sh"), std::set<std::string>{shanghai});
  EXPECT_EQ(ids("crafts-c1", ""), std::set<std::string>{shanghai});
  EXPECT_TRUE(ids("ent-e1", "?org_id=cq").empty());
  // Nobody else gains anything: the unregistered 上海 event stays hidden.
  EXPECT_EQ(api_->Get("ent-e1", "/api/v1/events/" + other).status, 404);
  EXPECT_TRUE(ids("staff-cd", "").empty());
  EXPECT_TRUE(ids("staff-cd", "?org_id=sh").empty());
  // 上海's own enterprise sees both, through its lineage.
  EXPECT_EQ(ids("ent-e2", ""), (std::set<std::string>{shanghai, other}));
  // The list row for E1 carries only E1's own registration.
  Reply listed = api_->Get("ent-e1", "/api/v1/events");
  ASSERT_EQ(listed.body["items"].size(), 1u);
  for (const auto& r : listed.body["items"][0].value("registrations", json::array())) {
    EXPECT_EQ(r.value("participant_id", ""), "E1");
  }
}

TEST_P(EventApiTest, ParallelRegistrationsNeverOverbook) {
  constexpr int kCapacity = 5;
  constexpr int kContenders = 12;
  AddParticipants(kContenders, 0);
  const std::string id = CreateEvent({{"capacity", kCapacity}});
  api_->Get("admin", "/api/v1/events/" + id);  // signs in before the threads share the token table
  std::atomic<int> created{0}, full{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kContenders; ++i) {
    threads.emplace_back([&, i] {
      const int status = Register("admin", id, "enterprise", "E" + std::to_string(10 + i)).status;
      (status == 201 ? created : status == 409 ? full : other)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(other, 0);
  EXPECT_EQ(created, kCapacity);  // every lost race is retried, so all seats go
  EXPECT_EQ(full, kContenders - kCapacity);
  const json event = api_->Get("admin", "/api/v1/events/" + id).body;
  EXPECT_EQ(event["seats_taken"], kCapacity);
  EXPECT_EQ(event["registrations"].size(), static_cast<size_t>(kCapacity));

  // Two seats each into five: never more than two registrations.
  const std::string pairs = CreateEvent({{"capacity", kCapacity}, {"title", "双人名额"}});
  threads.clear();
  for (int i = 0; i < kContenders; ++i) {
    threads.emplace_back([&, i] { Register("admin", pairs, "enterprise", "E" + std::to_string(10 + i), 2); });
  }
  for (auto& t : threads) t.join();
  const json second = api_->Get("admin", "/api/v1/events/" + pairs).body;
  EXPECT_EQ(second["seats_taken"], 4);
  EXPECT_EQ(second["registrations"].size(), 2u);
}

TEST_P(EventApiTest, AttendanceFeedsKpisOnceThroughCorrections) {
  const std::string id = CreateEvent({{"capacity", 50}});
  ASSERT_EQ(Register("ent-e1", id, "enterprise", "E1", 20).status, 201);
  ASSERT_EQ(Register("crafts-c1", id, "craftsman", "C1").status, 201);
  EXPECT_EQ(Attend("ent-e1", id, "E1", 18).status, 403);
  EXPECT_EQ(Attend("crafts-c1", id, "E1", 18).status, 403);
  EXPECT_EQ(Attend("staff-sh", id, "E1", 18).status, 404);
  EXPECT_EQ(Attend("staff-cd", id, "E1", 21).status, 400);  // more than registered
  EXPECT_EQ(Attend("staff-cd", id, "E2", 1).status, 400);   // not registered

  Reply r = Attend("staff-cd", id, "E1", 18);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["delta"], 18);
  for (const std::string org : {"cd", "sc", "root", "chuanyu"}) {  // the lineage and its alliance
    EXPECT_EQ(Trained(org), 18) << org;
    EXPECT_EQ(Kpi(org, "total", "", "event_attendance"), 18) << org;
  }
  EXPECT_EQ(Trained("sh"), 0);
  EXPECT_EQ(Kpi("cd", "month", "03", "workers_trained"), 18);
  EXPECT_EQ(Kpi("cd", "region", "510100", "workers_trained"), 18);  // the organisation's region
  EXPECT_EQ(Kpi("cd", "kind", "training", "workers_trained"), 18);

  // Corrections add only the difference, down as well as up.
  EXPECT_EQ(Attend("staff-sc", id, "E1", 15).body["delta"], -3);
  EXPECT_EQ(Attend("staff-cd", id, "E1", 15).body["delta"], 0);
  EXPECT_EQ(Attend("staff-cd", id, "C1", 1).body["delta"], 1);
  EXPECT_EQ(Trained("cd"), 16);
  EXPECT_EQ(Trained("root"), 16);
  EXPECT_EQ(Kpi("cd", "kind", "training", "event_attendance"), 16);
  EXPECT_EQ(api_->Get("staff-cd", "/api/v1/events/" + id).body["registrations"][0]["attended"], 15);
  // Seats cannot drop below attendance; the KPI's dimensions are fixed now.
  EXPECT_EQ(Register("ent-e1", id, "enterprise", "E1", 10).status, 400);
  json edit = api_->Get("staff-cd", "/api/v1/events/" + id).body;
  edit["date"] = "2026-03-01";
  EXPECT_EQ(api_->Call("staff-cd", "PUT", "/api/v1/events/" + id, edit.dump()).status, 409);
  edit["date"] = "2026-03-02";
  edit["title"] = "焊接质量提升培训（第一期）";
  EXPECT_EQ(api_->Call("staff-cd", "PUT", "/api/v1/events/" + id, edit.dump()).status, 200);

  // A lecture with its own region counts there; a showcase counts nothing;
  // an event still to come takes no attendance.
  const std::string lecture = CreateEvent({{"kind", "lecture"}, {"region", "510104"}});
  ASSERT_EQ(Register("ent-e1", lecture, "enterprise", "E1", 5).status, 201);
  ASSERT_EQ(Attend("staff-cd", lecture, "E1", 5).status, 200);
  EXPECT_EQ(Kpi("cd", "region", "510104", "workers_trained"), 5);
  EXPECT_EQ(Kpi("cd", "kind", "lecture", "event_attendance"), 5);
  const std::string showcase = CreateEvent({{"kind", "showcase"}});
  ASSERT_EQ(Register("ent-e1", showcase, "enterprise", "E1", 5).status, 201);
  ASSERT_EQ(Attend("staff-cd", showcase, "E1", 5).status, 200);
  const std::string later = CreateEvent({{"date", "2026-04-01"}});
  ASSERT_EQ(Register("ent-e1", later, "enterprise", "E1", 5).status, 201);
  EXPECT_EQ(Attend("staff-cd", later, "E1", 5).status, 409);
  EXPECT_EQ(Trained("cd"), 21);
  EXPECT_EQ(Kpi("cd", "total", "", "event_attendance"), 21);

  // Rebuilding the roll-up from the records gives the same figures.
  ASSERT_TRUE(services::RebuildKpi(api_->store()).ok());
  EXPECT_EQ(Trained("cd"), 21);
  EXPECT_EQ(Trained("chuanyu"), 21);
  EXPECT_EQ(Kpi("cd", "region", "510104", "workers_trained"), 5);
  EXPECT_EQ(Kpi("cd", "kind", "lecture", "event_attendance"), 5);
  EXPECT_EQ(Kpi("cd", "month", "03", "workers_trained"), 21);
}

TEST_P(EventApiTest, MatchmakingScheduleHasNoDoubleBookingAndAgendasArePrivate) {
  AddParticipants(3, 2);  // E10–E12, C10–C11 of 成都
  const std::string id = CreateEvent({{"kind", "matchmaking"}, {"title", "成都焊接技术对接会"}, {"capacity", 40}});
  const std::string base = "/api/v1/events/" + id;
  auto wishes = [&](const std::string& who, json body) {
    return api_->Call(who, "POST", base + "/wishes", body.dump());
  };
  EXPECT_EQ(wishes("ent-e1", {{"wishes", {{{"to_id", "C1"}}}}}).status, 409);  // not registered yet
  ASSERT_EQ(Register("ent-e1", id, "enterprise", "E1", 2).status, 201);
  ASSERT_EQ(Register("crafts-c1", id, "craftsman", "C1").status, 201);
  for (const std::string e : {"E2", "E10", "E11", "E12"}) ASSERT_EQ(Register("admin", id, "enterprise", e).status, 201);
  for (const std::string c : {"C2", "C3", "C10", "C11"}) ASSERT_EQ(Register("admin", id, "craftsman", c).status, 201);

  // Refusals: the other side only, registered only, one's own wishes only.
  EXPECT_EQ(wishes("ent-e1", {{"wishes", {{{"to_id", "E2"}}}}}).body["error"]["field"], "wishes[0].to_id");
  EXPECT_EQ(wishes("ent-e1", {{"wishes", {{{"to_id", "C99"}}}}}).status, 400);
  EXPECT_EQ(wishes("ent-e1", {{"wishes", {{{"to_id", "C1"}, {"weight", 0}}}}}).status, 400);
  EXPECT_EQ(wishes("ent-e1", {{"wishes", {{{"to_id", "C1"}}, {{"to_id", "C1"}}}}}).status, 400);
  EXPECT_EQ(wishes("ent-e1", {{"participant_id", "E2"}, {"wishes", {{{"to_id", "C1"}}}}}).status, 403);
  EXPECT_EQ(wishes("staff-sh", {{"participant_id", "E2"}, {"wishes", {{{"to_id", "C1"}}}}}).status, 404);

  ASSERT_EQ(
      wishes("ent-e1",
             {{"wishes", {{{"to_id", "C1"}, {"weight", 5}}, {{"to_id", "C2"}, {"weight", 3}}, {{"to_id", "C3"}}}}})
          .status,
      200);
  ASSERT_EQ(wishes("crafts-c1", {{"wishes", {{{"to_id", "E1"}, {"weight", 5}}, {{"to_id", "E2"}}}}}).status, 200);
  const std::map<std::string, std::vector<std::string>> by_staff = {{"E2", {"C1", "C2", "C10"}},
                                                                    {"E10", {"C1", "C2", "C3", "C11"}},
                                                                    {"E11", {"C1", "C3"}},
                                                                    {"E12", {"C1", "C10", "C11"}},
                                                                    {"C2", {"E1", "E10"}},
                                                                    {"C3", {"E11", "E12"}},
                                                                    {"C10", {"E12"}}};
  for (const auto& [from, to] : by_staff) {
    json list = json::array();
    for (const auto& t : to) list.push_back({{"to_id", t}, {"weight", 2}});
    ASSERT_EQ(wishes("staff-cd", {{"participant_id", from}, {"wishes", list}}).status, 200) << from;
  }
  // Each participant sees only their own wishes on the event page.
  Reply page = api_->Get("ent-e1", base);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body["wishes"].size(), 1u);
  EXPECT_TRUE(page.body["wishes"].contains("enterprise:E1"));
  EXPECT_EQ(api_->Get("staff-cd", base).body["wishes"].size(), 9u);

  EXPECT_EQ(api_->Get("ent-e1", base + "/agenda").status, 404);  // no schedule yet
  EXPECT_EQ(api_->Call("ent-e1", "POST", base + "/schedule", json{{"slots", 3}}.dump()).status, 403);
  EXPECT_EQ(api_->Call("staff-cd", "POST", base + "/schedule", json{{"slots", 0}}.dump()).status, 400);
  EXPECT_EQ(
      api_->Call("staff-cd", "POST", base + "/schedule", json{{"slots", 2}, {"slot_labels", {"14:00"}}}.dump()).status,
      400);
  Reply made = api_->Call("staff-cd", "POST", base + "/schedule",
                          json{{"slots", 3}, {"slot_labels", {"14:00-14:20", "14:20-14:40", "14:40-15:00"}}}.dump());
  ASSERT_EQ(made.status, 200) << made.raw;
  const json meetings = made.body["meetings"];
  ASSERT_FALSE(meetings.empty());

  // Checked here from the wishes alone: every meeting was wished by one side
  // at least, no pair meets twice, and nobody is in two places at once.
  std::set<std::pair<std::string, std::string>> wished, met;
  for (const auto& [from, to] : by_staff) {
    for (const auto& t : to) wished.insert(from[0] == 'E' ? std::make_pair(from, t) : std::make_pair(t, from));
  }
  for (const std::string c : {"C1", "C2", "C3"}) wished.insert({"E1", c});
  for (const std::string e : {"E1", "E2"}) wished.insert({e, "C1"});
  std::set<std::pair<std::string, int>> busy;
  for (const auto& m : meetings) {
    const std::string e = m["enterprise_id"], c = m["craftsman_id"];
    const int slot = m["slot"];
    EXPECT_TRUE(slot >= 0 && slot < 3) << m.dump();
    EXPECT_TRUE(wished.count({e, c})) << "nobody asked for " << m.dump();
    EXPECT_TRUE(met.insert({e, c}).second) << "meets twice: " << m.dump();
    EXPECT_TRUE(busy.insert({e, slot}).second) << "double booked: " << m.dump();
    EXPECT_TRUE(busy.insert({c, slot}).second) << "double booked: " << m.dump();
  }
  // Mutual E1–C1 (the strongest pair) is always scheduled.
  EXPECT_TRUE(met.count({"E1", "C1"}));

  // Agendas: each participant their own only; staff all of them.
  auto agenda_of = [&](const std::string& who, const std::string& query = "") {
    return api_->Get(who, base + "/agenda" + query);
  };
  for (const auto& [who, self] :
       std::vector<std::pair<std::string, std::string>>{{"ent-e1", "E1"}, {"ent-e2", "E2"}, {"crafts-c1", "C1"}}) {
    Reply r = agenda_of(who);
    ASSERT_EQ(r.status, 200) << who << " " << r.raw;
    ASSERT_EQ(r.body["agendas"].size(), 1u) << who;
    const json& mine = r.body["agendas"][0];
    EXPECT_EQ(mine["participant_id"], self);
    size_t expected = 0;
    for (const auto& m : meetings) expected += (m["enterprise_id"] == self || m["craftsman_id"] == self) ? 1 : 0;
    EXPECT_EQ(mine["entries"].size(), expected) << who;
    EXPECT_EQ(agenda_of(who, "?participant_id=" + std::string(self == "E1" ? "E2" : "E1")).status, 404) << who;
  }
  EXPECT_EQ(api_->Get("ent-e2", base).status, 200);  // a registered participant of 上海 sees the event
  EXPECT_EQ(agenda_of("staff-sh").status, 404);
  EXPECT_EQ(agenda_of("staff-cd").body["agendas"].size(), 10u);
  EXPECT_EQ(agenda_of("staff-cd", "?participant_id=C3").body["agendas"].size(), 1u);
  Reply text = agenda_of("ent-e1", "?format=text");
  ASSERT_EQ(text.status, 200);
  EXPECT_EQ(text.headers.find("Content-Type")->second.rfind("text/plain", 0), 0u);
  EXPECT_NE(text.raw.find("【企业E1】对接会日程"), std::string::npos) << text.raw;
  EXPECT_NE(text.raw.find("14:"), std::string::npos) << text.raw;
  EXPECT_EQ(text.raw.find("【企业E2】"), std::string::npos) << text.raw;
  EXPECT_EQ(agenda_of("ent-e1", "?format=pdf").status, 400);

  // Only a 对接会 has wishes and a schedule.
  const std::string training = CreateEvent();
  EXPECT_EQ(
      api_->Call("staff-cd", "POST", "/api/v1/events/" + training + "/schedule", json{{"slots", 3}}.dump()).status,
      409);
}

TEST_P(EventApiTest, CancellingTellsRegistrantsAndFreezesTheEvent) {
  const std::string id = CreateEvent();
  const std::string base = "/api/v1/events/" + id;
  ASSERT_EQ(Register("ent-e1", id, "enterprise", "E1", 3).status, 201);
  ASSERT_EQ(Register("crafts-c1", id, "craftsman", "C1").status, 201);
  const int version = api_->Get("staff-cd", base).body["version"];
  auto cancel = [&](const std::string& who, json body) { return api_->Call(who, "POST", base + "/cancel", body.dump()); };
  EXPECT_EQ(cancel("ent-e1", {{"reason", "不想办了"}, {"version", version}}).status, 403);
  EXPECT_EQ(cancel("staff-sh", {{"reason", "越权"}, {"version", version}}).status, 404);
  EXPECT_EQ(cancel("staff-cd", {{"reason", "场地冲突"}, {"version", version - 1}}).status, 409);
  EXPECT_EQ(cancel("staff-cd", {{"version", version}}).body["error"]["field"], "reason");

  Reply done = cancel("staff-cd", {{"reason", "场地临时不可用"}, {"version", version}});
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.body["state"], "cancelled");
  for (const std::string who : {"ent-e1", "crafts-c1"}) {
    bool told = false;
    const Reply inbox = api_->Get(who, "/api/v1/notifications");
    for (const auto& n : inbox.body["items"]) told |= n["event"] == "event_cancelled";
    EXPECT_TRUE(told) << who << " " << inbox.raw;
  }
  // Nothing about a cancelled event changes any more.
  EXPECT_EQ(Register("ent-e1", id, "enterprise", "E1", 2).status, 409);
  EXPECT_EQ(Attend("staff-cd", id, "E1", 2).status, 409);
  EXPECT_EQ(api_->Call("crafts-c1", "POST", base + "/withdraw", "{}").status, 409);
  EXPECT_EQ(cancel("staff-cd", {{"reason", "再取消"}, {"version", done.body["version"]}}).status, 409);

  // Attendance is in the KPIs: cancelling waits until it is corrected to 0.
  const std::string held = CreateEvent({{"title", "已举办的培训"}});
  ASSERT_EQ(Register("ent-e1", held, "enterprise", "E1", 5).status, 201);
  ASSERT_EQ(Attend("staff-cd", held, "E1", 4).status, 200);
  auto held_version = [&] { return api_->Get("staff-cd", "/api/v1/events/" + held).body["version"].get<int>(); };
  EXPECT_EQ(api_->Call("staff-cd", "POST", "/api/v1/events/" + held + "/cancel",
                       json{{"reason", "补录取消"}, {"version", held_version()}}.dump())
                .status,
            409);
  ASSERT_EQ(Attend("staff-cd", held, "E1", 0).status, 200);
  EXPECT_EQ(api_->Call("staff-cd", "POST", "/api/v1/events/" + held + "/cancel",
                       json{{"reason", "补录取消"}, {"version", held_version()}}.dump())
                .status,
            200);
  EXPECT_EQ(Trained("cd"), 0);
}

TEST_P(EventApiTest, WithdrawingTakesWishesAndMeetingsAlong) {
  const std::string id = CreateEvent({{"kind", "matchmaking"}, {"title", "撤回报名对接会"}});
  const std::string base = "/api/v1/events/" + id;
  ASSERT_EQ(Register("ent-e1", id, "enterprise", "E1").status, 201);
  ASSERT_EQ(Register("crafts-c1", id, "craftsman", "C1").status, 201);
  ASSERT_EQ(Register("admin", id, "craftsman", "C2").status, 201);
  ASSERT_EQ(api_->Call("ent-e1", "POST", base + "/wishes",
                       json{{"wishes", {{{"to_id", "C1"}, {"weight", 5}}, {{"to_id", "C2"}}}}}.dump())
                .status,
            200);
  ASSERT_EQ(api_->Call("crafts-c1", "POST", base + "/wishes", json{{"wishes", {{{"to_id", "E1"}}}}}.dump()).status,
            200);
  ASSERT_EQ(api_->Call("staff-cd", "POST", base + "/schedule", json{{"slots", 2}}.dump()).status, 200);
  // A participant sees whom they could meet (names only); staff the stored plan.
  const json seen_by_e1 = api_->Get("ent-e1", base).body;
  ASSERT_EQ(seen_by_e1["counterparts"].size(), 2u) << seen_by_e1.dump();
  EXPECT_FALSE(seen_by_e1["counterparts"][0].contains("seats"));
  EXPECT_EQ(seen_by_e1["registrations"].size(), 1u);
  EXPECT_FALSE(api_->Get("staff-cd", base).body.contains("counterparts"));
  EXPECT_EQ(api_->Get("staff-cd", base).body["schedule"]["plan"]["meetings"].size(), 2u);
  EXPECT_FALSE(seen_by_e1["schedule"].contains("plan"));

  auto withdraw = [&](const std::string& who, json body) {
    return api_->Call(who, "POST", base + "/withdraw", body.dump());
  };
  EXPECT_EQ(withdraw("ent-e1", {{"participant_id", "C2"}}).status, 403);  // only one's own
  EXPECT_EQ(withdraw("staff-sh", {{"participant_id", "C2"}}).status, 404);
  Reply gone = withdraw("crafts-c1", json::object());
  ASSERT_EQ(gone.status, 200) << gone.raw;
  EXPECT_EQ(withdraw("crafts-c1", json::object()).body["error"]["field"], "participant_id");  // not registered now

  const json event = api_->Get("staff-cd", base).body;
  for (const auto& r : event["registrations"]) EXPECT_NE(r["participant_id"], "C1");
  EXPECT_FALSE(event["wishes"].contains("craftsman:C1"));
  ASSERT_EQ(event["wishes"]["enterprise:E1"].size(), 1u);  // E1 still wishes to meet C2
  EXPECT_EQ(event["wishes"]["enterprise:E1"][0]["to_id"], "C2");
  Reply agenda = api_->Get("ent-e1", base + "/agenda");
  ASSERT_EQ(agenda.status, 200) << agenda.raw;
  for (const auto& entry : agenda.body["agendas"][0]["entries"]) EXPECT_NE(entry["counterpart_id"], "C1");
  EXPECT_EQ(api_->Get("staff-cd", base + "/agenda?participant_id=C1").status, 404);

  // A participant whose attendance is recorded stays: the KPIs count them.
  ASSERT_EQ(Attend("staff-cd", id, "E1", 1).status, 200);
  EXPECT_EQ(withdraw("staff-cd", {{"participant_id", "E1"}, {"participant_kind", "enterprise"}}).status, 409);
  EXPECT_EQ(withdraw("staff-cd", {{"participant_id", "C2"}, {"participant_kind", "craftsman"}}).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventApiTest, ::testing::ValuesIn(BackendsUnderTest()),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace craftlink::testing
