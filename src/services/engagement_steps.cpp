// The engagement steps: what each one checks, records, counts and tells.
#include <algorithm>
#include <cmath>

#include "services/engagement_step.h"

namespace craftlink::services {
namespace {

using tracking::EngagementAction;
using tracking::EngagementState;

Result<int64_t> VisitMinutes(const nlohmann::json& body) {
  auto it = body.find("hours");
  if (it == body.end() || !it->is_number()) return Status::Invalid("请填写服务时长（小时）", "hours");
  const double hours = it->get<double>();
  if (!(hours > 0) || hours > 24) return Status::Invalid("服务时长应大于 0 且不超过 24 小时", "hours");
  return static_cast<int64_t>(std::lround(hours * 60));
}

}  // namespace

Status EngagementService::ApplyAction(Step& step, EngagementAction action, const nlohmann::json& body) {
  const EngagementState from = step.state();
  const auto next = tracking::NextState(from, action);
  if (!next) {
    return Status::Conflict(std::string("「") + std::string(tracking::ActionChinese(action)) + "」不能用于" +
                            std::string(tracking::StateChinese(from)) + "的助企服务");
  }
  step.detail = nlohmann::json::object();
  step.force_state.reset();
  const std::string& title = step.need.title;
  switch (action) {
    case EngagementAction::kDispatch:
      CRAFTLINK_RETURN_IF_ERROR(Dispatch(step, body));
      break;
    case EngagementAction::kAccept:
      step.row.body["accepted_at"] = step.now_iso;
      step.Notify("enterprise:" + step.row.enterprise_id, "accepted", "工匠已接单：" + title);
      step.Notify("org:" + step.row.org_id, "accepted", "工匠已接单：" + title);
      break;
    case EngagementAction::kDecline:
    case EngagementAction::kCancel: {
      auto reason = RequiredText(body, "reason", action == EngagementAction::kDecline ? "婉拒理由" : "撤销理由", 500);
      if (!reason.ok()) return reason.status();
      step.detail["reason"] = *reason;
      step.row.body["end_reason"] = *reason;
      if (action == EngagementAction::kDecline) {
        step.detail["craftsman_ids"] = {step.row.lead_craftsman_id};
        step.Notify("org:" + step.row.org_id, "declined", "工匠婉拒派单，需求已重新开放：" + title);
      } else {
        step.NotifyAll("cancelled", "助企服务已撤销：" + title);
      }
      step.SetNeedStatus(domain::NeedStatus::kOpen);  // back into the inbox for matching
      break;
    }
    case EngagementAction::kExpire:
      CRAFTLINK_RETURN_IF_ERROR(Expire(step));
      break;
    case EngagementAction::kSchedule:
      CRAFTLINK_RETURN_IF_ERROR(Schedule(step, body));
      break;
    case EngagementAction::kLogVisit:
      CRAFTLINK_RETURN_IF_ERROR(LogVisit(step, body));
      break;
    case EngagementAction::kResolve:
    case EngagementAction::kNotResolve:
      CRAFTLINK_RETURN_IF_ERROR(Resolve(step, action == EngagementAction::kResolve, body));
      break;
    case EngagementAction::kRate:
      CRAFTLINK_RETURN_IF_ERROR(Rate(step, body));
      break;
    case EngagementAction::kFollowUp:
      CRAFTLINK_RETURN_IF_ERROR(FollowUp(step, body));
      break;
    case EngagementAction::kClose: {
      const std::string reason = OptionalText(body, "reason");
      if (!reason.empty()) step.detail["reason"] = reason;
      const bool solved = step.row.body.value("confirmed_solved", false);
      step.SetNeedStatus(solved ? domain::NeedStatus::kClosed : domain::NeedStatus::kOpen);
      break;
    }
  }
  const EngagementState to = step.force_state.value_or(*next);
  step.row.state = std::string(tracking::StateCode(to));
  step.write.events.push_back({.engagement_id = step.row.id,
                               .at = step.now_iso,
                               .user_id = step.who.user_id,
                               .action = std::string(tracking::ActionCode(action)),
                               .from_state = std::string(tracking::StateCode(from)),
                               .to_state = step.row.state,
                               .detail = step.detail});
  return Status::Ok();
}

Status EngagementService::Dispatch(Step& step, const nlohmann::json& body) {
  const bool reoffer = step.row.body.value("reoffer", false);
  std::string suggested;
  if (!step.plan_id.empty()) {
    suggested = step.row.lead_craftsman_id;
    step.row.body["dispatch_plan_id"] = step.plan_id;
    step.detail["dispatch_plan_id"] = step.plan_id;
  } else if (matches_ != nullptr && !reoffer) {
    auto ranked = matches_->RankedInPool(step.need, 1);
    if (!ranked.ok()) return ranked.status();
    if (!ranked->empty()) suggested = ranked->front();
  }
  const bool override = !suggested.empty() && suggested != step.row.lead_craftsman_id;
  const std::string reason = OptionalText(body, "override_reason");
  if (override && reason.empty()) {
    std::string name = suggested;
    auto c = store_.GetCraftsman(suggested);
    if (c.ok() && c->has_value()) name = (*c)->name + "（" + suggested + "）";
    return Status::Invalid("所选工匠不是系统首选推荐 " + name + "，请填写改派理由", "override_reason");
  }
  step.row.body["suggested_craftsman_id"] = suggested;
  step.row.body["override"] = override;
  step.row.body["override_reason"] = override ? reason : "";
  step.row.body["dispatched_at"] = step.now_iso;
  step.row.body["reminded_at"] = "";
  step.detail["lead_id"] = step.row.lead_craftsman_id;
  step.detail["craftsman_ids"] = step.row.member_ids;
  step.detail["override"] = override;
  if (override) step.detail["override_reason"] = reason;
  step.SetNeedStatus(domain::NeedStatus::kInProgress);
  step.Notify("craftsman:" + step.row.lead_craftsman_id, "dispatched", "新的派单：" + step.need.title);
  for (const std::string& m : step.row.member_ids) {
    if (m != step.row.lead_craftsman_id) step.Notify("craftsman:" + m, "dispatched", "您加入了小分队：" + step.need.title);
  }
  step.Notify("enterprise:" + step.row.enterprise_id, "dispatched", "已为您的需求派出工匠：" + step.need.title);
  return Status::Ok();
}

Status EngagementService::Expire(Step& step) {
  step.detail["after_minutes"] = options_.expire_after.count();
  step.detail["craftsman_ids"] = {step.row.lead_craftsman_id};
  step.SetNeedStatus(domain::NeedStatus::kOpen);
  step.Notify("craftsman:" + step.row.lead_craftsman_id, "expired", "派单超时未接，已转派他人：" + step.need.title);
  return Status::Ok();
}

Status EngagementService::Schedule(Step& step, const nlohmann::json& body) {
  auto date = DateField(body, "date", "走访日期");
  if (!date.ok()) return date.status();
  if (*date < step.today) return Status::Invalid("预约的走访日期不能早于今天", "date");
  const std::string place = OptionalText(body, "place");
  if (place.size() > 600) return Status::Invalid("地点过长", "place");
  nlohmann::json plan{{"date", *date}, {"place", place}, {"note", OptionalText(body, "note")}, {"notified", false}};
  step.row.body["planned_visits"].push_back(plan);
  step.detail = plan;
  step.detail.erase("notified");
  step.NotifyAll("visit_scheduled", "已预约走访 " + *date + "：" + step.need.title);
  return Status::Ok();
}

Status EngagementService::LogVisit(Step& step, const nlohmann::json& body) {
  auto date = DateField(body, "date", "走访日期");
  if (!date.ok()) return date.status();
  if (*date > step.today) return Status::Invalid("走访日期不能晚于今天：请在走访之后登记", "date");
  const std::string posted = step.need.posted.empty() ? step.row.created_at.substr(0, 10) : step.need.posted;
  if (*date < posted.substr(0, 10)) return Status::Invalid("走访日期早于需求发布日期 " + posted, "date");
  auto minutes = VisitMinutes(body);
  if (!minutes.ok()) return minutes.status();
  auto trained = IntegerIn(body, "workers_trained", "培训职工人数", 0, 10000, 0);
  if (!trained.ok()) return trained.status();
  auto summary = RequiredText(body, "summary", "服务内容", 2000);
  if (!summary.ok()) return summary.status();
  const std::string place = OptionalText(body, "place");
  if (place.size() > 600) return Status::Invalid("地点过长", "place");

  std::vector<std::string> present;
  if (auto it = body.find("craftsman_ids"); it != body.end() && it->is_array() && !it->empty()) {
    for (const auto& v : *it) {
      const std::string id = v.is_string() ? v.get<std::string>() : "";
      if (std::find(step.row.member_ids.begin(), step.row.member_ids.end(), id) == step.row.member_ids.end()) {
        return Status::Invalid("到场工匠 " + id + " 不是这项服务的成员", "craftsman_ids");
      }
      if (std::find(present.begin(), present.end(), id) == present.end()) present.push_back(id);
    }
  } else {
    present.push_back(step.who.role == access::Role::kCraftsman ? step.who.craftsman_id : step.row.lead_craftsman_id);
  }

  std::string agreement = OptionalText(body, "agreement_id");
  auto agreements = store_.ListDocuments({.kind = "agreement", .ref_a = step.row.enterprise_id});
  if (!agreements.ok()) return agreements.status();
  bool agreement_ok = agreement.empty();
  for (const auto& a : *agreements) {
    // A craftsman's agreement names them in ref_b; a studio's lists its
    // members (as of signing) in body.member_ids.
    const auto members = a.body.value("member_ids", std::vector<std::string>{});
    const bool party = std::any_of(present.begin(), present.end(), [&](const std::string& c) {
      return c == a.ref_b || std::find(members.begin(), members.end(), c) != members.end();
    });
    const bool covers =
        a.state == "active" && a.body.value("start", "") <= *date && *date <= a.body.value("end", "") && party;
    if (agreement.empty() && covers) agreement = a.id;  // counts against the standing agreement
    if (a.id == agreement && covers) agreement_ok = true;
  }
  if (!agreement_ok) return Status::Invalid("协议 " + agreement + " 不覆盖这次走访（企业、工匠或期限不符）", "agreement_id");

  auto previous = store_.VisitsOf(step.row.id);
  if (!previous.ok()) return previous.status();
  storage::VisitRow visit{.id = "V-" + step.row.id + "-" + std::to_string(previous->size() + 1),
                          .engagement_id = step.row.id,
                          .visit_date = *date,
                          .minutes = *minutes,
                          .place = place,
                          .workers_trained = *trained,
                          .summary = *summary,
                          .craftsman_ids = present,
                          .agreement_id = agreement,
                          .logged_by = step.who.user_id,
                          .logged_at = step.now_iso};
  step.write.visits.push_back(visit);
  step.detail = {{"visit_id", visit.id},         {"date", *date},
                 {"craftsman_ids", present},       {"minutes", *minutes},
                 {"workers_trained", *trained},    {"enterprise_id", step.row.enterprise_id}};
  if (previous->empty()) {
    step.detail["days_to_first_visit"] = DaysBetween(*ParseIsoDay(posted), *ParseIsoDay(*date));
  }
  step.Notify("enterprise:" + step.row.enterprise_id, "visit_logged", "走访已登记（" + *date + "）：" + step.need.title);
  return Status::Ok();
}

Status EngagementService::Resolve(Step& step, bool resolved, const nlohmann::json& body) {
  if (!resolved) {
    auto reason = RequiredText(body, "reason", "未能解决的原因", 1000);
    if (!reason.ok()) return reason.status();
    step.detail["reason"] = *reason;
    step.row.body["resolution"] = {{"resolved", false}, {"reason", *reason}, {"at", step.today}};
    step.detail["craftsman_ids"] = step.row.member_ids;
    step.SetNeedStatus(domain::NeedStatus::kOpen);
    step.Notify("enterprise:" + step.row.enterprise_id, "not_resolved", "服务结束但问题未解决，请评价：" + step.need.title);
    step.Notify("org:" + step.row.org_id, "not_resolved", "问题未解决，需求已重新开放：" + step.need.title);
    return Status::Ok();
  }
  auto summary = RequiredText(body, "summary", "解决情况", 2000);
  if (!summary.ok()) return summary.status();
  step.detail["summary"] = *summary;
  step.row.body["resolution"] = {{"resolved", true}, {"summary", *summary}, {"at", step.today}};
  for (int days : options_.followup_days) {
    step.write.followups.push_back({.engagement_id = step.row.id,
                                    .days = days,
                                    .due_date = LocalIsoDate(step.now + std::chrono::days(days))});
  }
  step.Notify("enterprise:" + step.row.enterprise_id, "resolved", "问题已解决，请确认并评价：" + step.need.title);
  return Status::Ok();
}

Status EngagementService::Rate(Step& step, const nlohmann::json& body) {
  auto rating = IntegerIn(body, "rating", "评分", 1, 5);
  if (!rating.ok()) return rating.status();
  const std::string comment = OptionalText(body, "comment");
  if (comment.size() > 3000) return Status::Invalid("评价内容过长", "comment");
  auto confirmed = body.find("confirmed");
  if (confirmed != body.end() && !confirmed->is_boolean()) return Status::Invalid("confirmed 应为 true 或 false", "confirmed");
  const bool was_resolved = step.state() == EngagementState::kResolved;
  const bool solved = was_resolved && (confirmed == body.end() || confirmed->get<bool>());
  step.row.body["feedback"] = {{"rating", *rating}, {"comment", comment}, {"confirmed", solved}, {"at", step.today}};
  step.row.body["confirmed_solved"] = solved;
  // A disputed fix (reported resolved, the enterprise says no) counts as not resolved.
  step.detail = {{"rating", *rating},
                 {"confirmed", solved},
                 {"disputed", was_resolved && !solved},
                 {"craftsman_ids", step.row.member_ids}};
  step.SetNeedStatus(solved ? domain::NeedStatus::kClosed : domain::NeedStatus::kOpen);
  if (!solved) step.force_state = EngagementState::kClosed;  // nothing to follow up
  step.Notify("org:" + step.row.org_id, "rated", "企业已评价（" + std::to_string(*rating) + " 分）：" + step.need.title);
  for (const std::string& m : step.row.member_ids) {
    step.Notify("craftsman:" + m, "rated", "企业已评价（" + std::to_string(*rating) + " 分）：" + step.need.title);
  }
  return Status::Ok();
}

Status EngagementService::FollowUp(Step& step, const nlohmann::json& body) {
  auto days = IntegerIn(body, "days", "回访节点（天）", 1, 3650);
  if (!days.ok()) return days.status();
  auto holding = body.find("holding");
  if (holding == body.end() || !holding->is_boolean()) {
    return Status::Invalid("请说明问题是否仍保持解决（holding: true/false）", "holding");
  }
  auto rows = store_.FollowUpsOf(step.row.id);
  if (!rows.ok()) return rows.status();
  auto it = std::find_if(rows->begin(), rows->end(), [&](const auto& f) { return f.days == *days; });
  if (it == rows->end()) return Status::Invalid("没有第 " + std::to_string(*days) + " 天的回访", "days");
  if (!it->answered_at.empty()) return Status::Conflict("第 " + std::to_string(*days) + " 天回访已于 " + it->answered_at.substr(0, 10) + " 完成");
  if (it->due_date > step.today) {
    return Status::Conflict("第 " + std::to_string(*days) + " 天回访尚未到期（到期日 " + it->due_date + "）");
  }
  nlohmann::json benefit = nlohmann::json::object();
  if (auto b = body.find("benefit"); b != body.end() && !b->is_null()) {
    if (!b->is_object()) return Status::Invalid("benefit 应为对象", "benefit");
    for (const char* key : {"cost_saved_yuan", "defect_rate_before", "defect_rate_after", "output_change_percent"}) {
      if (!b->contains(key)) continue;
      if (!(*b)[key].is_number() || (*b)[key].get<double>() < -1e9 || (*b)[key].get<double>() > 1e12) {
        return Status::Invalid(std::string(key) + " 应为数字", std::string("benefit.") + key);
      }
      benefit[key] = (*b)[key];
    }
    const std::string note = OptionalText(*b, "note");
    if (note.size() > 3000) return Status::Invalid("说明过长", "benefit.note");
    if (!note.empty()) benefit["note"] = note;
  }
  storage::FollowUpRow answered = *it;
  answered.answered_at = step.now_iso;
  answered.answered_by = step.who.user_id;
  answered.holding = holding->get<bool>();
  answered.benefit = benefit;
  step.write.followups.push_back(answered);
  step.detail = {{"days", *days},
                 {"holding", answered.holding},
                 {"benefit", benefit},
                 {"craftsman_ids", step.row.member_ids},
                 {"cost_saved_yuan",
                  benefit.contains("cost_saved_yuan") ? std::llround(benefit["cost_saved_yuan"].get<double>()) : 0}};
  const bool last = std::all_of(rows->begin(), rows->end(),
                                [&](const auto& f) { return f.days == *days || !f.answered_at.empty(); });
  if (last) {
    step.force_state = EngagementState::kClosed;
    step.detail["closed"] = true;
  }
  step.Notify("org:" + step.row.org_id, "follow_up_answered",
              "第 " + std::to_string(*days) + " 天回访：" + (answered.holding ? "效果保持" : "问题复发") + "：" + step.need.title);
  return Status::Ok();
}

}  // namespace craftlink::services
