// The match engine beside SQLite FTS5 in one run: FTS5 (unicode61) indexes
// the same analyser tokens (words and bigrams, joined by spaces) of each
// craftsman's profile and answers each need with bm25(). Reports quality on a
// judged data set (nDCG@5, recall@10) and top-10 latency on generated data.
// Run: build/bench/fts5_compare [--data ../shared/data/dev] [--craftsmen 100000] [--queries 500]
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "gen/generator.h"
#include "matching/eval.h"
#include "matching/matching.h"
#include "text/analyzer.h"

namespace {

using namespace craftlink;
using Clock = std::chrono::steady_clock;

std::string Tokens(const text::Analyzer& analyzer, const std::string& text, size_t cap) {
  const text::Analysis a = analyzer.Analyze(text);
  std::set<std::string> seen;
  std::string out;
  auto add = [&](const std::string& t) {
    if (seen.size() >= cap || !seen.insert(t).second) return;
    out += (out.empty() ? "" : " ") + t;
  };
  for (const auto& t : a.words) add(t.text);
  for (const auto& t : a.bigrams) add(t.text);
  return out;
}

std::string ProfileText(const domain::Craftsman& c) {
  std::string s = c.name + " " + c.title + " " + c.employer + " " + c.bio + " " + c.studio;
  for (const auto& x : c.skills) s += " " + x;
  for (const auto& x : c.achievements) s += " " + x;
  return s;
}

std::string NeedText(const domain::Need& n) {
  std::string s = n.title + " " + n.description;
  for (const auto& x : n.skills) s += " " + x;
  return s;
}

class Fts5Index {
 public:
  explicit Fts5Index(const text::Analyzer& analyzer) : analyzer_(analyzer) {
    sqlite3_open(":memory:", &db_);
    sqlite3_exec(db_, "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize = 'unicode61')", nullptr,
                 nullptr, nullptr);
  }
  ~Fts5Index() { sqlite3_close(db_); }

  void Add(const std::vector<domain::Craftsman>& craftsmen) {
    sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, "INSERT INTO docs (id, body) VALUES (?1, ?2)", -1, &st, nullptr);
    for (const auto& c : craftsmen) {
      const std::string body = Tokens(analyzer_, ProfileText(c), 100000);
      sqlite3_bind_text(st, 1, c.id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, body.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(st);
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  }

  std::vector<std::string> Top(const domain::Need& need, int k) {
    std::string match;
    std::istringstream tokens(Tokens(analyzer_, NeedText(need), 64));
    for (std::string t; tokens >> t;) match += (match.empty() ? "\"" : " OR \"") + t + "\"";
    std::vector<std::string> out;
    if (match.empty()) return out;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, "SELECT id FROM docs WHERE docs MATCH ?1 ORDER BY bm25(docs) LIMIT ?2", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, k);
    while (sqlite3_step(st) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    return out;
  }

 private:
  const text::Analyzer& analyzer_;
  sqlite3* db_ = nullptr;
};

using Qrels = std::map<std::string, std::map<std::string, int>>;

Qrels LoadQrels(const std::string& path) {
  Qrels q;
  std::ifstream in(path);
  std::string need, doc;
  int grade;
  while (in >> need >> doc >> grade) q[need][doc] = grade;
  return q;
}

double Ndcg5(const std::vector<std::string>& ranked, const std::map<std::string, int>& judged) {
  double dcg = 0, ideal = 0;
  for (size_t i = 0; i < ranked.size() && i < 5; ++i) {
    auto it = judged.find(ranked[i]);
    if (it != judged.end()) dcg += (std::pow(2.0, it->second) - 1) / std::log2(static_cast<double>(i) + 2);
  }
  std::vector<int> grades;
  for (const auto& [id, g] : judged) grades.push_back(g);
  std::sort(grades.rbegin(), grades.rend());
  for (size_t i = 0; i < grades.size() && i < 5; ++i) ideal += (std::pow(2.0, grades[i]) - 1) / std::log2(static_cast<double>(i) + 2);
  return ideal > 0 ? dcg / ideal : 0;
}

double Recall10(const std::vector<std::string>& ranked, const std::map<std::string, int>& judged) {
  size_t hit = 0;
  for (size_t i = 0; i < ranked.size() && i < 10; ++i) hit += judged.count(ranked[i]);
  return judged.empty() ? 0 : static_cast<double>(hit) / static_cast<double>(judged.size());
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

std::vector<std::string> EngineTop(const matching::MatchEngine& engine, const domain::Need& need) {
  std::vector<std::string> out;
  auto list = engine.MatchNeed(need, {.top_k = 10, .include_full_capacity = true, .top_results = 0});
  if (list.ok()) {
    for (const auto& m : list->matches) out.push_back(m.craftsman_id);
  }
  return out;
}

void Quality(const std::string& dir, const std::shared_ptr<const text::Analyzer>& analyzer, matching::MatchConfig config) {
  auto corpus = matching::LoadCorpus(dir);
  if (!corpus.ok()) {
    std::printf("quality: skipped (%s)\n", corpus.status().ToString().c_str());
    return;
  }
  std::map<std::string, const domain::Enterprise*> enterprises;
  for (const auto& e : corpus->enterprises) enterprises[e.id] = &e;
  for (auto& n : corpus->needs) {  // needs take their enterprise's industry and region when they have none
    auto it = enterprises.find(n.enterprise_id);
    if (it == enterprises.end()) continue;
    if (n.industry.empty()) n.industry = it->second->industry;
    if (n.region.empty()) n.region = it->second->region;
  }
  auto engine = matching::MatchEngine::BuildFromCorpus(*corpus, config);
  Fts5Index fts(*analyzer);
  fts.Add(corpus->craftsmen);
  const Qrels qrels = LoadQrels(dir + "/qrels.tsv");
  double e_ndcg = 0, f_ndcg = 0, e_rec = 0, f_rec = 0;
  size_t n = 0;
  for (const auto& need : corpus->needs) {
    auto judged = qrels.find(need.id);
    if (judged == qrels.end()) continue;
    ++n;
    const auto e = EngineTop(**engine, need);
    const auto f = fts.Top(need, 10);
    e_ndcg += Ndcg5(e, judged->second);
    f_ndcg += Ndcg5(f, judged->second);
    e_rec += Recall10(e, judged->second);
    f_rec += Recall10(f, judged->second);
  }
  const double d = static_cast<double>(std::max<size_t>(n, 1));
  std::printf("quality on %s (%zu judged needs)\n", dir.c_str(), n);
  std::printf("| system | nDCG@5 | recall@10 |\n|---|---|---|\n");
  std::printf("| match engine | %.4f | %.4f |\n| SQLite FTS5 (same tokens) | %.4f | %.4f |\n", e_ndcg / d, e_rec / d,
              f_ndcg / d, f_rec / d);
}

void Speed(size_t craftsmen, size_t queries, const std::shared_ptr<const text::Analyzer>& analyzer,
           const matching::MatchConfig& config) {
  gen::GenOptions options;
  options.craftsmen = craftsmen;
  options.enterprises = std::max<size_t>(300, craftsmen / 10);
  options.needs = queries;
  options.results = 0;
  gen::Generator generator(options);
  matching::Corpus corpus;
  for (size_t i = 0; i < craftsmen; ++i) corpus.craftsmen.push_back(generator.MakeCraftsman(i));
  for (size_t i = 0; i < options.enterprises; ++i) corpus.enterprises.push_back(generator.MakeEnterprise(i));
  std::vector<domain::Need> needs;
  for (size_t i = 0; i < queries; ++i) needs.push_back(generator.MakeNeed(i));

  auto t0 = Clock::now();
  auto engine = matching::MatchEngine::BuildFromCorpus(corpus, config);
  const double engine_build = std::chrono::duration<double>(Clock::now() - t0).count();
  t0 = Clock::now();
  Fts5Index fts(*analyzer);
  fts.Add(corpus.craftsmen);
  const double fts_build = std::chrono::duration<double>(Clock::now() - t0).count();

  std::vector<double> e_ms, f_ms;
  for (const auto& need : needs) {
    auto s = Clock::now();
    (void)EngineTop(**engine, need);
    e_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - s).count());
    s = Clock::now();
    (void)fts.Top(need, 10);
    f_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - s).count());
  }
  std::printf("speed on %zu generated craftsmen, %zu generated needs, one thread, top 10\n", craftsmen, queries);
  std::printf("| system | build (s) | p50 (ms) | p99 (ms) |\n|---|---|---|---|\n");
  std::printf("| match engine | %.1f | %.2f | %.2f |\n", engine_build, Percentile(e_ms, 0.5), Percentile(e_ms, 0.99));
  std::printf("| SQLite FTS5 (same tokens) | %.1f | %.2f | %.2f |\n", fts_build, Percentile(f_ms, 0.5),
              Percentile(f_ms, 0.99));
  std::printf("FTS5 / engine p50 latency ratio: %.1f×\n", Percentile(f_ms, 0.5) / std::max(1e-9, Percentile(e_ms, 0.5)));
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = "../shared/data/dev";
  size_t craftsmen = 100000, queries = 500;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--data")) data = argv[i + 1];
    if (!std::strcmp(argv[i], "--craftsmen")) craftsmen = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--queries")) queries = std::strtoull(argv[i + 1], nullptr, 10);
  }
  auto config = matching::LoadMatchConfig();
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.status().ToString().c_str());
    return 1;
  }
  // One analyser for both systems, so the comparison is of ranking, not tokens.
  auto analyzer = matching::MakeLexiconAnalyzer(*config);
  if (!analyzer.ok()) {
    std::fprintf(stderr, "%s\n", analyzer.status().ToString().c_str());
    return 1;
  }
  config->analyzer = *analyzer;
  Quality(data, *analyzer, *config);
  Speed(craftsmen, queries, *analyzer, *config);
  return 0;
}
