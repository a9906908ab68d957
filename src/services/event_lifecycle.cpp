// Calling an event off and taking back a registration. Both keep the KPI
// honest by refusing once attendance is recorded: the figures already carry
// it, and the way to undo it is to correct the attendance to 0 first.
#include "services/event_internal.h"

namespace craftlink::services {
namespace {

using event_detail::Key;
using event_detail::RegistrationIndex;

bool AnyAttendance(const nlohmann::json& body) {
  for (const auto& r : body.value("registrations", nlohmann::json::array())) {
    if (r.value("attended", int64_t{0}) > 0) return true;
  }
  return false;
}

// Everything the event holds about one participant goes with them: their
// wishes, the other side's wishes for them, and their meetings in a
// generated 对接会 schedule (their partners' slots become free).
void ForgetParticipant(nlohmann::json& body, const std::string& kind, const std::string& id) {
  if (auto wishes = body.find("wishes"); wishes != body.end() && wishes->is_object()) {
    wishes->erase(Key(kind, id));
    const std::string other_prefix = (kind == "enterprise" ? "craftsman:" : "enterprise:");
    for (auto& [from, list] : wishes->items()) {
      if (from.rfind(other_prefix, 0) != 0 || !list.is_array()) continue;
      nlohmann::json kept = nlohmann::json::array();
      for (const auto& w : list) {
        if (w.value("to_id", "") != id) kept.push_back(w);
      }
      list = std::move(kept);
    }
  }
  auto schedule = body.find("schedule");
  if (schedule == body.end() || !schedule->is_object() || schedule->empty()) return;
  const std::string side = kind == "enterprise" ? "enterprise_id" : "craftsman_id";
  nlohmann::json meetings = nlohmann::json::array();
  for (const auto& m : schedule->value("meetings", nlohmann::json::array())) {
    if (m.value(side, "") != id) meetings.push_back(m);
  }
  (*schedule)["meetings"] = std::move(meetings);
  const char* list_name = kind == "enterprise" ? "enterprises" : "craftsmen";
  nlohmann::json people = nlohmann::json::array();
  for (const auto& p : schedule->value(list_name, nlohmann::json::array())) {
    if (p.value("id", "") != id) people.push_back(p);
  }
  (*schedule)[list_name] = std::move(people);
}

}  // namespace

Result<nlohmann::json> EventService::Cancel(const access::Principal& who, std::string_view id,
                                            const nlohmann::json& body, const RequestOrigin& origin) {
  auto e = Load(who, id);
  if (!e.ok()) return e.status();
  if (!e->staff) return Status::PermissionDenied("只有活动所属工会的工作人员可以取消活动");
  CRAFTLINK_RETURN_IF_ERROR(programme::CheckVersion(body, e->row, "活动"));
  CRAFTLINK_RETURN_IF_ERROR(event_detail::RequireOpen(e->row));
  if (AnyAttendance(e->row.body)) {
    return Status::Conflict("活动已登记出席，出席人数已计入统计，不能取消；如登记有误，请先把出席人数改为 0");
  }
  auto reason = RequiredText(body, "reason", "取消原因", 500);
  if (!reason.ok()) return reason.status();
  e->row.state = "cancelled";
  e->row.body["cancel_reason"] = *reason;
  e->row.body["cancelled_at"] = e->now_iso;
  e->row.body["cancelled_by"] = who.user_id;
  storage::TrackingWrite write;
  const std::string title = "活动已取消：" + e->row.body.value("title", "") + "（" + e->row.body.value("date", "") + "）";
  for (const auto& r : e->row.body.value("registrations", nlohmann::json::array())) {
    write.notifications.push_back({.recipient = r.value("participant_kind", "") + ":" + r.value("participant_id", ""),
                                   .event = "event_cancelled",
                                   .title = title,
                                   .payload = {{"event_id", e->row.id}, {"reason", *reason}},
                                   .created_at = e->now_iso});
  }
  Status s = event_detail::Commit(store_, *e, std::move(write));
  if (programme::IsRaced(s)) return Status::Conflict("活动 " + e->row.id + " 已被他人更新，请刷新后再操作");
  CRAFTLINK_RETURN_IF_ERROR(s);
  (void)programme::Audit(store_, who, "event_cancel", "events/" + e->row.id, origin, {{"reason", *reason}});
  return event_detail::View(*e);
}

Result<nlohmann::json> EventService::Withdraw(const access::Principal& who, std::string_view id,
                                              const nlohmann::json& body, const RequestOrigin& origin) {
  std::string withdrawn;
  auto out = programme::RetryRaces([&]() -> Result<nlohmann::json> {
    auto e = Load(who, id);
    if (!e.ok()) return e.status();
    auto who_withdraws = e->Participant(body, "只能取消自己的报名", "请指定要取消报名的报名者 participant_id");
    if (!who_withdraws.ok()) return who_withdraws.status();
    auto [kind, pid] = std::move(*who_withdraws);
    CRAFTLINK_RETURN_IF_ERROR(event_detail::RequireOpen(e->row));
    auto index = RegistrationIndex(e->row.body, kind, pid);
    if (!index.ok()) return index.status();
    auto& regs = e->row.body["registrations"];
    if (regs[*index].value("attended", int64_t{0}) > 0) {
      return Status::Conflict("已登记出席的报名不能取消；如登记有误，请先把出席人数改为 0");
    }
    kind = regs[*index].value("participant_kind", "");
    regs.erase(*index);
    ForgetParticipant(e->row.body, kind, pid);
    withdrawn = Key(kind, pid);
    CRAFTLINK_RETURN_IF_ERROR(event_detail::Commit(store_, *e));
    return event_detail::View(*e);
  });
  if (!out.ok()) return out.status();
  (void)programme::Audit(store_, who, "event_withdraw", "events/" + std::string(id), origin,
                         {{"participant", withdrawn}});
  return out;
}

}  // namespace craftlink::services
