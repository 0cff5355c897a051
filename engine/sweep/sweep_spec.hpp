#pragma once
// A sweep file: a comparison and the parameters to vary over it, each a key path of the
// comparison's resolved tree (scenario/settings.hpp). Its points are either a grid (every
// combination of listed values) or a sample of ranges (Latin hypercube, or Sobol's sequence from
// Boost.Random); each point is the comparison with the point's values put at those paths.
//
//   comparison: compare-satakunta-2012-2016.yaml   # relative to the sweep file
//   design: latin-hypercube                          # grid | latin-hypercube | sobol
//   points: 50                                       # not for a grid: the product of the lists
//   seed: 7                                          # latin-hypercube only
//   parameters:
//     - path: region.markets[pori-area].matching_efficiency
//       range: [0.05, 0.09]
//     - path: arms[pilot-2012-2015].design.services.coach.caseload
//       range: [30, 90]
//       integer: true                                # sampled values are rounded
//
// Every point's comparison is checked when the sweep is read, before anything runs.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "scenario/load.hpp"
#include "scenario/settings.hpp"

namespace kokeilu::sweep {

/// Limits of a sweep, checked when it is read.
inline constexpr std::size_t kMaxPoints = 10'000;
inline constexpr std::size_t kMaxParameters = 64;

enum class Design { grid, latin_hypercube, sobol };
const char* design_name(Design design);

struct Parameter {
  std::string path;             // key path in the comparison's resolved tree
  std::vector<double> values;   // grid
  double low = 0, high = 0;     // sampled designs: low < high
  bool integer = false;         // sampled values are rounded to whole numbers
  SourceLocation where;         // of the parameter's path in the sweep file
};

struct SweepSpec {
  std::string source_file;
  std::string text;             // the sweep file as read (written to the output's /meta)
  scenario::SourceTree comparison;
  Design design = Design::grid;
  std::uint64_t seed = 0;
  std::vector<Parameter> parameters;
  std::vector<std::vector<double>> points;  // [P][D]: each point's value of each parameter
  /// True when no parameter changes what comes before the arms branch (every path is under
  /// `arms`): then the points share one population and one history.
  bool shares_history = false;

  /// The settings of point `p`, located at each parameter's path in the sweep file.
  std::vector<scenario::Setting> settings(std::size_t p) const;
};

/// Reads and checks a sweep file, draws its points and checks every point's comparison.
/// @throws ConfigError (file:line:column and key) for anything wrong in the sweep or a point
SweepSpec load_sweep(const std::filesystem::path& file);

/// `n` points of a Latin hypercube in [0, 1)^d: each axis cut into n equal strata, each stratum
/// used once, at a uniform place inside it; from Philox words keyed by `seed`, so the same seed
/// gives the same points everywhere. [n][d]
std::vector<std::vector<double>> latin_hypercube(std::size_t n, std::size_t d, std::uint64_t seed);
/// The first `n` points of Sobol's sequence in [0, 1)^d (Boost.Random's `sobol`, Joe and Kuo's
/// direction numbers; its first point is (0.5, ..., 0.5)). [n][d]
std::vector<std::vector<double>> sobol_points(std::size_t n, std::size_t d);

}  // namespace kokeilu::sweep
