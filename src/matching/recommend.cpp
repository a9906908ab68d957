// Innovation results for a need, open needs for a result, and open needs of
// different enterprises that ask for the same thing.
#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <functional>

#include "matching/engine_state.h"

namespace craftlink::matching {
namespace {

using internal::Candidate;
using internal::DocId;
using internal::kNoDoc;
using internal::Query;
using internal::ResolvedTerm;
using internal::SkillVector;
using internal::SkillWeight;

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += s + "；";
  return out;
}

Reason TermsReason(std::vector<std::string> terms) {
  Reason r;
  r.type = ReasonType::kTerms;
  r.label = "匹配词：";
  for (size_t i = 0; i < terms.size(); ++i) r.label += (i ? "、" : "") + terms[i];
  r.terms = std::move(terms);
  return r;
}

// Weighted Jaccard of two skill vectors.
double SkillOverlap(const SkillVector& a, const SkillVector& b) {
  double inter = 0, uni = 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].skill < b[j].skill)) {
      uni += a[i++].weight;
    } else if (i == a.size() || b[j].skill < a[i].skill) {
      uni += b[j++].weight;
    } else {
      inter += std::min(a[i].weight, b[j].weight);
      uni += std::max(a[i].weight, b[j].weight);
      ++i, ++j;
    }
  }
  return uni > 0 ? inter / uni : 0.0;
}

// A unit tf-idf vector over both streams of a need's text, for cosine.
using SparseVector = std::vector<std::pair<uint64_t, float>>;  // (stream << 32 | term), weight

}  // namespace

std::vector<ResultMatch> MatchEngine::State::RankResults(const Query& q, const std::vector<CraftsmanMatch>& matches,
                                                         size_t top_k) const {
  const ResultWeights& rw = w().results;
  const auto terms = Resolve(q, *result_index);
  const auto cands = Retrieve(*result_index, terms, q.skills, rw.text, rw.taxonomy, 100, nullptr, true);
  double max_text = 0;
  for (const Candidate& c : cands) max_text = std::max(max_text, static_cast<double>(c.text));
  const double top_score = matches.empty() ? 0.0 : matches.front().score;
  std::vector<ResultMatch> out;
  for (const Candidate& c : cands) {
    const internal::ResultEntry& e = results[result_of_doc[c.doc]];
    ResultMatch m;
    m.result_id = e.result.id;
    m.title = e.result.title;
    const double tax = TaxonomyCoverage(q.skills, e.skills);
    double owner = 0;
    std::string owner_id;
    for (size_t i = 0; i < matches.size() && i < 10; ++i) {
      if (std::find(e.result.owner_ids.begin(), e.result.owner_ids.end(), matches[i].craftsman_id) ==
          e.result.owner_ids.end())
        continue;
      const double v = top_score > 0 ? matches[i].score / top_score : 0.0;
      if (v > owner) owner = v, owner_id = matches[i].craftsman_id;
    }
    const double text_rel = max_text > 0 ? c.text / max_text : 0.0;
    m.score = rw.text * text_rel + rw.taxonomy * tax + rw.owner * owner;
    // Relative text alone would always crown some result: ask for evidence.
    if (m.score < rw.min_score || (tax <= 0 && c.text < rw.min_evidence)) continue;
    m.reasons = SkillReasons(q.skills, e.skills, 2);
    auto matched = MatchedTerms(*result_index, terms, c.doc, 5);
    if (!matched.empty()) m.reasons.push_back(TermsReason(std::move(matched)));
    if (!owner_id.empty()) {
      Reason r;
      r.type = ReasonType::kOwner;
      r.craftsman_id = owner_id;
      r.label = "成果完成人也在推荐名单中";
      m.reasons.push_back(std::move(r));
    }
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const ResultMatch& a, const ResultMatch& b) {
    return a.score != b.score ? a.score > b.score : a.result_id < b.result_id;
  });
  if (out.size() > top_k) out.resize(top_k);
  return out;
}

Result<std::vector<ResultMatch>> MatchEngine::RecommendResults(const domain::Need& need, size_t top_k) const {
  const State& s = *state_;
  std::shared_lock lock(s.mu);
  const Query q = s.BuildQuery(need);
  const MatchList list = s.Rank(need, q, MatchOptions{.top_k = 10, .include_full_capacity = true, .top_results = 0});
  return s.RankResults(q, list.matches, top_k);
}

Result<std::vector<NeedMatch>> MatchEngine::RecommendNeedsForResult(std::string_view result_id, size_t top_k) const {
  const State& s = *state_;
  std::shared_lock lock(s.mu);
  auto it = s.result_by_id.find(std::string(result_id));
  if (it == s.result_by_id.end()) return Status::NotFound("no innovation result " + std::string(result_id));
  const internal::ResultEntry& e = s.results[it->second];
  Query q;
  q.terms = s.TermsOf({{e.result.title, static_cast<float>(s.w().text.title_boost)},
                       {e.result.summary, 1.0f},
                       {Joined(e.result.fields), static_cast<float>(s.w().text.skills_boost)}});
  q.skills = e.skills;
  const ResultWeights& rw = s.w().results;
  const auto terms = s.Resolve(q, *s.need_index);
  const auto cands = s.Retrieve(*s.need_index, terms, q.skills, rw.text, rw.taxonomy, 200, nullptr, true);
  double max_text = 0;
  for (const Candidate& c : cands) max_text = std::max(max_text, static_cast<double>(c.text));
  std::vector<NeedMatch> out;
  for (const Candidate& c : cands) {
    const internal::NeedEntry& n = s.needs[s.need_of_doc[c.doc]];
    NeedMatch m;
    m.need_id = n.need.id;
    m.enterprise_id = n.need.enterprise_id;
    m.title = n.need.title;
    // How much of the need the result answers, not the other way round.
    const double tax = s.TaxonomyCoverage(n.skills, e.skills);
    const double text_rel = max_text > 0 ? c.text / max_text : 0.0;
    m.score = (rw.text * text_rel + rw.taxonomy * tax) / (rw.text + rw.taxonomy);
    if (m.score < rw.min_score) continue;
    m.reasons = s.SkillReasons(n.skills, e.skills, 2);
    auto matched = s.MatchedTerms(*s.need_index, terms, c.doc, 5);
    if (!matched.empty()) m.reasons.push_back(TermsReason(std::move(matched)));
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const NeedMatch& a, const NeedMatch& b) {
    return a.score != b.score ? a.score > b.score : a.need_id < b.need_id;
  });
  if (out.size() > top_k) out.resize(top_k);
  return out;
}

std::vector<DuplicateGroup> MatchEngine::FindDuplicateNeeds() const {
  const State& s = *state_;
  std::shared_lock lock(s.mu);
  const DuplicateRule& rule = s.w().duplicates;
  const internal::TextIndex& index = *s.need_index;

  // Unit tf-idf vectors of every open need, both streams.
  std::vector<uint32_t> open;
  for (uint32_t i = 0; i < s.needs.size(); ++i) {
    if (s.needs[i].doc != kNoDoc) open.push_back(i);
  }
  std::unordered_map<uint32_t, SparseVector> vectors;
  std::unordered_map<uint32_t, std::vector<ResolvedTerm>> queries;
  std::vector<Query> query_store(open.size());
  for (size_t k = 0; k < open.size(); ++k) {
    const internal::NeedEntry& n = s.needs[open[k]];
    Query& q = query_store[k];
    q.terms = s.TermsOf({{n.need.title, 2.0f}, {n.need.description, 1.0f}, {Joined(n.need.skills), 1.5f}});
    q.skills = n.skills;
    auto terms = s.Resolve(q, index);
    SparseVector v;
    double norm = 0;
    for (const ResolvedTerm& r : terms) {
      if (!r.known || r.source->weight < 1.0f) continue;  // synonyms expand queries, they do not describe the need
      const float x = r.source->weight * static_cast<float>(index.Idf(r.stream, r.term));
      v.push_back({(uint64_t{static_cast<uint32_t>(r.stream)} << 32) | r.term, x});
      norm += double{x} * x;
    }
    norm = std::sqrt(norm);
    for (auto& [key, x] : v) x = static_cast<float>(x / std::max(norm, 1e-9));
    std::sort(v.begin(), v.end());
    vectors[open[k]] = std::move(v);
    queries[open[k]] = std::move(terms);
  }
  auto cosine = [](const SparseVector& a, const SparseVector& b) {
    double dot = 0;
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
      if (a[i].first < b[j].first) {
        ++i;
      } else if (b[j].first < a[i].first) {
        ++j;
      } else {
        dot += double{a[i].second} * b[j].second;
        ++i, ++j;
      }
    }
    return dot;
  };

  // Union-find over pairs above the threshold.
  std::unordered_map<uint32_t, uint32_t> parent;
  std::function<uint32_t(uint32_t)> find = [&](uint32_t x) {
    auto it = parent.find(x);
    if (it == parent.end() || it->second == x) return x;
    return it->second = find(it->second);
  };
  std::map<uint32_t, double> weakest;  // root → weakest joining similarity
  auto join = [&](uint32_t a, uint32_t b, double sim) {
    const uint32_t ra = find(a), rb = find(b);
    parent.try_emplace(a, a);
    parent.try_emplace(b, b);
    const double wa = weakest.count(ra) ? weakest[ra] : 1.0, wb = weakest.count(rb) ? weakest[rb] : 1.0;
    weakest.erase(ra);
    weakest.erase(rb);
    if (ra != rb) parent[rb] = ra;
    weakest[ra] = std::min({wa, wb, sim});
  };
  // Needs the engine would send to the same craftsmen are about the same
  // thing, however differently they are worded: the expert lists are compared
  // as well as the words and the skills.
  std::unordered_map<uint32_t, std::vector<std::pair<std::string, double>>> experts;
  std::unordered_map<std::string, std::vector<uint32_t>> needs_of_expert;
  for (size_t k = 0; k < open.size(); ++k) {
    const MatchList list = s.Rank(s.needs[open[k]].need, query_store[k],
                                  MatchOptions{.top_k = 5, .include_full_capacity = true, .top_results = 0});
    double total = 0;
    for (const auto& m : list.matches) total += m.score;
    auto& e = experts[open[k]];
    for (const auto& m : list.matches) {
      e.push_back({m.craftsman_id, total > 0 ? m.score / total : 0.0});
      needs_of_expert[m.craftsman_id].push_back(open[k]);
    }
  }
  auto expert_overlap = [&](uint32_t a, uint32_t b) {
    double o = 0;
    for (const auto& [id, wa] : experts[a]) {
      for (const auto& [id2, wb] : experts[b]) {
        if (id == id2) o += std::min(wa, wb);
      }
    }
    return o;
  };
  for (uint32_t a : open) {
    const internal::NeedEntry& na = s.needs[a];
    std::set<uint32_t> others;
    const auto cands = s.Retrieve(index, queries[a], na.skills, 0.7, 0.3,
                                  static_cast<size_t>(std::max(rule.candidates, 1)) + 1, nullptr, true);
    for (const Candidate& c : cands) others.insert(s.need_of_doc[c.doc]);
    for (size_t i = 0; i < experts[a].size() && i < 2; ++i) {
      for (uint32_t b : needs_of_expert[experts[a][i].first]) others.insert(b);
    }
    for (uint32_t b : others) {
      if (b <= a) continue;  // each pair once
      const internal::NeedEntry& nb = s.needs[b];
      if (nb.need.enterprise_id == na.need.enterprise_id) continue;
      const double sim = rule.text * cosine(vectors[a], vectors[b]) + rule.skills * SkillOverlap(na.skills, nb.skills) +
                         rule.experts * expert_overlap(a, b);
      if (sim >= rule.threshold) join(a, b, sim);
    }
  }
  std::map<uint32_t, std::vector<uint32_t>> members;
  for (const auto& [x, p] : parent) members[find(x)].push_back(x);
  std::vector<DuplicateGroup> groups;
  for (auto& [root, ids] : members) {
    if (ids.size() < 2) continue;
    std::sort(ids.begin(), ids.end(), [&](uint32_t x, uint32_t y) { return s.needs[x].need.id < s.needs[y].need.id; });
    DuplicateGroup g;
    std::set<std::string> enterprises;
    std::map<internal::SkillId, int> skill_count;
    for (uint32_t i : ids) {
      g.need_ids.push_back(s.needs[i].need.id);
      enterprises.insert(s.needs[i].need.enterprise_id);
      // Only skills each need clearly asks for; passing mentions would make
      // the label list noise.
      for (const SkillWeight& sw : s.needs[i].skills) skill_count[sw.skill] += sw.weight >= 0.6f;
    }
    g.enterprise_ids.assign(enterprises.begin(), enterprises.end());
    g.similarity = weakest.count(root) ? weakest[root] : 0.0;
    for (const auto& [skill, count] : skill_count) {
      if (count == static_cast<int>(ids.size())) {
        g.skill_ids.push_back(s.taxonomy->skill(skill).id);
        g.labels.push_back(s.taxonomy->skill(skill).name);
      }
    }
    groups.push_back(std::move(g));
  }
  std::sort(groups.begin(), groups.end(), [](const DuplicateGroup& a, const DuplicateGroup& b) {
    return a.need_ids.size() != b.need_ids.size() ? a.need_ids.size() > b.need_ids.size() : a.need_ids < b.need_ids;
  });
  return groups;
}

}  // namespace craftlink::matching
