// matching: ranks craftsmen and innovation results for an enterprise's need,
// with reasons and a confidence, over an in-memory index that follows the
// store's change feed; also finds the needs a result could serve and open
// needs that say the same thing.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "domain/model.h"
#include "matching/config.h"
#include "storage/store.h"
#include "text/analyzer.h"

namespace craftlink::matching {

enum class Confidence { kHigh, kMedium, kLow };
std::string_view ConfidenceCode(Confidence c);  // "high", "medium", "low"

enum class ReasonType { kSkill, kTerms, kRegion, kCapacity, kIndustry, kKind, kTrackRecord, kOwner, kEvidence };
std::string_view ReasonTypeCode(ReasonType t);

// Why something was suggested, as data; `label` is the Chinese the UI shows.
// Which other members are set depends on the type.
struct Reason {
  ReasonType type = ReasonType::kSkill;
  std::string label;
  std::string skill_id;            // kSkill: the need's skill
  std::string match;               // kSkill: exact | related | same_group
  std::string via_skill_id;        // kSkill, match != exact: the craftsman's skill that bridged
  // kTerms: need words the profile contains. Words found only in the needs
  // a craftsman resolved (evidence) are never listed: kEvidence says so
  // without quoting, since those needs' text is not the viewer's to see.
  std::vector<std::string> terms;
  std::string relation;            // kRegion: same_district | same_city | same_province | alliance | elsewhere | unknown
  int left = 0;                    // kCapacity: visits left this month
  std::string code;                // kIndustry: GB/T 4754 code; kKind: service kind code
  std::string craftsman_id;        // kOwner: a result's owner who also matches the need
  int resolved = 0;                // kTrackRecord: engagements confirmed resolved
  int not_resolved = 0;            // kTrackRecord: reported not resolved, or disputed
  int rated = 0;                   // kTrackRecord: engagements the enterprise rated...
  double mean_rating = 0;          // ...and their mean rating, 1..5 (0 when none)
};
nlohmann::json ToJson(const Reason& r);

// The features behind a score, each in [0, 1] (track record in [-1, 1]).
struct ScoreParts {
  double text = 0;           // BM25F share of the need's term weight the profile explains
  double taxonomy = 0;       // share of the need's skills the craftsman covers
  double exact = 0;          // the same counting exact skills only (no related ones)
  double industry = 0;
  double kind = 0;
  double region = 0;
  double capacity = 0;
  double track_record = 0;
};

struct CraftsmanMatch {
  std::string craftsman_id;
  std::string name;
  double score = 0;
  ScoreParts parts;
  std::vector<Reason> reasons;
};

struct ResultMatch {
  std::string result_id;
  std::string title;
  double score = 0;
  std::vector<Reason> reasons;
};

struct NeedMatch {
  std::string need_id;
  std::string enterprise_id;
  std::string title;
  double score = 0;
  std::vector<Reason> reasons;
};

// A skill of the taxonomy the need was read as, for the UI ("识别为").
struct NeedSkill {
  std::string skill_id;
  std::string label;
  double weight = 0;
};

struct MatchList {
  std::string need_id;
  Confidence confidence = Confidence::kLow;
  std::vector<NeedSkill> need_skills;  // strongest first
  std::vector<CraftsmanMatch> matches;
  std::vector<ResultMatch> results;
};

// Open needs of different enterprises that ask for the same thing: candidates
// for one joint training or 对接会.
struct DuplicateGroup {
  std::vector<std::string> need_ids;
  std::vector<std::string> enterprise_ids;
  double similarity = 0;               // weakest link that joined the group
  std::vector<std::string> skill_ids;  // skills all members share
  std::vector<std::string> labels;     // their Chinese names
};

// CLI contract: {"need_id", "confidence", "matches": [{"craftsman_id", "score",
// "reasons"}], "results": [{"result_id", "score"}]}, plus names and titles.
nlohmann::json ToJson(const MatchList& list);
nlohmann::json ToJson(const ResultMatch& m);
nlohmann::json ToJson(const NeedMatch& m);
nlohmann::json ToJson(const DuplicateGroup& g);

struct MatchOptions {
  size_t top_k = 10;
  bool include_full_capacity = false;  // keep craftsmen with no visits left this month
  size_t top_results = 5;              // innovation results to recommend; 0 = none
};

// Visits a craftsman can still make this month. Engagements do not exist yet,
// so the default is the monthly capacity itself.
class CapacityProvider {
 public:
  virtual ~CapacityProvider() = default;
  virtual int RemainingThisMonth(std::string_view craftsman_id, int capacity_per_month) const = 0;
};

struct TrackRecord {
  int resolved = 0;          // engagements resolved, confirmed by the enterprise
  int not_resolved = 0;      // reported not resolved, or a reported fix the enterprise disputed
  int rated = 0;             // how many carry a rating
  double mean_rating = 0;    // 1..5 over the rated ones
};

// Past engagements; the default knows none, which scores neutral. Get is
// called while ranking, from many threads at once.
class TrackRecordProvider {
 public:
  virtual ~TrackRecordProvider() = default;
  virtual TrackRecord Get(std::string_view craftsman_id) const = 0;
};

// The track-record feature in [-1, 1]: the mean of the resolution balance
// (resolved − not resolved) and the rating's distance from a neutral 3 of 5,
// each shrunk towards 0 by `prior` neutral pseudo-observations, so that one
// 5-star engagement moves a ranking little and a long good record more.
// 0 without history. The prior is not in weights.json: those weights are
// tuned on the dev set, which has no engagements to tune it on.
inline constexpr double kTrackRecordPrior = 3.0;
double TrackRecordValue(const TrackRecord& record, double prior = kTrackRecordPrior);

// Text that shows what a craftsman can do, such as a need they resolved
// (document-centric expertise), indexed in the profile's evidence field.
struct Evidence {
  std::string craftsman_id;
  std::string key;   // where it came from (an engagement id): added once per craftsman and key
  std::string text;
};

struct MatchConfig {
  MatchWeights weights;
  std::filesystem::path lexicon_dir;                         // empty: <data>/lexicon
  std::filesystem::path request_words_file;                  // empty: <data>/matching/request_words.txt
  std::shared_ptr<const text::Analyzer> analyzer;            // null: built with the lexicon's words
  std::shared_ptr<const CapacityProvider> capacity;          // null: capacity_per_month
  std::shared_ptr<const TrackRecordProvider> track_record;   // null: neutral
};

// The analyser the engine uses unless `config.analyzer` is set: Debian's
// jieba dictionary plus the words of the lexicon at config.lexicon_dir.
Result<std::shared_ptr<const text::Analyzer>> MakeLexiconAnalyzer(const MatchConfig& config);

// Weights from `weights_file` (data/matching/weights.json by default).
Result<MatchConfig> LoadMatchConfig(const std::filesystem::path& weights_file = DefaultWeightsPath());

// Records held in memory, for building without a store (evaluation, benchmarks).
struct Corpus {
  std::vector<domain::Craftsman> craftsmen;
  std::vector<domain::Enterprise> enterprises;
  std::vector<domain::Need> needs;
  std::vector<domain::InnovationResult> results;
};

struct EngineStats {
  size_t craftsmen = 0;  // indexed (available, not archived)
  size_t needs = 0;      // open
  size_t results = 0;
  size_t word_terms = 0;
  size_t bigram_terms = 0;
  size_t index_bytes = 0;  // the craftsmen's text index
  int64_t applied_seq = 0;
};

// Reads are thread-safe and run concurrently; changes (CatchUp, AddEvidence,
// RefreshCapacity) take turns and block reads only while they are applied.
class MatchEngine {
 public:
  // Indexes the store's current records and remembers the feed position
  // they reflect; `store` must outlive the engine.
  static Result<std::unique_ptr<MatchEngine>> Build(storage::Store& store, const MatchConfig& config);
  // From records in memory; CatchUp then has nothing to follow.
  static Result<std::unique_ptr<MatchEngine>> BuildFromCorpus(const Corpus& corpus, const MatchConfig& config);
  ~MatchEngine();
  MatchEngine(const MatchEngine&) = delete;
  MatchEngine& operator=(const MatchEngine&) = delete;

  // Applies every change the store's feed holds after applied_seq().
  Status CatchUp();
  int64_t applied_seq() const;
  storage::Store* store() const;

  // A need that is not stored yet is fine; industry and region default to
  // its enterprise's. InvalidArgument for a need with no text at all.
  Result<MatchList> MatchNeed(const domain::Need& need, const MatchOptions& options = {}) const;
  Result<MatchList> MatchNeedById(std::string_view need_id, const MatchOptions& options = {}) const;
  Result<std::vector<ResultMatch>> RecommendResults(const domain::Need& need, size_t top_k = 5) const;
  Result<std::vector<NeedMatch>> RecommendNeedsForResult(std::string_view result_id, size_t top_k = 10) const;
  std::vector<DuplicateGroup> FindDuplicateNeeds() const;

  // Text that shows what a craftsman can do, e.g. a need they resolved
  // (document-centric expertise). Kept in memory only: the caller re-adds it
  // after a restart. NotFound for a craftsman the engine does not know.
  Status AddEvidence(std::string_view craftsman_id, std::string_view text);
  // The same for many at once, each craftsman re-indexed once. An item whose
  // (craftsman, key) is already there is skipped, so feeding the same source
  // again changes nothing; items for craftsmen neither indexed nor stored are
  // skipped too. Evidence of a craftsman not indexed now (unavailable,
  // archived) is kept for when they are. Returns how many items were added.
  Result<size_t> AddEvidence(const std::vector<Evidence>& items);
  // Asks the capacity provider again for every craftsman.
  void RefreshCapacity();

  EngineStats Stats() const;
  const MatchWeights& weights() const;

  struct State;  // engine internals (matching/engine_state.h)

 private:
  explicit MatchEngine(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

struct FollowerOptions {
  std::chrono::milliseconds wait = std::chrono::milliseconds(200);  // longest block in WaitForChange
  std::chrono::milliseconds retry = std::chrono::milliseconds(1000);  // pause after an error
};

// Keeps an engine current: a thread that waits for the store's feed to move
// and calls CatchUp, until Stop() or destruction.
class MatchFollower {
 public:
  explicit MatchFollower(MatchEngine& engine, FollowerOptions options = {});
  ~MatchFollower();
  MatchFollower(const MatchFollower&) = delete;
  MatchFollower& operator=(const MatchFollower&) = delete;
  void Stop();
  Status last_error() const;

 private:
  void Run();
  MatchEngine& engine_;
  FollowerOptions options_;
  std::atomic<bool> stop_{false};
  mutable std::mutex error_mu_;
  Status last_error_;
  std::thread thread_;
};

}  // namespace craftlink::matching
