#pragma once
// Effects of an arm against the baseline arm: for each replication the paired difference
// (arm - baseline, same population, same random streams), then the mean over replications and
// its 95 % interval from the t distribution with R - 1 degrees of freedom.
#include <cstddef>
#include <vector>

#include "compare/groups.hpp"
#include "io/comparison_writer.hpp"

namespace kokeilu::compare {

/// Two-sided 95 % quantile of Student's t with `degrees_of_freedom` (>= 1): t such that
/// P(|T| <= t) = 0.95. From Boost.Math; equal to analysis.stats.t_quantile_975 (scipy) to 1e-12 (tested).
/// @throws std::invalid_argument when degrees_of_freedom < 1.
double t_quantile_975(int degrees_of_freedom);

struct Interval {
  double mean = 0, low = 0, high = 0;
};
/// Mean of `values` with its 95 % t interval; the interval is the mean itself for one value.
/// NaN values make the result NaN.
Interval mean_interval(const std::vector<double>& values);

/// @param arm, baseline [R][W * G * K] metrics of each replication (metric_index layout).
io::EffectTables paired_effects(const std::vector<std::vector<double>>& arm,
                                const std::vector<std::vector<double>>& baseline, int weeks,
                                std::size_t groups);

}  // namespace kokeilu::compare
