#pragma once
// YAML -> immutable, validated specs. Every file is read once; nothing reads YAML after set-up.
// A value that is a file name (a string ending in .yaml) includes that file, relative to the file
// that names it; a mapping may be given inline instead. Every error is a ConfigError naming
// file:line:column (1-based) and the key path; includes that are missing or form a cycle too.
#include <filesystem>

#include "scenario/comparison_spec.hpp"
#include "scenario/design_spec.hpp"
#include "scenario/spec.hpp"

namespace kokeilu::scenario {

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
