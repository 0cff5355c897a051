#include "calibrate/evaluation.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cmath>

#include "report/recorder.hpp"
#include "scenario/settings.hpp"
#include "sim/simulation.hpp"

namespace kokeilu::calibrate {

std::vector<std::vector<sim::WeekTotals>> replicated_runs(const scenario::ScenarioSpec& spec, std::uint64_t seed,
                                                          int replications, int threads,
                                                          const std::atomic<bool>* interrupt) {
  const int cores = threads > 0 ? threads : tbb::info::default_concurrency();
  std::vector<std::vector<sim::WeekTotals>> runs(static_cast<std::size_t>(replications));
  // Replications side by side; a core left over goes to the runs' own steppers.
  const int per_run = std::max(1, cores / std::max(replications, 1));
  tbb::task_arena arena(cores);
  arena.execute([&] {
    tbb::parallel_for(0, replications, [&](int r) {
      sim::RunOptions options;
      options.threads = per_run;
      options.replication = static_cast<std::uint32_t>(r);
      options.interrupt = interrupt;
      report::TotalsRecorder recorder;
      sim::Simulation(spec, seed).run(recorder, options);
      runs[static_cast<std::size_t>(r)] = recorder.weeks();
    });
  });
  return runs;
}

std::vector<sim::WeekTotals> pooled_runs(const scenario::ScenarioSpec& spec, std::uint64_t seed, int replications,
                                         int threads, const std::atomic<bool>* interrupt) {
  auto runs = replicated_runs(spec, seed, replications, threads, interrupt);
  std::vector<sim::WeekTotals> pooled = std::move(runs.front());
  for (std::size_t r = 1; r < runs.size(); ++r)
    for (std::size_t w = 0; w < pooled.size(); ++w) pooled[w].add(runs[r][w]);
  return pooled;
}

std::vector<scenario::Setting> Evaluator::settings(std::span<const double> values) const {
  return settings_of(calibration_, values);
}

std::vector<double> Evaluator::simulate(std::span<const double> values) const {
  const auto spec = tree_.scenario(settings(values));
  const auto weeks =
      pooled_runs(spec, calibration_.seed.value_or(spec.run.seed), calibration_.replications, threads_, interrupt_);
  std::vector<double> out;
  for (const auto& t : calibration_.targets)
    out.push_back(compute(t.statistic, PooledWeeks{weeks, calibration_.replications, t.first_week, t.last_week}));
  return out;
}

double Evaluator::objective(std::span<const double> simulated) const {
  double sum = 0;
  for (std::size_t k = 0; k < calibration_.targets.size(); ++k) {
    const auto& t = calibration_.targets[k];
    if (std::isnan(simulated[k])) {
      sum += kUndefinedPenalty;
      continue;
    }
    const double e = t.scaled_error(simulated[k]);
    sum += t.weight * e * e;
  }
  return sum;
}

}  // namespace kokeilu::calibrate
