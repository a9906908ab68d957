// scheduling internals: the validated 对接会 request as an indexed bipartite
// graph, and the two solver steps over it (meeting choice, slot colouring).
// Kept apart from matchmaking.h so the public header stays free of indices.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "scheduling/matchmaking.h"

namespace craftlink::scheduling::internal {

// A wished pair. Vertices are numbered enterprises first (0 … E−1), then
// craftsmen (E … E+C−1), in input order.
struct Pair {
  int enterprise = 0;
  int craftsman = 0;
  std::int64_t score = 0;
  bool mutual = false;
};

struct MeetingGraph {
  int enterprises = 0;
  int craftsmen = 0;
  int slots = 0;
  std::vector<std::uint64_t> available;  // per vertex: bit s set ⇔ can attend slot s
  std::vector<Pair> pairs;               // in order of first mention in the wishes
  bool restricted = false;               // someone has an unavailable slot
};

// Validates `request` (as ValidateMeetingRequest) and indexes it.
Result<MeetingGraph> BuildMeetingGraph(const MeetingRequest& request);

// Indices into g.pairs of a maximum-score set in which every vertex has at
// most popcount(available) pairs. Pairs without a common available slot are
// left out. Ascending order.
Result<std::vector<int>> ChooseMeetings(const MeetingGraph& g);

// Slot per pair (-1: not scheduled). `chosen` pairs are coloured first (in
// the given order), so that nobody meets twice in a slot and everyone only
// in available slots; with no restriction every chosen pair gets a slot.
// Then unscheduled pairs, in order of `fill_order`, take any slot that both
// sides still have free.
std::vector<int> AssignSlots(const MeetingGraph& g, const std::vector<int>& chosen, const std::vector<int>& fill_order);

}  // namespace craftlink::scheduling::internal
