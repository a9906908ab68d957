#include <algorithm>
#include <tuple>

#include "tracking/engagement_facts.h"
#include "services/event_internal.h"
#include "services/list_cursor.h"
#include "tracking/kpi.h"

namespace craftlink::services {
namespace event_detail {

std::string_view KindChinese(std::string_view kind) {
  if (kind == "lecture") return "宣讲";
  if (kind == "training") return "培训";
  if (kind == "showcase") return "成果展示";
  if (kind == "matchmaking") return "对接会";
  return "";
}

int64_t SeatsTaken(const nlohmann::json& body) {
  int64_t taken = 0;
  for (const auto& r : body.value("registrations", nlohmann::json::array())) taken += r.value("seats", int64_t{0});
  return taken;
}

Result<size_t> RegistrationIndex(const nlohmann::json& body, const std::string& kind, const std::string& id) {
  const auto& regs = body.value("registrations", nlohmann::json::array());
  std::optional<size_t> found;
  for (size_t i = 0; i < regs.size(); ++i) {
    if (regs[i].value("participant_id", "") != id) continue;
    if (!kind.empty() && regs[i].value("participant_kind", "") != kind) continue;
    if (found)
      return Status::Invalid("企业与工匠中都有编号 " + id + "，请用 participant_kind 指明", "participant_kind");
    found = i;
  }
  if (!found) return Status::Invalid(id + " 未报名这次活动", "participant_id");
  return *found;
}

nlohmann::json View(const EventService::Loaded& e) {
  const auto& b = e.row.body;
  const std::string kind = b.value("kind", "");
  const int64_t taken = SeatsTaken(b);
  nlohmann::json j{{"id", e.row.id},
                   {"org_id", e.row.org_id},
                   {"kind", kind},
                   {"kind_name", KindChinese(kind)},
                   {"title", b.value("title", "")},
                   {"date", b.value("date", "")},
                   {"place", b.value("place", "")},
                   {"organiser", b.value("organiser", "")},
                   {"capacity", b.value("capacity", int64_t{0})},
                   {"region", b.value("region", "")},
                   {"seats_taken", taken},
                   {"seats_left", std::max<int64_t>(0, b.value("capacity", int64_t{0}) - taken)},
                   {"state", e.row.state},
                   {"version", e.row.version},
                   {"created_at", e.row.created_at},
                   {"updated_at", e.row.updated_at},
                   {"can_edit", e.staff}};
  for (const char* key : {"cancel_reason", "cancelled_at"}) {
    if (b.contains(key)) j[key] = b[key];
  }
  nlohmann::json regs = nlohmann::json::array();
  nlohmann::json counterparts = nlohmann::json::array();
  const auto& all = b.value("registrations", nlohmann::json::array());
  for (const auto& r : all) {
    if (e.staff || e.IsSelf(r.value("participant_kind", ""), r.value("participant_id", ""))) regs.push_back(r);
  }
  // A registered participant of a 对接会 chooses whom to meet, so they see
  // who is on the other side — names only, not seats or who signed them up.
  if (kind == "matchmaking" && !e.staff && !regs.empty()) {
    for (const auto& r : all) {
      if (r.value("participant_kind", "") == e.self_kind) continue;
      counterparts.push_back({{"participant_kind", r.value("participant_kind", "")},
                              {"participant_id", r.value("participant_id", "")},
                              {"name", r.value("name", "")}});
    }
    j["counterparts"] = std::move(counterparts);
  }
  j["registrations"] = std::move(regs);
  if (kind == "matchmaking") {
    const auto wishes = b.value("wishes", nlohmann::json::object());
    if (e.staff) {
      j["wishes"] = wishes;
    } else {
      j["wishes"] = nlohmann::json::object();
      const std::string self = Key(e.self_kind, e.self_id);
      if (!e.self_id.empty() && wishes.contains(self)) j["wishes"][self] = wishes[self];
    }
    const auto& s = b.value("schedule", nlohmann::json::object());
    j["schedule"] = {{"generated", !s.empty()}, {"generated_at", s.value("generated_at", "")}};
    if (e.staff && !s.empty()) {
      j["schedule"]["slots"] = s.value("slots", 0);
      j["schedule"]["meetings"] = s.value("meetings", nlohmann::json::array()).size();
      // The stored plan itself, so a page opened later shows what the
      // scheduler answered (scores, bound, what could not be placed).
      nlohmann::json plan = s;
      for (const char* key : {"enterprises", "craftsmen", "generated_by"}) plan.erase(key);
      j["schedule"]["plan"] = std::move(plan);
    }
  }
  return j;
}

Status RequireOpen(const storage::DocumentRow& event) {
  if (event.state != "cancelled") return Status::Ok();
  return Status::Conflict("活动 " + event.id + " 已取消，不能再修改、报名或登记");
}

Status Commit(storage::Store& store, EventService::Loaded& e, storage::TrackingWrite write) {
  CRAFTLINK_RETURN_IF_ERROR(programme::CommitDocument(store, e.row, e.row.version, e.now_iso, std::move(write)));
  e.row.version += 1;
  e.row.updated_at = e.now_iso;
  return Status::Ok();
}

}  // namespace event_detail

namespace {

using event_detail::KindChinese;
using event_detail::kKind;
using event_detail::RegistrationIndex;
using event_detail::SeatsTaken;

Status Hidden(std::string_view id) { return Status::NotFound("没有找到活动 " + std::string(id) + "，或您无权查看"); }

bool AttendanceRecorded(const nlohmann::json& body) {
  for (const auto& r : body.value("registrations", nlohmann::json::array())) {
    if (r.contains("attended")) return true;
  }
  return false;
}

}  // namespace

Result<EventService::Loaded> EventService::Load(const access::Principal& who, std::string_view id) {
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  auto home = programme::HomeOrganisation(store_, who);
  if (!home.ok()) return home.status();
  auto row = store_.GetDocument(kKind, id);
  if (!row.ok()) return row.status();
  if (!row->has_value()) return Hidden(id);
  Loaded e;
  e.row = std::move(**row);
  e.orgs = std::make_shared<const access::OrgDirectory>(std::move(*dir));
  e.staff = access::Policy(*e.orgs).InScope(who, e.row.org_id);
  e.SetCaller(who);
  const bool registered = !e.self_id.empty() && RegistrationIndex(e.row.body, e.self_kind, e.self_id).ok();
  const bool below = !home->empty() && e.orgs->IsWithin(*home, e.row.org_id);
  if (!e.staff && !below && !registered) return Hidden(id);
  e.now_iso = FormatIso8601(clock_.Now());
  e.today = LocalIsoDate(clock_.Now());
  return e;
}

Status EventService::Fill(const access::Principal& who, const access::OrgDirectory& orgs, const nlohmann::json& body,
                          const std::string& default_org, storage::DocumentRow& row) {
  std::string org = OptionalText(body, "org_id");
  if (org.empty()) org = default_org;
  if (!orgs.Exists(org)) return Status::Invalid("没有找到工会组织 " + org, "org_id");
  if (!access::Policy(orgs).InScope(who, org)) return Status::PermissionDenied("您不能为 " + org + " 组织活动");
  const std::string kind = OptionalText(body, "kind");
  if (KindChinese(kind).empty()) {
    return Status::Invalid(
        "活动类型应为 lecture（宣讲）、training（培训）、showcase（成果展示）或 matchmaking（对接会）", "kind");
  }
  auto title = RequiredText(body, "title", "活动名称", 200);
  if (!title.ok()) return title.status();
  auto date = DateField(body, "date", "活动日期");
  if (!date.ok()) return date.status();
  const std::string place = OptionalText(body, "place");
  if (place.size() > 600) return Status::Invalid("地点过长", "place");
  const std::string organiser = OptionalText(body, "organiser");
  if (organiser.size() > 600) return Status::Invalid("主办单位过长", "organiser");
  auto capacity = IntegerIn(body, "capacity", "名额", 1, 100000);
  if (!capacity.ok()) return capacity.status();
  const std::string region = OptionalText(body, "region");
  if (!region.empty() && (region.size() != 6 || region.find_first_not_of("0123456789") != std::string::npos)) {
    return Status::Invalid("地区应为 6 位行政区划代码（GB/T 2260）", "region");
  }
  const auto& old = row.body;
  if (AttendanceRecorded(old) && (org != row.org_id || kind != old.value("kind", "") ||
                                  *date != old.value("date", "") || region != old.value("region", ""))) {
    return Status::Conflict("已登记出席人数，活动的类型、日期、组织和地区不能再改（统计已按它们计入）");
  }
  if (*capacity < SeatsTaken(old)) {
    return Status::Conflict("名额不能少于已报名的 " + std::to_string(SeatsTaken(old)) + " 个");
  }
  row.org_id = org;
  row.ref_a = kind;
  row.ref_b = *date;  // lists filter and sort by it in SQL (storage schema v6)
  for (const auto& [key, value] :
       std::initializer_list<std::pair<const char*, nlohmann::json>>{{"kind", kind},
                                                                     {"title", *title},
                                                                     {"date", *date},
                                                                     {"place", place},
                                                                     {"organiser", organiser},
                                                                     {"capacity", *capacity},
                                                                     {"region", region}}) {
    row.body[key] = value;
  }
  return Status::Ok();
}

Result<nlohmann::json> EventService::Create(const access::Principal& who, const nlohmann::json& body,
                                            const RequestOrigin& origin) {
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  if (!access::Policy(*dir).CanDispatch(who)) return Status::PermissionDenied("只有工会工作人员可以组织活动");
  storage::DocumentRow row{.kind = kKind, .id = programme::NewDocumentId("EV"), .state = "open"};
  row.body = {{"registrations", nlohmann::json::array()}, {"created_by", who.user_id}};
  const std::string home = who.role == access::Role::kAdmin ? storage::kRootOrganisationId : who.org_id;
  CRAFTLINK_RETURN_IF_ERROR(Fill(who, *dir, body, home, row));
  CRAFTLINK_RETURN_IF_ERROR(programme::CommitDocument(store_, row, -1, FormatIso8601(clock_.Now())));
  (void)programme::Audit(store_, who, "event_create", "events/" + row.id, origin,
                         {{"kind", row.ref_a}, {"title", row.body["title"]}, {"org_id", row.org_id}});
  return Get(who, row.id);
}

Result<nlohmann::json> EventService::Update(const access::Principal& who, std::string_view id,
                                            const nlohmann::json& body, const RequestOrigin& origin) {
  auto e = Load(who, id);
  if (!e.ok()) return e.status();
  if (!e->staff) return Status::PermissionDenied("只有活动所属工会的工作人员可以修改活动");
  CRAFTLINK_RETURN_IF_ERROR(programme::CheckVersion(body, e->row, "活动"));
  CRAFTLINK_RETURN_IF_ERROR(event_detail::RequireOpen(e->row));
  const int64_t read_version = e->row.version;
  CRAFTLINK_RETURN_IF_ERROR(Fill(who, *e->orgs, body, e->row.org_id, e->row));
  Status s = programme::CommitDocument(store_, e->row, read_version, e->now_iso);
  if (programme::IsRaced(s)) return Status::Conflict("活动 " + e->row.id + " 已被他人更新，请刷新后再操作");
  CRAFTLINK_RETURN_IF_ERROR(s);
  (void)programme::Audit(store_, who, "event_update", "events/" + e->row.id, origin, {{"title", e->row.body["title"]}});
  return Get(who, id);
}

Result<nlohmann::json> EventService::Get(const access::Principal& who, std::string_view id) {
  auto e = Load(who, id);
  if (!e.ok()) return e.status();
  return event_detail::View(*e);
}

Result<storage::DocumentFilter> EventService::ListFilter(const EventQuery& q) {
  if (!q.kind.empty() && KindChinese(q.kind).empty()) {
    return Status::Invalid("活动类型应为 lecture、training、showcase 或 matchmaking", "kind");
  }
  for (const auto& [field, value, chinese] :
       {std::tuple{"from", &q.from, "开始日期 from"}, std::tuple{"to", &q.to, "结束日期 to"}}) {
    if (value->empty()) continue;
    auto date = DateField(nlohmann::json{{field, *value}}, field, chinese);
    if (!date.ok()) return date.status();
  }
  if (!q.from.empty() && !q.to.empty() && q.to < q.from) {
    return Status::Invalid("结束日期 to（" + q.to + "）不能早于开始日期 from（" + q.from + "）", "to");
  }
  storage::DocumentFilter filter{.kind = kKind, .ref_a = q.kind, .ref_b_from = q.from, .ref_b_to = q.to};
  if (q.sort.empty()) {
    filter.after_id = q.after;
    return filter;
  }
  if (q.sort != "date" && q.sort != "-date") {
    return Status::Invalid("sort 应为 date（按活动日期）或 -date（日期最近的在前）", "sort");
  }
  filter.order_by_ref_b = true;
  filter.descending = q.sort == "-date";
  if (!q.after.empty()) {
    auto at = DecodeSortedCursor(q.sort, q.after);
    if (!at.ok()) return at.status();
    filter.after_ref_b = at->value;
    filter.after_id = at->id;
  }
  return filter;
}

Result<nlohmann::json> EventService::List(const access::Principal& who, const EventQuery& q) {
  auto query = ListFilter(q);
  if (!query.ok()) return query.status();
  storage::DocumentFilter filter = std::move(*query);
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  auto home = programme::HomeOrganisation(store_, who);
  if (!home.ok()) return home.status();
  // Events of the caller's lineage, and staff their subtree's too.
  std::vector<std::string> reach;
  if (who.role != access::Role::kAdmin) {
    reach = home->empty() ? std::vector<std::string>{"\x01none"} : dir->Lineage(*home);
    if (who.role == access::Role::kStaff) {
      for (auto& o : dir->Subtree(who.org_id)) reach.push_back(std::move(o));
    }
  }
  // An enterprise or craftsman also sees any event they are registered for
  // (staff above them may sign them up for a sibling's event), as GET
  // /events/{id} does: their rows are checked one by one, not by organisation.
  const bool participant = who.role == access::Role::kEnterprise || who.role == access::Role::kCraftsman;
  if (who.role != access::Role::kAdmin && !participant) filter.org_ids = reach;
  if (!q.org_id.empty()) {
    if (who.role != access::Role::kAdmin && !participant && !programme::Contains(reach, q.org_id)) {
      return nlohmann::json{{"items", nlohmann::json::array()}, {"next_after", nullptr}};
    }
    filter.org_ids = {q.org_id};
  }
  auto self = std::make_shared<const access::OrgDirectory>(std::move(*dir));
  return programme::ListPage(
      store_, filter, q.limit,
      [&](const storage::DocumentRow& row) -> Result<std::optional<nlohmann::json>> {
        Loaded e{.row = row, .orgs = self, .staff = access::Policy(*self).InScope(who, row.org_id)};
        e.SetCaller(who);
        if (participant && !programme::Contains(reach, row.org_id) &&
            (e.self_id.empty() || !RegistrationIndex(row.body, e.self_kind, e.self_id).ok())) {
          return std::optional<nlohmann::json>();
        }
        nlohmann::json item = event_detail::View(e);
        item.erase("wishes");  // a list row: the event page shows them
        return std::optional<nlohmann::json>(std::move(item));
      },
      q.sort);
}

Result<nlohmann::json> EventService::Register(const access::Principal& who, std::string_view id,
                                              const nlohmann::json& body, const RequestOrigin& origin) {
  const std::string kind = OptionalText(body, "participant_kind");
  if (kind != "enterprise" && kind != "craftsman") {
    return Status::Invalid("报名者类型应为 enterprise（企业）或 craftsman（工匠）", "participant_kind");
  }
  auto pid = RequiredText(body, "participant_id", "报名者编号", 64);
  if (!pid.ok()) return pid.status();
  if (who.role == access::Role::kEnterprise && (kind != "enterprise" || *pid != who.enterprise_id)) {
    return Status::PermissionDenied("企业用户只能为本企业报名");
  }
  if (who.role == access::Role::kCraftsman && (kind != "craftsman" || *pid != who.craftsman_id)) {
    return Status::PermissionDenied("工匠只能为自己报名");
  }
  auto seats = IntegerIn(body, "seats", "报名人数", 1, 100000, 1);
  if (!seats.ok()) return seats.status();
  if (kind == "craftsman" && *seats != 1) return Status::Invalid("工匠本人报名只占 1 个名额", "seats");

  // The participant: their record must exist, and staff may only sign up
  // someone in their scope (a guess outside it reads as unknown).
  auto dir = programme::LoadDirectory(store_);
  if (!dir.ok()) return dir.status();
  std::string name, org;
  bool archived = true;
  if (kind == "enterprise") {
    auto r = store_.GetEnterprise(*pid);
    if (!r.ok()) return r.status();
    if (r->has_value()) name = (*r)->name, org = (*r)->meta.org_id, archived = (*r)->meta.archived;
  } else {
    auto r = store_.GetCraftsman(*pid);
    if (!r.ok()) return r.status();
    if (r->has_value()) name = (*r)->name, org = (*r)->meta.org_id, archived = (*r)->meta.archived;
  }
  const bool self = (who.role == access::Role::kEnterprise || who.role == access::Role::kCraftsman);
  if (archived || (!self && !access::Policy(*dir).InScope(who, org))) {
    return Status::NotFound("没有找到报名者 " + *pid + "，或不在您的管辖范围内");
  }
  bool created = false;
  nlohmann::json registration;
  auto out = programme::RetryRaces([&]() -> Result<nlohmann::json> {
    auto e = Load(who, id);
    if (!e.ok()) return e.status();
    CRAFTLINK_RETURN_IF_ERROR(event_detail::RequireOpen(e->row));
    auto& regs = e->row.body["registrations"];
    auto index = RegistrationIndex(e->row.body, kind, *pid);
    const int64_t before = index.ok() ? regs[*index].value("seats", int64_t{0}) : 0;
    const int64_t left = e->row.body.value("capacity", int64_t{0}) - SeatsTaken(e->row.body) + before;
    if (*seats > left) return Status::Conflict("名额不足：还剩 " + std::to_string(std::max<int64_t>(left, 0)) + " 个");
    if (index.ok() && regs[*index].value("attended", int64_t{0}) > *seats) {
      return Status::Invalid("报名人数不能少于已登记的出席人数", "seats");
    }
    created = !index.ok();
    if (created) {
      regs.push_back({{"participant_kind", kind},
                      {"participant_id", *pid},
                      {"name", name},
                      {"registered_at", e->now_iso},
                      {"registered_by", who.user_id}});
      index = regs.size() - 1;
    }
    regs[*index]["seats"] = *seats;
    registration = regs[*index];
    CRAFTLINK_RETURN_IF_ERROR(event_detail::Commit(store_, *e));
    return event_detail::View(*e);
  });
  if (!out.ok()) return out.status();
  (void)programme::Audit(store_, who, "event_register", "events/" + std::string(id), origin,
                         {{"participant_kind", kind}, {"participant_id", *pid}, {"seats", *seats}});
  return nlohmann::json{{"event", std::move(*out)}, {"registration", registration}, {"created", created}};
}

Result<nlohmann::json> EventService::RecordAttendance(const access::Principal& who, std::string_view id,
                                                      const nlohmann::json& body, const RequestOrigin& origin) {
  auto pid = RequiredText(body, "participant_id", "报名者编号", 64);
  if (!pid.ok()) return pid.status();
  const std::string kind = OptionalText(body, "participant_kind");
  auto attended = IntegerIn(body, "attended", "出席人数", 0, 100000);
  if (!attended.ok()) return attended.status();
  int64_t delta = 0;
  auto out = programme::RetryRaces([&]() -> Result<nlohmann::json> {
    auto e = Load(who, id);
    if (!e.ok()) return e.status();
    if (!e->staff) return Status::PermissionDenied("只有活动所属工会的工作人员可以登记出席");
    CRAFTLINK_RETURN_IF_ERROR(event_detail::RequireOpen(e->row));
    const std::string date = e->row.body.value("date", "");
    if (date > e->today) return Status::Conflict("活动（" + date + "）尚未举行，不能登记出席");
    auto index = RegistrationIndex(e->row.body, kind, *pid);
    if (!index.ok()) return index.status();
    auto& reg = e->row.body["registrations"][*index];
    if (*attended > reg.value("seats", int64_t{0})) {
      return Status::Invalid("出席人数不能多于报名人数 " + std::to_string(reg.value("seats", 0)), "attended");
    }
    // The KPI gets the change since the last recording, in the same
    // transaction as the new figure, so a correction never counts twice.
    delta = *attended - reg.value("attended", int64_t{0});
    reg["attended"] = *attended;
    reg["attendance_recorded_at"] = e->now_iso;
    reg["attendance_recorded_by"] = who.user_id;
    storage::TrackingWrite write;
    const std::string event_kind = e->row.body.value("kind", "");
    if (delta != 0 && tracking::CountsAttendance(event_kind)) {
      std::string region = e->row.body.value("region", "");
      if (region.empty()) {
        auto org = store_.GetOrganisation(e->row.org_id);
        if (!org.ok()) return org.status();
        if (org->has_value()) region = (*org)->region;
      }
      const tracking::FactScope scope{date, region, "", event_kind,
                                      tracking::CreditedOrganisations(*e->orgs, {e->row.org_id})};
      tracking::AddAttendance(scope, delta, write.kpi);
    }
    CRAFTLINK_RETURN_IF_ERROR(event_detail::Commit(store_, *e, std::move(write)));
    return event_detail::View(*e);
  });
  if (!out.ok()) return out.status();
  (void)programme::Audit(store_, who, "event_attendance", "events/" + std::string(id), origin,
                         {{"participant_id", *pid}, {"attended", *attended}, {"delta", delta}});
  return nlohmann::json{{"event", std::move(*out)}, {"delta", delta}};
}

}  // namespace craftlink::services
