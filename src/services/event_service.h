#pragma once

// Programme events (glossary: lecture 宣讲, training 培训, showcase 成果展示,
// matchmaking 对接会): creation and editing by staff, registrations with a
// capacity, attendance that feeds the KPI roll-up, and for a 对接会 the
// participants' wishes, the one-to-one schedule (scheduling/matchmaking.h)
// and each participant's private agenda.
//
// Stored as documents of kind "event": org_id = the organising union,
// ref_a = the event kind, state "open"; registrations, wishes and the
// schedule live in the body, so the document's version guards them all:
// two registrations at once cannot both take the last seat.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "access/policy.h"
#include "core/clock.h"
#include "services/session_service.h"
#include "storage/store.h"

namespace craftlink::services {

struct EventQuery {
  std::string kind;
  std::string org_id;
  std::string from;  // date ≥, YYYY-MM-DD
  std::string to;    // date ≤
  std::string after;
  size_t limit = 50;
  // "date" or "-date" (latest first), ties by id; "" = id order. A sorted
  // list pages with the opaque cursor of list_cursor.h in `after`.
  std::string sort;
};

// A participant's printable agenda beside its JSON.
struct AgendaAnswer {
  nlohmann::json json;
  std::string text;
};

// Thread-safe: holds no state of its own; writes that lose a race to
// another request are re-read and re-applied (programme::RetryRaces).
class EventService {
 public:
  EventService(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Staff (in scope of org_id, default their own) or admins (org_id, default
  // the root): {kind, title, date, place, organiser, capacity, org_id?, region?}.
  Result<nlohmann::json> Create(const access::Principal& who, const nlohmann::json& body, const RequestOrigin& origin);
  // The same fields with the `version` read. Once attendance is recorded,
  // kind, date, organisation and region are fixed (the KPI cells name them),
  // and capacity never drops below the seats taken.
  Result<nlohmann::json> Update(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                const RequestOrigin& origin);
  // Anyone whose home organisation lies below the event's organisation (its
  // lineage), staff in scope, and registered participants. Participants see
  // only their own registration and wishes.
  Result<nlohmann::json> Get(const access::Principal& who, std::string_view id);
  Result<nlohmann::json> List(const access::Principal& who, const EventQuery& query);
  // {participant_kind: enterprise|craftsman, participant_id, seats}: an
  // enterprise user for their enterprise, a craftsman for themself (one
  // seat), staff for anyone in their scope. Registering again changes the
  // seats. Conflict when the seats left do not suffice. Answers
  // {event, registration, created}.
  Result<nlohmann::json> Register(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                  const RequestOrigin& origin);
  // Staff in scope: {participant_id, participant_kind?, attended ≤ seats}.
  // For lectures and trainings adds the change since the last recording to
  // workers_trained and event_attendance, so corrections never count twice.
  Result<nlohmann::json> RecordAttendance(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                          const RequestOrigin& origin);

  // Staff in scope: {reason, version} calls the event off and tells every
  // registered participant. Conflict once attendance is recorded (it is in
  // the KPIs; correct it to 0 first). A cancelled event changes no more.
  Result<nlohmann::json> Cancel(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                const RequestOrigin& origin);
  // {participant_id?, participant_kind?}: a participant takes back their own
  // registration, staff in scope anyone's; their wishes, the wishes for them
  // and their 对接会 meetings go too. Conflict once their attendance is recorded.
  Result<nlohmann::json> Withdraw(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                  const RequestOrigin& origin);

  // 对接会 only. {participant_id?, participant_kind?, wishes: [{to_id,
  // weight?}]} replaces one registered participant's wishes: an enterprise
  // user's for their enterprise, a craftsman's for themself, staff's for
  // anyone registered.
  Result<nlohmann::json> SetWishes(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                   const RequestOrigin& origin);
  // Staff in scope: {slots, slot_labels?, mutual_bonus?} schedules the
  // registered participants' wishes and stores the plan in the event.
  Result<nlohmann::json> MakeSchedule(const access::Principal& who, std::string_view id, const nlohmann::json& body,
                                      const RequestOrigin& origin);
  // A participant's own agenda; staff in scope all of them, or one with
  // `participant_id`. NotFound for anyone else's.
  Result<AgendaAnswer> Agenda(const access::Principal& who, std::string_view id, const std::string& participant_id);

  // Everything a step needs about one event and the caller.
  struct Loaded;

 private:
  Result<Loaded> Load(const access::Principal& who, std::string_view id);
  // The store's filter for a list query, its dates, sort and cursor checked.
  static Result<storage::DocumentFilter> ListFilter(const EventQuery& query);
  // Validates the editable fields of a create or update into `row`.
  Status Fill(const access::Principal& who, const access::OrgDirectory& orgs, const nlohmann::json& body,
              const std::string& default_org, storage::DocumentRow& row);

  storage::Store& store_;
  const Clock& clock_;
};

}  // namespace craftlink::services
