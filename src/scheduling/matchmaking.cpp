#include "scheduling/matchmaking.h"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "scheduling/meeting_graph.h"

namespace craftlink::scheduling {
namespace {

using internal::MeetingGraph;

// Best score first, then first mentioned: decides which meetings the
// heuristic keeps when slots run short, and keeps the output reproducible.
void SortByScore(const MeetingGraph& g, std::vector<int>& pairs) {
  std::stable_sort(pairs.begin(), pairs.end(), [&](int a, int b) { return g.pairs[a].score > g.pairs[b].score; });
}

Meeting MakeMeeting(const MeetingRequest& request, const MeetingGraph& g, int k, int slot) {
  const internal::Pair& p = g.pairs[k];
  return Meeting{request.enterprises[p.enterprise].id, request.craftsmen[p.craftsman - g.enterprises].id, slot, p.score,
                 p.mutual};
}

}  // namespace

Result<Schedule> ScheduleMeetings(const MeetingRequest& request) {
  auto built = internal::BuildMeetingGraph(request);
  if (!built.ok()) return built.status();
  const MeetingGraph& g = *built;

  auto chosen_result = internal::ChooseMeetings(g);
  if (!chosen_result.ok()) return chosen_result.status();
  std::vector<int> chosen = std::move(chosen_result).value();
  SortByScore(g, chosen);
  std::vector<int> fill_order(g.pairs.size());
  std::iota(fill_order.begin(), fill_order.end(), 0);
  SortByScore(g, fill_order);
  const std::vector<int> slot = internal::AssignSlots(g, chosen, fill_order);

  Schedule schedule;
  schedule.slots = request.slots;
  schedule.slot_labels = request.slot_labels;
  schedule.wished_pairs = static_cast<int>(g.pairs.size());
  std::vector<int> placed;
  for (size_t k = 0; k < g.pairs.size(); ++k) {
    if (g.pairs[k].mutual) ++schedule.mutual_pairs;
    if (slot[k] >= 0) placed.push_back(static_cast<int>(k));
  }
  std::sort(placed.begin(), placed.end(), [&](int a, int b) {
    return std::tie(slot[a], g.pairs[a].enterprise, g.pairs[a].craftsman) <
           std::tie(slot[b], g.pairs[b].enterprise, g.pairs[b].craftsman);
  });
  for (int k : placed) {
    schedule.meetings.push_back(MakeMeeting(request, g, k, slot[k]));
    schedule.total_score += g.pairs[k].score;
    if (g.pairs[k].mutual) ++schedule.mutual_meetings;
  }
  for (int k : chosen) {
    schedule.upper_bound += g.pairs[k].score;
    if (slot[k] < 0) schedule.unplaced.push_back(MakeMeeting(request, g, k, -1));
  }
  if (!g.restricted && (!schedule.unplaced.empty() || schedule.total_score != schedule.upper_bound)) {
    return Status::Internal("edge colouring left a meeting without a slot although everyone is always available");
  }
  return schedule;
}

}  // namespace craftlink::scheduling
