// Offline evaluation of the matcher on a judged data set in the interchange
// format (craftsmen/enterprises/needs/results .jsonl, qrels.tsv,
// qrels_results.tsv, optional subsets.json), against a plain BM25 baseline
// computed in the same run.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "matching/matching.h"

namespace craftlink::matching {

struct Metrics {
  double ndcg5 = 0;      // linear gains (grade 2 counts twice grade 1), as trec_eval
  double ndcg5_exp = 0;  // exponential gains 2^grade - 1 (grade 2 counts three times)
  double recall10 = 0;
  double mrr = 0;
  size_t needs = 0;  // judged needs averaged over
};

struct SubsetMetrics {
  std::string name;
  Metrics engine;
  Metrics baseline;
};

struct NeedEval {
  std::string need_id;
  double ndcg5 = 0;
  double baseline_ndcg5 = 0;
  Confidence confidence = Confidence::kLow;
  std::vector<std::string> top5;
};

struct EvalReport {
  std::string data_dir;
  size_t craftsmen = 0;
  Metrics engine;    // craftsmen for needs, all judged needs
  Metrics baseline;  // BM25 over bigrams
  std::vector<SubsetMetrics> subsets;
  Metrics results_engine;    // innovation results for needs (qrels_results.tsv)
  Metrics results_baseline;
  size_t confidence_high = 0, confidence_medium = 0, confidence_low = 0;
  // On-site needs judging two craftsmen of (nearly) the same skills apart —
  // the nearer one higher: how many of those pairs the engine ranks in the
  // judged order (the lower-graded one may also be missing from the top 10).
  size_t nearness_pairs = 0, nearness_kept = 0;
  std::vector<std::string> nearness_failures;  // need ids
  std::vector<NeedEval> per_need;
  double build_ms = 0;
  double rank_ms = 0;  // all needs, engine only
};

struct EvalOptions {
  std::optional<MatchConfig> config;  // default: LoadMatchConfig()
};

// Loads the data set with the domain codec, builds an engine from it, ranks
// every judged need and scores engine and baseline. Needs without industry
// or region take their enterprise's.
Result<EvalReport> Evaluate(const std::filesystem::path& data_dir, const EvalOptions& options = {});

// Loads the four record files of a data set.
Result<Corpus> LoadCorpus(const std::filesystem::path& data_dir);

std::string FormatReport(const EvalReport& report);  // a table for people
nlohmann::json ToJson(const EvalReport& report);

}  // namespace craftlink::matching
