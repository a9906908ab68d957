#include "services/service_support.h"
#include "services/engagement_service.h"

#include <algorithm>
#include <set>

#include "access/policy.h"
#include "core/utf8.h"
#include "services/engagement_step.h"
#include "tracking/engagement_facts.h"

namespace craftlink::services {
namespace {

using tracking::Actor;
using tracking::EngagementAction;
using tracking::EngagementState;

Status Hidden(std::string_view id) {
  return Status::NotFound("没有找到助企服务 " + std::string(id) + "，或您无权查看");
}

std::string EngagementId(const std::string& need_id, size_t n) {
  return "G-" + need_id + "-" + std::to_string(n);
}

}  // namespace

std::optional<Actor> ActorFor(const access::Principal& who, const access::Policy& policy,
                              const storage::EngagementRow& row) {
  if (policy.InScope(who, row.org_id)) return Actor::kStaff;
  if (who.role == access::Role::kCraftsman && !who.craftsman_id.empty()) {
    if (who.craftsman_id == row.lead_craftsman_id) return Actor::kLead;
    if (std::find(row.member_ids.begin(), row.member_ids.end(), who.craftsman_id) != row.member_ids.end()) {
      return Actor::kMember;
    }
  }
  if (who.role == access::Role::kEnterprise && !who.enterprise_id.empty() && who.enterprise_id == row.enterprise_id) {
    return Actor::kEnterprise;
  }
  return std::nullopt;
}

Result<std::string> RequiredText(const nlohmann::json& body, const char* field, const char* chinese,
                                 size_t max_chars) {
  const std::string text = OptionalText(body, field);
  if (text.empty()) return Status::Invalid(std::string("请填写") + chinese, field);
  if (utf8::CodePointCount(text) > max_chars) {
    return Status::Invalid(std::string(chinese) + "过长（最多 " + std::to_string(max_chars) + " 字）", field);
  }
  return text;
}

std::string OptionalText(const nlohmann::json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || !it->is_string()) return "";
  std::string text = it->get<std::string>();
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

Result<int64_t> IntegerIn(const nlohmann::json& body, const char* field, const char* chinese, int64_t lo, int64_t hi,
                          std::optional<int64_t> fallback) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (fallback) return *fallback;
    return Status::Invalid(std::string("请填写") + chinese, field);
  }
  if (!it->is_number_integer()) return Status::Invalid(std::string(chinese) + "应为整数", field);
  const int64_t v = it->get<int64_t>();
  if (v < lo || v > hi) {
    return Status::Invalid(std::string(chinese) + "应在 " + std::to_string(lo) + " 到 " + std::to_string(hi) +
                                       " 之间",
                                   field);
  }
  return v;
}

Result<bool> FlagField(const nlohmann::json& body, const char* field, bool fallback) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) return Status::Invalid(std::string(field) + " 应为 true 或 false", field);
  return it->get<bool>();
}

Result<std::string> DateField(const nlohmann::json& body, const char* field, const char* chinese) {
  const std::string text = OptionalText(body, field);
  if (text.empty()) return Status::Invalid(std::string("请填写") + chinese, field);
  if (text.size() != 10 || !ParseIsoDay(text)) {
    return Status::Invalid(std::string(chinese) + "应为 YYYY-MM-DD 格式的日期", field);
  }
  return text;
}

Result<tracking::FactScope> EngagementService::Step::Scope(storage::Store& store, const std::string& date,
                                                           const std::vector<std::string>& craftsmen) const {
  std::vector<std::string> involved{need.meta.org_id};
  for (const std::string& id : craftsmen) {
    auto c = store.GetCraftsman(id);
    if (!c.ok()) return c.status();
    if (c->has_value()) involved.push_back((*c)->meta.org_id);
  }
  return tracking::FactScope{date, need.region, need.industry,
                             need.kind ? std::string(domain::ServiceKindCode(*need.kind)) : "",
                             tracking::CreditedOrganisations(*orgs, involved)};
}

void EngagementService::Step::Notify(std::string recipient, std::string event, std::string title) {
  write.notifications.push_back({.recipient = std::move(recipient),
                                 .event = std::move(event),
                                 .title = std::move(title),
                                 .payload = {{"engagement_id", row.id}, {"need_id", row.need_id}, {"state", row.state}},
                                 .created_at = now_iso});
}

void EngagementService::Step::NotifyAll(const std::string& event, const std::string& title) {
  Notify("enterprise:" + row.enterprise_id, event, title);
  for (const std::string& m : row.member_ids) Notify("craftsman:" + m, event, title);
  Notify("org:" + row.org_id, event, title);
}

void EngagementService::Step::SetNeedStatus(domain::NeedStatus status) {
  if (need.status == status) return;
  need.status = status;
  write.needs.push_back(need);
}

Result<access::OrgDirectory> EngagementService::Directory() { return LoadDirectory(store_); }

Status EngagementService::Audit(const access::Principal& who, std::string_view action, std::string_view target,
                                const RequestOrigin& origin, const nlohmann::json& detail) {
  return AppendAuditLine(store_, who, action, target, origin, detail);
}

Result<EngagementService::Step> EngagementService::Load(const access::Principal& who, std::string_view id) {
  auto dir = Directory();
  if (!dir.ok()) return dir.status();
  auto row = store_.GetEngagement(id);
  if (!row.ok()) return row.status();
  if (!row->has_value()) return Hidden(id);
  const access::Policy policy(*dir);
  const auto actor = ActorFor(who, policy, **row);
  if (!actor) return Hidden(id);
  auto need = store_.GetNeed((*row)->need_id);
  if (!need.ok()) return need.status();
  if (!need->has_value()) return Status::Corruption("engagement " + std::string(id) + " names a missing need");
  Step step;
  step.who = who;
  step.actor = *actor;
  step.row = std::move(**row);
  step.read_version = step.row.version;
  step.need = std::move(**need);
  step.orgs = std::make_shared<const access::OrgDirectory>(std::move(*dir));
  step.now = clock_.Now();
  step.now_iso = FormatIso8601(step.now);
  step.today = LocalIsoDate(step.now);
  return step;
}

Status EngagementService::Commit(Step& step) {
  step.row.version = step.read_version < 0 ? 1 : step.read_version + 1;
  step.row.updated_at = step.now_iso;
  step.write.engagement = step.row;
  step.write.engagement_expected_version = step.read_version;
  // KPI increments follow from the history lines alone (engagement_facts.h).
  const tracking::ScopeFor scope_for = [&](const std::string& date, const std::vector<std::string>& craftsmen) {
    return step.Scope(store_, date, craftsmen);
  };
  step.write.kpi.clear();
  step.write.served.clear();
  for (const auto& line : step.write.events) {
    CRAFTLINK_RETURN_IF_ERROR(tracking::AddEngagementFacts(line, scope_for, step.write.kpi, step.write.served));
  }
  return store_.CommitTracking(step.write);
}

EngagementService::Step EngagementService::Begin(const access::Principal& who, domain::Need need,
                                                 std::shared_ptr<const access::OrgDirectory> orgs, std::string id,
                                                 std::vector<std::string> members) {
  Step step;
  step.who = who;
  step.actor = Actor::kStaff;
  step.need = std::move(need);
  step.orgs = std::move(orgs);
  step.now = clock_.Now();
  step.now_iso = FormatIso8601(step.now);
  step.today = LocalIsoDate(step.now);
  step.row.id = std::move(id);
  step.row.need_id = step.need.id;
  step.row.org_id = step.need.meta.org_id;
  step.row.enterprise_id = step.need.enterprise_id;
  step.row.lead_craftsman_id = members.front();
  step.row.member_ids = std::move(members);
  step.row.state = std::string(tracking::StateCode(EngagementState::kProposed));
  step.row.created_at = step.now_iso;
  step.write.events.push_back({.engagement_id = step.row.id,
                               .at = step.now_iso,
                               .user_id = who.user_id,
                               .action = "propose",
                               .from_state = "",
                               .to_state = step.row.state,
                               .detail = {{"craftsman_ids", step.row.member_ids}}});
  return step;
}

Result<nlohmann::json> EngagementService::Create(const access::Principal& who, const nlohmann::json& body,
                                                 const RequestOrigin& origin) {
  return CreateEngagement(who, body, origin, "");
}

Result<nlohmann::json> EngagementService::CreateFromPlan(const access::Principal& who, const nlohmann::json& body,
                                                         const RequestOrigin& origin, std::string_view plan_id) {
  return CreateEngagement(who, body, origin, plan_id);
}

Result<nlohmann::json> EngagementService::CreateEngagement(const access::Principal& who, const nlohmann::json& body,
                                                           const RequestOrigin& origin, std::string_view plan_id) {
  auto dir = Directory();
  if (!dir.ok()) return dir.status();
  const access::Policy policy(*dir);
  if (!policy.CanDispatch(who)) return Status::PermissionDenied("只有工会工作人员可以派单");
  auto need_id = RequiredText(body, "need_id", "需求编号", 64);
  if (!need_id.ok()) return need_id.status();
  auto need = store_.GetNeed(*need_id);
  if (!need.ok()) return need.status();
  if (!need->has_value() || !policy.InScope(who, (*need)->meta.org_id)) {
    return Status::NotFound("没有找到需求 " + *need_id + "，或它不在您的管辖范围内");
  }
  if ((*need)->meta.archived || (*need)->status == domain::NeedStatus::kClosed) {
    return Status::Conflict("需求 " + *need_id + " 已关闭或已归档，不能派单");
  }
  std::vector<std::string> members;
  if (auto it = body.find("craftsman_ids"); it != body.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (!v.is_string() || v.get<std::string>().empty()) {
        return Status::Invalid("工匠编号应为文字", "craftsman_ids");
      }
      if (std::find(members.begin(), members.end(), v.get<std::string>()) == members.end()) {
        members.push_back(v.get<std::string>());
      }
    }
  }
  if (members.empty()) return Status::Invalid("请至少选择一位工匠", "craftsman_ids");
  if (members.size() > 12) return Status::Invalid("一个小分队最多 12 人", "craftsman_ids");
  std::string lead = OptionalText(body, "lead_id");
  if (lead.empty()) lead = members.front();
  if (std::find(members.begin(), members.end(), lead) == members.end()) {
    return Status::Invalid("队长必须是所选工匠之一", "lead_id");
  }
  for (const std::string& id : members) {
    auto c = store_.GetCraftsman(id);
    if (!c.ok()) return c.status();
    if (!c->has_value() || (*c)->meta.archived) {
      return Status::Invalid("没有找到工匠 " + id, "craftsman_ids");
    }
    if (!(*c)->available) return Status::Conflict("工匠 " + (*c)->name + " 目前不接受派单");
  }
  auto existing = store_.ListEngagements({.need_id = *need_id});
  if (!existing.ok()) return existing.status();
  for (const auto& e : *existing) {
    if (!tracking::IsTerminal(*tracking::ParseState(e.state))) {
      return Status::Conflict("需求 " + *need_id + " 已有进行中的助企服务 " + e.id);
    }
  }

  std::vector<std::string> squad{lead};
  for (const std::string& m : members) {
    if (m != lead) squad.push_back(m);
  }
  Step step = Begin(who, std::move(**need), std::make_shared<const access::OrgDirectory>(std::move(*dir)),
                    EngagementId(*need_id, existing->size() + 1), squad);
  step.row.body["override_reason"] = OptionalText(body, "override_reason");
  step.plan_id = std::string(plan_id);
  auto dispatch_now = FlagField(body, "dispatch", true);
  if (!dispatch_now.ok()) return dispatch_now.status();
  if (*dispatch_now) {
    CRAFTLINK_RETURN_IF_ERROR(ApplyAction(step, EngagementAction::kDispatch, body));
  }
  CRAFTLINK_RETURN_IF_ERROR(Commit(step));
  (void)Audit(who, "dispatch", "engagements/" + step.row.id, origin,
              {{"need_id", step.need.id},
               {"craftsman_ids", step.row.member_ids},
               {"override", step.row.body.value("override", false)}});
  return View(who, access::Policy(*step.orgs), step.row, true);
}

Result<nlohmann::json> EngagementService::Act(const access::Principal& who, std::string_view id,
                                              EngagementAction action, const nlohmann::json& body,
                                              const RequestOrigin& origin) {
  auto step = Load(who, id);
  if (!step.ok()) return step.status();
  if (!tracking::MayAct(step->actor, action)) {
    return Status::PermissionDenied(std::string("您不能对这项助企服务执行「") +
                                    std::string(tracking::ActionChinese(action)) + "」");
  }
  auto version = body.find("version");
  if (version == body.end() || !version->is_number_integer()) {
    return Status::Invalid("请带上读取时的 version，以免覆盖他人的操作", "version");
  }
  if (version->get<int64_t>() != step->read_version) {
    return Status::Conflict("这项助企服务已被他人更新（当前版本 " + std::to_string(step->read_version) +
                            "），请刷新后再操作");
  }
  CRAFTLINK_RETURN_IF_ERROR(ApplyAction(*step, action, body));
  CRAFTLINK_RETURN_IF_ERROR(Commit(*step));
  (void)Audit(who, std::string("engagement_") + std::string(tracking::ActionCode(action)),
              "engagements/" + step->row.id, origin, {{"state", step->row.state}});
  return View(who, access::Policy(*step->orgs), step->row, true);
}

Result<nlohmann::json> EngagementService::Get(const access::Principal& who, std::string_view id) {
  auto step = Load(who, id);
  if (!step.ok()) return step.status();
  return View(who, access::Policy(*step->orgs), step->row, true);
}

Result<nlohmann::json> EngagementService::List(const access::Principal& who, const EngagementQuery& q) {
  auto dir = Directory();
  if (!dir.ok()) return dir.status();
  storage::EngagementFilter filter{.need_id = q.need_id,
                                   .craftsman_id = q.craftsman_id,
                                   .enterprise_id = q.enterprise_id,
                                   .state = q.state,
                                   .after_id = q.after,
                                   .limit = q.limit + 1};
  // Narrow to what the caller may see before the query, never after it, so
  // that paging cannot leak counts of hidden rows.
  switch (who.role) {
    case access::Role::kAdmin: break;
    case access::Role::kStaff:
      if (who.org_id.empty()) return nlohmann::json{{"items", nlohmann::json::array()}, {"next_after", nullptr}};
      filter.org_ids = dir->Subtree(who.org_id);
      break;
    case access::Role::kCraftsman:
      if (!q.craftsman_id.empty() && q.craftsman_id != who.craftsman_id) {
        return Status::PermissionDenied("工匠只能查看自己的助企服务");
      }
      filter.craftsman_id = who.craftsman_id.empty() ? "\x01none" : who.craftsman_id;
      break;
    case access::Role::kEnterprise:
      if (!q.enterprise_id.empty() && q.enterprise_id != who.enterprise_id) {
        return Status::PermissionDenied("企业只能查看自己的助企服务");
      }
      filter.enterprise_id = who.enterprise_id.empty() ? "\x01none" : who.enterprise_id;
      break;
  }
  if (!q.state.empty() && !tracking::ParseState(q.state)) {
    return Status::Invalid("未知的状态 " + q.state, "state");
  }
  const access::Policy policy(*dir);
  auto rows = store_.ListEngagements(filter);
  if (!rows.ok()) return rows.status();
  nlohmann::json next = nullptr;
  if (rows->size() > q.limit) {
    rows->resize(q.limit);
    next = rows->back().id;
  }
  auto names = ReadNames(*rows);
  if (!names.ok()) return names.status();
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = 0; i < rows->size(); ++i) {
    auto view = View(who, policy, (*rows)[i], false, *names);
    if (!view.ok()) return view.status();
    items.push_back(std::move(*view));
  }
  return nlohmann::json{{"items", items}, {"next_after", next}};
}

}  // namespace craftlink::services
