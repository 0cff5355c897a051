#pragma once
// Settings: values put into a scenario or comparison at a key path before it is checked and
// read. They are what a calibration fits, a sweep varies and a parameter draw samples, so that all
// three change a scenario the same way a user would, by editing its YAML, and every value set
// passes the same checks as a value written in a file.
//
// A key path names a single value of the *resolved* tree: every include inlined, each design's
// `inherit` chain and each arm's `overrides` applied (the tree written to /meta as
// resolved_text). Segments are keys joined by `.`; a list item is `[N]` (0-based) or, in a list
// of mappings with names, `[NAME]`:
//   behaviour.search_effort.duration[2]
//   region.markets[pori-area].matching_efficiency
//   arms[pilot-2012-2015].design.services.coach.caseload
#include <span>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace kokeilu::scenario {

namespace yaml {
struct Node;
}

struct Setting {
  std::string path;      // key path in the resolved tree
  std::string value;     // the scalar put there: a number (see number_text) or a name
  SourceLocation where;  // where the setting was stated (calibration, sweep file), for errors
};

/// A number as YAML text that reads back to the same double (shortest round-trip form).
std::string number_text(double value);

/// The scalar at `path` in `root`, or nullptr when the path names nothing.
const yaml::Node* find_path(const yaml::Node& root, std::string_view path);

/// Puts each setting's value at its path. The changed value takes the setting's location, so
/// that a value out of range is reported where the setting was stated.
/// @throws ConfigError at the setting's location when a path names nothing, names a list or
///         mapping rather than one value, or is malformed.
void apply_settings(yaml::Node& root, std::span<const Setting> settings);

/// The numeric value at `path`, for a start value or a bound check.
/// @throws ConfigError at `where` when the path names nothing or a value that is not a number.
double number_at(const yaml::Node& root, std::string_view path, const SourceLocation& where);

}  // namespace kokeilu::scenario
