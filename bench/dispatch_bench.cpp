// Batch dispatch at programme scale: 10,000 needs over 10,000 craftsmen, 50
// ranked candidates each (random, seeded), solved to optimality by min-cost
// flow and by the greedy baseline.
// Run: build-dispatch/bench/dispatch_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "dispatch/dispatch.h"

namespace {

using craftlink::dispatch::Candidate;
using craftlink::dispatch::CraftsmanCapacity;
using craftlink::dispatch::DispatchOptions;
using craftlink::dispatch::NeedRequest;
using craftlink::dispatch::Plan;

struct Batch {
  std::vector<NeedRequest> needs;
  std::vector<CraftsmanCapacity> capacities;
};

// Capacities uniform in [0, max_capacity]: with 1 the pool can serve only
// about half the needs, so capacity is contested; with 3 it is plentiful.
Batch MakeBatch(int needs, int craftsmen, int candidates, int max_capacity) {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<int> pick(0, craftsmen - 1);
  std::uniform_int_distribution<int> capacity(0, max_capacity);
  std::uniform_real_distribution<double> score(0.2, 1.0);
  Batch batch;
  for (int c = 0; c < craftsmen; ++c) batch.capacities.push_back({"C" + std::to_string(c), capacity(rng)});
  for (int n = 0; n < needs; ++n) {
    NeedRequest need{"N" + std::to_string(n), {}, 1, {}};
    std::unordered_set<int> chosen;
    while (static_cast<int>(chosen.size()) < candidates) chosen.insert(pick(rng));
    for (int c : chosen) need.candidates.push_back(Candidate{"C" + std::to_string(c), score(rng), {}, false});
    std::sort(need.candidates.begin(), need.candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    batch.needs.push_back(std::move(need));
  }
  return batch;
}

const Batch& SharedBatch(int max_capacity) {
  static const Batch contested = MakeBatch(10000, 10000, 50, 1);
  static const Batch plentiful = MakeBatch(10000, 10000, 50, 3);
  return max_capacity == 1 ? contested : plentiful;
}

void Report(benchmark::State& state, const Plan& plan) {
  state.counters["served"] = plan.needs_served;
  state.counters["total_score"] = plan.total_score;
}

void BM_Optimal(benchmark::State& state) {
  const Batch& batch = SharedBatch(static_cast<int>(state.range(0)));
  const DispatchOptions options{.load_balancing = state.range(1) != 0};
  Plan plan;
  for (auto _ : state) {
    auto result = craftlink::dispatch::SolveOptimal(batch.needs, batch.capacities, options);
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    plan = std::move(result).value();
    benchmark::DoNotOptimize(plan);
  }
  Report(state, plan);
}
// Args: max capacity per craftsman, load balancing on/off.
BENCHMARK(BM_Optimal)->Args({1, 0})->Args({3, 0})->Args({3, 1})->Unit(benchmark::kMillisecond);

void BM_Greedy(benchmark::State& state) {
  const Batch& batch = SharedBatch(static_cast<int>(state.range(0)));
  Plan plan;
  for (auto _ : state) {
    plan = craftlink::dispatch::SolveGreedy(batch.needs, batch.capacities);
    benchmark::DoNotOptimize(plan);
  }
  Report(state, plan);
}
BENCHMARK(BM_Greedy)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond);

// Indexing and validation alone (string ids hashed once per candidate): the
// part both solvers share.
void BM_Validate(benchmark::State& state) {
  const Batch& batch = SharedBatch(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(craftlink::dispatch::Validate(batch.needs, batch.capacities));
  }
}
BENCHMARK(BM_Validate)->Arg(3)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
