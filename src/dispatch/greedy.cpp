#include <algorithm>

#include "dispatch/problem.h"

namespace craftlink::dispatch::internal {

std::vector<int> AssignSinglesGreedy(const Problem& p, std::vector<int>& residual) {
  struct Pair {
    double score;
    int need;
    int cand;
  };
  std::vector<Pair> pairs;
  for (size_t i = 0; i < p.needs.size(); ++i) {
    const Need& need = p.needs[i];
    if (need.squad_size != 1) continue;
    for (size_t j = 0; j < need.eligible.size(); ++j) {
      pairs.push_back({need.eligible[j].score, static_cast<int>(i), static_cast<int>(j)});
    }
  }
  // Ties go to the earlier need, then to the earlier-ranked candidate.
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.need != b.need ? a.need < b.need : a.cand < b.cand;
  });
  std::vector<int> choice(p.needs.size(), -1);
  for (const Pair& pair : pairs) {
    const int craftsman = p.needs[pair.need].eligible[pair.cand].craftsman;
    if (choice[pair.need] >= 0 || residual[craftsman] == 0) continue;
    choice[pair.need] = pair.cand;
    --residual[craftsman];
  }
  return choice;
}

}  // namespace craftlink::dispatch::internal
