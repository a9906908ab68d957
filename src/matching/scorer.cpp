// Ranking craftsmen for a need: the query, stage 1 (BM25F + skill tags over
// postings) and stage 2 (structured features on the best few hundred).
#include <algorithm>
#include <cmath>
#include <mutex>

#include "core/utf8.h"
#include "matching/engine_state.h"
#include "reference/region.h"

namespace craftlink::matching {
namespace {

using internal::Candidate;
using internal::CraftsmanEntry;
using internal::DocId;
using internal::Query;
using internal::QueryTerm;
using internal::ResolvedTerm;
using internal::SkillVector;
using internal::SkillWeight;
using internal::TextIndex;

// Repeating a word in a need says it matters, but with diminishing returns.
float SaturateQueryWeight(float w) { return w <= 1.0f ? w : 1.0f + std::log(w); }

// Per-thread accumulators, sized to the largest index seen.
struct Accumulators {
  std::vector<float> text;
  std::vector<float> tags;
  std::vector<uint8_t> mark;
  std::vector<DocId> touched;
};
thread_local Accumulators tls_acc;

// TaxonomyCoverage for one need against many candidates: which need skills
// each taxonomy skill would credit, and how much, looked up once per query.
class CoverageTable {
 public:
  struct Credit {
    uint16_t need;
    bool exact;
    float factor;
  };
  void Build(const internal::Taxonomy& tax, const std::vector<std::vector<internal::SkillId>>& skills_of_group,
             const SkillVector& need, const TaxonomyWeights& tw) {
    for (internal::SkillId s : used_) credit_[s].clear();
    used_.clear();
    credit_.resize(tax.skills().size());
    need_ = need;
    den_ = 0;
    for (const SkillWeight& n : need) den_ += n.weight;
    mass_ = std::max(den_, tw.min_mass);
    auto add = [&](internal::SkillId s, uint16_t i, bool exact, double f) {
      if (credit_[s].empty()) used_.push_back(s);
      credit_[s].push_back(Credit{i, exact, static_cast<float>(f)});
    };
    for (size_t i = 0; i < need.size() && i < 0xFFFF; ++i) {
      const auto ni = static_cast<uint16_t>(i);
      const internal::Skill& ns = tax.skill(need[i].skill);
      for (internal::SkillId g : skills_of_group[ns.group_index]) {
        if (g != need[i].skill && !std::binary_search(ns.related.begin(), ns.related.end(), g)) {
          add(g, ni, false, tw.same_group);
        }
      }
      for (internal::SkillId r : ns.related) add(r, ni, false, tw.related);
      add(need[i].skill, ni, true, 1.0);
    }
    best_.assign(need.size(), 0.0f);
    best_exact_.assign(need.size(), 0.0f);
  }
  // Share of the need's skill weight `have` covers; `exact` without related skills.
  double Cover(const SkillVector& have, double* exact) {
    if (den_ <= 0) {
      *exact = 0;
      return 0;
    }
    std::fill(best_.begin(), best_.end(), 0.0f);
    std::fill(best_exact_.begin(), best_exact_.end(), 0.0f);
    for (const SkillWeight& h : have) {
      if (h.skill >= credit_.size()) continue;
      for (const Credit& c : credit_[h.skill]) {
        best_[c.need] = std::max(best_[c.need], c.factor * h.weight);
        if (c.exact) best_exact_[c.need] = std::max(best_exact_[c.need], h.weight);
      }
    }
    double num = 0, exact_num = 0;
    for (size_t i = 0; i < need_.size(); ++i) {
      num += need_[i].weight * best_[i];
      exact_num += need_[i].weight * best_exact_[i];
    }
    *exact = exact_num / mass_;
    return num / mass_;
  }

 private:
  std::vector<std::vector<Credit>> credit_;
  std::vector<internal::SkillId> used_;
  SkillVector need_;
  double den_ = 0, mass_ = 1;
  std::vector<float> best_, best_exact_;
};
thread_local CoverageTable tls_coverage;

constexpr size_t kMaxTopK = 1000;

}  // namespace

Query MatchEngine::State::BuildQuery(const domain::Need& raw) const {
  const domain::Need need = WithDefaults(raw);
  Query q;
  q.industry = need.industry;
  q.region = need.region;
  q.onsite = need.onsite;
  q.kind = need.kind;
  const TextWeights& t = w().text;
  std::string skills;
  for (const std::string& s : need.skills) skills += s + "；";
  q.terms = TermsOf({{need.title, static_cast<float>(t.title_boost)},
                     {need.description, 1.0f},
                     {skills, static_cast<float>(t.skills_boost)}});
  q.skills = taxonomy->NeedSkills(taxonomy->Prepare(*analyzer, need.title), taxonomy->Prepare(*analyzer, need.description),
                                  need.skills, w().taxonomy);
  internal::SkillVector soft = SoftSkills(q, w().taxonomy.soft);
  if (w().taxonomy.soft_title > 0 && !need.title.empty()) {
    // The title alone, too: in a long story the symptom is in the title.
    Query title;
    title.terms = TermsOf({{need.title, 1.0f}});
    for (const SkillWeight& s : SoftSkills(title, w().taxonomy.soft_title)) {
      auto it = std::find_if(soft.begin(), soft.end(), [&](const SkillWeight& x) { return x.skill == s.skill; });
      if (it == soft.end()) {
        soft.push_back(s);
      } else {
        it->weight = std::max(it->weight, s.weight);
      }
    }
    std::sort(soft.begin(), soft.end(), [](const SkillWeight& a, const SkillWeight& b) { return a.skill < b.skill; });
  }
  for (const SkillWeight& s : soft) {
    auto it = std::lower_bound(q.skills.begin(), q.skills.end(), s.skill,
                               [](const SkillWeight& x, internal::SkillId id) { return x.skill < id; });
    if (it != q.skills.end() && it->skill == s.skill) {
      it->weight = 1.0f - (1.0f - it->weight) * (1.0f - s.weight);
    } else {
      q.skills.insert(it, s);
    }
  }
  return q;
}

internal::SkillVector MatchEngine::State::SoftSkills(const Query& q, double weight) const {
  const TaxonomyWeights& tw = w().taxonomy;
  if (weight <= 0 || tw.soft_top <= 0) return {};
  const auto terms = Resolve(q, *skill_index);
  const auto cands = Retrieve(*skill_index, terms, {}, 1.0, 0.0, static_cast<size_t>(tw.soft_top), nullptr, false);
  internal::SkillVector out;
  if (cands.empty() || cands.front().text <= 0) return out;
  const float best = cands.front().text;
  for (const Candidate& c : cands) {
    const float rel = c.text / best;
    if (rel < tw.soft_min) continue;
    out.push_back(SkillWeight{static_cast<internal::SkillId>(c.doc), static_cast<float>(weight * rel)});
  }
  std::sort(out.begin(), out.end(), [](const SkillWeight& a, const SkillWeight& b) { return a.skill < b.skill; });
  return out;
}

std::vector<QueryTerm> MatchEngine::State::TermsOf(const std::vector<std::pair<std::string, float>>& texts) const {
  // term → (weight, headline weight), per stream
  std::array<std::unordered_map<std::string, std::pair<float, float>>, internal::kStreams> acc;
  for (size_t i = 0; i < texts.size(); ++i) {
    const auto& [text, weight] = texts[i];
    if (text.empty()) continue;
    const bool headline = i == 0;
    analyzer->Analyze(taxonomy->Prepare(*analyzer, text), [&, weight = weight](const text::TokenView& tok) {
      auto& e = acc[tok.stream == text::Stream::kWord ? 0 : 1][std::string(tok.text)];
      e.first += weight;
      if (headline) e.second += 1.0f;
    });
  }
  const auto request_weight = static_cast<float>(w().text.request_word_weight);
  auto scale = [&](const std::string& term) { return request_words.count(term) ? request_weight : 1.0f; };
  std::vector<QueryTerm> terms;
  for (int s = 0; s < internal::kStreams; ++s) {
    for (auto& [term, weights] : acc[s]) {
      const float k = scale(term);
      terms.push_back(QueryTerm{s, term, SaturateQueryWeight(weights.first) * k, SaturateQueryWeight(weights.second) * k});
    }
  }
  // Synonyms widen the word stream only: bigrams already bridge spelling variants.
  std::unordered_map<std::string, std::pair<float, float>> expansions;
  const auto syn = static_cast<float>(w().text.synonym_weight);
  for (const QueryTerm& t : terms) {
    if (t.stream != 0) continue;
    const auto* group = taxonomy->Synonyms(t.text);
    if (!group) continue;
    for (const std::string& other : *group) {
      if (other == t.text || acc[0].count(other)) continue;
      auto& e = expansions[other];
      e.first = std::max(e.first, t.weight * syn);
      e.second = std::max(e.second, t.headline * syn);
    }
  }
  for (auto& [term, weights] : expansions) terms.push_back(QueryTerm{0, term, weights.first, weights.second});
  // Deterministic order, whatever the hash maps did.
  std::sort(terms.begin(), terms.end(), [](const QueryTerm& a, const QueryTerm& b) {
    return a.stream != b.stream ? a.stream < b.stream : a.text < b.text;
  });
  return terms;
}

std::vector<ResolvedTerm> MatchEngine::State::Resolve(const Query& q, const TextIndex& index) const {
  const TextWeights& t = w().text;
  const double share[internal::kStreams] = {t.words, t.bigrams};
  double z_all[internal::kStreams] = {0, 0}, z_head[internal::kStreams] = {0, 0};
  std::vector<ResolvedTerm> out;
  std::vector<double> idfs;
  out.reserve(q.terms.size());
  const double max_idf = index.MaxIdf();
  for (const QueryTerm& qt : q.terms) {
    ResolvedTerm r;
    r.stream = qt.stream;
    r.source = &qt;
    auto id = index.Term(qt.stream, qt.text);
    double idf = max_idf;
    if (id && index.PostingCount(qt.stream, *id) > 0) {
      r.known = true;
      r.term = *id;
      idf = index.Idf(qt.stream, *id);
    }
    z_all[qt.stream] += qt.weight * idf;
    z_head[qt.stream] += qt.headline * idf;
    idfs.push_back(idf);
    out.push_back(r);
  }
  // Each stream's score becomes the share of the need's term weight a document
  // explains, so word and bigram streams (and needs of any length) compare;
  // the headline's terms are counted once more on their own.
  for (size_t i = 0; i < out.size(); ++i) {
    ResolvedTerm& r = out[i];
    const QueryTerm& qt = *r.source;
    const int s = r.stream;
    const double head = z_head[s] > 0 ? t.title_share : 0.0;
    double x = 0;
    if (z_all[s] > 0) x += (1.0 - head) * qt.weight / z_all[s];
    if (z_head[s] > 0) x += head * qt.headline / z_head[s];
    r.weight = static_cast<float>(x * idfs[i] * share[s]);
  }
  std::sort(out.begin(), out.end(), [](const ResolvedTerm& a, const ResolvedTerm& b) { return a.weight > b.weight; });
  return out;
}

std::vector<Candidate> MatchEngine::State::Retrieve(const TextIndex& index, const std::vector<ResolvedTerm>& terms,
                                                    const SkillVector& skills, double text_share, double tag_share,
                                                    size_t limit, const std::vector<bool>* eligible,
                                                    bool stage1_cap) const {
  const size_t bound = index.doc_bound();
  Accumulators& acc = tls_acc;
  if (acc.text.size() < bound) {
    acc.text.resize(bound, 0.0f);
    acc.tags.resize(bound, 0.0f);
    acc.mark.resize(bound, 0);
  }
  acc.touched.clear();
  const TextWeights& t = w().text;
  // Stage 1 reads the need's most informative terms first and stops at the
  // postings budget (after min_query_terms), so a long need over a large pool
  // costs what a short one does; a small pool reads every term.
  int used = 0;
  size_t postings = 0;
  const auto budget = static_cast<size_t>(std::max(t.postings_budget, 0));
  for (const ResolvedTerm& r : terms) {
    if (!r.known || r.weight <= 0) continue;
    const size_t len = index.PostingCount(r.stream, r.term);
    if (stage1_cap) {
      if (used >= t.max_query_terms) break;
      if (used >= t.min_query_terms && postings + len > budget) continue;
    }
    index.Accumulate(r.stream, r.term, r.weight, acc.text.data(), acc.mark.data(), acc.touched);
    postings += len;
    ++used;
  }
  double total = 0;
  for (const SkillWeight& s : skills) total += s.weight;
  if (total > 0) {
    // Exact skills while the budget lasts, then related ones (stage 2 credits
    // them exactly anyway), strongest first.
    std::vector<SkillWeight> by_weight(skills.begin(), skills.end());
    std::sort(by_weight.begin(), by_weight.end(), [](const SkillWeight& a, const SkillWeight& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.skill < b.skill;
    });
    const float related = static_cast<float>(w().taxonomy.related);
    for (size_t i = 0; i < by_weight.size(); ++i) {
      const SkillWeight& s = by_weight[i];
      const size_t len = index.TagPostingCount(s.skill);
      // Within the budget; the strongest skill regardless only when no term was read.
      if (stage1_cap && postings + len > budget && !(i == 0 && used == 0)) continue;
      index.AccumulateTag(s.skill, static_cast<float>(s.weight / total), acc.tags.data(), acc.mark.data(), acc.touched);
      postings += len;
    }
    for (const SkillWeight& s : by_weight) {
      const float wn = static_cast<float>(s.weight / total) * related;
      for (internal::SkillId r : taxonomy->skill(s.skill).related) {
        const size_t len = index.TagPostingCount(r);
        if (stage1_cap && postings + len > budget) continue;
        index.AccumulateTag(r, wn, acc.tags.data(), acc.mark.data(), acc.touched);
        postings += len;
      }
    }
  }
  std::vector<Candidate> cands;
  cands.reserve(acc.touched.size());
  for (DocId d : acc.touched) {
    const float tx = acc.text[d], tg = std::min(acc.tags[d], 1.0f);
    acc.text[d] = 0.0f;
    acc.tags[d] = 0.0f;
    acc.mark[d] = 0;
    if (!index.live(d) || (eligible && (d >= eligible->size() || !(*eligible)[d]))) continue;
    cands.push_back(Candidate{d, tx, tg, static_cast<float>(text_share * tx + tag_share * tg)});
  }
  auto better = [](const Candidate& a, const Candidate& b) {
    return a.stage1 != b.stage1 ? a.stage1 > b.stage1 : a.doc < b.doc;
  };
  if (cands.size() > limit) {
    std::nth_element(cands.begin(), cands.begin() + static_cast<ptrdiff_t>(limit), cands.end(), better);
    cands.resize(limit);
  }
  std::sort(cands.begin(), cands.end(), better);
  return cands;
}

double MatchEngine::State::TaxonomyCoverage(const SkillVector& need, const SkillVector& have,
                                            std::optional<double> min_mass, bool exact_only,
                                            double* exact_coverage) const {
  double num = 0, den = 0, exact_num = 0;
  const TaxonomyWeights& tw = w().taxonomy;
  for (const SkillWeight& n : need) {
    den += n.weight;
    const internal::Skill& ns = taxonomy->skill(n.skill);
    double best = 0;
    for (const SkillWeight& h : have) {
      double v = 0;
      if (h.skill == n.skill) {
        v = h.weight;
        exact_num += n.weight * h.weight;
      } else if (exact_only) {
        continue;
      } else if (std::binary_search(ns.related.begin(), ns.related.end(), h.skill)) {
        v = h.weight * tw.related;
      } else if (taxonomy->skill(h.skill).group_index == ns.group_index) {
        v = h.weight * tw.same_group;
      }
      best = std::max(best, v);
    }
    num += n.weight * best;
  }
  const double mass = std::max(den, min_mass.value_or(tw.min_mass));
  if (exact_coverage) *exact_coverage = den > 0 ? exact_num / mass : 0.0;
  return den > 0 ? num / mass : 0.0;
}

double MatchEngine::State::IndustryMatch(const std::string& need_industry, const CraftsmanEntry& c) const {
  const uint16_t need = internal::IndustryCode(need_industry);
  if (need == 0) return 0.0;
  const uint16_t section = need / 100 * 100;
  double best = 0;
  for (uint16_t code : c.industry_codes) {
    if (need != section && code == need) return 1.0;  // same division
    if (code == section) {
      best = std::max(best, 0.5);  // the skill serves the whole section
    } else if (code / 100 * 100 == section) {
      best = std::max(best, 0.25);  // another division of the section
    }
  }
  return best;
}

double MatchEngine::State::RegionValue(const std::string& need_region, const std::string& craftsman_region,
                                       std::string* relation) const {
  const RegionWeights& rw = w().region;
  using reference::RegionRelation;
  const RegionRelation rel = reference::RegionTable::Relate(need_region, craftsman_region);
  switch (rel) {
    case RegionRelation::kSameDistrict:
      *relation = "same_district";
      return rw.same_district;
    case RegionRelation::kSameCity:
      *relation = "same_city";
      return rw.same_city;
    case RegionRelation::kSameProvince:
      *relation = "same_province";
      return rw.same_province;
    case RegionRelation::kUnknown:
      *relation = "unknown";
      return 0.0;
    case RegionRelation::kDifferent:
      break;
  }
  for (const Alliance& a : rw.alliances) {
    auto in = [&](const std::string& code) {
      return std::any_of(a.provinces.begin(), a.provinces.end(),
                         [&](const std::string& p) { return code.compare(0, p.size(), p) == 0; });
    };
    if (in(need_region) && in(craftsman_region)) {
      *relation = "alliance";
      return rw.alliance;
    }
  }
  *relation = "elsewhere";
  return rw.elsewhere;
}

MatchList MatchEngine::State::Rank(const domain::Need& need, const Query& q, const MatchOptions& options) const {
  MatchList list;
  list.need_id = need.id;
  for (const SkillWeight& sw : q.skills) {
    const internal::Skill& skill = taxonomy->skill(sw.skill);
    list.need_skills.push_back(NeedSkill{skill.id, skill.name, sw.weight});
  }
  std::sort(list.need_skills.begin(), list.need_skills.end(),
            [](const NeedSkill& a, const NeedSkill& b) { return a.weight > b.weight; });
  const ScoreWeights& sw = w().score;
  const size_t top_k = std::min(options.top_k, kMaxTopK);
  const auto terms = Resolve(q, *craftsman_index);
  const size_t limit = std::max<size_t>(static_cast<size_t>(std::max(w().rerank_candidates, 1)), top_k);
  const auto cands = Retrieve(*craftsman_index, terms, q.skills, sw.text, sw.taxonomy, limit,
                              options.include_full_capacity ? nullptr : &has_capacity, true);
  struct Scored {
    CraftsmanMatch m;
    DocId doc;
    std::string relation;
    int left;
  };
  std::vector<Scored> scored;
  double max_text = 0;
  for (const Candidate& c : cands) max_text = std::max(max_text, static_cast<double>(c.text));
  const double region_weight = q.onsite ? sw.region_onsite : sw.region_remote;
  CoverageTable& coverage = tls_coverage;
  coverage.Build(*taxonomy, skills_of_group, q.skills, w().taxonomy);
  for (const Candidate& c : cands) {
    const CraftsmanEntry& e = craftsmen[craftsman_of_doc[c.doc]];
    const int left = capacity->RemainingThisMonth(e.id, e.capacity_per_month);
    if (left <= 0 && !options.include_full_capacity) continue;
    Scored s{CraftsmanMatch{}, c.doc, "", left};
    ScoreParts& p = s.m.parts;
    p.text = c.text;
    p.taxonomy = coverage.Cover(e.skills, &p.exact);
    p.industry = IndustryMatch(q.industry, e);
    p.kind = q.kind && (e.kinds >> static_cast<unsigned>(*q.kind) & 1u) ? 1.0 : 0.0;
    p.region = RegionValue(q.region, e.region, &s.relation);
    p.capacity = std::clamp(left, 0, 4) / 4.0;
    p.track_record = TrackRecordValue(track_record->Get(e.id));
    const double text_rel = max_text > 0 ? p.text / max_text : 0.0;
    // Nearness scales relevance rather than adding to it: it should order the
    // competent, not lift a neighbour who cannot help.
    const double relevance = sw.text * text_rel + sw.taxonomy * p.taxonomy + sw.industry * p.industry +
                             sw.kind * p.kind + sw.capacity * p.capacity + sw.track_record * p.track_record;
    s.m.score = relevance * (1.0 + region_weight * p.region);
    s.m.craftsman_id = e.id;
    s.m.name = e.name;
    scored.push_back(std::move(s));
  }
  auto by_score = [](const Scored& a, const Scored& b) {
    return a.m.score != b.m.score ? a.m.score > b.m.score : a.m.craftsman_id < b.m.craftsman_id;
  };
  std::sort(scored.begin(), scored.end(), by_score);
  // Feedback from the best match: those who could help beside it tend to work
  // in its field or next to it (expert finding's pseudo-relevance feedback,
  // over skills rather than words), so candidates whose skills cover the
  // leader's gain a little. The leader itself is left as it is.
  if (sw.feedback > 0 && scored.size() > 2) {
    const internal::SkillVector leader = craftsmen[craftsman_of_doc[scored[0].doc]].skills;
    const double top = scored[0].m.score;
    // Only those who could still reach the list are worth the comparison.
    const size_t reach = std::min(scored.size(), std::max<size_t>(3 * top_k, 10));
    for (size_t i = 1; i < reach; ++i) {
      const auto& skills = craftsmen[craftsman_of_doc[scored[i].doc]].skills;
      const double sim = 0.5 * (TaxonomyCoverage(leader, skills, 0.0) + TaxonomyCoverage(skills, leader, 0.0));
      // At most half the way to the leader: feedback reorders the followers,
      // it never ties or passes the leader.
      scored[i].m.score += std::min(sw.feedback * top * sim, 0.5 * (top - scored[i].m.score));
    }
    std::sort(scored.begin() + 1, scored.begin() + static_cast<ptrdiff_t>(reach), by_score);
  }
  if (scored.size() > top_k) scored.resize(top_k);
  for (Scored& s : scored) {
    const CraftsmanEntry& e = craftsmen[craftsman_of_doc[s.doc]];
    s.m.reasons = CraftsmanReasons(q, terms, e, s.doc, s.m.parts, s.relation, s.left);
    list.matches.push_back(std::move(s.m));
  }
  // Confidence from absolute evidence of the best match, not its rank: a list
  // for a need nobody can serve must not look as sure as any other.
  const ConfidenceRule& cr = w().confidence;
  list.confidence = Confidence::kLow;
  double best_exact = 0, best_tax = 0, best_text = 0;
  for (size_t i = 0; i < std::min<size_t>(3, list.matches.size()); ++i) {
    const ScoreParts& p = list.matches[i].parts;
    best_exact = std::max(best_exact, p.exact);
    best_tax = std::max(best_tax, p.taxonomy);
    best_text = std::max(best_text, p.text);
  }
  if (best_exact >= cr.high_exact && best_text >= cr.high_text) {
    list.confidence = Confidence::kHigh;
  } else if ((best_text >= cr.medium_text && (best_exact >= cr.medium_exact || best_tax >= cr.medium_taxonomy)) ||
             best_text >= cr.medium_text_alone) {
    list.confidence = Confidence::kMedium;
  }
  return list;
}

namespace {

bool HasText(const domain::Need& n) {
  auto nonblank = [](const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
  };
  return nonblank(n.title) || nonblank(n.description) ||
         std::any_of(n.skills.begin(), n.skills.end(), nonblank);
}

}  // namespace

Result<MatchList> MatchEngine::MatchNeed(const domain::Need& need, const MatchOptions& options) const {
  if (!HasText(need)) return Status::Invalid("the need has no title, description or skills to match", "title");
  const State& s = *state_;
  std::shared_lock lock(s.mu);
  const Query q = s.BuildQuery(need);
  MatchList list = s.Rank(need, q, options);
  if (options.top_results > 0) list.results = s.RankResults(q, list.matches, options.top_results);
  return list;
}

Result<MatchList> MatchEngine::MatchNeedById(std::string_view need_id, const MatchOptions& options) const {
  std::optional<domain::Need> need;
  {
    std::shared_lock lock(state_->mu);
    auto it = state_->need_by_id.find(std::string(need_id));
    if (it != state_->need_by_id.end()) need = state_->needs[it->second].need;
  }
  if (!need && state_->store) {
    auto fetched = state_->store->GetNeed(need_id);
    if (!fetched.ok()) return fetched.status();
    need = std::move(*fetched);
  }
  if (!need) return Status::NotFound("no need " + std::string(need_id));
  return MatchNeed(*need, options);
}

}  // namespace craftlink::matching
