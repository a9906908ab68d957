#include "scheduling/mentorship.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <unordered_map>
#include <utility>

namespace craftlink::scheduling {
namespace {

std::string At(const char* list, size_t index) { return std::string(list) + "[" + std::to_string(index) + "]"; }

// The request with ids replaced by indices and each side's preference lists.
struct Market {
  std::vector<int> capacity;                       // per master
  std::vector<std::vector<int>> apprentice_prefs;  // per apprentice: candidate indices, best first
  std::vector<int> master_rank;                    // per candidate: the apprentice's place in its master's list
  std::vector<int> apprentice_of;                  // per candidate
  std::vector<int> master_of;                      // per candidate
};

Status IndexIds(const MentorshipRequest& r, std::unordered_map<std::string, int>& master_index,
                std::unordered_map<std::string, int>& apprentice_index) {
  for (size_t i = 0; i < r.masters.size(); ++i) {
    const Master& m = r.masters[i];
    const std::string where = At("masters", i);
    if (m.id.empty()) return Status::Invalid(where + ".id is empty", where + ".id");
    if (m.capacity < 0) {
      return Status::Invalid("master \"" + m.id + "\" has capacity " + std::to_string(m.capacity) + "; it must be ≥ 0",
                             where + ".capacity");
    }
    if (!master_index.emplace(m.id, static_cast<int>(i)).second) {
      return Status::Invalid("duplicate master id \"" + m.id + "\"", where + ".id");
    }
  }
  for (size_t i = 0; i < r.apprentice_ids.size(); ++i) {
    const std::string& id = r.apprentice_ids[i];
    const std::string where = At("apprentice_ids", i);
    if (id.empty()) return Status::Invalid(where + " is empty", where);
    if (!apprentice_index.emplace(id, static_cast<int>(i)).second) {
      return Status::Invalid("duplicate apprentice id \"" + id + "\"", where);
    }
  }
  return Status::Ok();
}

Result<Market> BuildMarket(const MentorshipRequest& r) {
  std::unordered_map<std::string, int> master_index;
  std::unordered_map<std::string, int> apprentice_index;
  CRAFTLINK_RETURN_IF_ERROR(IndexIds(r, master_index, apprentice_index));
  Market market;
  for (const Master& m : r.masters) market.capacity.push_back(m.capacity);
  std::unordered_map<std::string, int> seen;  // "apprentice\0master" → candidate index
  for (size_t i = 0; i < r.candidates.size(); ++i) {
    const MentorshipCandidate& c = r.candidates[i];
    const std::string where = At("candidates", i);
    const auto a = apprentice_index.find(c.apprentice_id);
    if (a == apprentice_index.end()) {
      return Status::Invalid("unknown apprentice \"" + c.apprentice_id + "\"", where + ".apprentice_id");
    }
    const auto m = master_index.find(c.master_id);
    if (m == master_index.end()) return Status::Invalid("unknown master \"" + c.master_id + "\"", where + ".master_id");
    if (!std::isfinite(c.score)) return Status::Invalid("score must be a finite number", where + ".score");
    if (c.master_score && !std::isfinite(*c.master_score)) {
      return Status::Invalid("master_score must be a finite number", where + ".master_score");
    }
    const auto [it, inserted] = seen.emplace(c.apprentice_id + '\0' + c.master_id, static_cast<int>(i));
    if (!inserted) {
      return Status::Invalid("duplicate pair \"" + c.apprentice_id + "\"–\"" + c.master_id + "\" (also " +
                                 At("candidates", it->second) + ")",
                             where);
    }
    market.apprentice_of.push_back(a->second);
    market.master_of.push_back(m->second);
  }
  return market;
}

// Fills the preference lists: higher score first, then smaller id.
void Rank(const MentorshipRequest& r, Market& market) {
  const auto& cands = r.candidates;
  market.apprentice_prefs.assign(r.apprentice_ids.size(), {});
  std::vector<std::vector<int>> master_prefs(r.masters.size());
  for (size_t i = 0; i < cands.size(); ++i) {
    market.apprentice_prefs[market.apprentice_of[i]].push_back(static_cast<int>(i));
    master_prefs[market.master_of[i]].push_back(static_cast<int>(i));
  }
  for (auto& list : market.apprentice_prefs) {
    std::sort(list.begin(), list.end(), [&](int x, int y) {
      if (cands[x].score != cands[y].score) return cands[x].score > cands[y].score;
      return cands[x].master_id < cands[y].master_id;
    });
  }
  market.master_rank.assign(cands.size(), 0);
  for (auto& list : master_prefs) {
    auto score = [&](int x) { return cands[x].master_score.value_or(cands[x].score); };
    std::sort(list.begin(), list.end(), [&](int x, int y) {
      if (score(x) != score(y)) return score(x) > score(y);
      return cands[x].apprentice_id < cands[y].apprentice_id;
    });
    for (size_t place = 0; place < list.size(); ++place) market.master_rank[list[place]] = static_cast<int>(place);
  }
}

// Deferred acceptance: free apprentices propose down their lists; a master
// holds the best `capacity` proposals so far and rejects the rest. Returns
// the held candidate per apprentice, or -1.
std::vector<int> DeferredAcceptance(const Market& market) {
  const size_t apprentices = market.apprentice_prefs.size();
  std::vector<size_t> next(apprentices, 0);
  std::vector<int> held(apprentices, -1);
  // Per master, a max-heap of (rank, candidate): the worst held on top.
  std::vector<std::priority_queue<std::pair<int, int>>> holding(market.capacity.size());
  std::vector<int> proposing;
  for (size_t a = apprentices; a-- > 0;) proposing.push_back(static_cast<int>(a));  // popped in input order
  while (!proposing.empty()) {
    const int a = proposing.back();
    proposing.pop_back();
    const auto& prefs = market.apprentice_prefs[a];
    while (next[a] < prefs.size()) {
      const int cand = prefs[next[a]++];
      const int m = market.master_of[cand];
      auto& heap = holding[m];
      const int rank = market.master_rank[cand];
      if (static_cast<int>(heap.size()) < market.capacity[m]) {
        heap.emplace(rank, cand);
        held[a] = cand;
        break;
      }
      if (heap.empty() || heap.top().first < rank) continue;  // capacity 0, or rejected
      const int evicted = heap.top().second;
      heap.pop();
      heap.emplace(rank, cand);
      held[a] = cand;
      held[market.apprentice_of[evicted]] = -1;
      proposing.push_back(market.apprentice_of[evicted]);
      break;
    }
  }
  return held;
}

}  // namespace

Status ValidateMentorshipRequest(const MentorshipRequest& request) {
  auto market = BuildMarket(request);
  return market.ok() ? Status::Ok() : market.status();
}

Result<MentorshipPlan> MatchMentorships(const MentorshipRequest& request) {
  auto built = BuildMarket(request);
  if (!built.ok()) return built.status();
  Market& market = *built;
  Rank(request, market);
  const std::vector<int> held = DeferredAcceptance(market);
  MentorshipPlan plan;
  for (size_t a = 0; a < held.size(); ++a) {
    if (held[a] < 0) {
      plan.unmatched_apprentice_ids.push_back(request.apprentice_ids[a]);
      continue;
    }
    const MentorshipCandidate& c = request.candidates[held[a]];
    plan.mentorships.push_back(Mentorship{c.apprentice_id, c.master_id, c.score});
  }
  return plan;
}

}  // namespace craftlink::scheduling
