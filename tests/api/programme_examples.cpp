#include "programme_examples.h"

#include <stdexcept>

namespace craftlink::testing {
namespace {

using nlohmann::json;

void Put(storage::Store& store, storage::DocumentRow row) {
  row.version = 1;
  row.created_at = row.updated_at = "2026-02-01T08:00:00.000Z";
  storage::TrackingWrite write;
  const std::string id = row.id;
  write.documents.push_back({std::move(row), -1});
  if (!store.CommitTracking(write).ok()) throw std::runtime_error("seed " + id);
}

storage::DocumentRow Agreement(const std::string& id, const std::string& org, const std::string& enterprise,
                               const std::string& craftsman) {
  return {.kind = "agreement",
          .id = id,
          .org_id = org,
          .ref_a = enterprise,
          .ref_b = craftsman,
          .state = "active",
          .body = {{"party_kind", "craftsman"},
                   {"party_name", "工匠" + craftsman},
                   {"enterprise_name", "企业" + enterprise},
                   {"start", "2026-01-01"},
                   {"end", "2026-12-31"},
                   {"scope", "焊接工艺改进"},
                   {"planned_visits", 12}}};
}

storage::DocumentRow Mentorship(const std::string& id, const std::string& org, const std::string& master) {
  return {.kind = "mentorship",
          .id = id,
          .org_id = org,
          .ref_a = master,
          .state = "active",
          .body = {{"master_name", "工匠" + master},
                   {"apprentice", {{"name", "王小明"}, {"employer", "企业E1"}}},
                   {"goals", "独立完成铝合金焊接"},
                   {"start", "2026-01-15"},
                   {"notes", json::array()}}};
}

}  // namespace

void SeedProgrammeExamples(storage::Store& store) {
  Put(store, Agreement("AG-DOC", "cd", "E1", "C1"));
  Put(store, Agreement("AG-END", "sh", "E2", "C2"));
  Put(store, Mentorship("MS-DOC", "cd", "C1"));
  Put(store, Mentorship("MS-END", "cq", "C3"));
  Put(store, {.kind = "studio",
              .id = "ST-DOC",
              .org_id = "cd",
              .ref_a = "C1",
              .state = "active",
              .body = {{"name", "示例创新工作室"},
                       {"lead_id", "C1"},
                       {"lead_name", "工匠C1"},
                       {"member_ids", {"C1"}},
                       {"result_ids", {"R1"}},
                       {"alliance_ids", {"chuanyu"}},
                       {"description", ""}}});
  // A 对接会 already held, with two participants, a wish and its schedule.
  const json schedule = {{"slots", 2},
                         {"slot_labels", {"14:00-14:20", "14:20-14:40"}},
                         {"meetings",
                          {{{"enterprise_id", "E1"},
                            {"craftsman_id", "C1"},
                            {"slot", 0},
                            {"slot_label", "14:00-14:20"},
                            {"score", 5},
                            {"mutual", false}}}},
                         {"unplaced", json::array()},
                         {"total_score", 5},
                         {"upper_bound", 5},
                         {"wished_pairs", 1},
                         {"mutual_pairs", 0},
                         {"mutual_meetings", 0},
                         {"enterprises", {{{"id", "E1"}, {"name", "企业E1"}}}},
                         {"craftsmen", {{{"id", "C1"}, {"name", "工匠C1"}}}},
                         {"mutual_bonus", 100},
                         {"generated_at", "2026-02-18T08:00:00.000Z"},
                         {"generated_by", "admin"}};
  Put(store,
      {.kind = "event",
       .id = "EV-DOC",
       .org_id = "cd",
       .ref_a = "matchmaking",
       .ref_b = "2026-02-20",
       .state = "open",
       .body = {{"kind", "matchmaking"},
                {"title", "成都焊接技术对接会"},
                {"date", "2026-02-20"},
                {"place", "成都市职工服务中心"},
                {"organiser", "成都市总工会"},
                {"capacity", 10},
                {"region", ""},
                {"registrations",
                 {{{"participant_kind", "enterprise"}, {"participant_id", "E1"}, {"name", "企业E1"}, {"seats", 2}},
                  {{"participant_kind", "craftsman"}, {"participant_id", "C1"}, {"name", "工匠C1"}, {"seats", 1}}}},
                {"wishes", {{"enterprise:E1", {{{"to_id", "C1"}, {"weight", 5}}}}}},
                {"schedule", schedule}}});
  // An upcoming lecture nobody has signed up for: the one to call off.
  Put(store, {.kind = "event",
              .id = "EV-OFF",
              .org_id = "cd",
              .ref_a = "lecture",
              .ref_b = "2026-04-01",
              .state = "open",
              .body = {{"kind", "lecture"},
                       {"title", "劳模精神宣讲"},
                       {"date", "2026-04-01"},
                       {"place", "成都市工人文化宫"},
                       {"organiser", "成都市总工会"},
                       {"capacity", 20},
                       {"region", ""},
                       {"registrations", json::array()}}});
}

const std::map<std::string, std::string>& ProgrammeExamplePaths() {
  static const std::map<std::string, std::string> kPaths = {
      {"/api/v1/agreements/{id}", "/api/v1/agreements/AG-DOC"},
      {"/api/v1/agreements/{id}/renew", "/api/v1/agreements/AG-DOC/renew"},
      {"/api/v1/agreements/{id}/end", "/api/v1/agreements/AG-END/end"},
      {"/api/v1/events/{id}", "/api/v1/events/EV-DOC"},
      {"/api/v1/events/{id}/registrations", "/api/v1/events/EV-DOC/registrations"},
      {"/api/v1/events/{id}/attendance", "/api/v1/events/EV-DOC/attendance"},
      {"/api/v1/events/{id}/wishes", "/api/v1/events/EV-DOC/wishes"},
      {"/api/v1/events/{id}/schedule", "/api/v1/events/EV-DOC/schedule"},
      {"/api/v1/events/{id}/agenda", "/api/v1/events/EV-DOC/agenda"},
      {"/api/v1/events/{id}/withdraw", "/api/v1/events/EV-DOC/withdraw"},
      {"/api/v1/events/{id}/cancel", "/api/v1/events/EV-OFF/cancel"},
      {"/api/v1/mentorships/{id}", "/api/v1/mentorships/MS-DOC"},
      {"/api/v1/mentorships/{id}/notes", "/api/v1/mentorships/MS-DOC/notes"},
      {"/api/v1/mentorships/{id}/complete", "/api/v1/mentorships/MS-END/complete"},
      {"/api/v1/studios/{id}", "/api/v1/studios/ST-DOC"},
  };
  return kPaths;
}

}  // namespace craftlink::testing
