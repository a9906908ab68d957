// Shared by the scheduling tests: an independent checker of 对接会 schedules
// and an exact brute force, written from the contract in matchmaking.h only
// (they read the request and the output, never the scheduler's internals),
// plus a seeded generator of programme-scale requests.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "scheduling/matchmaking.h"

namespace craftlink::scheduling::testing {

using PairKey = std::pair<std::string, std::string>;  // (enterprise id, craftsman id)

struct PairValue {
  std::int64_t score = 0;
  bool mutual = false;
};

// Score of every wished pair, from the formula documented in matchmaking.h.
inline std::map<PairKey, PairValue> WishedPairs(const MeetingRequest& r) {
  std::set<std::string> enterprises;
  for (const auto& e : r.enterprises) enterprises.insert(e.id);
  std::map<PairKey, std::pair<int, int>> weights;  // (enterprise's weight, craftsman's weight)
  for (const auto& w : r.wishes) {
    if (enterprises.count(w.from_id)) {
      weights[{w.from_id, w.to_id}].first = w.weight;
    } else {
      weights[{w.to_id, w.from_id}].second = w.weight;
    }
  }
  std::map<PairKey, PairValue> out;
  for (const auto& [key, w] : weights) {
    const bool mutual = w.first > 0 && w.second > 0;
    out[key] = {w.first + w.second + (mutual ? r.options.mutual_bonus : 0), mutual};
  }
  return out;
}

using SlotSet = std::set<std::pair<std::string, int>>;  // (participant id, slot)

inline SlotSet UnavailableSlots(const MeetingRequest& r) {
  SlotSet out;
  for (const auto* side : {&r.enterprises, &r.craftsmen}) {
    for (const auto& p : *side) {
      for (int slot : p.unavailable_slots) out.insert({p.id, slot});
    }
  }
  return out;
}

// Every violated rule, in words; empty when the schedule is valid.
inline std::vector<std::string> CheckSchedule(const MeetingRequest& r, const Schedule& s) {
  std::vector<std::string> problems;
  const auto wished = WishedPairs(r);
  const SlotSet unavailable = UnavailableSlots(r);
  SlotSet busy;
  std::set<PairKey> met;
  std::int64_t total = 0;
  int mutual = 0;
  for (const auto& m : s.meetings) {
    const std::string what = m.enterprise_id + "–" + m.craftsman_id + " @" + std::to_string(m.slot);
    if (m.slot < 0 || m.slot >= r.slots) problems.push_back("slot out of range: " + what);
    const auto it = wished.find({m.enterprise_id, m.craftsman_id});
    if (it == wished.end()) {
      problems.push_back("pair nobody wished: " + what);
    } else {
      if (it->second.score != m.score) problems.push_back("wrong score: " + what);
      if (it->second.mutual != m.mutual) problems.push_back("wrong mutual flag: " + what);
      total += it->second.score;
      mutual += it->second.mutual ? 1 : 0;
    }
    if (!met.insert({m.enterprise_id, m.craftsman_id}).second) problems.push_back("pair meets twice: " + what);
    for (const auto& id : {m.enterprise_id, m.craftsman_id}) {
      if (!busy.insert({id, m.slot}).second) problems.push_back("double booked " + id + ": " + what);
      if (unavailable.count({id, m.slot})) problems.push_back("unavailable " + id + ": " + what);
    }
  }
  if (total != s.total_score) problems.push_back("total_score does not add up");
  if (mutual != s.mutual_meetings) problems.push_back("mutual_meetings does not add up");
  if (s.total_score > s.upper_bound) problems.push_back("total_score above upper_bound");
  return problems;
}

// Some wished, unscheduled pair that could still meet in a slot both sides
// have free and available; empty when the schedule is maximal.
inline std::string AddableMeeting(const MeetingRequest& r, const Schedule& s) {
  const SlotSet unavailable = UnavailableSlots(r);
  SlotSet busy;
  std::set<PairKey> met;
  for (const auto& m : s.meetings) {
    busy.insert({m.enterprise_id, m.slot});
    busy.insert({m.craftsman_id, m.slot});
    met.insert({m.enterprise_id, m.craftsman_id});
  }
  for (const auto& [key, value] : WishedPairs(r)) {
    if (met.count(key)) continue;
    for (int slot = 0; slot < r.slots; ++slot) {
      if (busy.count({key.first, slot}) || busy.count({key.second, slot})) continue;
      if (unavailable.count({key.first, slot}) || unavailable.count({key.second, slot})) continue;
      return key.first + "–" + key.second + " @" + std::to_string(slot);
    }
  }
  return {};
}

// The best total score of any valid schedule, by trying every slot (or none)
// for every wished pair. For small instances only: (S+1)^pairs.
class BruteForce {
 public:
  explicit BruteForce(const MeetingRequest& r) : r_(r), unavailable_(UnavailableSlots(r)) {
    for (const auto& [key, value] : WishedPairs(r)) pairs_.push_back({key, value.score});
  }

  std::int64_t Best() {
    best_ = 0;
    Search(0, 0);
    return best_;
  }

 private:
  void Search(size_t i, std::int64_t value) {
    best_ = std::max(best_, value);
    if (i == pairs_.size()) return;
    std::int64_t rest = 0;
    for (size_t k = i; k < pairs_.size(); ++k) rest += pairs_[k].second;
    if (value + rest <= best_) return;
    const auto& [key, score] = pairs_[i];
    for (int slot = 0; slot < r_.slots; ++slot) {
      if (busy_.count({key.first, slot}) || busy_.count({key.second, slot})) continue;
      if (unavailable_.count({key.first, slot}) || unavailable_.count({key.second, slot})) continue;
      busy_.insert({key.first, slot});
      busy_.insert({key.second, slot});
      Search(i + 1, value + score);
      busy_.erase({key.first, slot});
      busy_.erase({key.second, slot});
    }
    Search(i + 1, value);
  }

  const MeetingRequest& r_;
  std::vector<std::pair<PairKey, std::int64_t>> pairs_;
  const SlotSet unavailable_;
  SlotSet busy_;
  std::int64_t best_ = 0;
};

// A 对接会 at programme scale: every participant names 10–20 of the other
// side, weights 1–5, mostly within its own industry group (10 groups) so that
// many wishes are mutual; `unavailable_share` of participants miss 1–3 slots.
inline MeetingRequest MakeProgrammeRequest(std::uint32_t seed, int enterprises, int craftsmen, int slots,
                                           double unavailable_share) {
  constexpr int kGroups = 10;
  std::mt19937 rng(seed);
  MeetingRequest r;
  r.slots = slots;
  for (int s = 0; s < slots; ++s) {
    const int start = 9 * 60 + 15 * s;
    const int end = start + 15;
    char label[32];
    std::snprintf(label, sizeof label, "%02d:%02d-%02d:%02d", start / 60, start % 60, end / 60, end % 60);
    r.slot_labels.push_back(label);
  }
  std::bernoulli_distribution misses(unavailable_share);
  auto add = [&](std::vector<Participant>& side, const char* prefix, int count) {
    for (int i = 0; i < count; ++i) {
      Participant p{prefix + std::to_string(i), prefix + std::to_string(i), {}};
      if (misses(rng)) {
        const int n = std::uniform_int_distribution<int>(1, 3)(rng);
        for (int k = 0; k < n; ++k)
          p.unavailable_slots.push_back(std::uniform_int_distribution<int>(0, slots - 1)(rng));
      }
      side.push_back(std::move(p));
    }
  };
  add(r.enterprises, "E", enterprises);
  add(r.craftsmen, "C", craftsmen);
  auto wish = [&](const std::vector<Participant>& from, const std::vector<Participant>& to) {
    std::bernoulli_distribution same_group(0.7);
    std::uniform_int_distribution<int> any(0, static_cast<int>(to.size()) - 1);
    for (size_t i = 0; i < from.size(); ++i) {
      const int want = std::min<int>(std::uniform_int_distribution<int>(10, 20)(rng), static_cast<int>(to.size()));
      std::set<int> chosen;
      while (static_cast<int>(chosen.size()) < want) {
        int t = any(rng);
        if (same_group(rng)) t = t - t % kGroups + static_cast<int>(i % kGroups);
        if (t < static_cast<int>(to.size())) chosen.insert(t);
      }
      for (int t : chosen) r.wishes.push_back({from[i].id, to[t].id, std::uniform_int_distribution<int>(1, 5)(rng)});
    }
  };
  wish(r.enterprises, r.craftsmen);
  wish(r.craftsmen, r.enterprises);
  return r;
}

}  // namespace craftlink::scheduling::testing
