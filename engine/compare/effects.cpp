#include "compare/effects.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/math/distributions/students_t.hpp>

#include "compare/metrics.hpp"

namespace kokeilu::compare {

double t_quantile_975(int df) {
  if (df < 1) throw std::invalid_argument("t quantile needs at least one degree of freedom");
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), 0.975);
}

Interval mean_interval(const std::vector<double>& values) {
  const auto n = values.size();
  if (n == 0) throw std::invalid_argument("mean of no values");
  double sum = 0;
  for (double v : values) sum += v;
  const double mean = sum / static_cast<double>(n);
  if (n == 1) return {mean, mean, mean};
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double standard_error = std::sqrt(squares / static_cast<double>(n - 1) / static_cast<double>(n));
  const double half_width = t_quantile_975(static_cast<int>(n - 1)) * standard_error;
  return {mean, mean - half_width, mean + half_width};
}

io::EffectTables paired_effects(const std::vector<std::vector<double>>& arm,
                                const std::vector<std::vector<double>>& baseline, int weeks,
                                std::size_t groups) {
  const std::size_t replications = arm.size();
  if (replications == 0 || baseline.size() != replications)
    throw std::invalid_argument("paired effects need the same replications of both arms");
  const std::size_t cells = static_cast<std::size_t>(weeks) * groups * kMetricCount;
  io::EffectTables out;
  out.mean.resize(cells);
  out.ci_low.resize(cells);
  out.ci_high.resize(cells);
  std::vector<double> differences(replications);
  for (std::size_t c = 0; c < cells; ++c) {
    for (std::size_t r = 0; r < replications; ++r) differences[r] = arm[r][c] - baseline[r][c];
    const auto interval = mean_interval(differences);
    out.mean[c] = interval.mean;
    out.ci_low[c] = interval.low;
    out.ci_high[c] = interval.high;
  }

  // Cost per additional week of employment, over the whole run: the change in total cost
  // divided by the change in person-weeks employed. NaN where employment did not change or the
  // group carries no money.
  const int last = weeks - 1;
  for (std::size_t g = 0; g < groups; ++g) {
    std::vector<double> ratios(replications);
    for (std::size_t r = 0; r < replications; ++r) {
      double extra_cost = 0;
      for (int w = 0; w < weeks; ++w)
        extra_cost += arm[r][metric_index(w, g, Metric::cost_total_eur, groups)] -
                      baseline[r][metric_index(w, g, Metric::cost_total_eur, groups)];
      const double size = baseline[r][metric_index(last, g, Metric::group_size, groups)];
      const double extra_weeks = size * (arm[r][metric_index(last, g, Metric::weeks_employed_per_person, groups)] -
                                         baseline[r][metric_index(last, g, Metric::weeks_employed_per_person, groups)]);
      ratios[r] = extra_weeks != 0 ? extra_cost / extra_weeks : std::numeric_limits<double>::quiet_NaN();
    }
    const auto interval = mean_interval(ratios);
    out.cost_per_week_mean.push_back(interval.mean);
    out.cost_per_week_ci_low.push_back(interval.low);
    out.cost_per_week_ci_high.push_back(interval.high);
  }
  return out;
}

}  // namespace kokeilu::compare
