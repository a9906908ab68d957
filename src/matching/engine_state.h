// MatchEngine's internals, shared by engine.cpp (building, following the
// feed), scorer.cpp (ranking craftsmen), recommend.cpp (results, needs,
// duplicates) and reasons.cpp.
#pragma once

#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "matching/matching.h"
#include "matching/taxonomy.h"
#include "matching/text_index.h"

namespace craftlink::matching {
namespace internal {

enum CraftsmanField { kCSkills, kCBio, kCAchievements, kCResults, kCEvidence, kCProfile, kCTaxonomy, kCraftsmanFields };
enum ResultField { kRTitle, kRSummary, kRFields, kRBenefit, kRTaxonomy, kResultFields };
enum NeedField { kNTitle, kNDescription, kNSkills, kNeedFields };

struct CraftsmanEntry {
  std::string id;
  std::string name;
  std::string region;
  std::string org_id;
  int capacity_per_month = 0;
  int remaining = 0;   // from the capacity provider, refreshed on change
  uint32_t kinds = 0;  // bit per domain::ServiceKind
  SkillVector skills;          // from the profile, results and evidence: what scoring uses
  SkillVector profile_skills;  // the same without evidence; empty when there is none
  // What reasons may name: evidence is other people's needs' text, not the viewer's to see.
  const SkillVector& ProfileSkills() const { return evidence.empty() ? skills : profile_skills; }
  // GB/T 4754 codes the craftsman's skills serve ("C33", or a section "C").
  std::vector<std::string> industries;
  std::vector<uint16_t> industry_codes;  // the same as IndustryCode() numbers, for the scorer
  std::vector<std::string> evidence;
  std::vector<std::string> evidence_keys;  // parallel to evidence; "" = unkeyed
  DocId doc = kNoDoc;  // kNoDoc: not in the index (unavailable, archived, or not yet seen)
};

// "C33" → 'C' · 100 + 33; a bare section "C" → 'C' · 100. 0 when not a code.
inline uint16_t IndustryCode(std::string_view code) {
  if (code.empty() || code[0] < 'A' || code[0] > 'Z') return 0;
  int division = 0;
  if (code.size() >= 3 && code[1] >= '0' && code[1] <= '9' && code[2] >= '0' && code[2] <= '9') {
    division = (code[1] - '0') * 10 + (code[2] - '0');
  }
  return static_cast<uint16_t>((code[0] - 'A' + 1) * 100 + division);
}

struct EnterpriseEntry {
  std::string industry;
  std::string region;
};

struct NeedEntry {
  domain::Need need;
  SkillVector skills;
  DocId doc = kNoDoc;  // in the needs index while open
};

struct ResultEntry {
  domain::InnovationResult result;
  SkillVector skills;
  DocId doc = kNoDoc;
};

// One weighted need (or result) term in one stream.
struct QueryTerm {
  int stream = 0;
  std::string text;
  float weight = 0;    // query-side weight (title boost, repetition, synonym)
  float headline = 0;  // the same from the headline (a need's title) alone
};

// What the scorer needs to know about a need, analysed once.
struct Query {
  std::vector<QueryTerm> terms;
  SkillVector skills;
  std::string industry;  // effective: the need's or its enterprise's
  std::string region;
  bool onsite = false;
  std::optional<domain::ServiceKind> kind;
};

// A query term resolved against one index.
struct ResolvedTerm {
  int stream = 0;
  uint32_t term = 0;
  bool known = false;
  float weight = 0;  // query weight · idf / stream normaliser · stream share
  const QueryTerm* source = nullptr;
};

// Ranks `index` documents for a query: BM25F over the most informative terms
// (words and bigrams), plus weighted tag overlap. Returns (doc, text score,
// tag score) of the best `limit` documents passing `accept`.
struct Candidate {
  DocId doc = 0;
  float text = 0;
  float tags = 0;
  float stage1 = 0;
};

// Skill terms repeat across profiles (钨极氩弧焊 in hundreds): the skills a
// term maps to are computed once per cache. One cache per thread.
class TermSkillCache {
 public:
  const SkillVector& Get(const Taxonomy& taxonomy, const text::Analyzer& analyzer, const TaxonomyWeights& w,
                         const std::string& term);

 private:
  std::unordered_map<std::string, SkillVector> cache_;
};

// What indexing a craftsman needs, worked out without changing the engine.
struct AnalyzedCraftsman {
  SkillVector skills;
  SkillVector profile_skills;
  std::vector<std::string> industries;
  std::vector<uint16_t> industry_codes;
  AnalyzedDoc doc;
};

}  // namespace internal

struct MatchEngine::State {
  MatchConfig config;
  const MatchWeights& w() const { return config.weights; }
  std::shared_ptr<const text::Analyzer> analyzer;
  std::shared_ptr<const internal::Taxonomy> taxonomy;
  std::unordered_set<std::string> request_words;  // prepared (normalised) forms
  internal::TermSkillCache term_skills_cache;  // the writer's
  const internal::SkillVector& TermSkills(const std::string& term);
  // Word tokens of each skill's names, aliases and problem words (the
  // taxonomy field of the profiles that have the skill), analysed once.
  std::vector<std::vector<std::string>> skill_words;
  std::shared_ptr<const CapacityProvider> capacity;
  std::shared_ptr<const TrackRecordProvider> track_record;

  storage::Store* store = nullptr;
  int64_t applied_seq = 0;
  mutable std::shared_mutex mu;  // readers shared; applying changes exclusive
  std::mutex writer_mu;          // one writer at a time

  std::unique_ptr<internal::TextIndex> craftsman_index;
  std::vector<internal::CraftsmanEntry> craftsmen;
  std::unordered_map<std::string, uint32_t> craftsman_by_id;
  std::vector<uint32_t> craftsman_of_doc;
  std::vector<bool> has_capacity;  // per doc: remaining > 0
  // Without a store (BuildFromCorpus) the records needed to re-index are kept here.
  std::unordered_map<std::string, domain::Craftsman> craftsman_records;
  std::unordered_map<std::string, std::vector<std::string>> results_by_owner;

  std::unordered_map<std::string, internal::EnterpriseEntry> enterprises;

  std::unique_ptr<internal::TextIndex> need_index;
  std::vector<internal::NeedEntry> needs;
  std::unordered_map<std::string, uint32_t> need_by_id;
  std::vector<uint32_t> need_of_doc;

  std::unique_ptr<internal::TextIndex> skill_index;  // doc id = SkillId
  std::vector<std::vector<internal::SkillId>> skills_of_group;  // by Skill::group_index

  std::unique_ptr<internal::TextIndex> result_index;
  std::vector<internal::ResultEntry> results;
  std::unordered_map<std::string, uint32_t> result_by_id;
  std::vector<uint32_t> result_of_doc;

  // --- engine.cpp: records in, index updated (caller holds mu exclusively)
  Status UpsertCraftsman(const domain::Craftsman& c);
  // Many new craftsmen at once (a build): the same entries and documents as
  // UpsertCraftsman on each in turn, analysed on two threads.
  Status UpsertCraftsmen(std::span<const domain::Craftsman> batch, internal::TermSkillCache& helper_cache);
  // UpsertCraftsman's halves: analysis is const and reads nothing a craftsman
  // upsert changes, so several threads may run it beside ApplyCraftsman.
  internal::AnalyzedCraftsman AnalyzeCraftsman(const domain::Craftsman& c, const std::vector<std::string>& evidence,
                                               internal::TermSkillCache& skill_cache) const;
  void ApplyCraftsman(const domain::Craftsman& c, internal::AnalyzedCraftsman&& analyzed);
  void RemoveCraftsman(std::string_view id);
  Status ReindexCraftsman(const std::string& id);
  void UpsertEnterprise(const domain::Enterprise& e);
  void UpsertNeed(const domain::Need& n);
  void RemoveNeed(std::string_view id);
  Status UpsertResult(const domain::InnovationResult& r);
  Status RemoveResult(std::string_view id);
  void CompactIfNeeded();
  int Remaining(const internal::CraftsmanEntry& e) const;

  // --- scorer.cpp (caller holds mu shared)
  internal::Query BuildQuery(const domain::Need& need) const;
  // Skills whose names and problem words the query's terms explain best.
  internal::SkillVector SoftSkills(const internal::Query& q, double weight) const;
  // Weighted terms of several texts (text, weight), with synonym expansion;
  // the first text is the headline.
  std::vector<internal::QueryTerm> TermsOf(const std::vector<std::pair<std::string, float>>& texts) const;
  // Terms of a query looked up in `index`, weighted, most informative first.
  std::vector<internal::ResolvedTerm> Resolve(const internal::Query& q, const internal::TextIndex& index) const;
  std::vector<internal::Candidate> Retrieve(const internal::TextIndex& index, const std::vector<internal::ResolvedTerm>& terms,
                                            const internal::SkillVector& skills, double text_share, double tag_share,
                                            size_t limit, const std::vector<bool>* eligible, bool stage1_cap) const;
  // Share of `need` skills `have` covers, exact or through related skills.
  // min_mass: the least denominator (default: the configured taxonomy.min_mass).
  double TaxonomyCoverage(const internal::SkillVector& need, const internal::SkillVector& have,
                          std::optional<double> min_mass = std::nullopt, bool exact_only = false,
                          double* exact_coverage = nullptr) const;
  double IndustryMatch(const std::string& need_industry, const internal::CraftsmanEntry& c) const;
  double RegionValue(const std::string& need_region, const std::string& craftsman_region, std::string* relation) const;
  MatchList Rank(const domain::Need& need, const internal::Query& q, const MatchOptions& options) const;
  std::vector<ResultMatch> RankResults(const internal::Query& q, const std::vector<CraftsmanMatch>& matches,
                                       size_t top_k) const;
  domain::Need WithDefaults(const domain::Need& need) const;

  // --- reasons.cpp
  std::vector<Reason> CraftsmanReasons(const internal::Query& q, const std::vector<internal::ResolvedTerm>& terms,
                                       const internal::CraftsmanEntry& c, internal::DocId doc, const ScoreParts& parts,
                                       const std::string& relation, int left) const;
  std::vector<Reason> SkillReasons(const internal::SkillVector& need, const internal::SkillVector& have,
                                   size_t limit) const;
  // Need words `doc` contains, most informative first. Words found only in
  // `unquoted_field` are left out and reported through `unquoted_match`.
  std::vector<std::string> MatchedTerms(const internal::TextIndex& index,
                                        const std::vector<internal::ResolvedTerm>& terms, internal::DocId doc,
                                        size_t limit, int unquoted_field = -1,
                                        bool* unquoted_match = nullptr) const;
  // --- evidence.cpp (caller holds mu exclusively): the entry of a craftsman
  // the engine has indexed or the store (or corpus) holds, else null.
  Result<internal::CraftsmanEntry*> EvidenceEntry(const std::string& craftsman_id);
};

}  // namespace craftlink::matching
