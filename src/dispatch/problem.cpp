#include "dispatch/problem.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

namespace craftlink::dispatch::internal {
namespace {

// Keeps scores × kScoreScale × (needs + 1) well inside int64 for the flow.
constexpr double kMaxAbsScore = 1e6;
constexpr int kMaxRequiredSkills = 64;
constexpr int kMaxExactCoverLimit = 20;

// Where an input error is. Field paths are spelled out only on failure:
// formatting one per candidate cost more than building the flow graph.
struct Where {
  const char* list;  // "needs" or "capacities"
  size_t index;
  int candidate = -1;

  std::string Field(const char* leaf) const {
    std::string out = std::string(list) + "[" + std::to_string(index) + "]";
    if (candidate >= 0) out += ".candidates[" + std::to_string(candidate) + "]";
    return out + "." + leaf;
  }
};

class Builder {
 public:
  Builder(const std::vector<CraftsmanCapacity>& capacities, const DispatchOptions& options) : options_(options) {
    CheckOptions();
    AddCapacities(capacities);
  }

  void AddNeed(const NeedRequest& request, size_t index);
  Built Finish() { return Built{std::move(problem_), std::move(status_)}; }

 private:
  void Fail(std::string message, std::string field) {
    if (status_.ok()) status_ = Status::Invalid(std::move(message), std::move(field));
  }
  void Fail(std::string message, const Where& where, const char* leaf) {
    if (status_.ok()) status_ = Status::Invalid(std::move(message), where.Field(leaf));
  }
  void CheckOptions();
  void AddCapacities(const std::vector<CraftsmanCapacity>& capacities);
  int CraftsmanIndex(const std::string& id, const Where& where);
  void SetRequiredSkills(const NeedRequest& request, const Where& where, Need& need,
                         std::unordered_map<std::string, int>& bit_of);
  void AddCandidate(const Candidate& c, int craftsman, const Where& where,
                    const std::unordered_map<std::string, int>& bit_of, Need& need);

  const DispatchOptions& options_;
  Problem problem_;
  Status status_;
  std::unordered_map<std::string, int> craftsman_index_;
  std::unordered_set<std::string> need_ids_;
  std::vector<long> seen_in_need_;  // by craftsman: last need index listing them
};

void Builder::CheckOptions() {
  if (!std::isfinite(options_.balance_step) || options_.balance_step < 0 || options_.balance_step > kMaxAbsScore) {
    Fail("must be a finite number ≥ 0", "options.balance_step");
  }
  // A negative threshold would admit assignments worth less than nothing.
  if (!std::isfinite(options_.min_score) || options_.min_score < 0) {
    Fail("must be a finite number ≥ 0", "options.min_score");
  }
  if (options_.unserved_penalty < 0 || options_.unserved_penalty > kMaxAbsScore * kScoreScale) {
    Fail("must be between 0 and 1e9", "options.unserved_penalty");
  }
  if (options_.exact_cover_limit < 0 || options_.exact_cover_limit > kMaxExactCoverLimit) {
    Fail("must be between 0 and 20", "options.exact_cover_limit");
  }
}

void Builder::AddCapacities(const std::vector<CraftsmanCapacity>& capacities) {
  for (size_t i = 0; i < capacities.size(); ++i) {
    const auto& c = capacities[i];
    const Where where{"capacities", i};
    if (c.craftsman_id.empty()) Fail("craftsman_id is empty", where, "craftsman_id");
    if (c.remaining < 0) Fail("remaining must be ≥ 0", where, "remaining");
    if (craftsman_index_.contains(c.craftsman_id)) {
      Fail("duplicate craftsman " + c.craftsman_id, where, "craftsman_id");
      continue;
    }
    craftsman_index_.emplace(c.craftsman_id, static_cast<int>(problem_.craftsman_ids.size()));
    problem_.craftsman_ids.push_back(c.craftsman_id);
    problem_.capacity.push_back(std::max(0, c.remaining));
  }
}

int Builder::CraftsmanIndex(const std::string& id, const Where& where) {
  auto it = craftsman_index_.find(id);
  if (it != craftsman_index_.end()) return it->second;
  // Repair for the greedy baseline: a craftsman nobody listed has no capacity.
  Fail("craftsman " + id + " is not in capacities", where, "craftsman_id");
  const int index = static_cast<int>(problem_.craftsman_ids.size());
  craftsman_index_.emplace(id, index);
  problem_.craftsman_ids.push_back(id);
  problem_.capacity.push_back(0);
  return index;
}

void Builder::SetRequiredSkills(const NeedRequest& request, const Where& where, Need& need,
                                std::unordered_map<std::string, int>& bit_of) {
  for (const auto& skill : request.required_skills) {
    if (bit_of.contains(skill)) continue;
    if (static_cast<int>(bit_of.size()) == kMaxRequiredSkills) {
      Fail("at most 64 distinct required skills", where, "required_skills");
      break;
    }
    const int bit = static_cast<int>(bit_of.size());
    bit_of.emplace(skill, bit);
    need.required |= std::uint64_t{1} << bit;
    need.skill_names.push_back(skill);
  }
}

void Builder::AddCandidate(const Candidate& c, int craftsman, const Where& where,
                           const std::unordered_map<std::string, int>& bit_of, Need& need) {
  Cand cand;
  cand.craftsman = craftsman;
  ++need.candidates;
  for (const auto& skill : c.skills_covered) {
    auto it = bit_of.find(skill);
    if (it != bit_of.end()) cand.skills |= std::uint64_t{1} << it->second;
  }
  const bool score_ok = std::isfinite(c.score) && std::fabs(c.score) <= kMaxAbsScore;
  if (!score_ok) Fail("score must be a finite number with |score| ≤ 1e6", where, "score");
  if (c.too_far) {
    ++need.too_far;
  } else if (!score_ok || c.score < options_.min_score || c.score < 0) {
    ++need.low_score;
  } else if (need.squad_size == 1 && (cand.skills & need.required) != need.required) {
    ++need.missing_skills;
  } else {
    cand.score = c.score;
    cand.units = std::llround(c.score * static_cast<double>(kScoreScale));
    need.eligible.push_back(cand);
  }
}

void Builder::AddNeed(const NeedRequest& request, size_t index) {
  const Where where{"needs", index};
  if (request.need_id.empty()) Fail("need_id is empty", where, "need_id");
  if (!need_ids_.insert(request.need_id).second) {
    Fail("duplicate need " + request.need_id, where, "need_id");
  }
  if (request.squad_size < 1) Fail("squad_size must be ≥ 1", where, "squad_size");
  Need need;
  need.request = &request;
  need.squad_size = std::max(1, request.squad_size);
  std::unordered_map<std::string, int> bit_of;
  SetRequiredSkills(request, where, need, bit_of);

  for (size_t j = 0; j < request.candidates.size(); ++j) {
    const auto& c = request.candidates[j];
    const Where cwhere{"needs", index, static_cast<int>(j)};
    const int craftsman = CraftsmanIndex(c.craftsman_id, cwhere);
    // Stamped with the need's number: a duplicate check without a set per need.
    if (seen_in_need_.size() <= static_cast<size_t>(craftsman)) seen_in_need_.resize(craftsman + 1, -1);
    if (seen_in_need_[craftsman] == static_cast<long>(index)) {
      Fail("duplicate candidate " + c.craftsman_id, cwhere, "craftsman_id");
      continue;
    }
    seen_in_need_[craftsman] = static_cast<long>(index);
    AddCandidate(c, craftsman, cwhere, bit_of, need);
  }
  std::stable_sort(need.eligible.begin(), need.eligible.end(),
                   [](const Cand& a, const Cand& b) { return a.score > b.score; });
  problem_.needs.push_back(std::move(need));
}

std::string JoinSkills(const Need& need, std::uint64_t mask) {
  std::string out;
  for (size_t bit = 0; bit < need.skill_names.size(); ++bit) {
    if ((mask >> bit & 1) == 0) continue;
    if (!out.empty()) out += "、";
    out += need.skill_names[bit];
  }
  return out;
}

Unserved Make(const Need& need, Unserved::Reason reason, std::string detail) {
  return Unserved{need.request->need_id, reason, std::move(detail)};
}

std::string FormatScore(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", value);
  return buf;
}

}  // namespace

Built Build(const std::vector<NeedRequest>& needs, const std::vector<CraftsmanCapacity>& capacities,
            const DispatchOptions& options) {
  Builder builder(capacities, options);
  for (size_t i = 0; i < needs.size(); ++i) builder.AddNeed(needs[i], i);
  return builder.Finish();
}

Unserved Explain(const Need& need, const DispatchOptions& options) {
  if (need.candidates == 0) return Make(need, Unserved::kNoCandidate, "没有具备相关技能的候选工匠");
  if (need.too_far == need.candidates) return Make(need, Unserved::kTooFar, "候选工匠均距离过远");
  if (need.eligible.empty() && need.missing_skills > 0) {
    return Make(need, Unserved::kSkillsNotCovered,
                "没有候选工匠能覆盖全部所需技能：" + JoinSkills(need, need.required));
  }
  if (need.eligible.empty()) {
    return Make(need, Unserved::kLowScore, "候选工匠匹配度均低于最低分数 " + FormatScore(options.min_score));
  }
  if (need.squad_size > 1) {
    std::uint64_t covered = 0;
    for (const auto& c : need.eligible) covered |= c.skills;
    const std::uint64_t missing = need.required & ~covered;
    if (missing != 0) {
      return Make(need, Unserved::kSkillsNotCovered, "候选工匠合起来也缺少技能：" + JoinSkills(need, missing));
    }
    const int k = need.squad_size;
    if (static_cast<int>(need.eligible.size()) < k) {
      return Make(
          need, Unserved::kNoCandidate,
          "符合条件的候选工匠不足 " + std::to_string(k) + " 人（仅 " + std::to_string(need.eligible.size()) + " 人）");
    }
    if (!ChooseSquad(need, nullptr, options.exact_cover_limit)) {
      return Make(need, Unserved::kSkillsNotCovered,
                  "无法在 " + std::to_string(k) + " 人内覆盖所需技能：" + JoinSkills(need, need.required));
    }
  }
  return Make(need, Unserved::kNoCapacity, "候选工匠本月名额已满");
}

bool HasFreeCandidate(const Need& need, const std::vector<int>& residual) {
  return std::any_of(need.eligible.begin(), need.eligible.end(),
                     [&](const Cand& c) { return residual[c.craftsman] > 0; });
}

}  // namespace craftlink::dispatch::internal
