#pragma once
// The table `kokeilu compare` prints at the end: effects of each arm against the baseline, with
// 95 % intervals across replications, at the end of the pilot period and at the end of follow-up.
#include <string>

#include "compare/comparison.hpp"
#include "scenario/comparison_spec.hpp"

namespace kokeilu::compare {

std::string format_comparison_summary(const scenario::ComparisonSpec& spec, const ComparisonResult& result);

}  // namespace kokeilu::compare
