// Squad staffing is set cover (NP-hard): exact by enumerating k-subsets when
// the pool is small, greedy (ln n approximation) otherwise.
#include <algorithm>
#include <bit>

#include "dispatch/problem.h"

namespace craftlink::dispatch::internal {
namespace {

// 2^20 masks bound the work per squad; Validate rejects larger limits, and
// this keeps the greedy baseline safe on unvalidated options.
constexpr int kMaxExactCover = 20;

// `pool` holds indices into need.eligible, best score first.
std::optional<std::vector<int>> ExactCover(const Need& need, const std::vector<int>& pool) {
  const int n = static_cast<int>(pool.size());
  const int k = need.squad_size;
  std::uint32_t best_mask = 0;
  std::int64_t best_units = 0;
  // Gosper's hack: every n-bit mask with exactly k bits set, in increasing order.
  for (std::uint32_t mask = (1U << k) - 1; mask < (1U << n);) {
    std::uint64_t covered = 0;
    std::int64_t units = 0;
    for (std::uint32_t rest = mask; rest != 0; rest &= rest - 1) {
      const Cand& c = need.eligible[pool[std::countr_zero(rest)]];
      covered |= c.skills;
      units += c.units;
    }
    if ((covered & need.required) == need.required && (best_mask == 0 || units > best_units)) {
      best_mask = mask;
      best_units = units;
    }
    const std::uint32_t low = mask & (~mask + 1);
    const std::uint32_t ripple = mask + low;
    mask = (((ripple ^ mask) >> 2) / low) | ripple;
  }
  if (best_mask == 0) return std::nullopt;
  std::vector<int> members;
  for (std::uint32_t rest = best_mask; rest != 0; rest &= rest - 1) {
    members.push_back(pool[std::countr_zero(rest)]);
  }
  return members;
}

std::optional<std::vector<int>> GreedyCover(const Need& need, const std::vector<int>& pool) {
  const size_t k = static_cast<size_t>(need.squad_size);
  std::vector<bool> taken(pool.size(), false);
  std::vector<int> members;
  std::uint64_t covered = 0;
  while ((covered & need.required) != need.required) {
    int best = -1;
    int best_gain = 0;
    for (size_t i = 0; i < pool.size(); ++i) {
      const int gain = std::popcount(need.eligible[pool[i]].skills & need.required & ~covered);
      if (!taken[i] && gain > best_gain) {  // strict: ties go to the higher score, earlier in pool
        best = static_cast<int>(i);
        best_gain = gain;
      }
    }
    if (best < 0 || members.size() == k) return std::nullopt;
    taken[best] = true;
    members.push_back(pool[best]);
    covered |= need.eligible[pool[best]].skills;
  }
  for (size_t i = 0; i < pool.size() && members.size() < k; ++i) {
    if (!taken[i]) members.push_back(pool[i]);
  }
  return members;
}

}  // namespace

std::optional<std::vector<int>> ChooseSquad(const Need& need, const std::vector<int>* residual, int exact_cover_limit) {
  std::vector<int> pool;
  for (size_t i = 0; i < need.eligible.size(); ++i) {
    if (residual == nullptr || (*residual)[need.eligible[i].craftsman] > 0) pool.push_back(static_cast<int>(i));
  }
  const size_t k = static_cast<size_t>(need.squad_size);
  if (pool.size() < k) return std::nullopt;
  std::optional<std::vector<int>> members;
  if (need.required == 0) {
    members.emplace(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(k));
  } else if (static_cast<int>(pool.size()) <= std::min(exact_cover_limit, kMaxExactCover)) {
    members = ExactCover(need, pool);
  } else {
    members = GreedyCover(need, pool);
  }
  // Eligible candidates are sorted best first, so ascending index puts the lead first.
  if (members) std::sort(members->begin(), members->end());
  return members;
}

}  // namespace craftlink::dispatch::internal
