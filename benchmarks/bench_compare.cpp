// Agent-weeks per second of a whole comparison: the default comparison (four arms, five
// replications, Satakunta scaled to N persons, five years), output file included. The agent-weeks
// counted are the reported ones (persons x weeks x runs); the shared history's two years are in
// the time, not in the count.
//   build/benchmarks/bench_compare                                   (200,000 persons: the target)
//   build/benchmarks/bench_compare --benchmark_filter=persons:20000/ (the short CI version)
// `branched:0` runs each arm and replication from the history start instead of branching them
// from one shared history: the difference is what the branching saves.
// Time is wall-clock; the CPU column is the process's (every thread), so CPU / time is the
// number of cores kept busy.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "compare/comparison.hpp"
#include "scaled_scenario.hpp"
#include "scenario/load.hpp"

using namespace kokeilu;

namespace {

/// The default comparison with every municipality scaled so that the total is `persons`, run
/// from its start for `weeks` weeks (the pilot period keeps its dates, the follow-up fills up).
scenario::ComparisonSpec scaled_comparison(std::int64_t persons, int weeks) {
  auto spec = scenario::load_comparison(KOKEILU_SOURCE_DIR "/scenarios/compare-satakunta-2012-2016.yaml");
  bench::scale_scenario(spec.base, persons, weeks);
  return spec;
}

void BM_Comparison(benchmark::State& state) {
  const auto persons = state.range(0);
  const int threads = static_cast<int>(state.range(1));
  const bool branched = state.range(2) != 0;
  constexpr int kWeeks = 261;  // five years
  const auto spec = scaled_comparison(persons, kWeeks);
  const auto out = std::filesystem::temp_directory_path() / ("kokeilu-bench-compare-" + std::to_string(getpid()) + ".h5");
  compare::CompareOptions options;
  options.threads = threads;
  options.branch_from_history = branched;  // 0: every run simulates the history itself (the cost saved)
  for (auto _ : state) compare::run_comparison(spec, options, compare::OutputFile{out, true});
  std::filesystem::remove(out);
  const double agent_weeks = static_cast<double>(persons) * kWeeks * static_cast<double>(spec.arms.size()) * spec.replications;
  state.counters["agent_weeks_per_s"] = benchmark::Counter(agent_weeks, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["runs"] = static_cast<double>(spec.arms.size()) * spec.replications;
}

}  // namespace

BENCHMARK(BM_Comparison)
    ->ArgNames({"persons", "threads", "branched"})
    ->ArgsProduct({{20000, 200000}, {1, 2}, {1}})
    ->Args({20000, 2, 0})
    ->Args({200000, 2, 0})
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime()  // run_comparison works on other threads (run_tasks, the writer):
                               // the CPU column is the whole process's, not the calling thread's
    ->Iterations(1);

BENCHMARK_MAIN();
