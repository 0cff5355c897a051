#include "calibrate/evaluation.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <memory>
#include <span>

#include "parallel/bytes.hpp"
#include "parallel/tasks.hpp"
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

namespace {

/// A run's weeks as they travel to rank 0: per week its municipalities, then every counter.
parallel::Bytes pack(const std::vector<sim::WeekTotals>& weeks) {
  parallel::Packer packed;
  packed.put<std::uint64_t>(weeks.size());
  for (const auto& week : weeks) {
    packed.put<int>(week.municipalities);
    for (const auto* counter : week.counters())
      if (counter != nullptr) packed.put_vector(*counter);
  }
  return packed.take();
}

std::vector<sim::WeekTotals> unpack(const parallel::Bytes& bytes) {
  parallel::Unpacker in(bytes);
  std::vector<sim::WeekTotals> weeks(in.get<std::uint64_t>());
  for (auto& week : weeks) {
    week.municipalities = in.get<int>();
    for (auto* counter : week.counters())
      if (counter != nullptr) *counter = in.get_vector<std::int64_t>();
  }
  return weeks;
}

}  // namespace

std::vector<sim::WeekTotals> pooled_runs(const scenario::ScenarioSpec& spec, std::uint64_t seed, int replications,
                                         int threads, const std::atomic<bool>* interrupt, parallel::Team* team) {
  std::unique_ptr<parallel::Team> alone;
  if (team == nullptr) team = (alone = parallel::Team::alone()).get();
  std::vector<sim::WeekTotals> pooled;
  const auto work = [&](std::span<const std::size_t> mine, const parallel::Done& done) {
    if (mine.empty()) return;
    const int cores = threads > 0 ? threads : tbb::info::default_concurrency();
    // This rank's replications side by side; a core left over goes to the runs' own steppers.
    const int per_run = std::max(1, cores / static_cast<int>(mine.size()));
    tbb::task_arena arena(cores);
    arena.execute([&] {
      tbb::parallel_for(std::size_t{0}, mine.size(), [&](std::size_t k) {
        sim::RunOptions options;
        options.threads = per_run;
        options.replication = static_cast<std::uint32_t>(mine[k]);
        options.interrupt = interrupt;
        report::TotalsRecorder recorder;
        sim::Simulation(spec, seed).run(recorder, options);
        done(mine[k], pack(recorder.weeks()));
      });
    });
  };
  // In replication order, on rank 0 (sums of integers: the order would not change them anyway).
  const auto take = [&](std::size_t, parallel::Bytes bytes) {
    auto weeks = unpack(bytes);
    if (pooled.empty()) {
      pooled = std::move(weeks);
      return;
    }
    for (std::size_t w = 0; w < pooled.size(); ++w) pooled[w].add(weeks[w]);
  };
  // Every replication may be held (they are small): the runs start in any order.
  parallel::run_tasks(*team, static_cast<std::size_t>(replications), static_cast<std::size_t>(replications), work, take);
  return pooled;
}

std::vector<scenario::Setting> Evaluator::settings(std::span<const double> values) const {
  return settings_of(calibration_, values);
}

std::vector<double> Evaluator::simulate(std::span<const double> values) const {
  const auto spec = tree_.scenario(settings(values));
  const auto weeks = pooled_runs(spec, calibration_.seed.value_or(spec.run.seed), calibration_.replications, threads_,
                                 interrupt_, team_);
  std::vector<double> out;
  if (team_ == nullptr || team_->leader())
    for (const auto& t : calibration_.targets)
      out.push_back(compute(t.statistic, PooledWeeks{weeks, calibration_.replications, t.first_week, t.last_week}));
  if (team_ == nullptr || team_->size() == 1) return out;
  // Every rank's optimiser must see the same statistics to ask for the same next point.
  parallel::Packer packed;
  packed.put_vector(out);
  auto bytes = packed.take();
  team_->broadcast(bytes);
  return parallel::Unpacker(bytes).get_vector<double>();
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
