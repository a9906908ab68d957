// How an engagement is shown to each party: the squad's phones only to
// staff in scope and to the craftsman themself, the override reasoning only
// to staff, and the steps the caller may take now, so the UI never offers a
// button the server would refuse.
#include "services/engagement_step.h"
#include "services/record_names.h"

namespace craftlink::services {
namespace {

using tracking::Actor;
using tracking::EngagementAction;

nlohmann::json AllowedActions(Actor actor, tracking::EngagementState state) {
  nlohmann::json out = nlohmann::json::array();
  for (int a = 0; a <= static_cast<int>(EngagementAction::kCancel); ++a) {
    const auto action = static_cast<EngagementAction>(a);
    if (action == EngagementAction::kExpire) continue;
    if (tracking::MayAct(actor, action) && tracking::NextState(state, action)) {
      out.push_back(tracking::ActionCode(action));
    }
  }
  return out;
}

std::string_view ActorCode(Actor actor) {
  switch (actor) {
    case Actor::kStaff: return "staff";
    case Actor::kLead: return "lead";
    case Actor::kMember: return "member";
    case Actor::kEnterprise: return "enterprise";
    case Actor::kSystem: return "system";
  }
  return "staff";
}

}  // namespace

// Names are read without visibility checks: whoever may see an engagement
// may see its need's title, its enterprise and its squad (phones are masked
// in View), even a confidential need's craftsman.
Result<EngagementService::Names> EngagementService::ReadNames(const std::vector<storage::EngagementRow>& rows) {
  std::vector<std::string> needs, enterprises, craftsmen;
  for (const auto& row : rows) {
    needs.push_back(row.need_id);
    enterprises.push_back(row.enterprise_id);
    craftsmen.insert(craftsmen.end(), row.member_ids.begin(), row.member_ids.end());
  }
  Names names;
  for (auto& chunk : ScanIdChunks(needs)) {
    CRAFTLINK_RETURN_IF_ERROR(store_.ScanNeeds({.include_archived = true, .ids = std::move(chunk)},
                                               [&](domain::Need&& n) {
                                                 names.need_titles[n.id] = std::move(n.title);
                                                 return true;
                                               }));
  }
  for (auto& chunk : ScanIdChunks(enterprises)) {
    CRAFTLINK_RETURN_IF_ERROR(store_.ScanEnterprises({.include_archived = true, .ids = std::move(chunk)},
                                                     [&](domain::Enterprise&& e) {
                                                       names.enterprise_names[e.id] = std::move(e.name);
                                                       return true;
                                                     }));
  }
  for (auto& chunk : ScanIdChunks(craftsmen)) {
    CRAFTLINK_RETURN_IF_ERROR(store_.ScanCraftsmen({.include_archived = true, .ids = std::move(chunk)},
                                                   [&](domain::Craftsman&& c) {
                                                     const std::string id = c.id;
                                                     names.craftsmen.emplace(id, std::move(c));
                                                     return true;
                                                   }));
  }
  return names;
}

Result<nlohmann::json> EngagementService::View(const access::Principal& who, const access::Policy& policy,
                                               const storage::EngagementRow& row, bool detailed) {
  auto names = ReadNames({row});
  if (!names.ok()) return names.status();
  return View(who, policy, row, detailed, *names);
}

Result<nlohmann::json> EngagementService::View(const access::Principal& who, const access::Policy& policy,
                                               const storage::EngagementRow& row, bool detailed,
                                               const Names& names) {
  const auto actor = ActorFor(who, policy, row);
  if (!actor) return Status::NotFound("没有找到助企服务 " + row.id);
  const auto state = *tracking::ParseState(row.state);
  nlohmann::json j{{"id", row.id},
                   {"need_id", row.need_id},
                   {"org_id", row.org_id},
                   {"enterprise_id", row.enterprise_id},
                   {"lead_craftsman_id", row.lead_craftsman_id},
                   {"state", row.state},
                   {"state_name", tracking::StateChinese(state)},
                   {"version", row.version},
                   {"created_at", row.created_at},
                   {"updated_at", row.updated_at},
                   {"your_role", ActorCode(*actor)},
                   {"allowed_actions", AllowedActions(*actor, state)}};
  for (const char* key : {"dispatched_at", "accepted_at", "planned_visits", "resolution", "feedback", "end_reason"}) {
    if (row.body.contains(key)) j[key] = row.body[key];
  }
  if (*actor == Actor::kStaff) {
    j["suggested_craftsman_id"] = row.body.value("suggested_craftsman_id", "");
    j["override"] = row.body.value("override", false);
    j["override_reason"] = row.body.value("override_reason", "");
    if (row.body.contains("dispatch_plan_id")) j["dispatch_plan_id"] = row.body["dispatch_plan_id"];
  }
  if (auto it = names.need_titles.find(row.need_id); it != names.need_titles.end()) j["need_title"] = it->second;
  if (auto it = names.enterprise_names.find(row.enterprise_id); it != names.enterprise_names.end()) {
    j["enterprise_name"] = it->second;
  }
  nlohmann::json members = nlohmann::json::array();
  for (const std::string& id : row.member_ids) {
    const auto it = names.craftsmen.find(id);
    if (it == names.craftsmen.end()) continue;
    const domain::Craftsman& c = it->second;
    const bool full = *actor == Actor::kStaff || who.craftsman_id == id;
    members.push_back({{"id", id},
                       {"name", c.name},
                       {"title", c.title},
                       {"lead", id == row.lead_craftsman_id},
                       {"phone", full ? c.phone : access::MaskPhone(c.phone)}});
  }
  j["members"] = std::move(members);
  if (!detailed) return j;

  auto visits = store_.VisitsOf(row.id);
  if (!visits.ok()) return visits.status();
  nlohmann::json visit_list = nlohmann::json::array();
  for (const auto& v : *visits) {
    visit_list.push_back({{"id", v.id},
                          {"date", v.visit_date},
                          {"hours", static_cast<double>(v.minutes) / 60.0},
                          {"place", v.place},
                          {"workers_trained", v.workers_trained},
                          {"summary", v.summary},
                          {"craftsman_ids", v.craftsman_ids},
                          {"agreement_id", v.agreement_id},
                          {"logged_at", v.logged_at}});
  }
  j["visits"] = std::move(visit_list);
  auto followups = store_.FollowUpsOf(row.id);
  if (!followups.ok()) return followups.status();
  nlohmann::json followup_list = nlohmann::json::array();
  for (const auto& f : *followups) {
    followup_list.push_back({{"days", f.days},
                             {"due_date", f.due_date},
                             {"answered_at", f.answered_at},
                             {"holding", f.answered_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.holding)},
                             {"benefit", f.benefit}});
  }
  j["followups"] = std::move(followup_list);
  auto history = store_.EngagementEvents(row.id);
  if (!history.ok()) return history.status();
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& e : *history) {
    const auto action = tracking::ParseAction(e.action);
    lines.push_back({{"at", e.at},
                     {"user_id", e.user_id},
                     {"action", e.action},
                     {"action_name", action ? tracking::ActionChinese(*action) : std::string_view("创建")},
                     {"from", e.from_state},
                     {"to", e.to_state},
                     {"detail", e.detail}});
  }
  j["history"] = std::move(lines);
  return j;
}

std::vector<std::string> InboxRecipients(const access::Principal& who) {
  std::vector<std::string> out{"user:" + who.user_id};
  if (who.role == access::Role::kCraftsman && !who.craftsman_id.empty()) out.push_back("craftsman:" + who.craftsman_id);
  if (who.role == access::Role::kEnterprise && !who.enterprise_id.empty()) {
    out.push_back("enterprise:" + who.enterprise_id);
  }
  if (who.role == access::Role::kStaff && !who.org_id.empty()) out.push_back("org:" + who.org_id);
  return out;
}

}  // namespace craftlink::services
