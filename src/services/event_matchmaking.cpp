// The 对接会 steps of the event service: participants' wishes, the schedule
// (scheduling/matchmaking.h) and agendas. The schedule is stored with the
// request it was made from, so agendas are rebuilt exactly as planned even
// after later registrations or wishes.
#include <set>

#include "scheduling/matchmaking.h"
#include "services/event_internal.h"

namespace craftlink::services {
namespace {

using event_detail::Key;
using event_detail::RegistrationIndex;

constexpr size_t kMaxWishes = 100;

Status NotMatchmaking() { return Status::Conflict("只有对接会（matchmaking）才有意向登记和日程"); }

std::string OtherSide(const std::string& kind) { return kind == "enterprise" ? "craftsman" : "enterprise"; }

// The participants and wishes of the stored registrations, as the
// scheduler's request.
scheduling::MeetingRequest RequestFrom(const nlohmann::json& body) {
  scheduling::MeetingRequest r;
  for (const auto& reg : body.value("registrations", nlohmann::json::array())) {
    scheduling::Participant p{reg.value("participant_id", ""), reg.value("name", ""), {}};
    (reg.value("participant_kind", "") == "enterprise" ? r.enterprises : r.craftsmen).push_back(std::move(p));
  }
  const nlohmann::json wishes = body.value("wishes", nlohmann::json::object());
  for (const auto& [key, list] : wishes.items()) {
    const std::string from = key.substr(key.find(':') + 1);
    for (const auto& w : list) r.wishes.push_back({from, w.value("to_id", ""), w.value("weight", 1)});
  }
  return r;
}

nlohmann::json ParticipantsJson(const std::vector<scheduling::Participant>& side) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : side) out.push_back({{"id", p.id}, {"name", p.name}});
  return out;
}

// The stored plan back as the request and schedule it was made from.
std::pair<scheduling::MeetingRequest, scheduling::Schedule> StoredPlan(const nlohmann::json& s) {
  scheduling::MeetingRequest r;
  r.slots = s.value("slots", 0);
  r.slot_labels = s.value("slot_labels", std::vector<std::string>{});
  for (const auto& p : s.value("enterprises", nlohmann::json::array())) {
    r.enterprises.push_back({p.value("id", ""), p.value("name", ""), {}});
  }
  for (const auto& p : s.value("craftsmen", nlohmann::json::array())) {
    r.craftsmen.push_back({p.value("id", ""), p.value("name", ""), {}});
  }
  scheduling::Schedule plan;
  plan.slots = r.slots;
  plan.slot_labels = r.slot_labels;
  for (const auto& m : s.value("meetings", nlohmann::json::array())) {
    plan.meetings.push_back({m.value("enterprise_id", ""), m.value("craftsman_id", ""), m.value("slot", -1),
                             m.value("score", std::int64_t{0}), m.value("mutual", false)});
  }
  return {std::move(r), std::move(plan)};
}

nlohmann::json AgendaJson(const scheduling::Agenda& a) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& e : a.entries) {
    entries.push_back({{"slot", e.slot},
                       {"slot_label", e.slot_label},
                       {"counterpart_id", e.counterpart_id},
                       {"counterpart_name", e.counterpart_name},
                       {"mutual", e.mutual}});
  }
  return {{"participant_id", a.participant_id},
          {"participant_name", a.participant_name},
          {"side", a.is_enterprise ? "enterprise" : "craftsman"},
          {"entries", std::move(entries)},
          {"text", scheduling::FormatAgenda(a)}};
}

}  // namespace

Result<nlohmann::json> EventService::SetWishes(const access::Principal& who, std::string_view id,
                                               const nlohmann::json& body, const RequestOrigin& origin) {
  auto list = body.find("wishes");
  if (list == body.end() || !list->is_array()) return Status::Invalid("请给出意向对象列表 wishes", "wishes");
  if (list->size() > kMaxWishes) {
    return Status::Invalid("意向对象最多 " + std::to_string(kMaxWishes) + " 个", "wishes");
  }
  std::string key;
  nlohmann::json stored = nlohmann::json::array();
  auto out = programme::RetryRaces([&]() -> Result<nlohmann::json> {
    auto e = Load(who, id);
    if (!e.ok()) return e.status();
    if (e->row.body.value("kind", "") != "matchmaking") return NotMatchmaking();
    CRAFTLINK_RETURN_IF_ERROR(event_detail::RequireOpen(e->row));
    auto whose = e->Participant(body, "只能登记自己的意向", "请指定登记意向的报名者 participant_id");
    if (!whose.ok()) return whose.status();
    auto [kind, pid] = std::move(*whose);
    auto index = RegistrationIndex(e->row.body, kind, pid);
    if (!index.ok()) {
      if (e->staff) return index.status();
      return Status::Conflict("您尚未报名这次对接会，请先报名");
    }
    kind = e->row.body["registrations"][*index].value("participant_kind", "");
    key = Key(kind, pid);
    stored = nlohmann::json::array();
    std::set<std::string> seen;
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string field = "wishes[" + std::to_string(i) + "]";
      const auto& w = (*list)[i];
      if (!w.is_object()) return Status::Invalid("每个意向应为 {to_id, weight}", field);
      const std::string to = OptionalText(w, "to_id");
      if (!RegistrationIndex(e->row.body, OtherSide(kind), to).ok()) {
        return Status::Invalid((to.empty() ? std::string("意向对象") : to) + " 未以" +
                                   (kind == "enterprise" ? "工匠" : "企业") + "身份报名这次对接会",
                               field + ".to_id");
      }
      if (!seen.insert(to).second) return Status::Invalid("意向对象 " + to + " 重复", field + ".to_id");
      auto weight = IntegerIn(w, "weight", "意向强度", 1, scheduling::kMaxWishWeight, 1);
      if (!weight.ok()) return Status::Invalid(weight.status().message(), field + ".weight");
      stored.push_back({{"to_id", to}, {"weight", *weight}});
    }
    auto& wishes = e->row.body["wishes"];
    if (!wishes.is_object()) wishes = nlohmann::json::object();
    if (stored.empty()) {
      wishes.erase(key);
    } else {
      wishes[key] = stored;
    }
    CRAFTLINK_RETURN_IF_ERROR(event_detail::Commit(store_, *e));
    return nlohmann::json{{"event_id", e->row.id}, {"participant", key}, {"wishes", stored}};
  });
  if (!out.ok()) return out.status();
  (void)programme::Audit(store_, who, "event_wishes", "events/" + std::string(id), origin,
                         {{"participant", key}, {"count", stored.size()}});
  return out;
}

Result<nlohmann::json> EventService::MakeSchedule(const access::Principal& who, std::string_view id,
                                                  const nlohmann::json& body, const RequestOrigin& origin) {
  auto slots = IntegerIn(body, "slots", "场次数", 1, scheduling::kMaxSlots);
  if (!slots.ok()) return slots.status();
  std::vector<std::string> labels;
  if (auto it = body.find("slot_labels"); it != body.end() && !it->is_null()) {
    if (!it->is_array() || it->size() != static_cast<size_t>(*slots)) {
      return Status::Invalid("slot_labels 应为与场次数相同个数的文字", "slot_labels");
    }
    for (const auto& l : *it) {
      if (!l.is_string() || l.get<std::string>().size() > 60)
        return Status::Invalid("场次标签应为短文字", "slot_labels");
      labels.push_back(l.get<std::string>());
    }
  }
  auto bonus =
      IntegerIn(body, "mutual_bonus", "双向意向加分", 0, scheduling::kMaxMutualBonus, scheduling::kMaxWishWeight);
  if (!bonus.ok()) return bonus.status();
  nlohmann::json answer;
  auto out = programme::RetryRaces([&]() -> Result<nlohmann::json> {
    auto e = Load(who, id);
    if (!e.ok()) return e.status();
    if (!e->staff) return Status::PermissionDenied("只有活动所属工会的工作人员可以生成对接会日程");
    if (e->row.body.value("kind", "") != "matchmaking") return NotMatchmaking();
    CRAFTLINK_RETURN_IF_ERROR(event_detail::RequireOpen(e->row));
    scheduling::MeetingRequest request = RequestFrom(e->row.body);
    request.slots = static_cast<int>(*slots);
    request.slot_labels = labels;
    request.options.mutual_bonus = static_cast<int>(*bonus);
    std::set<std::string> enterprise_ids;
    for (const auto& p : request.enterprises) enterprise_ids.insert(p.id);
    for (const auto& p : request.craftsmen) {
      if (enterprise_ids.count(p.id)) {
        return Status::Invalid("企业与工匠中都有编号 " + p.id + "，无法排期；请联系管理员", "slots");
      }
    }
    auto plan = scheduling::ScheduleMeetings(request);
    if (!plan.ok()) return plan.status();
    const auto agendas = scheduling::BuildAgendas(request, *plan);
    answer = nlohmann::json::parse(scheduling::ToJson(*plan, agendas));
    for (size_t i = 0; i < agendas.size(); ++i) answer["agendas"][i]["text"] = scheduling::FormatAgenda(agendas[i]);
    nlohmann::json stored = nlohmann::json::parse(scheduling::ToJson(*plan, {}));
    stored.erase("agendas");
    stored["enterprises"] = ParticipantsJson(request.enterprises);
    stored["craftsmen"] = ParticipantsJson(request.craftsmen);
    stored["mutual_bonus"] = *bonus;
    stored["generated_at"] = e->now_iso;
    stored["generated_by"] = who.user_id;
    e->row.body["schedule"] = stored;
    CRAFTLINK_RETURN_IF_ERROR(event_detail::Commit(store_, *e));
    answer["event_id"] = e->row.id;
    answer["generated_at"] = e->now_iso;
    answer["version"] = e->row.version;
    return answer;
  });
  if (!out.ok()) return out.status();
  (void)programme::Audit(store_, who, "event_schedule", "events/" + std::string(id), origin,
                         {{"slots", *slots}, {"meetings", (*out)["meetings"].size()}});
  return out;
}

Result<AgendaAnswer> EventService::Agenda(const access::Principal& who, std::string_view id,
                                          const std::string& participant_id) {
  auto e = Load(who, id);
  if (!e.ok()) return e.status();
  if (e->row.body.value("kind", "") != "matchmaking") return NotMatchmaking();
  const auto& stored = e->row.body.value("schedule", nlohmann::json::object());
  if (stored.empty()) return Status::NotFound("这次对接会尚未生成日程");
  const auto [request, plan] = StoredPlan(stored);
  const auto all = scheduling::BuildAgendas(request, plan);
  // Staff may read anyone's agenda; a participant only their own, and any
  // other id reads as unknown so agendas cannot be probed.
  std::vector<const scheduling::Agenda*> chosen;
  for (const auto& a : all) {
    const std::string side = a.is_enterprise ? "enterprise" : "craftsman";
    const bool mine = e->IsSelf(side, a.participant_id);
    if (!participant_id.empty() && a.participant_id != participant_id) continue;
    if (e->staff || mine) chosen.push_back(&a);
  }
  if (chosen.empty()) {
    return Status::NotFound(e->staff ? "日程中没有参与者 " + participant_id : "您不在这次对接会的日程中");
  }
  const auto& b = e->row.body;
  AgendaAnswer answer;
  answer.json = {{"event_id", e->row.id},
                 {"title", b.value("title", "")},
                 {"date", b.value("date", "")},
                 {"place", b.value("place", "")},
                 {"generated_at", stored.value("generated_at", "")},
                 {"agendas", nlohmann::json::array()}};
  answer.text = b.value("title", "") + " · " + b.value("date", "") +
                (b.value("place", "").empty() ? "" : " · " + b.value("place", "")) + "\n";
  for (const auto* a : chosen) {
    answer.json["agendas"].push_back(AgendaJson(*a));
    answer.text += "\n" + scheduling::FormatAgenda(*a);
  }
  return answer;
}

}  // namespace craftlink::services
