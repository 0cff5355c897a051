#pragma once
// The table `kokeilu compare` prints at the end: effects of each arm against the baseline, with
// 95 % intervals across replications, at the end of the pilot period and at the end of follow-up.
#include <string>

#include "compare/comparison.hpp"
#include "compare/effects.hpp"
#include "report/json.hpp"
#include "scenario/comparison_spec.hpp"

namespace kokeilu::compare {

std::string format_comparison_summary(const scenario::ComparisonSpec& spec, const ComparisonResult& result);

/// The same figures for `kokeilu compare --json` (fields: docs/cli-json.md): every metric's effect
/// with its interval for everyone, each arm's target group and everyone else, at the end of the
/// pilot and of follow-up, in the metrics' own units (shares as fractions); cost-effectiveness.
report::Json comparison_summary_json(const scenario::ComparisonSpec& spec, const ComparisonResult& result);

/// One arm's cost per additional week of work in words: "306 EUR [169, 583]; trade-off: costs more
/// and employs more", or "not estimable (employment change not distinguishable from zero); ..."
/// when the employment interval includes 0; then an indented line with the extra cost (EUR) and
/// extra work (person-weeks) over the whole run and their 95 % intervals.
std::string cost_effectiveness_line(const CostEffectiveness& ce);

}  // namespace kokeilu::compare
