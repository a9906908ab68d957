// Agendas and their output forms: the printable Chinese text that goes on a
// participant's card at the 对接会, and the JSON the API returns.
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "scheduling/matchmaking.h"

namespace craftlink::scheduling {
namespace {

nlohmann::json MeetingJson(const Schedule& schedule, const Meeting& m) {
  nlohmann::json out{
      {"enterprise_id", m.enterprise_id}, {"craftsman_id", m.craftsman_id}, {"score", m.score}, {"mutual", m.mutual}};
  if (m.slot >= 0) {
    out["slot"] = m.slot;
    out["slot_label"] = schedule.slot_labels.empty() ? "" : schedule.slot_labels[m.slot];
  }
  return out;
}

nlohmann::json AgendaJson(const Agenda& agenda) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& e : agenda.entries) {
    entries.push_back({{"slot", e.slot},
                       {"slot_label", e.slot_label},
                       {"counterpart_id", e.counterpart_id},
                       {"counterpart_name", e.counterpart_name},
                       {"mutual", e.mutual}});
  }
  return {{"participant_id", agenda.participant_id},
          {"participant_name", agenda.participant_name},
          {"side", agenda.is_enterprise ? "enterprise" : "craftsman"},
          {"entries", std::move(entries)}};
}

}  // namespace

std::vector<Agenda> BuildAgendas(const MeetingRequest& request, const Schedule& schedule) {
  std::vector<Agenda> agendas;
  std::unordered_map<std::string_view, size_t> index_of;
  for (const auto* side : {&request.enterprises, &request.craftsmen}) {
    for (const Participant& p : *side) {
      index_of.emplace(p.id, agendas.size());
      agendas.push_back(Agenda{p.id, p.name, side == &request.enterprises, {}});
    }
  }
  auto label = [&](int slot) { return schedule.slot_labels.empty() ? std::string() : schedule.slot_labels[slot]; };
  // Meetings come sorted by slot, so each agenda fills in slot order.
  for (const Meeting& m : schedule.meetings) {
    const auto e = index_of.find(m.enterprise_id);
    const auto c = index_of.find(m.craftsman_id);
    if (e == index_of.end() || c == index_of.end()) continue;  // not this request's schedule
    Agenda& enterprise = agendas[e->second];
    Agenda& craftsman = agendas[c->second];
    enterprise.entries.push_back(
        AgendaEntry{m.slot, label(m.slot), craftsman.participant_id, craftsman.participant_name, m.mutual});
    craftsman.entries.push_back(
        AgendaEntry{m.slot, label(m.slot), enterprise.participant_id, enterprise.participant_name, m.mutual});
  }
  return agendas;
}

std::string FormatAgenda(const Agenda& agenda) {
  const std::string& name = agenda.participant_name.empty() ? agenda.participant_id : agenda.participant_name;
  std::string out = "【" + name + "】对接会日程（共 " + std::to_string(agenda.entries.size()) + " 场）\n";
  if (agenda.entries.empty()) return out + "暂无安排\n";
  for (const AgendaEntry& e : agenda.entries) {
    out += "第" + std::to_string(e.slot + 1) + "场";
    if (!e.slot_label.empty()) out += " " + e.slot_label;
    out += " 与 " + (e.counterpart_name.empty() ? e.counterpart_id : e.counterpart_name);
    if (e.mutual) out += "（双方意向）";
    out += "\n";
  }
  return out;
}

std::string ToJson(const Schedule& schedule, const std::vector<Agenda>& agendas) {
  nlohmann::json meetings = nlohmann::json::array();
  for (const auto& m : schedule.meetings) meetings.push_back(MeetingJson(schedule, m));
  nlohmann::json unplaced = nlohmann::json::array();
  for (const auto& m : schedule.unplaced) unplaced.push_back(MeetingJson(schedule, m));
  nlohmann::json agenda_list = nlohmann::json::array();
  for (const auto& a : agendas) agenda_list.push_back(AgendaJson(a));
  return nlohmann::json{{"slots", schedule.slots},
                        {"slot_labels", schedule.slot_labels},
                        {"meetings", std::move(meetings)},
                        {"unplaced", std::move(unplaced)},
                        {"total_score", schedule.total_score},
                        {"upper_bound", schedule.upper_bound},
                        {"wished_pairs", schedule.wished_pairs},
                        {"mutual_pairs", schedule.mutual_pairs},
                        {"mutual_meetings", schedule.mutual_meetings},
                        {"agendas", std::move(agenda_list)}}
      .dump(2);
}

}  // namespace craftlink::scheduling
