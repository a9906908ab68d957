// Giving meetings slots: a proper edge colouring of the bipartite meeting
// graph with S colours (slot = colour), by König's alternating-path argument.
// To colour edge (x, y): if some slot is free at both, use it. Otherwise take
// c free at x and d free at y, and swap c ↔ d along the path that starts at y
// with its c-edge and alternates c, d, c, … . In a bipartite graph that path
// cannot reach x (vertices entered by a c-edge are on x's side, and x has no
// c-edge), so afterwards c is free at both. With degrees ≤ S a free colour
// always exists at both ends, so every edge gets a slot.
//
// Unavailable slots break the guarantee (list edge colouring is NP-hard), and
// this is where the heuristic lives: a colour is only chosen if both ends may
// use it, and a swap is only made if the path's far end may use the colour it
// gains (inner vertices keep both colours, and y gains d, which it may use).
// We try every such (c, d) and both orientations; an edge for which none
// works stays unscheduled. Edges are coloured best score first, so what is
// lost is the least valuable. O(edges × path length) without restrictions;
// up to S² paths per edge with them.
#include <bit>

#include "scheduling/meeting_graph.h"

namespace craftlink::scheduling::internal {
namespace {

class Colouring {
 public:
  explicit Colouring(const MeetingGraph& g)
      : g_(g),
        slots_(g.slots),
        at_(g.available.size() * static_cast<size_t>(g.slots), -1),
        busy_(g.available.size(), 0),
        slot_(g.pairs.size(), -1) {}

  bool Colour(int k) {
    const int x = g_.pairs[k].enterprise;
    const int y = g_.pairs[k].craftsman;
    const std::uint64_t common = Usable(x) & Usable(y);
    if (common != 0) {
      Set(k, std::countr_zero(common));
      return true;
    }
    return TrySwap(k, x, y) || TrySwap(k, y, x);
  }

  int SlotOf(int k) const { return slot_[k]; }
  std::vector<int> Take() { return std::move(slot_); }

 private:
  // Free and available.
  std::uint64_t Usable(int v) const { return g_.available[v] & ~busy_[v]; }
  int& At(int v, int slot) { return at_[static_cast<size_t>(v) * slots_ + slot]; }
  int Other(int k, int v) const { return g_.pairs[k].enterprise == v ? g_.pairs[k].craftsman : g_.pairs[k].enterprise; }

  void Set(int k, int slot) {
    const Pair& p = g_.pairs[k];
    slot_[k] = slot;
    At(p.enterprise, slot) = k;
    At(p.craftsman, slot) = k;
    busy_[p.enterprise] |= std::uint64_t{1} << slot;
    busy_[p.craftsman] |= std::uint64_t{1} << slot;
  }

  void Unset(int k) {
    const Pair& p = g_.pairs[k];
    const int slot = slot_[k];
    At(p.enterprise, slot) = -1;
    At(p.craftsman, slot) = -1;
    busy_[p.enterprise] &= ~(std::uint64_t{1} << slot);
    busy_[p.craftsman] &= ~(std::uint64_t{1} << slot);
    slot_[k] = -1;
  }

  // Colours edge k = (x, y) with some c free at x, after a c/d swap from y.
  bool TrySwap(int k, int x, int y) {
    std::uint64_t cs = Usable(x) & g_.available[y];  // each c is busy at y, or Colour would have used it
    for (; cs != 0; cs &= cs - 1) {
      const int c = std::countr_zero(cs);
      for (std::uint64_t ds = Usable(y); ds != 0; ds &= ds - 1) {
        const int d = std::countr_zero(ds);
        if (!SwapPath(y, c, d)) continue;
        Set(k, c);
        return true;
      }
    }
    return false;
  }

  // Swaps c ↔ d along the c/d path starting at y with its c-edge, unless the
  // far end may not use the colour it would gain.
  bool SwapPath(int y, int c, int d) {
    path_.clear();
    int v = y;
    int want = c;
    for (int k = At(v, want); k >= 0; k = At(v, want)) {
      path_.push_back(k);
      v = Other(k, v);
      want = want == c ? d : c;
    }
    // `v` is the far end; it has an edge of the colour other than `want`
    // and would receive `want` instead.
    if ((g_.available[v] >> want & 1) == 0) return false;
    colours_.clear();
    for (int k : path_) {
      colours_.push_back(slot_[k]);
      Unset(k);
    }
    for (size_t i = 0; i < path_.size(); ++i) Set(path_[i], colours_[i] == c ? d : c);
    return true;
  }

  const MeetingGraph& g_;
  const int slots_;
  std::vector<int> at_;              // vertex × slot → pair index, or -1
  std::vector<std::uint64_t> busy_;  // per vertex: slots in use
  std::vector<int> slot_;            // per pair: slot, or -1
  std::vector<int> path_;            // scratch for SwapPath
  std::vector<int> colours_;
};

}  // namespace

std::vector<int> AssignSlots(const MeetingGraph& g, const std::vector<int>& chosen,
                             const std::vector<int>& fill_order) {
  Colouring colouring(g);
  for (int k : chosen) (void)colouring.Colour(k);
  // Only pairs the colouring left out or the choice skipped; where the choice
  // was optimal and fully coloured, one side of every such pair is full.
  for (int k : fill_order) {
    if (colouring.SlotOf(k) < 0) (void)colouring.Colour(k);
  }
  return colouring.Take();
}

}  // namespace craftlink::scheduling::internal
