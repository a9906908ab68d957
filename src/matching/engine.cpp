// Building the engine and keeping it current: records in, index entries out.
#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <thread>

#include "matching/engine_state.h"
#include "reference/reference.h"

namespace craftlink::matching {
namespace {

using internal::CraftsmanEntry;
using internal::DocId;
using internal::kNoDoc;
using internal::SkillVector;
using internal::SkillWeight;
using internal::TextIndex;

class MonthlyCapacity final : public CapacityProvider {
 public:
  int RemainingThisMonth(std::string_view, int capacity_per_month) const override { return capacity_per_month; }
};

class NoTrackRecord final : public TrackRecordProvider {
 public:
  TrackRecord Get(std::string_view) const override { return {}; }
};

// Separator that ends a Han run, so bigrams never join two list items.
constexpr char kSep[] = "；";

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += kSep;
    out += s;
  }
  return out;
}

void Merge(SkillVector& into, const SkillVector& add, float scale) {
  for (const SkillWeight& a : add) {
    const float w = std::min(1.0f, a.weight * scale);
    auto it = std::lower_bound(into.begin(), into.end(), a.skill,
                               [](const SkillWeight& x, internal::SkillId s) { return x.skill < s; });
    if (it != into.end() && it->skill == a.skill) {
      it->weight = 1.0f - (1.0f - it->weight) * (1.0f - w);
    } else {
      into.insert(it, SkillWeight{a.skill, w});
    }
  }
}

internal::StreamParams CraftsmanStream(const TextWeights& t, const CraftsmanFieldWeights& f) {
  internal::StreamParams p;
  p.k1 = static_cast<float>(t.k1);
  auto set = [&](int field, const FieldWeight& fw) {
    p.fields[field] = {static_cast<float>(fw.weight), static_cast<float>(fw.b)};
  };
  set(internal::kCSkills, f.skills);
  set(internal::kCBio, f.bio);
  set(internal::kCAchievements, f.achievements);
  set(internal::kCResults, f.results);
  set(internal::kCEvidence, f.evidence);
  set(internal::kCProfile, f.profile);
  set(internal::kCTaxonomy, f.taxonomy);
  return p;
}

// Results and needs are short, uniform records: fixed field weights suffice.
internal::StreamParams FixedStream(double k1, std::initializer_list<std::pair<float, float>> fields) {
  internal::StreamParams p;
  p.k1 = static_cast<float>(k1);
  int i = 0;
  for (const auto& [weight, b] : fields) p.fields[i++] = {weight, b};
  return p;
}

template <typename Map, typename Vec>
void RemapDocs(const std::vector<DocId>& remap, Vec& owners_of_doc, Map& entries) {
  std::vector<uint32_t> fresh;
  for (auto& e : entries) {
    if (e.doc == kNoDoc) continue;
    e.doc = remap[e.doc];
  }
  DocId bound = 0;
  for (DocId d : remap) {
    if (d != kNoDoc) bound = std::max(bound, d + 1);
  }
  fresh.assign(bound, 0);
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].doc != kNoDoc) fresh[entries[i].doc] = static_cast<uint32_t>(i);
  }
  owners_of_doc = std::move(fresh);
}

}  // namespace

Result<MatchConfig> LoadMatchConfig(const std::filesystem::path& weights_file) {
  auto w = LoadMatchWeights(weights_file);
  if (!w.ok()) return w.status();
  MatchConfig config;
  config.weights = std::move(w).value();
  return config;
}

Result<std::shared_ptr<const text::Analyzer>> MakeLexiconAnalyzer(const MatchConfig& config) {
  const std::filesystem::path dir =
      config.lexicon_dir.empty() ? std::filesystem::path(reference::DefaultDataDir()) / "lexicon" : config.lexicon_dir;
  auto words = internal::Taxonomy::LexiconWords(dir);
  if (!words.ok()) return words.status();
  return text::Analyzer::Create(text::AnalyzerOptions{.user_words = std::move(words).value()});
}

namespace {

Result<std::unique_ptr<MatchEngine::State>> CreateState(const MatchConfig& config) {
  auto state = std::make_unique<MatchEngine::State>();
  state->config = config;
  const std::filesystem::path dir =
      config.lexicon_dir.empty() ? std::filesystem::path(reference::DefaultDataDir()) / "lexicon" : config.lexicon_dir;
  state->analyzer = config.analyzer;
  if (!state->analyzer) {
    auto analyzer = MakeLexiconAnalyzer(config);
    if (!analyzer.ok()) return analyzer.status();
    state->analyzer = std::move(analyzer).value();
  }
  auto taxonomy = internal::Taxonomy::Load(dir, *state->analyzer);
  if (!taxonomy.ok()) return taxonomy.status();
  state->taxonomy = std::move(taxonomy).value();
  const std::filesystem::path request_file =
      config.request_words_file.empty()
          ? std::filesystem::path(reference::DefaultDataDir()) / "matching" / "request_words.txt"
          : config.request_words_file;
  auto request_words = text::ReadWordListFile(request_file.string());
  if (!request_words.ok()) return request_words.status();
  for (const std::string& word : *request_words) {
    state->request_words.insert(state->taxonomy->Prepare(*state->analyzer, word));
  }
  state->capacity = config.capacity ? config.capacity : std::make_shared<MonthlyCapacity>();
  state->track_record = config.track_record ? config.track_record : std::make_shared<NoTrackRecord>();

  const TextWeights& t = config.weights.text;
  state->craftsman_index = std::make_unique<TextIndex>(
      internal::kCraftsmanFields,
      std::array<internal::StreamParams, internal::kStreams>{CraftsmanStream(t, t.word_fields),
                                                             CraftsmanStream(t, t.bigram_fields)},
      state->analyzer);
  // title, summary, fields, benefit, taxonomy
  const auto result_stream = FixedStream(t.k1, {{2.0f, 0.5f}, {1.0f, 0.75f}, {2.0f, 0.3f}, {0.3f, 0.5f}, {0.5f, 0.5f}});
  state->result_index = std::make_unique<TextIndex>(internal::kResultFields,
                                                    std::array{result_stream, result_stream}, state->analyzer);
  // title, description, skills
  const auto need_stream = FixedStream(t.k1, {{2.0f, 0.5f}, {1.0f, 0.75f}, {1.5f, 0.3f}});
  state->need_index =
      std::make_unique<TextIndex>(internal::kNeedFields, std::array{need_stream, need_stream}, state->analyzer);
  // Each skill of the taxonomy as a small document (names and aliases; problem
  // words), so that a need's wording finds skills softly, by shared words and
  // bigrams, where no phrase matches exactly.
  const auto skill_stream = FixedStream(t.k1, {{1.5f, 0.3f}, {1.0f, 0.5f}});
  state->skill_index = std::make_unique<TextIndex>(2, std::array{skill_stream, skill_stream}, state->analyzer);
  const internal::Taxonomy& tax = *state->taxonomy;
  state->skills_of_group.resize(tax.group_count());
  for (internal::SkillId i = 0; i < tax.skills().size(); ++i) state->skills_of_group[tax.skill(i).group_index].push_back(i);
  for (internal::SkillId i = 0; i < tax.skills().size(); ++i) {
    const internal::Skill& s = tax.skill(i);
    std::array<std::string, internal::kMaxFields> fields;
    fields[0] = tax.Prepare(*state->analyzer, s.name + kSep + Join(s.aliases));
    fields[1] = tax.Prepare(*state->analyzer, Join(s.problems));
    const DocId doc = state->skill_index->Add(fields, {});
    if (doc != i) return Status::Internal("skill index out of step with the taxonomy");
    std::vector<std::string> words;
    state->analyzer->Analyze(tax.Prepare(*state->analyzer, s.name + kSep + Join(s.aliases) + kSep + Join(s.problems)),
                             [&](const text::TokenView& t) {
                               if (t.stream == text::Stream::kWord) words.emplace_back(t.text);
                             });
    state->skill_words.push_back(std::move(words));
  }
  return state;
}

}  // namespace

namespace {
// What a craftsman seen for the first time has resolved so far.
const std::vector<std::string> kNoEvidence;
}  // namespace

const SkillVector& internal::TermSkillCache::Get(const Taxonomy& taxonomy, const text::Analyzer& analyzer,
                                                 const TaxonomyWeights& w, const std::string& term) {
  auto it = cache_.find(term);
  if (it != cache_.end()) return it->second;
  if (cache_.size() > 200000) cache_.clear();  // free-text terms must not grow it forever
  return cache_[term] = taxonomy.TermSkills(taxonomy.Prepare(analyzer, term), w);
}

const SkillVector& MatchEngine::State::TermSkills(const std::string& term) {
  return term_skills_cache.Get(*taxonomy, *analyzer, w().taxonomy, term);
}

int MatchEngine::State::Remaining(const CraftsmanEntry& e) const {
  return capacity->RemainingThisMonth(e.id, e.capacity_per_month);
}

Status MatchEngine::State::UpsertCraftsman(const domain::Craftsman& c) {
  if (!store) craftsman_records[c.id] = c;
  if (c.meta.archived || !c.available) {
    RemoveCraftsman(c.id);
    return Status::Ok();
  }
  auto it = craftsman_by_id.find(c.id);
  const std::vector<std::string>& evidence = it == craftsman_by_id.end() ? kNoEvidence : craftsmen[it->second].evidence;
  ApplyCraftsman(c, AnalyzeCraftsman(c, evidence, term_skills_cache));
  return Status::Ok();
}

internal::AnalyzedCraftsman MatchEngine::State::AnalyzeCraftsman(const domain::Craftsman& c,
                                                                 const std::vector<std::string>& evidence,
                                                                 internal::TermSkillCache& skill_cache) const {
  const TaxonomyWeights& tw = w().taxonomy;
  const text::Analyzer& a = *analyzer;
  internal::AnalyzedCraftsman out;
  SkillVector skills;
  for (const std::string& term : c.skills) Merge(skills, skill_cache.Get(*taxonomy, a, tw, term), 1.0f);
  Merge(skills, taxonomy->ProseSkills(taxonomy->Prepare(a, c.bio + kSep + Join(c.achievements)), tw),
        static_cast<float>(tw.prose));
  std::array<std::string, internal::kMaxFields> fields;
  auto owned = results_by_owner.find(c.id);
  if (owned != results_by_owner.end()) {
    for (const std::string& rid : owned->second) {
      auto r = result_by_id.find(rid);
      if (r == result_by_id.end()) continue;
      const domain::InnovationResult& res = results[r->second].result;
      fields[internal::kCResults] += res.title + kSep + res.summary + kSep + Join(res.fields) + kSep;
      Merge(skills, results[r->second].skills, static_cast<float>(tw.results));
    }
  }
  if (!evidence.empty()) out.profile_skills = skills;
  for (const std::string& ev : evidence) {
    Merge(skills, taxonomy->ProseSkills(taxonomy->Prepare(a, ev), tw), static_cast<float>(tw.evidence));
  }
  out.skills = std::move(skills);

  std::set<std::string> industries;
  for (const SkillWeight& sw : out.skills) {
    if (sw.weight < 0.5f) continue;
    const internal::Skill& s = taxonomy->skill(sw.skill);
    industries.insert(s.industries.begin(), s.industries.end());
  }
  // The taxonomy field holds the words of skills read from the profile only:
  // words of a skill read from evidence would echo that evidence's text in
  // the terms a reason quotes. Such skills still count through the tags.
  std::vector<const std::vector<std::string>*> taxonomy_words;
  for (const SkillWeight& sw : evidence.empty() ? out.skills : out.profile_skills) {
    if (sw.weight >= 0.5f) taxonomy_words.push_back(&skill_words[sw.skill]);
  }
  out.industries.assign(industries.begin(), industries.end());
  for (const std::string& code : out.industries) out.industry_codes.push_back(internal::IndustryCode(code));

  fields[internal::kCSkills] = Join(c.skills);
  fields[internal::kCBio] = c.bio;
  fields[internal::kCAchievements] = Join(c.achievements);
  fields[internal::kCEvidence] = Join(evidence);
  fields[internal::kCProfile] = c.title + kSep + Join(c.honors) + kSep + c.employer + kSep + c.studio;
  for (std::string& f : fields) f = taxonomy->Prepare(a, f);
  out.doc = craftsman_index->Analyze(fields, internal::kCTaxonomy, taxonomy_words);
  return out;
}

void MatchEngine::State::ApplyCraftsman(const domain::Craftsman& c, internal::AnalyzedCraftsman&& analyzed) {
  auto [it, inserted] = craftsman_by_id.try_emplace(c.id, static_cast<uint32_t>(craftsmen.size()));
  if (inserted) craftsmen.emplace_back();
  CraftsmanEntry& e = craftsmen[it->second];
  if (e.doc != kNoDoc) craftsman_index->Remove(e.doc);
  e.id = c.id;
  e.name = c.name;
  e.region = c.region;
  e.org_id = c.meta.org_id;
  e.capacity_per_month = c.capacity_per_month;
  e.kinds = 0;
  for (domain::ServiceKind k : c.service_kinds) e.kinds |= 1u << static_cast<unsigned>(k);
  e.skills = std::move(analyzed.skills);
  e.profile_skills = std::move(analyzed.profile_skills);
  e.industries = std::move(analyzed.industries);
  e.industry_codes = std::move(analyzed.industry_codes);
  e.doc = craftsman_index->Append(analyzed.doc, e.skills);
  e.remaining = Remaining(e);
  if (craftsman_of_doc.size() <= e.doc) {
    craftsman_of_doc.resize(e.doc + 1, 0);
    has_capacity.resize(e.doc + 1, false);
  }
  craftsman_of_doc[e.doc] = it->second;
  has_capacity[e.doc] = e.remaining > 0;
}

Status MatchEngine::State::UpsertCraftsmen(std::span<const domain::Craftsman> batch,
                                           internal::TermSkillCache& helper_cache) {
  // Analysis (segmenting, phrase finding) is most of the work and reads only
  // what this batch leaves alone (taxonomy, results, analyser), so a helper
  // thread and this one analyse chunks in any order while this one appends
  // them in batch order: the index numbers documents as a serial build would.
  constexpr size_t kChunk = 32;
  const size_t chunks = (batch.size() + kChunk - 1) / kChunk;
  std::vector<std::optional<internal::AnalyzedCraftsman>> analyzed(batch.size());
  std::vector<std::atomic<bool>> done(chunks);
  std::atomic<size_t> next{0};
  auto analyse_next = [&](internal::TermSkillCache& cache) {
    const size_t k = next.fetch_add(1);
    if (k >= chunks) return false;
    for (size_t i = k * kChunk; i < std::min(batch.size(), (k + 1) * kChunk); ++i) {
      const domain::Craftsman& c = batch[i];
      if (!c.meta.archived && c.available) analyzed[i] = AnalyzeCraftsman(c, kNoEvidence, cache);
    }
    done[k].store(true, std::memory_order_release);
    done[k].notify_one();
    return true;
  };
  std::jthread helper([&] {
    while (analyse_next(helper_cache)) {
    }
  });
  for (size_t k = 0; k < chunks; ++k) {
    while (!done[k].load(std::memory_order_acquire)) {
      if (!analyse_next(term_skills_cache)) done[k].wait(false, std::memory_order_acquire);
    }
    for (size_t i = k * kChunk; i < std::min(batch.size(), (k + 1) * kChunk); ++i) {
      const domain::Craftsman& c = batch[i];
      auto known = craftsman_by_id.find(c.id);
      // Analysed without evidence: one that has some (seen before) goes the serial way.
      if (!analyzed[i] || (known != craftsman_by_id.end() && !craftsmen[known->second].evidence.empty())) {
        CRAFTLINK_RETURN_IF_ERROR(UpsertCraftsman(c));
        continue;
      }
      if (!store) craftsman_records[c.id] = c;
      ApplyCraftsman(c, std::move(*analyzed[i]));
      analyzed[i].reset();
    }
  }
  return Status::Ok();
}

void MatchEngine::State::RemoveCraftsman(std::string_view id) {
  auto it = craftsman_by_id.find(std::string(id));
  if (it == craftsman_by_id.end()) return;
  CraftsmanEntry& e = craftsmen[it->second];
  if (e.doc != kNoDoc) craftsman_index->Remove(e.doc);
  e.doc = kNoDoc;
}

Status MatchEngine::State::ReindexCraftsman(const std::string& id) {
  if (!store) {
    auto it = craftsman_records.find(id);
    if (it == craftsman_records.end()) return Status::Ok();
    const domain::Craftsman copy = it->second;
    return UpsertCraftsman(copy);
  }
  auto c = store->GetCraftsman(id);
  if (!c.ok()) return c.status();
  if (!c->has_value()) return Status::Ok();
  return UpsertCraftsman(**c);
}

void MatchEngine::State::UpsertEnterprise(const domain::Enterprise& e) {
  // Needs look their enterprise up at query time, so nothing else changes.
  enterprises[e.id] = internal::EnterpriseEntry{e.industry, e.region};
}

domain::Need MatchEngine::State::WithDefaults(const domain::Need& need) const {
  domain::Need n = need;
  if (n.industry.empty() || n.region.empty()) {
    auto it = enterprises.find(n.enterprise_id);
    if (it != enterprises.end()) {
      if (n.industry.empty()) n.industry = it->second.industry;
      if (n.region.empty()) n.region = it->second.region;
    }
  }
  return n;
}

void MatchEngine::State::UpsertNeed(const domain::Need& n) {
  auto [it, inserted] = need_by_id.try_emplace(n.id, static_cast<uint32_t>(needs.size()));
  if (inserted) needs.emplace_back();
  internal::NeedEntry& e = needs[it->second];
  if (e.doc != kNoDoc) need_index->Remove(e.doc);
  e.doc = kNoDoc;
  e.need = n;
  const text::Analyzer& a = *analyzer;
  e.skills = taxonomy->NeedSkills(taxonomy->Prepare(a, n.title), taxonomy->Prepare(a, n.description), n.skills, w().taxonomy);
  if (n.meta.archived || n.status != domain::NeedStatus::kOpen) return;
  std::array<std::string, internal::kMaxFields> fields;
  fields[internal::kNTitle] = n.title;
  fields[internal::kNDescription] = n.description;
  fields[internal::kNSkills] = Join(n.skills);
  for (std::string& f : fields) f = taxonomy->Prepare(a, f);
  e.doc = need_index->Add(fields, e.skills);
  if (need_of_doc.size() <= e.doc) need_of_doc.resize(e.doc + 1, 0);
  need_of_doc[e.doc] = it->second;
}

void MatchEngine::State::RemoveNeed(std::string_view id) {
  auto it = need_by_id.find(std::string(id));
  if (it == need_by_id.end()) return;
  internal::NeedEntry& e = needs[it->second];
  if (e.doc != kNoDoc) need_index->Remove(e.doc);
  e.doc = kNoDoc;
}

Status MatchEngine::State::UpsertResult(const domain::InnovationResult& r) {
  std::set<std::string> owners(r.owner_ids.begin(), r.owner_ids.end());
  auto [it, inserted] = result_by_id.try_emplace(r.id, static_cast<uint32_t>(results.size()));
  if (inserted) results.emplace_back();
  internal::ResultEntry& e = results[it->second];
  for (const std::string& old : e.result.owner_ids) {
    owners.insert(old);
    auto& list = results_by_owner[old];
    list.erase(std::remove(list.begin(), list.end(), r.id), list.end());
  }
  if (e.doc != kNoDoc) result_index->Remove(e.doc);
  e.doc = kNoDoc;
  e.result = r;
  const text::Analyzer& a = *analyzer;
  const TaxonomyWeights& tw = w().taxonomy;
  SkillVector skills;
  for (const std::string& f : r.fields) Merge(skills, TermSkills(f), 1.0f);
  Merge(skills, taxonomy->ProseSkills(taxonomy->Prepare(a, r.title + kSep + r.summary), tw), 0.8f);
  e.skills = std::move(skills);
  if (!r.meta.archived) {
    for (const std::string& o : r.owner_ids) results_by_owner[o].push_back(r.id);
    std::string taxonomy_text;
    for (const SkillWeight& sw : e.skills) {
      if (sw.weight >= 0.5f) taxonomy_text += taxonomy->skill(sw.skill).name + kSep;
    }
    std::array<std::string, internal::kMaxFields> fields;
    fields[internal::kRTitle] = r.title;
    fields[internal::kRSummary] = r.summary;
    fields[internal::kRFields] = Join(r.fields);
    fields[internal::kRBenefit] = r.benefit + kSep + r.studio;
    fields[internal::kRTaxonomy] = std::move(taxonomy_text);
    for (std::string& f : fields) f = taxonomy->Prepare(a, f);
    e.doc = result_index->Add(fields, e.skills);
    if (result_of_doc.size() <= e.doc) result_of_doc.resize(e.doc + 1, 0);
    result_of_doc[e.doc] = it->second;
  }
  // The owners' profiles include their results' text.
  for (const std::string& o : owners) {
    if (craftsman_by_id.count(o)) CRAFTLINK_RETURN_IF_ERROR(ReindexCraftsman(o));
  }
  return Status::Ok();
}

Status MatchEngine::State::RemoveResult(std::string_view id) {
  auto it = result_by_id.find(std::string(id));
  if (it == result_by_id.end()) return Status::Ok();
  domain::InnovationResult r = results[it->second].result;
  r.meta.archived = true;
  return UpsertResult(r);
}

void MatchEngine::State::CompactIfNeeded() {
  // Dead postings cost scan time; renumbering costs one pass over the index.
  auto due = [](const TextIndex& index) { return index.dead_count() > 16 && index.dead_count() * 5 > index.doc_bound(); };
  if (due(*craftsman_index)) {
    const auto remap = craftsman_index->Compact();
    RemapDocs(remap, craftsman_of_doc, craftsmen);
    has_capacity.assign(craftsman_of_doc.size(), false);
    for (const CraftsmanEntry& e : craftsmen) {
      if (e.doc != kNoDoc) has_capacity[e.doc] = e.remaining > 0;
    }
  }
  if (due(*need_index)) RemapDocs(need_index->Compact(), need_of_doc, needs);
  if (due(*result_index)) RemapDocs(result_index->Compact(), result_of_doc, results);
}

namespace {

// Craftsmen analysed ahead of appending at most: bounds the memory a bulk
// build holds beside the index.
constexpr size_t kBulkBatch = 4096;

// After a bulk build: posting lists to their size, and the memory the
// analysis batches and the helper thread's allocator arena held back to the
// system: glibc keeps freed arena memory otherwise (100k profiles: RSS +662
// MB without this, +575 MB with it).
void ReleaseBuildMemory(internal::TextIndex& index) {
  index.ShrinkToFit();
  malloc_trim(0);
}

}  // namespace

MatchEngine::MatchEngine(std::unique_ptr<State> state) : state_(std::move(state)) {}
MatchEngine::~MatchEngine() = default;

Result<std::unique_ptr<MatchEngine>> MatchEngine::Build(storage::Store& store, const MatchConfig& config) {
  auto state = CreateState(config);
  if (!state.ok()) return state.status();
  State& s = **state;
  s.store = &store;
  // Read the feed position first: a change committed during the scans is then
  // applied again by CatchUp, which is harmless (upserts are idempotent).
  auto seq = store.LastChangeSeq();
  if (!seq.ok()) return seq.status();
  s.applied_seq = *seq;
  Status visit_error;
  CRAFTLINK_RETURN_IF_ERROR(store.ScanEnterprises({}, [&](domain::Enterprise&& e) {
    s.UpsertEnterprise(e);
    return true;
  }));
  // Results before craftsmen, so each profile is indexed once with its results.
  CRAFTLINK_RETURN_IF_ERROR(store.ScanResults({}, [&](domain::InnovationResult&& r) {
    visit_error = s.UpsertResult(r);
    return visit_error.ok();
  }));
  CRAFTLINK_RETURN_IF_ERROR(visit_error);
  std::vector<domain::Craftsman> batch;
  internal::TermSkillCache helper_cache;
  CRAFTLINK_RETURN_IF_ERROR(store.ScanCraftsmen({}, [&](domain::Craftsman&& c) {
    batch.push_back(std::move(c));
    if (batch.size() < kBulkBatch) return true;
    visit_error = s.UpsertCraftsmen(batch, helper_cache);
    batch.clear();
    return visit_error.ok();
  }));
  CRAFTLINK_RETURN_IF_ERROR(visit_error);
  CRAFTLINK_RETURN_IF_ERROR(s.UpsertCraftsmen(batch, helper_cache));
  ReleaseBuildMemory(*s.craftsman_index);
  CRAFTLINK_RETURN_IF_ERROR(store.ScanNeeds({}, [&](domain::Need&& n) {
    s.UpsertNeed(n);
    return true;
  }));
  return std::unique_ptr<MatchEngine>(new MatchEngine(std::move(state).value()));
}

Result<std::unique_ptr<MatchEngine>> MatchEngine::BuildFromCorpus(const Corpus& corpus, const MatchConfig& config) {
  auto state = CreateState(config);
  if (!state.ok()) return state.status();
  State& s = **state;
  for (const auto& e : corpus.enterprises) s.UpsertEnterprise(e);
  for (const auto& r : corpus.results) CRAFTLINK_RETURN_IF_ERROR(s.UpsertResult(r));
  internal::TermSkillCache helper_cache;
  const std::span<const domain::Craftsman> craftsmen(corpus.craftsmen);
  for (size_t i = 0; i < craftsmen.size(); i += kBulkBatch) {
    CRAFTLINK_RETURN_IF_ERROR(
        s.UpsertCraftsmen(craftsmen.subspan(i, std::min(kBulkBatch, craftsmen.size() - i)), helper_cache));
  }
  ReleaseBuildMemory(*s.craftsman_index);
  for (const auto& n : corpus.needs) s.UpsertNeed(n);
  return std::unique_ptr<MatchEngine>(new MatchEngine(std::move(state).value()));
}

int64_t MatchEngine::applied_seq() const {
  std::shared_lock lock(state_->mu);
  return state_->applied_seq;
}

storage::Store* MatchEngine::store() const { return state_->store; }
const MatchWeights& MatchEngine::weights() const { return state_->config.weights; }

Status MatchEngine::CatchUp() {
  State& s = *state_;
  if (!s.store) return Status::Ok();
  std::lock_guard writer(s.writer_mu);
  constexpr size_t kBatch = 512;
  while (true) {
    int64_t after;
    {
      std::shared_lock lock(s.mu);
      after = s.applied_seq;
    }
    auto changes = s.store->ChangesSince(after, kBatch);
    if (!changes.ok()) return changes.status();
    if (changes->empty()) return Status::Ok();
    // Fetch outside the lock: readers go on meanwhile. Each record once, in
    // its current state (an archive shows as meta.archived).
    std::set<std::pair<domain::RecordKind, std::string>> seen;
    storage::WriteBatch fetched;
    std::vector<std::pair<domain::RecordKind, std::string>> missing;
    for (auto it = changes->rbegin(); it != changes->rend(); ++it) {
      if (!seen.insert({it->kind, it->id}).second) continue;
      auto fetch = [&](auto result, auto& into) -> Status {
        if (!result.ok()) return result.status();
        if (result->has_value()) {
          into.push_back(std::move(**result));
        } else {
          missing.push_back({it->kind, it->id});
        }
        return Status::Ok();
      };
      switch (it->kind) {
        case domain::RecordKind::kCraftsman:
          CRAFTLINK_RETURN_IF_ERROR(fetch(s.store->GetCraftsman(it->id), fetched.craftsmen));
          break;
        case domain::RecordKind::kEnterprise:
          CRAFTLINK_RETURN_IF_ERROR(fetch(s.store->GetEnterprise(it->id), fetched.enterprises));
          break;
        case domain::RecordKind::kNeed:
          CRAFTLINK_RETURN_IF_ERROR(fetch(s.store->GetNeed(it->id), fetched.needs));
          break;
        case domain::RecordKind::kResult:
          CRAFTLINK_RETURN_IF_ERROR(fetch(s.store->GetResult(it->id), fetched.results));
          break;
      }
    }
    std::unique_lock lock(s.mu);
    for (const auto& e : fetched.enterprises) s.UpsertEnterprise(e);
    for (const auto& r : fetched.results) CRAFTLINK_RETURN_IF_ERROR(s.UpsertResult(r));
    for (const auto& c : fetched.craftsmen) CRAFTLINK_RETURN_IF_ERROR(s.UpsertCraftsman(c));
    for (const auto& n : fetched.needs) s.UpsertNeed(n);
    for (const auto& [kind, id] : missing) {
      if (kind == domain::RecordKind::kCraftsman) s.RemoveCraftsman(id);
      if (kind == domain::RecordKind::kNeed) s.RemoveNeed(id);
      if (kind == domain::RecordKind::kResult) CRAFTLINK_RETURN_IF_ERROR(s.RemoveResult(id));
    }
    s.applied_seq = changes->back().seq;
    s.CompactIfNeeded();
    if (changes->size() < kBatch) return Status::Ok();
  }
}

void MatchEngine::RefreshCapacity() {
  State& s = *state_;
  std::lock_guard writer(s.writer_mu);
  std::unique_lock lock(s.mu);
  for (CraftsmanEntry& e : s.craftsmen) {
    e.remaining = s.Remaining(e);
    if (e.doc != kNoDoc) s.has_capacity[e.doc] = e.remaining > 0;
  }
}

EngineStats MatchEngine::Stats() const {
  const State& s = *state_;
  std::shared_lock lock(s.mu);
  EngineStats st;
  st.craftsmen = s.craftsman_index->live_count();
  st.needs = s.need_index->live_count();
  st.results = s.result_index->live_count();
  st.word_terms = s.craftsman_index->term_count(0);
  st.bigram_terms = s.craftsman_index->term_count(1);
  st.index_bytes = s.craftsman_index->MemoryBytes();
  st.applied_seq = s.applied_seq;
  return st;
}

}  // namespace craftlink::matching
