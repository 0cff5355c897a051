#pragma once
// A run: a population evolved week by week under one scenario, its results pushed to a sink.
// Built from an immutable ScenarioSpec; owns all mutable state (no globals), so runs of several
// arms and replications are independent tasks.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "population/people.hpp"
#include "scenario/spec.hpp"
#include "sim/run_sink.hpp"

namespace kokeilu::sim {

struct RunOptions {
  int threads = 0;                 // worker threads; 0 = one per core
  bool reference = false;          // use the serial reference stepper
  int trajectory_block_weeks = 52; // weeks of statuses handed to the sink at once
  std::size_t chunk_persons = 16384; // persons per parallel task; results never depend on it
  std::uint32_t replication = 0;   // random stream
  std::string arm = "baseline";
  /// Called after each week with (weeks done, weeks in all).
  std::function<void(int, int)> progress;
  /// Checked every week; when set, the run throws Interrupted.
  const std::atomic<bool>* interrupt = nullptr;
};

/// Bytes a run of `spec` needs at its peak: state, trajectory buffers (the simulation's and the
/// writer's), generator temporaries.
std::uint64_t estimate_run_bytes(const scenario::ScenarioSpec& spec, int trajectory_block_weeks);

/// @throws InputError if estimate_run_bytes exceeds the memory available on this machine.
void check_memory(const scenario::ScenarioSpec& spec, int trajectory_block_weeks);
/// @throws InputError if `needed_bytes` (for a population of `persons`) exceeds the memory available.
void check_memory_bytes(std::uint64_t needed_bytes, std::int64_t persons);

class Simulation {
 public:
  /// Generates the synthetic population from `seed`.
  Simulation(const scenario::ScenarioSpec& spec, std::uint64_t seed);
  /// Starts from a given population (tests, imported populations).
  Simulation(const scenario::ScenarioSpec& spec, population::People initial, std::uint64_t seed);

  /// Runs every week of the scenario into `sink`. Can be called once.
  /// @throws Interrupted, and whatever the sink throws.
  void run(RunSink& sink, const RunOptions& options);

  const population::People& people() const { return people_; }
  int weeks() const;

 private:
  const scenario::ScenarioSpec& spec_;
  std::uint64_t seed_;
  population::People people_;
};

}  // namespace kokeilu::sim
