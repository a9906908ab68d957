// scheduling/matchmaking: the one-to-one meeting plan of a 对接会. Enterprises
// and craftsmen name whom they wish to meet; the scheduler picks the meetings
// that maximise mutual interest and gives each a time slot so that nobody is
// in two meetings at once. Owns validation, the choice (max-weight b-matching
// by LEMON min-cost flow), slotting (bipartite edge colouring) and the agenda
// output (Chinese text, JSON). Plain data in and out; no I/O, no globals.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace craftlink::scheduling {

// Slots are kept as a 64-bit availability mask per participant; 48 quarter-
// hours is already a twelve-hour day of meetings.
inline constexpr int kMaxSlots = 48;
inline constexpr int kMaxWishWeight = 100;
inline constexpr int kMaxMutualBonus = 10000;

struct Participant {
  std::string id;    // unique across enterprises and craftsmen together
  std::string name;  // shown on agendas, e.g. "成都精工机械有限公司"
  // Slots (0-based) this participant cannot attend. Without any, the plan is
  // provably optimal; with some, slotting is a heuristic (see ScheduleMeetings).
  std::vector<int> unavailable_slots;
};

// `from_id` wishes to meet `to_id`; one must be an enterprise, the other a
// craftsman. Higher weight = more wanted (1 … kMaxWishWeight).
struct Wish {
  std::string from_id;
  std::string to_id;
  int weight = 1;
};

struct MeetingOptions {
  // Added to a pair that both sides named. With the default (= the largest
  // weight), any mutual pair scores more than any one-sided pair.
  int mutual_bonus = kMaxWishWeight;
};

struct MeetingRequest {
  std::vector<Participant> enterprises;
  std::vector<Participant> craftsmen;
  int slots = 0;                         // 1 … kMaxSlots
  std::vector<std::string> slot_labels;  // empty, or one per slot, e.g. "14:00-14:15"
  std::vector<Wish> wishes;
  MeetingOptions options;
};

// A pair's score: weight(enterprise→craftsman) + weight(craftsman→enterprise)
// (a missing direction counts 0) + mutual_bonus when both directions exist.
// Pairs that nobody named have no score and are never scheduled.
struct Meeting {
  std::string enterprise_id;
  std::string craftsman_id;
  int slot = -1;  // 0-based; -1 only in Schedule::unplaced
  std::int64_t score = 0;
  bool mutual = false;
};

struct Schedule {
  int slots = 0;
  std::vector<std::string> slot_labels;  // as requested (possibly empty)
  std::vector<Meeting> meetings;         // by slot, then enterprise and craftsman input order
  // Meetings the optimal choice contained that no common free slot could be
  // found for. Always empty when nobody has unavailable slots.
  std::vector<Meeting> unplaced;
  std::int64_t total_score = 0;  // Σ meetings[i].score
  // Best score any schedule could reach if only each participant's number of
  // available slots mattered (the b-matching optimum): an upper bound, equal
  // to total_score when nobody has unavailable slots.
  std::int64_t upper_bound = 0;
  int wished_pairs = 0;  // distinct pairs named by at least one side
  int mutual_pairs = 0;  // of which named by both sides
  int mutual_meetings = 0;
};

// Checks ids (non-empty, unique across both sides), the slot count and
// labels, unavailable slots, wishes (known ids, one side to the other, no
// duplicates, weight range) and options. Messages name the offending item;
// Status::field gives its path, e.g. "wishes[3].to_id".
Status ValidateMeetingRequest(const MeetingRequest& request);

// Chooses the meetings of maximum total score such that each participant
// meets at most as many counterparts as they have available slots and each
// pair at most once (LEMON network simplex: the optimum is integral), then
// gives every meeting a slot by bipartite edge colouring. By König's theorem
// S slots suffice when everyone is available throughout, so the schedule is
// then optimal. With unavailable slots, exact slotting is NP-hard; the
// colouring then uses a heuristic, reports what it could not place in
// `unplaced`, and fills freed slots with the best remaining wished pairs.
// Deterministic: the same request always gives the same schedule.
Result<Schedule> ScheduleMeetings(const MeetingRequest& request);

// One participant's day, in slot order.
struct AgendaEntry {
  int slot = 0;
  std::string slot_label;  // empty when the request had no labels
  std::string counterpart_id;
  std::string counterpart_name;
  bool mutual = false;
};

struct Agenda {
  std::string participant_id;
  std::string participant_name;
  bool is_enterprise = false;
  std::vector<AgendaEntry> entries;
};

// Agendas of every participant (enterprises first, in input order), including
// those with no meeting. `request` must be the one `schedule` was made from.
std::vector<Agenda> BuildAgendas(const MeetingRequest& request, const Schedule& schedule);

// Printable agenda in Chinese, one meeting a line, e.g.
//   第3场 14:30-14:45 与 成都精工机械有限公司（双方意向）
std::string FormatAgenda(const Agenda& agenda);

// The schedule and agendas as JSON for the API: slot numbers 0-based as in
// the request, labels beside them.
std::string ToJson(const Schedule& schedule, const std::vector<Agenda>& agendas);

}  // namespace craftlink::scheduling
