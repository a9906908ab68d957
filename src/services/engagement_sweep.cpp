// Work nobody asks for explicitly: reminding and re-offering dispatches that
// sit unanswered, announcing tomorrow's visits and due follow-ups — and
// promoting a proven fix into the innovation results library.
#include <algorithm>

#include "core/utf8.h"
#include "services/engagement_step.h"

namespace craftlink::services {
namespace {

using tracking::EngagementAction;
using tracking::EngagementState;

// The sweeper acts as the platform itself; history shows an empty user.
const access::Principal& SystemPrincipal() {
  static const access::Principal kSystem{"", "system", access::Role::kAdmin, "", "", ""};
  return kSystem;
}

struct SweepCounts {
  int reminded = 0;
  int expired = 0;
  int reoffered = 0;
  int visit_reminders = 0;
  int followups_due = 0;
  int skipped = 0;  // another instance or a person acted first
};

}  // namespace

Result<std::string> EngagementService::NextCandidate(const domain::Need& need) {
  if (matches_ == nullptr) return std::string();
  auto tried = store_.ListEngagements({.need_id = need.id});
  if (!tried.ok()) return tried.status();
  auto ranked = matches_->RankedInPool(need, 20);
  if (!ranked.ok()) return ranked.status();
  for (const std::string& id : *ranked) {
    const bool asked_before = std::any_of(tried->begin(), tried->end(), [&](const storage::EngagementRow& e) {
      return std::find(e.member_ids.begin(), e.member_ids.end(), id) != e.member_ids.end();
    });
    if (!asked_before) return id;
  }
  return std::string();
}

Status EngagementService::Reoffer(const Step& expired, const std::string& craftsman_id) {
  auto existing = store_.ListEngagements({.need_id = expired.need.id});
  if (!existing.ok()) return existing.status();
  domain::Need need = expired.need;
  need.status = domain::NeedStatus::kOpen;  // as the expiry left it
  Step step = Begin(SystemPrincipal(), std::move(need), expired.orgs,
                    "G-" + expired.need.id + "-" + std::to_string(existing->size() + 1), {craftsman_id});
  step.row.body["reoffer"] = true;
  step.row.body["reoffered_from"] = expired.row.id;
  CRAFTLINK_RETURN_IF_ERROR(ApplyAction(step, EngagementAction::kDispatch, nlohmann::json::object()));
  return Commit(step);
}

Result<nlohmann::json> EngagementService::Sweep() {
  SweepCounts n;
  const TimePoint now = clock_.Now();
  const std::string remind_before = FormatIso8601(now - options_.remind_after);
  const std::string expire_before = FormatIso8601(now - options_.expire_after);
  auto count_conflict = [&](const Status& s) -> Status {
    if (s.code() == ErrorCode::kConflict) {
      ++n.skipped;
      return Status::Ok();
    }
    return s;
  };

  auto dispatched = store_.ListEngagements({.state = "dispatched"});
  if (!dispatched.ok()) return dispatched.status();
  for (const auto& e : *dispatched) {
    const std::string at = e.body.value("dispatched_at", "");
    if (at.empty() || at > remind_before) continue;
    auto step = Load(SystemPrincipal(), e.id);
    if (!step.ok()) return step.status();
    step->actor = tracking::Actor::kSystem;
    if (at <= expire_before) {
      CRAFTLINK_RETURN_IF_ERROR(ApplyAction(*step, EngagementAction::kExpire, {}));
      Status s = Commit(*step);
      if (s.code() == ErrorCode::kConflict) {
        ++n.skipped;
        continue;
      }
      if (!s.ok()) return s;
      ++n.expired;
      auto next = NextCandidate(step->need);
      if (!next.ok()) return next.status();
      if (next->empty()) {
        storage::TrackingWrite notice;
        notice.notifications.push_back({.recipient = "org:" + e.org_id,
                                        .event = "no_candidate",
                                        .title = "派单超时且无可转派的工匠，请人工处理：" + step->need.title,
                                        .payload = {{"engagement_id", e.id}, {"need_id", e.need_id}},
                                        .created_at = step->now_iso});
        CRAFTLINK_RETURN_IF_ERROR(store_.CommitTracking(notice));
      } else {
        CRAFTLINK_RETURN_IF_ERROR(count_conflict(Reoffer(*step, *next)));
        ++n.reoffered;
      }
    } else if (e.body.value("reminded_at", "").empty()) {
      step->row.body["reminded_at"] = step->now_iso;
      step->Notify("craftsman:" + e.lead_craftsman_id, "dispatch_reminder", "请尽快接单或婉拒：" + step->need.title);
      step->write.events.push_back({.engagement_id = e.id, .at = step->now_iso, .action = "remind",
                                    .from_state = e.state, .to_state = e.state});
      Status s = count_conflict(Commit(*step));
      if (!s.ok()) return s;
      ++n.reminded;
    }
  }

  // Tomorrow's (and today's) planned visits, announced once each.
  const std::string tomorrow = LocalIsoDate(now + std::chrono::days(1));
  for (const char* state : {"scheduled", "in_service"}) {
    auto rows = store_.ListEngagements({.state = state});
    if (!rows.ok()) return rows.status();
    for (const auto& e : *rows) {
      const auto plans = e.body.value("planned_visits", nlohmann::json::array());
      const bool due = std::any_of(plans.begin(), plans.end(), [&](const nlohmann::json& p) {
        return !p.value("notified", false) && p.value("date", "") <= tomorrow;
      });
      if (!due) continue;
      auto step = Load(SystemPrincipal(), e.id);
      if (!step.ok()) return step.status();
      for (auto& p : step->row.body["planned_visits"]) {
        if (p.value("notified", false) || p.value("date", "") > tomorrow) continue;
        p["notified"] = true;
        step->NotifyAll("visit_upcoming", "走访提醒 " + p.value("date", "") + "：" + step->need.title);
        ++n.visit_reminders;
      }
      Status s = count_conflict(Commit(*step));
      if (!s.ok()) return s;
    }
  }

  auto due = store_.DueFollowUps(LocalIsoDate(now), 500);
  if (!due.ok()) return due.status();
  for (const auto& f : *due) {
    auto step = Load(SystemPrincipal(), f.engagement_id);
    if (!step.ok()) return step.status();
    auto& notified = step->row.body["followups_notified"];
    if (!notified.is_array()) notified = nlohmann::json::array();
    if (std::find(notified.begin(), notified.end(), f.days) != notified.end()) continue;
    notified.push_back(f.days);
    const std::string title = "第 " + std::to_string(f.days) + " 天回访已到期：" + step->need.title;
    step->Notify("enterprise:" + step->row.enterprise_id, "follow_up_due", title);
    step->Notify("org:" + step->row.org_id, "follow_up_due", title);
    Status s = count_conflict(Commit(*step));
    if (!s.ok()) return s;
    ++n.followups_due;
  }
  return nlohmann::json{{"reminded", n.reminded},           {"expired", n.expired},
                        {"reoffered", n.reoffered},         {"visit_reminders", n.visit_reminders},
                        {"followups_due", n.followups_due}, {"skipped", n.skipped}};
}

Result<nlohmann::json> EngagementService::Promote(const access::Principal& who, std::string_view id,
                                                  const nlohmann::json& body, const RequestOrigin& origin) {
  auto step = Load(who, id);
  if (!step.ok()) return step.status();
  if (step->actor != tracking::Actor::kStaff && step->actor != tracking::Actor::kLead) {
    return Status::PermissionDenied("只有工会工作人员或服务队长可以把成果入库");
  }
  if (!step->row.body.value("confirmed_solved", false)) {
    return Status::Conflict("只有经企业确认解决的问题才能转为创新成果");
  }
  auto followups = store_.FollowUpsOf(step->row.id);
  if (!followups.ok()) return followups.status();
  std::string benefit;
  for (const auto& f : *followups) {
    if (f.answered_at.empty() || f.benefit.empty()) continue;
    benefit += "第" + std::to_string(f.days) + "天回访：";
    if (f.benefit.contains("cost_saved_yuan")) {
      benefit += "节约成本 " + f.benefit["cost_saved_yuan"].dump() + " 元；";
    }
    if (f.benefit.contains("defect_rate_before") && f.benefit.contains("defect_rate_after")) {
      benefit += "不良率 " + f.benefit["defect_rate_before"].dump() + "% → " + f.benefit["defect_rate_after"].dump() + "%；";
    }
    if (f.benefit.contains("note")) benefit += f.benefit["note"].get<std::string>() + "；";
  }
  if (benefit.empty()) return Status::Conflict("还没有回访记录到可量化的效益，暂不能转为创新成果");
  // Consent of the owners: the lead gives it by acting; staff must say
  // that the squad agreed (the history line records who said so).
  auto consent = FlagField(body, "owner_consent", false);
  if (!consent.ok()) return consent.status();
  if (step->actor == tracking::Actor::kStaff && !*consent) {
    return Status::Invalid("请先征得工匠同意并勾选 owner_consent", "owner_consent");
  }
  auto title = RequiredText(body, "title", "成果名称", 200);
  if (!title.ok()) return title.status();
  if (step->row.body.contains("promoted_result_id")) {
    return Status::Conflict("这项服务已转为创新成果 " + step->row.body["promoted_result_id"].get<std::string>());
  }
  domain::InnovationResult result;
  result.id = "R-" + step->row.id;
  result.title = *title;
  result.owner_ids = step->row.member_ids;
  result.summary = OptionalText(body, "summary");
  if (result.summary.empty()) result.summary = step->row.body["resolution"].value("summary", "");
  result.fields = step->need.skills;
  result.maturity = domain::Maturity::kApplied;
  result.benefit = benefit;
  result.meta.org_id = step->row.org_id;
  result.meta.extra = {{"engagement_id", step->row.id},
                       {"need_id", step->need.id},
                       {"owner_consent_by", who.user_id},
                       {"owner_consent_at", step->now_iso}};
  step->write.results.push_back(result);
  step->row.body["promoted_result_id"] = result.id;
  step->write.events.push_back({.engagement_id = step->row.id,
                                .at = step->now_iso,
                                .user_id = who.user_id,
                                .action = "promote",
                                .from_state = step->row.state,
                                .to_state = step->row.state,
                                .detail = {{"result_id", result.id}}});
  CRAFTLINK_RETURN_IF_ERROR(Commit(*step));
  (void)Audit(who, "promote_result", "results/" + result.id, origin, {{"engagement_id", step->row.id}});
  return nlohmann::json{{"result_id", result.id}, {"engagement_id", step->row.id}};
}

}  // namespace craftlink::services
