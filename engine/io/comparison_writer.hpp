#pragma once
// Writes a comparison (`kokeilu compare`) to one HDF5 file, layout in docs/comparison-schema.md.
// Written under a temporary name, renamed by commit(); destroyed uncommitted, the temporary file
// is removed, so an interrupted comparison leaves no file that looks complete.
// The write_* calls are thread-safe (one internal lock around HDF5): runs of several arms and
// replications call them concurrently, each for its own (arm, replication).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "population/people.hpp"
#include "scenario/comparison_spec.hpp"

namespace kokeilu::io {

struct ComparisonHeader {
  const scenario::ComparisonSpec* spec = nullptr;
  std::string engine_version;
  std::string git_revision;
  int weeks = 0;
  int pilot_start_week = 0;   // inclusive, 0-based
  int pilot_end_week = 0;     // inclusive
  bool write_trajectories = true;
  std::vector<std::string> week_starts;          // [W] ISO dates
  std::vector<std::string> group_names;          // [G]
  std::vector<std::string> group_descriptions;   // [G]
  std::vector<std::string> metric_names;         // [K]
  std::vector<std::string> metric_units;         // [K]
  std::vector<std::string> metric_descriptions;  // [K]
  std::vector<std::vector<std::uint8_t>> target_at_start;  // [arm][N], 0/1
};

/// A run's pilot as an evaluation follows it, by week (W), municipality (M), status (S),
/// organiser (O = 2: the TE office, the pilot) and service (V).
struct PilotWeekly {
  std::vector<std::int64_t> entries;         // [W * M]: became clients of the pilot
  std::vector<std::int64_t> ever_clients;    // [W * M * S]: ever its clients, by status at the week's end
  std::vector<std::int64_t> service_starts;  // [W * M * O * V]: admitted, by organiser
};

/// Effects of one arm against the baseline arm.
struct EffectTables {
  std::vector<double> mean, ci_low, ci_high;     // [W * G * K], week-major then group
  std::vector<double> cost_per_week_mean, cost_per_week_ci_low, cost_per_week_ci_high;  // [G]
};

class ComparisonFileWriter {
 public:
  /// Creates the temporary file and writes /meta (without `complete`), the dimensions and /people.
  /// @throws InputError (output exists without force, folder missing), IoError
  ComparisonFileWriter(std::filesystem::path output, bool force, const ComparisonHeader& header,
                       const population::People& initial);
  ~ComparisonFileWriter();
  ComparisonFileWriter(const ComparisonFileWriter&) = delete;
  ComparisonFileWriter& operator=(const ComparisonFileWriter&) = delete;

  /// Statuses at the end of weeks first_week .. first_week + weeks - 1, week-major
  /// (person i at week first_week + k is block[k * persons + i]); stored [N, W].
  void write_trajectory(std::size_t arm, int replication, int first_week, int weeks,
                        const std::uint8_t* block, std::size_t persons);
  /// metrics[(w * G + g) * K + k]
  void write_metrics(std::size_t arm, int replication, const std::vector<double>& metrics);
  /// counts[from * kStatusCount + to], summed over all weeks
  void write_transitions(std::size_t arm, int replication, const std::vector<std::int64_t>& counts);
  /// When each replication runs its own history (parameters drawn in it): replication r's
  /// target_at_start [arm][N], 0/1, at /arms/<arm>/replications/<r>/target_at_start.
  void write_target_at_start(int replication, const std::vector<std::vector<std::uint8_t>>& target_at_start);
  /// Every run's /pilot group (docs/comparison-schema.md).
  void write_pilot(std::size_t arm, int replication, const PilotWeekly& pilot);
  /// For every arm but the baseline (arm 0).
  void write_effects(std::size_t arm, const EffectTables& effects);
  /// Writes /meta `complete` = 1, closes and renames. @throws IoError
  void commit();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace kokeilu::io
