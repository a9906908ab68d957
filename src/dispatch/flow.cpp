// Single-craftsman needs as a transportation problem solved by min-cost flow:
//   need (supply 1) → candidate craftsman (capacity 1, cost −score)
//   craftsman → sink (capacity = remaining; with balancing, one arc per slot
//   at rising cost) and need → sink directly ("unserved", at a penalty), so
//   the problem is always feasible — OR-Tools loops on infeasible input
//   (or-tools#296), and a plan with unserved needs is a valid answer here.
// Needs carry their supply themselves, which is a source with one arc per need.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "dispatch/problem.h"

namespace craftlink::dispatch::internal {
namespace {

using Graph = lemon::SmartDigraph;
using Simplex = lemon::NetworkSimplex<Graph, int, std::int64_t>;

// Every cost is multiplied by `tie` (> number of needs) and unserved arcs get
// +1, so among plans of equal score the one serving most needs wins. Together
// with the penalty below, an unserved need never has an eligible candidate
// with a free slot, which makes "名额已满" a true statement.
struct Costs {
  std::int64_t tie = 1;
  std::int64_t step = 0;      // balancing, in score units per extra assignment
  std::int64_t unserved = 0;  // arc cost, already scaled by tie
  bool fits = true;           // no int64 overflow inside NetworkSimplex
};

struct Model {
  bool fits = true;
  Graph graph;
  Graph::ArcMap<int> upper{graph};
  Graph::ArcMap<std::int64_t> cost{graph};
  Graph::NodeMap<int> supply{graph};
  std::vector<int> first_arc;  // per need: id of its first candidate arc, -1 if absent
};

void AddArc(Model& m, Graph::Node from, Graph::Node to, int upper, std::int64_t cost) {
  const Graph::Arc arc = m.graph.addArc(from, to);
  m.upper[arc] = upper;
  m.cost[arc] = cost;
}

bool Participates(const Need& need) { return need.squad_size == 1 && !need.eligible.empty(); }

// Slots each craftsman can usefully offer: no more than its free capacity,
// nor than the number of needs that list it.
std::vector<int> UsefulSlots(const Problem& p, const std::vector<int>& residual) {
  std::vector<int> slots(p.craftsman_ids.size(), 0);
  for (const auto& need : p.needs) {
    if (!Participates(need)) continue;
    for (const auto& c : need.eligible) ++slots[c.craftsman];
  }
  for (size_t i = 0; i < slots.size(); ++i) slots[i] = std::min(slots[i], residual[i]);
  return slots;
}

std::int64_t MaxUnits(const Problem& p) {
  std::int64_t most = 0;
  for (const auto& need : p.needs) {
    for (const auto& c : need.eligible) most = std::max(most, c.units);
  }
  return most;
}

Costs MakeCosts(const Problem& p, const std::vector<int>& slots, const DispatchOptions& options) {
  Costs costs;
  costs.tie = static_cast<std::int64_t>(p.needs.size()) + 1;
  if (options.load_balancing) {
    costs.step = std::llround(options.balance_step * static_cast<double>(kScoreScale));
  }
  const int most_slots = slots.empty() ? 0 : *std::max_element(slots.begin(), slots.end());
  // The dearest slot costs step × (most_slots − 1); a penalty above it keeps
  // balancing from ever leaving a need unserved that could be served.
  const double dearest = static_cast<double>(costs.step) * std::max(0, most_slots - 1);
  const double unserved = (static_cast<double>(options.unserved_penalty) + dearest) * costs.tie + 1;
  // NetworkSimplex's artificial cost is (max |cost| + 1) × nodes; keep it and
  // the potentials derived from it far from int64 overflow.
  const double max_abs = std::max(unserved, static_cast<double>(MaxUnits(p)) * costs.tie);
  const double nodes = static_cast<double>(p.needs.size() + slots.size() + 2);
  costs.fits = (max_abs + 1) * nodes < static_cast<double>(std::numeric_limits<std::int64_t>::max()) / 8;
  if (costs.fits) costs.unserved = static_cast<std::int64_t>(unserved);
  return costs;
}

void AddCraftsmen(Model& m, const std::vector<int>& slots, const Costs& costs, Graph::Node sink,
                  std::vector<Graph::Node>& node_of) {
  node_of.assign(slots.size(), lemon::INVALID);
  for (size_t i = 0; i < slots.size(); ++i) {
    if (slots[i] == 0) continue;
    node_of[i] = m.graph.addNode();
    if (costs.step == 0) {
      AddArc(m, node_of[i], sink, slots[i], 0);
      continue;
    }
    for (int j = 0; j < slots[i]; ++j) AddArc(m, node_of[i], sink, 1, costs.step * j * costs.tie);
  }
}

// Fills `m` in place: LEMON graphs and their maps cannot be copied or moved.
void BuildModel(const Problem& p, const std::vector<int>& residual, const DispatchOptions& options, Model& m) {
  const std::vector<int> slots = UsefulSlots(p, residual);
  const Costs costs = MakeCosts(p, slots, options);
  m.fits = costs.fits;
  if (!m.fits) return;
  const Graph::Node sink = m.graph.addNode();
  std::vector<Graph::Node> node_of;
  AddCraftsmen(m, slots, costs, sink, node_of);
  m.first_arc.assign(p.needs.size(), -1);
  int served_supply = 0;
  for (size_t i = 0; i < p.needs.size(); ++i) {
    const Need& need = p.needs[i];
    if (!Participates(need)) continue;
    const Graph::Node node = m.graph.addNode();
    m.supply[node] = 1;
    ++served_supply;
    m.first_arc[i] = m.graph.arcNum();
    // One arc per eligible candidate, in order, even for craftsmen without a
    // slot (they lead nowhere), so arc id = first_arc + candidate index.
    for (const auto& c : need.eligible) {
      const bool open = node_of[c.craftsman] != lemon::INVALID;
      AddArc(m, node, open ? node_of[c.craftsman] : sink, open ? 1 : 0, -c.units * costs.tie);
    }
    AddArc(m, node, sink, 1, costs.unserved);
  }
  m.supply[sink] = -served_supply;
}

}  // namespace

Result<std::vector<int>> AssignSinglesByFlow(const Problem& p, std::vector<int>& residual,
                                             const DispatchOptions& options) {
  std::vector<int> choice(p.needs.size(), -1);
  Model m;
  BuildModel(p, residual, options, m);
  if (!m.fits) {
    return Status::Invalid("too many needs or too large scores for integer costs", "needs");
  }
  Simplex simplex(m.graph);
  simplex.upperMap(m.upper).costMap(m.cost).supplyMap(m.supply);
  if (simplex.run() != Simplex::OPTIMAL) {
    return Status::Internal("min-cost flow not optimal although unserved arcs make it feasible");
  }
  for (size_t i = 0; i < p.needs.size(); ++i) {
    if (m.first_arc[i] < 0) continue;
    const auto& eligible = p.needs[i].eligible;
    for (size_t j = 0; j < eligible.size(); ++j) {
      if (simplex.flow(Graph::arcFromId(m.first_arc[i] + static_cast<int>(j))) == 0) continue;
      choice[i] = static_cast<int>(j);
      --residual[eligible[j].craftsman];
      break;
    }
  }
  return choice;
}

}  // namespace craftlink::dispatch::internal
