#pragma once

// Internal to the event service: one event loaded for a caller, its view,
// and the registration helpers shared by event_service.cpp (registrations,
// attendance) and event_matchmaking.cpp (对接会 wishes, schedule, agendas).

#include <memory>
#include <string>

#include "services/event_service.h"
#include "services/programme_common.h"

namespace craftlink::services {

struct EventService::Loaded {
  storage::DocumentRow row;
  std::shared_ptr<const access::OrgDirectory> orgs;
  bool staff = false;     // in scope of the event's organisation: may edit
  std::string self_kind;  // the caller as a participant: enterprise | craftsman | ""
  std::string self_id;
  std::string now_iso;
  std::string today;

  bool IsSelf(const std::string& kind, const std::string& id) const {
    return !self_id.empty() && kind == self_kind && id == self_id;
  }
  // Enterprise users and craftsmen take part as themselves.
  void SetCaller(const access::Principal& who) {
    if (who.role == access::Role::kEnterprise) {
      self_kind = "enterprise";
      self_id = who.enterprise_id;
    } else if (who.role == access::Role::kCraftsman) {
      self_kind = "craftsman";
      self_id = who.craftsman_id;
    }
  }
  // {kind, id} of the participant a participant-side request is about: the
  // caller themself, or, for staff in scope, whoever `body` names. Naming
  // someone else without being staff is refused with `refused`; nobody at
  // all is Invalid with `missing`.
  Result<std::pair<std::string, std::string>> Participant(const nlohmann::json& body, const char* refused,
                                                          const char* missing) const {
    const std::string asked = OptionalText(body, "participant_id");
    if (staff && !asked.empty()) return std::pair{OptionalText(body, "participant_kind"), asked};
    if (!asked.empty() && asked != self_id) return Status::PermissionDenied(refused);
    if (self_id.empty()) return Status::Invalid(missing, "participant_id");
    return std::pair{self_kind, self_id};
  }
};

namespace event_detail {

inline constexpr char kKind[] = "event";

std::string_view KindChinese(std::string_view kind);
// "enterprise:E1": how wishes are keyed, since the two sides' ids may meet.
inline std::string Key(const std::string& kind, const std::string& id) { return kind + ":" + id; }
int64_t SeatsTaken(const nlohmann::json& body);
// Index into body.registrations of participant `id` (of `kind`, or of
// either side when `kind` is empty). Invalid when not registered or when
// the id is registered on both sides and `kind` is empty.
Result<size_t> RegistrationIndex(const nlohmann::json& body, const std::string& kind, const std::string& id);
// What the caller may see of the event: staff everything, participants only
// their own registration and wishes.
nlohmann::json View(const EventService::Loaded& event);
// Conflict once the event is cancelled: nothing about it changes after that.
Status RequireOpen(const storage::DocumentRow& event);
// Writes the event under the version it was read at (a lost race answers
// programme::Raced()); on success `event` holds the stored version.
Status Commit(storage::Store& store, EventService::Loaded& event, storage::TrackingWrite write = {});

}  // namespace event_detail
}  // namespace craftlink::services
