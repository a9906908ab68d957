// Matching at scale on generated data: index build time, memory per profile,
// and top-10 latency (p50, p99) of MatchNeed on one thread.
// Run: build/bench/match_bench [--craftsmen 100000] [--queries 2000] [--results-per 20]
// (a RelWithDebInfo or Release build; 1,000,000 craftsmen need ~10 GB and minutes).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <ctime>
#include <vector>

#include <sys/resource.h>

#include "gen/generator.h"
#include "matching/matching.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// CPU time of this thread: unlike wall time, not inflated when other
// processes share the cores.
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// CPU time of the whole process (the build analyses on two threads), and
// major page faults: a build that waits on the disk shows here, not in CPU.
struct ProcessUsage {
  double cpu_s = 0;
  long major_faults = 0;
};
ProcessUsage Usage() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto seconds = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; };
  return ProcessUsage{seconds(ru.ru_utime) + seconds(ru.ru_stime), ru.ru_majflt};
}

// Resident set size in bytes (Linux).
size_t Rss() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtoull(line.c_str() + 6, nullptr, 10) * 1024;
  }
  return 0;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  size_t craftsmen = 100000, queries = 2000, results_per = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--craftsmen")) craftsmen = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--queries")) queries = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--results-per")) results_per = std::strtoull(argv[i + 1], nullptr, 10);
  }
  using namespace craftlink;
  auto config = matching::LoadMatchConfig();
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.status().ToString().c_str());
    return 1;
  }
  gen::GenOptions options;
  options.craftsmen = craftsmen;
  options.enterprises = std::max<size_t>(300, craftsmen / 10);
  options.needs = queries;
  options.results = results_per ? craftsmen / results_per : 0;
  gen::Generator generator(options);

  auto t0 = Clock::now();
  matching::Corpus corpus;
  corpus.craftsmen.reserve(craftsmen);
  for (size_t i = 0; i < craftsmen; ++i) corpus.craftsmen.push_back(generator.MakeCraftsman(i));
  for (size_t i = 0; i < options.enterprises; ++i) corpus.enterprises.push_back(generator.MakeEnterprise(i));
  for (size_t i = 0; i < options.results; ++i) corpus.results.push_back(generator.MakeResult(i));
  std::vector<domain::Need> needs;
  for (size_t i = 0; i < queries; ++i) needs.push_back(generator.MakeNeed(i));
  std::printf("generated %zu craftsmen, %zu results, %zu needs in %.1f s\n", craftsmen, options.results, queries,
              Seconds(t0));

  const size_t rss_before = Rss();
  const ProcessUsage usage_before = Usage();
  t0 = Clock::now();
  auto engine = matching::MatchEngine::BuildFromCorpus(corpus, *config);
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().ToString().c_str());
    return 1;
  }
  const double build_s = Seconds(t0);
  const ProcessUsage usage_after = Usage();
  const size_t rss_after = Rss();
  const matching::EngineStats stats = (*engine)->Stats();
  std::printf("build: %.1f s wall (%.0f profiles/s, analyser and lexicon load included); %.1f s CPU of all threads,"
              " %ld major page faults\n",
              build_s, static_cast<double>(craftsmen) / build_s, usage_after.cpu_s - usage_before.cpu_s,
              usage_after.major_faults - usage_before.major_faults);
  std::printf("memory: RSS +%.0f MB = %.0f B/profile (keeps a copy of the records: no store); "
              "craftsmen text index %.0f MB = %.0f B/profile; %zu word and %zu bigram terms\n",
              static_cast<double>(rss_after - rss_before) / 1e6,
              static_cast<double>(rss_after - rss_before) / static_cast<double>(craftsmen),
              static_cast<double>(stats.index_bytes) / 1e6,
              static_cast<double>(stats.index_bytes) / static_cast<double>(craftsmen), stats.word_terms,
              stats.bigram_terms);

  // Warm up, then time each query alone on this thread.
  for (size_t i = 0; i < std::min<size_t>(50, needs.size()); ++i) {
    (void)(*engine)->MatchNeed(needs[i], matching::MatchOptions{.top_k = 10, .top_results = 0});
  }
  for (const bool with_results : {false, true}) {
    std::vector<double> ms, cpu;
    size_t empty = 0;
    for (const domain::Need& need : needs) {
      const auto q0 = Clock::now();
      const double c0 = ThreadCpuMs();
      auto list = (*engine)->MatchNeed(need, matching::MatchOptions{.top_k = 10, .top_results = with_results ? 5u : 0u});
      cpu.push_back(ThreadCpuMs() - c0);
      ms.push_back(Seconds(q0) * 1000.0);
      if (!list.ok() || list->matches.empty()) ++empty;
    }
    std::printf("MatchNeed top-10%s over %zu craftsmen, %zu needs: wall p50 %.2f ms, p90 %.2f, p99 %.2f, max %.2f;"
                " thread CPU p50 %.2f ms, p99 %.2f (%zu empty)\n",
                with_results ? " + 5 results" : "", craftsmen, needs.size(), Percentile(ms, 0.5), Percentile(ms, 0.9),
                Percentile(ms, 0.99), Percentile(ms, 1.0), Percentile(cpu, 0.5), Percentile(cpu, 0.99), empty);
  }
  return 0;
}
