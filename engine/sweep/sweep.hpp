#pragma once
// `kokeilu sweep`: every point of a sweep is a comparison (arms x replications on one population
// with common random numbers), run as `kokeilu compare` runs it, without its per-person output;
// what is kept of a point is its effects against the baseline arm with their 95 % intervals, at
// the end of the pilot and at the end of follow-up, for every group and metric. Every point uses
// the comparison's seed: two points differ by their values, not by their luck.
//
// Points are shared out over the ranks of an MPI job (parallel/team.hpp) and gathered on rank 0;
// within a rank a point's runs go in parallel over the threads. A point is a pure function of
// its settings, so the results are the same bits whatever the ranks and threads.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "parallel/team.hpp"
#include "sim/simulation.hpp"
#include "sweep/sweep_spec.hpp"

namespace kokeilu::sweep {

struct SweepOptions {
  int threads = 0;  // runs of a point in parallel; 0 = one per core
  /// Called on each rank (from the thread running its points) after each of its points: (done, this rank's points).
  std::function<void(std::size_t, std::size_t)> progress;
  const std::atomic<bool>* interrupt = nullptr;  // when set, the sweep throws Interrupted
};

/// The two moments at which effects are kept.
inline constexpr const char* kMoments[] = {"end_of_pilot", "end_of_follow_up"};
inline constexpr std::size_t kMomentCount = 2;

/// What is kept of one point.
struct PointEffects {
  int weeks = 0;
  int pilot_end_week = 0;
  /// [A * T * G * K]: pilot arm a (arms[1..]), moment t, group g, metric k.
  std::vector<double> mean, ci_low, ci_high;
  /// [A * G]: cost per additional week of work over the whole run, Fieller's interval.
  std::vector<double> cost_per_week_mean, cost_per_week_ci_low, cost_per_week_ci_high;

  std::vector<double> serialise() const;
  static PointEffects deserialise(const double* at, std::size_t size);
};

struct SweepResult {
  std::vector<std::string> arms;    // the pilot arms (every arm but the baseline)
  std::string baseline_arm;
  std::vector<std::string> groups;
  std::vector<std::string> metrics, metric_units;
  int replications = 0;
  std::vector<PointEffects> points;  // [P] on rank 0; empty on other ranks
};

/// The effects of one point of `spec` (tests; run_sweep runs this for each point it owns).
/// `history`: run_shared_history of the sweep's comparison when the points share it, or null.
PointEffects run_point(const SweepSpec& spec, std::size_t point, const SweepOptions& options,
                       const sim::RunState* history);

/// Runs this rank's points and gathers every point on rank 0. Collective over `team`.
/// @throws Interrupted, InputError (not enough memory)
SweepResult run_sweep(const SweepSpec& spec, const SweepOptions& options, parallel::Team& team);

}  // namespace kokeilu::sweep
