#include "matching/eval.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "domain/codec.h"
#include "matching/bm25_baseline.h"
#include "matching/taxonomy.h"
#include "reference/reference.h"

namespace craftlink::matching {
namespace {

using Qrels = std::map<std::string, std::map<std::string, int>>;  // need → doc → grade

template <typename T, typename Decode>
Status ReadJsonl(const std::filesystem::path& path, Decode decode, std::vector<T>& out) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read " + path.string());
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) return Status::Invalid(path.filename().string() + ":" + std::to_string(n) + ": not JSON");
    auto record = decode(j);
    if (!record.ok()) {
      return Status::Invalid(path.filename().string() + ":" + std::to_string(n) + ": " + record.status().message(),
                             record.status().field());
    }
    out.push_back(std::move(record).value());
  }
  return Status::Ok();
}

Result<Qrels> ReadQrels(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read " + path.string());
  Qrels q;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::stringstream ss(line);
    std::string need, doc;
    int grade = 0;
    if (!(ss >> need >> doc >> grade)) {
      return Status::Invalid(path.filename().string() + ":" + std::to_string(n) + ": want need<TAB>id<TAB>grade");
    }
    q[need][doc] = grade;
  }
  return q;
}

// nDCG with linear gains (as trec_eval: grade 2 counts twice grade 1) or
// exponential ones (2^g - 1, as in learning-to-rank work).
double Ndcg(const std::vector<std::string>& ranked, const std::map<std::string, int>& judged, size_t k,
            bool exponential = false) {
  auto gain = [&](int g) { return exponential ? std::pow(2.0, g) - 1.0 : static_cast<double>(g); };
  double dcg = 0;
  for (size_t i = 0; i < ranked.size() && i < k; ++i) {
    auto it = judged.find(ranked[i]);
    if (it != judged.end() && it->second > 0) dcg += gain(it->second) / std::log2(i + 2.0);
  }
  std::vector<int> grades;
  for (const auto& [doc, g] : judged) {
    if (g > 0) grades.push_back(g);
  }
  std::sort(grades.rbegin(), grades.rend());
  double ideal = 0;
  for (size_t i = 0; i < grades.size() && i < k; ++i) ideal += gain(grades[i]) / std::log2(i + 2.0);
  return ideal > 0 ? dcg / ideal : 0.0;
}

double Recall(const std::vector<std::string>& ranked, const std::map<std::string, int>& judged, size_t k) {
  size_t relevant = 0, found = 0;
  for (const auto& [doc, g] : judged) relevant += g > 0;
  for (size_t i = 0; i < ranked.size() && i < k; ++i) {
    auto it = judged.find(ranked[i]);
    found += it != judged.end() && it->second > 0;
  }
  return relevant ? static_cast<double>(found) / relevant : 0.0;
}

double Rr(const std::vector<std::string>& ranked, const std::map<std::string, int>& judged) {
  for (size_t i = 0; i < ranked.size(); ++i) {
    auto it = judged.find(ranked[i]);
    if (it != judged.end() && it->second > 0) return 1.0 / static_cast<double>(i + 1);
  }
  return 0.0;
}

// Two craftsmen sharing at least a third of their skill entries work in one
// field (the entries are free text, so twins rarely agree word for word).
bool AlikeInSkills(const domain::Craftsman& a, const domain::Craftsman& b) {
  std::set<std::string> sa(a.skills.begin(), a.skills.end()), sb(b.skills.begin(), b.skills.end());
  size_t both = 0;
  for (const std::string& s : sa) both += sb.count(s);
  const size_t either = sa.size() + sb.size() - both;
  return either > 0 && 3 * both >= either;
}

// Pairs (higher graded, lower graded) of alike craftsmen judged for an
// on-site need where the higher graded one lives nearer: a nearness call.
std::vector<std::pair<std::string, std::string>> NearnessPairs(
    const domain::Need& need, const std::string& need_region, const std::map<std::string, int>& judged,
    const std::map<std::string, const domain::Craftsman*>& craftsmen) {
  using reference::RegionRelation;
  std::vector<std::pair<std::string, std::string>> out;
  if (!need.onsite || need_region.empty()) return out;
  for (const auto& [hi, g_hi] : judged) {
    for (const auto& [lo, g_lo] : judged) {
      if (g_lo <= 0 || g_hi <= g_lo) continue;
      auto a = craftsmen.find(hi), b = craftsmen.find(lo);
      if (a == craftsmen.end() || b == craftsmen.end()) continue;
      const RegionRelation ra = reference::RegionTable::Relate(need_region, a->second->region);
      const RegionRelation rb = reference::RegionTable::Relate(need_region, b->second->region);
      // The enum runs from nearest to farthest; kUnknown says nothing.
      if (ra == RegionRelation::kUnknown || rb == RegionRelation::kUnknown || ra >= rb) continue;
      if (AlikeInSkills(*a->second, *b->second)) out.emplace_back(hi, lo);
    }
  }
  return out;
}

struct Accum {
  double ndcg = 0, ndcg_exp = 0, recall = 0, rr = 0;
  size_t n = 0;
  void Add(const std::vector<std::string>& ranked, const std::map<std::string, int>& judged) {
    ndcg += Ndcg(ranked, judged, 5);
    ndcg_exp += Ndcg(ranked, judged, 5, true);
    recall += Recall(ranked, judged, 10);
    rr += Rr(ranked, judged);
    ++n;
  }
  Metrics Get() const {
    Metrics m;
    m.needs = n;
    if (n) m.ndcg5 = ndcg / n, m.ndcg5_exp = ndcg_exp / n, m.recall10 = recall / n, m.mrr = rr / n;
    return m;
  }
};

std::string Concat(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += s + "；";
  return out;
}

double Ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

Result<Corpus> LoadCorpus(const std::filesystem::path& dir) {
  Corpus c;
  CRAFTLINK_RETURN_IF_ERROR(ReadJsonl(dir / "craftsmen.jsonl", domain::CraftsmanFromJson, c.craftsmen));
  CRAFTLINK_RETURN_IF_ERROR(ReadJsonl(dir / "enterprises.jsonl", domain::EnterpriseFromJson, c.enterprises));
  CRAFTLINK_RETURN_IF_ERROR(ReadJsonl(dir / "needs.jsonl", domain::NeedFromJson, c.needs));
  if (std::filesystem::exists(dir / "results.jsonl")) {
    CRAFTLINK_RETURN_IF_ERROR(ReadJsonl(dir / "results.jsonl", domain::InnovationResultFromJson, c.results));
  }
  return c;
}

Result<EvalReport> Evaluate(const std::filesystem::path& data_dir, const EvalOptions& options) {
  EvalReport report;
  report.data_dir = data_dir.string();
  auto corpus = LoadCorpus(data_dir);
  if (!corpus.ok()) return corpus.status();
  auto qrels = ReadQrels(data_dir / "qrels.tsv");
  if (!qrels.ok()) return qrels.status();
  Qrels qrels_results;
  if (std::filesystem::exists(data_dir / "qrels_results.tsv")) {
    auto qr = ReadQrels(data_dir / "qrels_results.tsv");
    if (!qr.ok()) return qr.status();
    qrels_results = std::move(qr).value();
  }
  std::map<std::string, std::set<std::string>> subsets;
  if (std::filesystem::exists(data_dir / "subsets.json")) {
    std::ifstream in(data_dir / "subsets.json");
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Status::Invalid("subsets.json: want {\"name\": [need ids]}");
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!it->is_array()) return Status::Invalid("subsets.json: " + it.key() + " must be a list of need ids");
      for (const auto& id : *it) {
        if (id.is_string()) subsets[it.key()].insert(id.get<std::string>());
      }
    }
  }

  MatchConfig config;
  if (options.config) {
    config = *options.config;
  } else {
    auto loaded = LoadMatchConfig();
    if (!loaded.ok()) return loaded.status();
    config = std::move(loaded).value();
  }
  if (!config.analyzer) {  // built here so that build_ms measures the index alone
    auto analyzer = MakeLexiconAnalyzer(config);
    if (!analyzer.ok()) return analyzer.status();
    config.analyzer = std::move(analyzer).value();
  }

  auto start = std::chrono::steady_clock::now();
  auto engine = MatchEngine::BuildFromCorpus(*corpus, config);
  if (!engine.ok()) return engine.status();
  report.build_ms = Ms(start);
  report.craftsmen = corpus->craftsmen.size();

  Bm25Baseline baseline(*config.analyzer);
  for (const domain::Craftsman& c : corpus->craftsmen) {
    baseline.Add(c.id, c.title + "；" + Concat(c.honors) + c.employer + "；" + Concat(c.skills) + c.bio + "；" +
                           Concat(c.achievements) + c.studio);
  }
  Bm25Baseline results_baseline(*config.analyzer);
  for (const domain::InnovationResult& r : corpus->results) {
    results_baseline.Add(r.id, r.title + "；" + r.summary + "；" + Concat(r.fields) + r.benefit);
  }

  std::map<std::string, const domain::Craftsman*> craftsman_by_id;
  for (const domain::Craftsman& c : corpus->craftsmen) craftsman_by_id[c.id] = &c;
  std::map<std::string, std::string> enterprise_region;
  for (const domain::Enterprise& e : corpus->enterprises) enterprise_region[e.id] = e.region;
  Accum all_engine, all_base, res_engine, res_base;
  std::map<std::string, std::pair<Accum, Accum>> by_subset;
  double rank_ms = 0;
  for (const domain::Need& need : corpus->needs) {
    auto judged = qrels->find(need.id);
    auto judged_results = qrels_results.find(need.id);
    if (judged == qrels->end() && judged_results == qrels_results.end()) continue;
    const auto t0 = std::chrono::steady_clock::now();
    auto list = (*engine)->MatchNeed(need, MatchOptions{.top_k = 10, .top_results = 10});
    rank_ms += Ms(t0);
    if (!list.ok()) return list.status();
    std::vector<std::string> ranked, ranked_results, base_ranked, base_results;
    for (const auto& m : list->matches) ranked.push_back(m.craftsman_id);
    for (const auto& r : list->results) ranked_results.push_back(r.result_id);
    const std::string query = need.title + "；" + need.description;
    for (const auto& [id, score] : baseline.Search(query, 10)) base_ranked.push_back(id);
    for (const auto& [id, score] : results_baseline.Search(query, 10)) base_results.push_back(id);
    if (judged != qrels->end()) {
      all_engine.Add(ranked, judged->second);
      all_base.Add(base_ranked, judged->second);
      for (const auto& [name, ids] : subsets) {
        if (!ids.count(need.id)) continue;
        by_subset[name].first.Add(ranked, judged->second);
        by_subset[name].second.Add(base_ranked, judged->second);
      }
      NeedEval ne;
      ne.need_id = need.id;
      ne.ndcg5 = Ndcg(ranked, judged->second, 5);
      ne.baseline_ndcg5 = Ndcg(base_ranked, judged->second, 5);
      ne.confidence = list->confidence;
      ne.top5.assign(ranked.begin(), ranked.begin() + static_cast<ptrdiff_t>(std::min<size_t>(5, ranked.size())));
      report.per_need.push_back(std::move(ne));
      bool kept_all = true;
      for (const auto& [near, far] : NearnessPairs(need, need.region.empty() ? enterprise_region[need.enterprise_id] : need.region, judged->second,
                                                     craftsman_by_id)) {
        const auto at = [&](const std::string& id) { return std::find(ranked.begin(), ranked.end(), id) - ranked.begin(); };
        const bool kept = at(near) < static_cast<ptrdiff_t>(ranked.size()) && at(near) < at(far);
        ++report.nearness_pairs;
        report.nearness_kept += kept;
        kept_all = kept_all && kept;
      }
      if (!kept_all) report.nearness_failures.push_back(need.id);
      switch (list->confidence) {
        case Confidence::kHigh:
          ++report.confidence_high;
          break;
        case Confidence::kMedium:
          ++report.confidence_medium;
          break;
        case Confidence::kLow:
          ++report.confidence_low;
          break;
      }
    }
    if (judged_results != qrels_results.end()) {
      bool any = false;
      for (const auto& [id, g] : judged_results->second) any = any || g > 0;
      if (any) {
        res_engine.Add(ranked_results, judged_results->second);
        res_base.Add(base_results, judged_results->second);
      }
    }
  }
  report.rank_ms = rank_ms;
  report.engine = all_engine.Get();
  report.baseline = all_base.Get();
  report.results_engine = res_engine.Get();
  report.results_baseline = res_base.Get();
  for (const auto& [name, acc] : by_subset) report.subsets.push_back({name, acc.first.Get(), acc.second.Get()});
  return report;
}

std::string FormatReport(const EvalReport& r) {
  std::string out;
  char buf[256];
  auto row = [&](const std::string& label, const Metrics& m) {
    std::snprintf(buf, sizeof buf, "  %-34s %7.4f %10.4f %10.4f %7.4f %7zu\n", label.c_str(), m.ndcg5, m.ndcg5_exp,
                  m.recall10, m.mrr, m.needs);
    out += buf;
  };
  out += "evaluation of " + r.data_dir + " (" + std::to_string(r.craftsmen) + " craftsmen)\n";
  std::snprintf(buf, sizeof buf, "  %-34s %7s %10s %10s %7s %7s\n", "", "nDCG@5", "nDCG@5exp", "recall@10", "MRR",
                "needs");
  out += buf;
  row("craftsmen: engine", r.engine);
  row("craftsmen: baseline (BM25 bigrams)", r.baseline);
  for (const SubsetMetrics& s : r.subsets) {
    row(s.name + ": engine", s.engine);
    row(s.name + ": baseline", s.baseline);
  }
  row("results: engine", r.results_engine);
  row("results: baseline (BM25 bigrams)", r.results_baseline);
  std::snprintf(buf, sizeof buf, "  confidence: %zu high, %zu medium, %zu low; build %.0f ms, ranking %.1f ms/need\n",
                r.confidence_high, r.confidence_medium, r.confidence_low, r.build_ms,
                r.per_need.empty() ? 0.0 : r.rank_ms / static_cast<double>(r.per_need.size()));
  out += buf;
  if (r.nearness_pairs > 0) {
    std::snprintf(buf, sizeof buf, "  nearness: %zu of %zu on-site pairs of alike craftsmen ranked nearer first", r.nearness_kept,
                  r.nearness_pairs);
    out += buf;
    for (size_t i = 0; i < r.nearness_failures.size(); ++i) out += (i ? ", " : "; not in ") + r.nearness_failures[i];
    out += "\n";
  }
  return out;
}

nlohmann::json ToJson(const EvalReport& r) {
  auto m = [](const Metrics& x) {
    return nlohmann::json{{"ndcg@5", x.ndcg5},
                          {"ndcg@5_exp", x.ndcg5_exp},
                          {"recall@10", x.recall10},
                          {"mrr", x.mrr},
                          {"needs", x.needs}};
  };
  nlohmann::json subsets = nlohmann::json::object();
  for (const SubsetMetrics& s : r.subsets) subsets[s.name] = {{"engine", m(s.engine)}, {"baseline", m(s.baseline)}};
  nlohmann::json per_need = nlohmann::json::array();
  for (const NeedEval& n : r.per_need) {
    per_need.push_back({{"need_id", n.need_id},
                        {"ndcg@5", n.ndcg5},
                        {"baseline_ndcg@5", n.baseline_ndcg5},
                        {"confidence", ConfidenceCode(n.confidence)},
                        {"top5", n.top5}});
  }
  return {{"data_dir", r.data_dir},
          {"craftsmen", r.craftsmen},
          {"engine", m(r.engine)},
          {"baseline", m(r.baseline)},
          {"subsets", subsets},
          {"results", {{"engine", m(r.results_engine)}, {"baseline", m(r.results_baseline)}}},
          {"confidence", {{"high", r.confidence_high}, {"medium", r.confidence_medium}, {"low", r.confidence_low}}},
          {"build_ms", r.build_ms},
          {"rank_ms", r.rank_ms},
          {"nearness", {{"pairs", r.nearness_pairs}, {"kept", r.nearness_kept}, {"failures", r.nearness_failures}}},
          {"per_need", per_need}};
}

}  // namespace craftlink::matching
