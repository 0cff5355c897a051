#pragma once
// Uncertain parameters: a value of a scenario, comparison or design file given as a distribution
// rather than a number, or as a weighted choice rather than a name (docs/uncertain-parameters.md):
//   referral_rate_multiplier: {triangular: [1.0, 1.5, 2.0], source: none}
//   search_effort_multiplier: {uniform: [1.05, 1.25], source: approx}
//   effect_half_life_weeks: {normal: [3, 0.5], source: lit}
//   priority: {one_of: [closest_to_labour_market_first, longest_spell_first], weights: [0.5, 0.5], source: none}
// `source` is required and is one of the flags of DOMAIN.md (seed, stat, lit, rule, approx, none).
//
// The distributions are found once in the resolved tree (SourceTree::read) and each is replaced by
// its central value (uniform: the midpoint; normal: the mean; triangular: the mode; one_of: the
// choice with the largest weight, the first of equals), so that the file validates, a single run
// and `compare --fixed-parameters` run at the central values, and every other reader of the tree
// sees plain values. A comparison draws one value of each parameter per replication (draw()).
//
// One parameter is one distribution *as written*: a design included by several arms (by `inherit`
// or by name) puts the same distribution at several key paths, and all of them take the same draw.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "scenario/settings.hpp"

namespace kokeilu::scenario {

namespace yaml {
struct Node;
}

enum class DistributionKind { uniform, normal, triangular, one_of };

struct UncertainParameter {
  std::vector<std::string> paths;   // key paths in the resolved tree that take this draw (>= 1)
  DistributionKind kind = DistributionKind::uniform;
  std::vector<double> shape;        // uniform [a, b]; normal [mean, sd]; triangular [low, mode, high]
  std::vector<std::string> choices; // one_of: the values, as written
  std::vector<double> weights;      // one_of: sum to 1
  std::string source;               // seed, stat, lit, rule, approx or none
  std::string central;              // the central value as YAML text
  SourceLocation where;             // of the distribution

  bool is_choice() const { return kind == DistributionKind::one_of; }
  /// "triangular(1, 1.5, 2)", "one_of(a: 0.5, b: 0.5)".
  std::string describe() const;
};

/// A mapping that states a distribution (one of the keys uniform, normal, triangular, one_of).
bool is_distribution(const yaml::Node& node);

/// Every distribution of `root` in tree order, each replaced by its central value.
/// @throws ConfigError at the distribution for a bad shape: sd < 0, low > high, a mode outside
///         [low, high], weights that are negative, of another length than the choices or not
///         summing to 1, a missing or unknown source flag, parameters that are not numbers.
std::vector<UncertainParameter> take_uncertain(yaml::Node& root);

/// One draw of every parameter: a number, or for a choice the index of the chosen value (as a
/// double, so that a replication's draws are one row of numbers). A pure function of
/// (seed, replication, parameter index): Philox, purpose `parameters`, stream = replication.
std::vector<double> draw(std::span<const UncertainParameter> parameters, std::uint64_t seed,
                         std::uint32_t replication);

/// The settings that put a draw into the tree: one per path of each parameter, located at the
/// distribution (a drawn value out of range is reported there).
std::vector<Setting> settings_of(std::span<const UncertainParameter> parameters, std::span<const double> values);

}  // namespace kokeilu::scenario
