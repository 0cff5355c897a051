#pragma once
// The table `kokeilu compare` prints at the end: effects of each arm against the baseline, with
// 95 % intervals across replications, at the end of the pilot period and at the end of follow-up.
#include <string>

#include "compare/comparison.hpp"
#include "compare/effects.hpp"
#include "scenario/comparison_spec.hpp"

namespace kokeilu::compare {

std::string format_comparison_summary(const scenario::ComparisonSpec& spec, const ComparisonResult& result);

/// One arm's cost per additional week of work in words: "-1466 EUR [a, b]; dominant: saves money
/// and employs more; extra cost ... EUR [..], extra work ... person-weeks [..]", or "not estimable
/// (employment change not distinguishable from zero); ..." when the employment interval includes 0.
std::string cost_effectiveness_line(const CostEffectiveness& ce);

}  // namespace kokeilu::compare
