#pragma once
// Effects of an arm against the baseline arm: for each replication the paired difference
// (arm - baseline, same population, same random streams), then the mean over replications and
// its 95 % interval from the t distribution with R - 1 degrees of freedom; and the arm's cost per
// additional week of work, a ratio of means with Fieller's interval (as analysis/cost_effectiveness.py).
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

/// Fieller's 95 % interval for mean(costs) / mean(effects) over paired samples (one pair a
/// replication): the ratios rho for which mean(costs) - rho * mean(effects) is not significantly
/// different from 0 (t, R - 1 degrees of freedom). Bounded exactly when the interval of
/// mean(effects) excludes 0; otherwise `bounded` is false and the bounds are NaN.
struct FiellerInterval {
  double low = 0, high = 0;
  bool bounded = false;
};
/// @throws std::invalid_argument unless both have the same size >= 2.
FiellerInterval fieller_interval(const std::vector<double>& costs, const std::vector<double>& effects);

/// Where the mean increments fall on the cost-effectiveness plane.
enum class Quadrant {
  no_change,       // mean employment change 0 (or NaN)
  dominant,        // saves money (or costs nothing more) and employs more
  dominated,       // costs more (or nothing less) and employs fewer
  trade_off_more,  // costs more, employs more
  trade_off_less,  // costs less, employs fewer
};
Quadrant quadrant(double mean_extra_cost, double mean_extra_work_weeks);
/// Plain words for the summary, e.g. "dominant: saves money and employs more".
const char* describe(Quadrant quadrant);

/// Cost-effectiveness of an arm for one group over the whole run.
struct CostEffectiveness {
  Interval extra_cost_eur;          // arm - baseline: total cost summed over every week, EUR
  Interval extra_work_weeks;        // arm - baseline: person-weeks employed by the last week
  double eur_per_work_week = 0;     // ratio of the means; NaN when not estimable or no change
  double ci_low = 0, ci_high = 0;   // Fieller 95 %; NaN when unbounded or one replication
  bool estimable = false;           // R >= 2 and the employment interval excludes 0 (R = 1: a ratio, no interval)
  Quadrant quadrant = Quadrant::no_change;
};
/// From per-replication increments (same size >= 1).
CostEffectiveness cost_effectiveness(const std::vector<double>& extra_cost_eur,
                                     const std::vector<double>& extra_work_weeks);
/// @param arm, baseline [R][W * G * K] metrics of each replication (metric_index layout).
CostEffectiveness cost_effectiveness(const std::vector<std::vector<double>>& arm,
                                     const std::vector<std::vector<double>>& baseline, int weeks,
                                     std::size_t groups, std::size_t group);

/// @param arm, baseline [R][W * G * K] metrics of each replication (metric_index layout).
io::EffectTables paired_effects(const std::vector<std::vector<double>>& arm,
                                const std::vector<std::vector<double>>& baseline, int weeks,
                                std::size_t groups);

}  // namespace kokeilu::compare
