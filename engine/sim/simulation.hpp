#pragma once
// A run: a population evolved week by week under one scenario, its results pushed to a sink.
// Built from an immutable ScenarioSpec; owns all mutable state (no globals), so runs of several
// arms and replications are independent tasks.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "policy/municipality_response.hpp"
#include "population/people.hpp"
#include "scenario/spec.hpp"
#include "sim/admission.hpp"
#include "sim/run_sink.hpp"

namespace kokeilu::sim {

struct RunState;

struct RunOptions {
  int threads = 0;                 // worker threads; 0 = one per core
  bool reference = false;          // use the serial reference stepper
  int trajectory_block_weeks = 52; // weeks of statuses handed to the sink at once
  std::size_t chunk_persons = 16384; // persons per parallel task; results never depend on it
  std::uint32_t replication = 0;   // random stream
  std::string arm = "baseline";
  /// Every person takes the full path of the step (tests of law 3; slower, same bits).
  bool full_path = false;
  /// Called after each simulated week with (weeks done, weeks in all), history included.
  std::function<void(int, int)> progress;
  /// Checked every week; when set, the run throws Interrupted.
  const std::atomic<bool>* interrupt = nullptr;
  /// Checkpoints: before simulating week w (counted from the history start), if checkpoint_due(w),
  /// the sink is handed the statuses of every reported week before w, then write_checkpoint is
  /// called with the state (io/checkpoint.hpp writes it). Both empty: no checkpoints.
  std::function<bool(int)> checkpoint_due;
  std::function<void(const RunState&)> write_checkpoint;
};

/// Bytes a run of `spec` needs at its peak: state, trajectory buffers (the simulation's and the
/// writer's), generator temporaries.
std::uint64_t estimate_run_bytes(const scenario::ScenarioSpec& spec, int trajectory_block_weeks);

/// @throws InputError if estimate_run_bytes exceeds the memory available on this machine.
void check_memory(const scenario::ScenarioSpec& spec, int trajectory_block_weeks);
/// @throws InputError if `needed_bytes` (for a population of `persons`) exceeds the memory available.
void check_memory_bytes(std::uint64_t needed_bytes, std::int64_t persons);

/// The random stream of the history weeks: the same in every replication and arm, so a
/// comparison's history is one and its arms and replications branch from one state.
inline constexpr std::uint32_t kHistoryStream = 0xFFFFFFFFu;

/// What a run carries from one week to the next: enough to continue the run from it.
struct RunState {
  population::People people;
  ServiceQueues queues;
  /// Each municipality's co-payment bill of recent weeks (policy/municipality_response.hpp).
  policy::BillHistory bills;
  int week = 0;  // the next week to simulate, counted from the history start
};

/// A run has a history (the weeks from spec.run.history_start to spec.run.start, under the
/// baseline process only, random stream kHistoryStream, not reported) and a reported period
/// (from spec.run.start to spec.run.end, the replication's stream, pushed to a sink). Weeks are
/// counted from the history start inside the engine and from the reported start in outputs.
class Simulation {
 public:
  /// Generates the synthetic population at the history start from `seed`.
  Simulation(const scenario::ScenarioSpec& spec, std::uint64_t seed);
  /// Starts from a given population at the history start (tests, imported populations).
  Simulation(const scenario::ScenarioSpec& spec, population::People initial, std::uint64_t seed);
  /// Continues from a state reached by another run of a scenario with the same history (a
  /// branch of a comparison).
  Simulation(const scenario::ScenarioSpec& spec, RunState state, std::uint64_t seed);

  /// Simulates the rest of the history (nothing if it is done). Pushes nothing to a sink.
  /// @throws Interrupted
  void run_history(const RunOptions& options);
  /// Runs what is left: the history, then every reported week into `sink`. Can be called once.
  /// The sink is begun at the reported start; a run continued from a state inside the reported
  /// period does not begin it: the caller has begun it with header() and handed it the weeks
  /// before the state (a checkpoint's record of them, io/checkpoint.hpp).
  /// @throws Interrupted, and whatever the sink throws.
  void run(RunSink& sink, const RunOptions& options);
  /// What run() tells the sink at its beginning.
  RunHeader header(const RunOptions& options) const;

  const population::People& people() const { return state_.people; }
  const RunState& state() const { return state_; }
  /// Reported weeks.
  int weeks() const;
  /// Weeks of history before the reported period.
  int history_weeks() const;

 private:
  /// Simulates weeks state_.week .. end - 1 into `sink` (history weeks are not pushed).
  void advance(int end, RunSink* sink, const RunOptions& options);

  const scenario::ScenarioSpec& spec_;
  std::uint64_t seed_;
  RunState state_;
};

}  // namespace kokeilu::sim
