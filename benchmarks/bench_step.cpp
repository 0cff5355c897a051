// Agent-weeks per second of the weekly step on the Satakunta scenario scaled to N persons,
// over three years (156 weeks), at 1 and 2 threads, with and without the HDF5 output; and bytes
// of state per person.
//   build/benchmarks/bench_step                       (all)
//   build/benchmarks/bench_step --benchmark_filter=/100000/   (the short CI version)
#include <benchmark/benchmark.h>

#include <filesystem>
#include <unistd.h>

#include "io/run_writer.hpp"
#include "population/generate.hpp"
#include "scaled_scenario.hpp"
#include "scenario/load.hpp"
#include "sim/simulation.hpp"

using namespace kokeilu;

namespace {

/// The Satakunta baseline with every municipality scaled so that the total is `persons`,
/// over `weeks` weeks from its start, without a history: every week timed is a reported week
/// of the weekly step.
scenario::ScenarioSpec scaled_satakunta(std::int64_t persons, int weeks) {
  auto spec = scenario::load_scenario(KOKEILU_SOURCE_DIR "/scenarios/satakunta-2012-2016-baseline.yaml");
  bench::scale_scenario(spec, persons, weeks);
  spec.run.history_start = spec.run.start;
  return spec;
}

void BM_WeeklyStep(benchmark::State& state) {
  const auto persons = state.range(0);
  const int threads = static_cast<int>(state.range(1));
  const bool with_output = state.range(2) != 0;
  constexpr int kWeeks = 156;  // three trajectory blocks: the writer overlaps the run as in real use
  const auto spec = scaled_satakunta(persons, kWeeks);
  const auto initial = population::generate_population(spec, spec.run.seed);
  const auto out = std::filesystem::temp_directory_path() / ("kokeilu-bench-" + std::to_string(getpid()) + ".h5");
  sim::RunOptions options;
  options.threads = threads;
  for (auto _ : state) {
    state.PauseTiming();
    sim::Simulation simulation(spec, initial, spec.run.seed);
    state.ResumeTiming();
    if (with_output) {
      io::RunFileWriter writer(out, true, "bench", "bench");
      simulation.run(writer, options);
    } else {
      sim::DiscardSink sink;
      simulation.run(sink, options);
    }
  }
  std::filesystem::remove(out);
  state.counters["agent_weeks_per_s"] =
      benchmark::Counter(static_cast<double>(persons) * kWeeks, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["state_bytes_per_person"] = static_cast<double>(population::People::bytes_per_person());
}

}  // namespace

BENCHMARK(BM_WeeklyStep)
    ->ArgNames({"persons", "threads", "output"})
    ->ArgsProduct({{100000, 1000000}, {1, 2}, {0, 1}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

BENCHMARK_MAIN();
