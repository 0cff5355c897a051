#pragma once
// YAML -> immutable, validated specs. Every file is read once; nothing reads YAML after set-up.
// A value that is a file name (a string ending in .yaml) includes that file, relative to the file
// that names it; a mapping may be given inline instead. Every error is a ConfigError naming
// file:line:column (1-based) and the key path; includes that are missing or form a cycle too.
#include <filesystem>
#include <memory>
#include <span>

#include "scenario/comparison_spec.hpp"
#include "scenario/design_spec.hpp"
#include "scenario/settings.hpp"
#include "scenario/spec.hpp"
#include "scenario/uncertain.hpp"

namespace kokeilu::scenario {

/// A scenario or comparison file read once, with every include inlined, each design's
/// `inherit` chain and each arm's `overrides` applied, but not yet checked: the tree that
/// settings (settings.hpp) change. Reading specs from it again and again (a calibration's
/// evaluations, a sweep's points, one parameter draw per replication) costs no file access.
class SourceTree {
 public:
  /// @throws ConfigError
  static SourceTree read(const std::filesystem::path& file);

  const std::filesystem::path& file() const { return file_; }
  const yaml::Node& root() const;
  /// The distributions stated in the file (uncertain.hpp); root() holds their central values.
  const std::vector<UncertainParameter>& parameters() const { return *parameters_; }

  /// The file as a single run, with `settings` applied first. @throws ConfigError
  ScenarioSpec scenario(std::span<const Setting> settings = {}) const;
  /// The file as a comparison, with `settings` applied first. @throws ConfigError
  ComparisonSpec comparison(std::span<const Setting> settings = {}) const;

 private:
  SourceTree(std::filesystem::path file, std::shared_ptr<const yaml::Node> root,
             std::shared_ptr<const std::vector<UncertainParameter>> parameters)
      : file_(std::move(file)), root_(std::move(root)), parameters_(std::move(parameters)) {}
  std::filesystem::path file_;
  std::shared_ptr<const yaml::Node> root_;
  std::shared_ptr<const std::vector<UncertainParameter>> parameters_;
};

/// Draws one parameter set per replication of `spec` (read from `tree`, with its final seed and
/// replications) into spec.draws. A parameter lies in an arm's design (outside its target and
/// period: the groups are fixed at the branch), or in the region, the behaviour, the benefits or
/// the baseline design: it then acts in the history, and each replication runs its own history
/// (spec.draws.bases; docs/uncertain-parameters.md).
/// @throws ConfigError at the distribution: a parameter elsewhere (run, pilot period, follow-up,
///         replications), one that changes the number of persons or the municipalities, or a
///         drawn value out of range (naming the replication and the value).
void draw_parameters(const SourceTree& tree, ComparisonSpec& spec);

/// A single run: region, behaviour, benefits, run settings, the baseline design and an
/// optional pilot design.
/// @throws ConfigError
ScenarioSpec load_scenario(const std::filesystem::path& file);

/// One design file on its own (with its `inherit:` chain resolved).
/// @throws ConfigError
DesignSpec load_design(const std::filesystem::path& file);

/// A comparison of arms on one population and labour market.
/// @throws ConfigError
ComparisonSpec load_comparison(const std::filesystem::path& file);

}  // namespace kokeilu::scenario
