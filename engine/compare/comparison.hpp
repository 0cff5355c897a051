#pragma once
// `kokeilu compare`: every arm x replication of a comparison as an independent task (same
// initial population, same labour market, common random numbers: replication r uses random
// stream r in every arm), the metrics of each run, and the paired effects against the baseline.
// Runs go in parallel, each on one thread: a run is a pure function of (spec, arm, replication),
// so the results are the same bits whatever the thread count or the order runs finish in.
// Memory stays bounded: only the runs in flight hold a population and a trajectory block. Rank
// 0 spools its runs' blocks to an unnamed file beside the output (io/spool.hpp) as they are
// produced, and reads them back when their replication is measured and written; blocks that
// arrive from other ranks are spooled on arrival. Under MPI the runs are spread over the ranks
// (parallel/tasks.hpp) and rank 0 writes the same file.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compare/groups.hpp"
#include "io/comparison_writer.hpp"
#include "parallel/team.hpp"
#include "scenario/comparison_spec.hpp"
#include "sim/simulation.hpp"

namespace kokeilu::compare {

/// Where a comparison is, for a progress line.
struct ComparisonProgress {
  std::uint64_t agent_weeks_done = 0;
  std::uint64_t agent_weeks_total = 0;
  /// The run that just advanced: its arm's name and replication (0-based); arm empty while the
  /// shared history runs. Several runs advance at once when runs are in parallel.
  std::string_view arm;
  int replication = 0;
  int replications = 0;
  /// Arm empty and this set: replication's own history runs (a parameter drawn in it).
  bool own_history = false;
};

struct CompareOptions {
  int threads = 0;                     // runs in parallel; 0 = one per core
  bool write_trajectories = true;      // per-person [N, W] statuses of every run in the file
  std::string engine_version = "unknown";
  std::string git_revision = "unknown";
  /// Called (from any thread, one call at a time) after every simulated week of every run.
  std::function<void(const ComparisonProgress&)> progress;
  const std::atomic<bool>* interrupt = nullptr;  // when set, the comparison throws Interrupted
  bool full_path = false;              // every person on the step's full path (tests of law 3)
  /// Run every arm from the history start instead of branching from one history (tests: the
  /// same bits, slower).
  bool branch_from_history = true;
  /// Continue the history from this state (a checkpoint at or before the branching point)
  /// instead of generating the population; needs branch_from_history.
  const sim::RunState* start_from = nullptr;
  /// Called with the state every arm and replication branches from (to write a checkpoint).
  std::function<void(const sim::RunState&)> at_branch;
  /// The ranks of an MPI job to spread the runs over (rank 0 writes the file and gets the
  /// results; the others get an empty result); null: this process alone.
  parallel::Team* team = nullptr;
  /// Rank 0 keeps the trajectory blocks waiting for their replication in a spool file (in the
  /// output's folder, or the temporary folder without an output); false: in memory (tests).
  bool spool_trajectories = true;
  /// Spool to this file as it is instead (tests: /dev/full is a full disk).
  std::filesystem::path spool_at;
};

/// How many times rank `rank` of `ranks` uses replication r's own history (a parameter drawn in
/// the history): once per run of r it owns, and on rank 0 once more for the file's header
/// (replication 0's). A replication's arms all run on one rank (their runs are dealt out
/// arm-count at a time), so each history is simulated once in the whole job; rank 0 gets what the
/// file needs of the others' (the target groups and the statuses at the branch) with their
/// first arm's result.
std::vector<int> own_history_uses(int rank, int ranks, std::size_t replications, std::size_t arms);

struct OutputFile {
  std::filesystem::path path;
  bool force = false;
};

struct ComparisonResult {
  GroupSet groups;
  int weeks = 0;
  int pilot_start_week = 0;   // inclusive
  int pilot_end_week = 0;     // inclusive
  std::vector<std::vector<std::vector<double>>> metrics;  // [arm][replication][W * G * K]
  std::vector<io::EffectTables> effects;                  // [arm]; empty for the baseline arm
  /// On rank 0: the most trajectory bytes it held in memory at once besides the runs in flight
  /// (blocks kept in memory, read back from the spool, or arrived from other ranks).
  std::uint64_t trajectory_bytes_held_peak = 0;
};

/// Bytes a comparison needs at its peak with `parallel_runs` runs in flight.
std::uint64_t estimate_comparison_bytes(const scenario::ComparisonSpec& spec, int parallel_runs);

/// The state every run of `spec` branches from: the population after the shared history (run
/// once, under the baseline process). Comparisons that differ only in their arms (a sweep over
/// designs) can share one, as their CompareOptions::start_from. @throws Interrupted
sim::RunState run_shared_history(const scenario::ComparisonSpec& spec, const CompareOptions& options);

/// Runs the comparison; writes `output` (complete, or not at all) when given.
/// @throws InputError (output exists, not enough memory), Interrupted, IoError
ComparisonResult run_comparison(const scenario::ComparisonSpec& spec, const CompareOptions& options,
                                const std::optional<OutputFile>& output);

}  // namespace kokeilu::compare
