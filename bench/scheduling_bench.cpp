// 对接会 scheduling at the target size: 300 enterprises × 200 craftsmen × 12
// slots, each participant naming 10–20 of the other side (seeded, mostly
// within its industry group so many wishes are mutual); optionally 20% of
// participants miss 1–3 slots. Also 师徒结对 stable matching at 2,000
// apprentices × 200 masters. The target is under 2 s per 对接会 schedule.
// Run: build-sched/bench/scheduling_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "scheduling/matchmaking.h"
#include "scheduling/mentorship.h"

namespace {

using craftlink::scheduling::MeetingRequest;
using craftlink::scheduling::Participant;

MeetingRequest MakeMeetingRequest(int enterprises, int craftsmen, int slots, double unavailable_share) {
  constexpr int kGroups = 10;
  std::mt19937 rng(20240611);
  MeetingRequest r;
  r.slots = slots;
  for (int s = 0; s < slots; ++s) {
    const int start = 14 * 60 + 15 * s;
    char label[32];
    std::snprintf(label, sizeof label, "%02d:%02d-%02d:%02d", start / 60, start % 60, (start + 15) / 60,
                  (start + 15) % 60);
    r.slot_labels.push_back(label);
  }
  std::bernoulli_distribution misses(unavailable_share);
  std::uniform_int_distribution<int> missed(1, 3);
  std::uniform_int_distribution<int> slot(0, slots - 1);
  auto add = [&](std::vector<Participant>& side, const char* prefix, int count) {
    for (int i = 0; i < count; ++i) {
      Participant p{prefix + std::to_string(i), prefix + std::to_string(i), {}};
      if (misses(rng)) {
        for (int k = missed(rng); k > 0; --k) p.unavailable_slots.push_back(slot(rng));
      }
      side.push_back(std::move(p));
    }
  };
  add(r.enterprises, "E", enterprises);
  add(r.craftsmen, "C", craftsmen);
  std::uniform_int_distribution<int> wishes(10, 20);
  std::uniform_int_distribution<int> weight(1, 5);
  std::bernoulli_distribution same_group(0.7);
  auto wish = [&](const std::vector<Participant>& from, const std::vector<Participant>& to) {
    std::uniform_int_distribution<int> any(0, static_cast<int>(to.size()) - 1);
    for (size_t i = 0; i < from.size(); ++i) {
      const size_t want = std::min<size_t>(wishes(rng), to.size());
      std::set<int> chosen;
      while (chosen.size() < want) {
        int t = any(rng);
        if (same_group(rng)) t = t - t % kGroups + static_cast<int>(i % kGroups);
        if (t < static_cast<int>(to.size())) chosen.insert(t);
      }
      for (int t : chosen) r.wishes.push_back({from[i].id, to[t].id, weight(rng)});
    }
  };
  wish(r.enterprises, r.craftsmen);
  wish(r.craftsmen, r.enterprises);
  return r;
}

// Arg: percentage of participants with unavailable slots.
void BM_ScheduleMeetings(benchmark::State& state) {
  const MeetingRequest request = MakeMeetingRequest(300, 200, 12, static_cast<double>(state.range(0)) / 100);
  craftlink::scheduling::Schedule schedule;
  for (auto _ : state) {
    auto result = craftlink::scheduling::ScheduleMeetings(request);
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    schedule = std::move(result).value();
    benchmark::DoNotOptimize(schedule);
  }
  state.counters["wishes"] = static_cast<double>(request.wishes.size());
  state.counters["wished_pairs"] = schedule.wished_pairs;
  state.counters["mutual_pairs"] = schedule.mutual_pairs;
  state.counters["meetings"] = static_cast<double>(schedule.meetings.size());
  state.counters["mutual_meetings"] = schedule.mutual_meetings;
  state.counters["unplaced"] = static_cast<double>(schedule.unplaced.size());
  state.counters["score_of_bound_pct"] = schedule.upper_bound == 0 ? 100.0
                                                                   : 100.0 * static_cast<double>(schedule.total_score) /
                                                                         static_cast<double>(schedule.upper_bound);
}
BENCHMARK(BM_ScheduleMeetings)->Arg(0)->Arg(20)->Unit(benchmark::kMillisecond);

// Agendas, text and JSON for everyone: what the API adds on top.
void BM_AgendasAndJson(benchmark::State& state) {
  const MeetingRequest request = MakeMeetingRequest(300, 200, 12, 0);
  const auto schedule = craftlink::scheduling::ScheduleMeetings(request);
  if (!schedule.ok()) {
    state.SkipWithError(schedule.status().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    const auto agendas = craftlink::scheduling::BuildAgendas(request, *schedule);
    std::string text;
    for (const auto& a : agendas) text += craftlink::scheduling::FormatAgenda(a);
    benchmark::DoNotOptimize(text);
    benchmark::DoNotOptimize(craftlink::scheduling::ToJson(*schedule, agendas));
  }
}
BENCHMARK(BM_AgendasAndJson)->Unit(benchmark::kMillisecond);

// 2,000 apprentices each listing 10 of 200 masters (capacities 0–12).
void BM_MatchMentorships(benchmark::State& state) {
  std::mt19937 rng(7);
  craftlink::scheduling::MentorshipRequest request;
  for (int m = 0; m < 200; ++m) {
    request.masters.push_back({"M" + std::to_string(m), std::uniform_int_distribution<int>(0, 12)(rng)});
  }
  std::uniform_int_distribution<int> master(0, 199);
  std::uniform_real_distribution<double> score(0, 1);
  for (int a = 0; a < 2000; ++a) {
    const std::string id = "A" + std::to_string(a);
    request.apprentice_ids.push_back(id);
    std::set<int> chosen;
    while (chosen.size() < 10) chosen.insert(master(rng));
    for (int m : chosen) request.candidates.push_back({id, "M" + std::to_string(m), score(rng), score(rng)});
  }
  size_t matched = 0;
  for (auto _ : state) {
    auto plan = craftlink::scheduling::MatchMentorships(request);
    if (!plan.ok()) {
      state.SkipWithError(plan.status().ToString().c_str());
      return;
    }
    matched = plan->mentorships.size();
    benchmark::DoNotOptimize(plan);
  }
  state.counters["matched"] = static_cast<double>(matched);
}
BENCHMARK(BM_MatchMentorships)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
