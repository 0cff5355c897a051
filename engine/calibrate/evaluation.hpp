#pragma once
// One evaluation of a calibration: the scenario with the parameters set, run for each
// replication (in parallel), its statistics against the targets. Every evaluation uses the same
// seed and replication streams (common random numbers), so that two parameter vectors differ only
// by what the parameters do: the objective does not jump with simulation noise.
#include <atomic>
#include <span>
#include <vector>

#include "calibrate/calibration_file.hpp"
#include "parallel/team.hpp"
#include "scenario/load.hpp"
#include "sim/run_sink.hpp"

namespace kokeilu::calibrate {

/// Runs `spec` once per replication (streams 0 .. replications-1, in parallel over `threads`
/// threads, 0 = one per core) and returns each run's reported weeks' totals.
/// @throws Interrupted when `interrupt` is set during a run.
std::vector<std::vector<sim::WeekTotals>> replicated_runs(const scenario::ScenarioSpec& spec, std::uint64_t seed,
                                                          int replications, int threads,
                                                          const std::atomic<bool>* interrupt);

/// The same, each reported week's totals summed over the replications (sums of integers: the
/// same whatever the thread count). With a team of several ranks, the replications are spread
/// over them (replication r on rank r % size) and the pooled totals are rank 0's; other ranks
/// get none. Collective over `team` (null: this process alone).
std::vector<sim::WeekTotals> pooled_runs(const scenario::ScenarioSpec& spec, std::uint64_t seed, int replications,
                                         int threads, const std::atomic<bool>* interrupt,
                                         parallel::Team* team = nullptr);

class Evaluator {
 public:
  /// `team`: the ranks of an MPI job to spread each evaluation's replications over (every rank
  /// evaluates the same points and gets the same statistics); null: this process alone.
  Evaluator(const CalibrationSpec& calibration, const scenario::SourceTree& tree, int threads,
            const std::atomic<bool>* interrupt, parallel::Team* team = nullptr)
      : calibration_(calibration), tree_(tree), threads_(threads), interrupt_(interrupt), team_(team) {}

  /// The settings that put `values` (one per parameter) into the scenario.
  std::vector<scenario::Setting> settings(std::span<const double> values) const;
  /// The targets' statistics with the parameters at `values`, in the order of the targets.
  /// Collective over the team: every rank gets rank 0's statistics.
  /// @throws ConfigError when a value makes the scenario invalid (bounds the scenario rejects;
  ///         on every rank alike).
  std::vector<double> simulate(std::span<const double> values) const;
  /// Sum over targets of weight x scaled error^2; an undefined statistic (NaN) costs
  /// kUndefinedPenalty, so the optimiser moves away from it.
  double objective(std::span<const double> simulated) const;

  static constexpr double kUndefinedPenalty = 1e6;

 private:
  const CalibrationSpec& calibration_;
  const scenario::SourceTree& tree_;
  int threads_;
  const std::atomic<bool>* interrupt_;
  parallel::Team* team_;
};

}  // namespace kokeilu::calibrate
