#pragma once
// A calibration file (YAML): the scenario, the parameters to fit (key paths of its resolved tree,
// with bounds), the targets (statistics.hpp, each with a value, a weight or standard error, a
// period and a source flag), the replications per evaluation and the optimiser's budget.
// Format and an example: docs/calibration.md.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "calibrate/statistics.hpp"
#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "scenario/load.hpp"
#include "scenario/settings.hpp"

namespace kokeilu::calibrate {

struct ParameterSpec {
  std::string path;      // key path of the scenario's resolved tree; for a factor, its name
  double min = 0;
  double max = 0;
  double start = 0;      // given, or the scenario's value (a factor's: 1)
  SourceLocation where;  // of the path (or the name) in the calibration file
  /// A factor tying several key paths (`scale:`): each is set to its value in the scenario times
  /// the parameter, so one parameter moves them together and keeps their proportions. Empty: the
  /// parameter is the number at `path`.
  std::vector<std::string> scaled_paths;
  std::vector<double> scaled_values;  // each scaled path's value in the scenario
  std::vector<SourceLocation> scaled_where;
};

struct TargetSpec {
  Statistic statistic;
  double value = 0;
  double weight = 1;                     // on the squared error
  std::optional<double> standard_error;  // the error's scale; else |value| (a relative error)
  Date from;                             // period: the weeks that hold a day of [from, to]
  Date to;
  int first_week = 0;                    // reported weeks of the period
  int last_week = 0;
  std::string source;                    // flag: stat, lit., approx., seed, none, test
  SourceLocation where;

  /// The error in units of its scale: (simulated - value) / scale.
  double scaled_error(double simulated) const;
};

enum class GlobalAlgorithm { none, crs2, direct };
enum class LocalAlgorithm { none, bobyqa, sbplx };

struct OptimiserSpec {
  GlobalAlgorithm global = GlobalAlgorithm::crs2;
  int global_evaluations = 100;
  LocalAlgorithm local = LocalAlgorithm::bobyqa;
  int local_evaluations = 100;
  double relative_tolerance = 1e-4;  // on the parameters (each scaled to [0, 1])
  std::uint64_t seed = 1;            // of the global pass's random choices
};

struct CalibrationSpec {
  std::filesystem::path file;
  std::string name;
  std::filesystem::path scenario_file;
  std::optional<std::uint64_t> seed;  // overrides the scenario's run.seed
  int replications = 1;
  std::vector<ParameterSpec> parameters;
  std::vector<TargetSpec> targets;
  OptimiserSpec optimiser;
  std::filesystem::path output_stem;  // OUT.yaml (overlay), OUT-fit.txt, OUT-evaluations.tsv

  std::filesystem::path overlay_file() const;
  std::filesystem::path report_file() const;
  std::filesystem::path log_file() const;
};

/// The settings that put the parameters' `values` into the scenario: one per path (a factor's
/// paths each get their scenario value times the factor).
std::vector<scenario::Setting> settings_of(const CalibrationSpec& calibration, std::span<const double> values);

/// Reads and checks a calibration file and the scenario it names (read once into `tree`).
/// @throws ConfigError (file:line:column, key) for a statistic that does not exist, bounds that
///         exclude the start value, a path that names no number, a period outside the run, ...
CalibrationSpec read_calibration(const std::filesystem::path& file, std::optional<scenario::SourceTree>& tree);

}  // namespace kokeilu::calibrate
