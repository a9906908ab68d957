// Choosing the meetings: maximum-score bipartite b-matching as min-cost flow.
//   source → enterprise (capacity = its available slots, cost 0)
//   enterprise → craftsman (capacity 1 per wished pair, cost −score)
//   craftsman → sink (capacity = its available slots, cost 0)
//   source → sink (bypass, cost 0)
// The bypass lets the flow leave capacity unused, so the optimum is the best
// score rather than the most meetings; scores are positive, so every meeting
// the optimum can add without displacing another it does add. Network simplex
// on integer data returns an integral optimum: each pair arc carries 0 or 1.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <bit>

#include "scheduling/meeting_graph.h"

namespace craftlink::scheduling::internal {
namespace {

using Digraph = lemon::SmartDigraph;
using Simplex = lemon::NetworkSimplex<Digraph, int, std::int64_t>;

bool CanMeet(const MeetingGraph& g, const Pair& p) {
  return (g.available[p.enterprise] & g.available[p.craftsman]) != 0;
}

// A vertex never needs more capacity than it has usable pairs; tighter
// capacities keep the bypass flow and the simplex's work small.
std::vector<int> Capacities(const MeetingGraph& g) {
  std::vector<int> degree(g.available.size(), 0);
  for (const Pair& p : g.pairs) {
    if (!CanMeet(g, p)) continue;
    ++degree[p.enterprise];
    ++degree[p.craftsman];
  }
  std::vector<int> capacity(g.available.size());
  for (size_t v = 0; v < capacity.size(); ++v) capacity[v] = std::min(std::popcount(g.available[v]), degree[v]);
  return capacity;
}

}  // namespace

Result<std::vector<int>> ChooseMeetings(const MeetingGraph& g) {
  const std::vector<int> capacity = Capacities(g);
  Digraph graph;
  std::vector<Digraph::Node> node(g.available.size());
  for (auto& n : node) n = graph.addNode();
  const Digraph::Node source = graph.addNode();
  const Digraph::Node sink = graph.addNode();
  Digraph::ArcMap<int> upper(graph);
  Digraph::ArcMap<std::int64_t> cost(graph);
  Digraph::NodeMap<int> supply(graph, 0);
  auto add = [&](Digraph::Node from, Digraph::Node to, int cap, std::int64_t c) {
    const Digraph::Arc arc = graph.addArc(from, to);
    upper[arc] = cap;
    cost[arc] = c;
  };
  // Pair arcs first, one per pair even when unusable (capacity 0), so that
  // arc id == pair index.
  for (const Pair& p : g.pairs) add(node[p.enterprise], node[p.craftsman], CanMeet(g, p) ? 1 : 0, -p.score);
  int total = 0;
  for (int v = 0; v < g.enterprises; ++v) {
    add(source, node[v], capacity[v], 0);
    total += capacity[v];
  }
  for (int v = g.enterprises; v < g.enterprises + g.craftsmen; ++v) add(node[v], sink, capacity[v], 0);
  add(source, sink, total, 0);
  supply[source] = total;
  supply[sink] = -total;

  Simplex simplex(graph);
  simplex.upperMap(upper).costMap(cost).supplyMap(supply);
  if (simplex.run() != Simplex::OPTIMAL) {
    return Status::Internal("min-cost flow not optimal although the bypass arc makes it feasible");
  }
  std::vector<int> chosen;
  for (size_t i = 0; i < g.pairs.size(); ++i) {
    if (simplex.flow(Digraph::arcFromId(static_cast<int>(i))) > 0) chosen.push_back(static_cast<int>(i));
  }
  return chosen;
}

}  // namespace craftlink::scheduling::internal
