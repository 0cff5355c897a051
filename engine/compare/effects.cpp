#include "compare/effects.hpp"

#include <algorithm>
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

FiellerInterval fieller_interval(const std::vector<double>& costs, const std::vector<double>& effects) {
  const std::size_t n = costs.size();
  if (n < 2 || effects.size() != n) throw std::invalid_argument("Fieller's interval needs two or more pairs");
  double mean_c = 0, mean_e = 0;
  for (std::size_t r = 0; r < n; ++r) {
    mean_c += costs[r];
    mean_e += effects[r];
  }
  mean_c /= static_cast<double>(n);
  mean_e /= static_cast<double>(n);
  // Variances and covariance of the means (sample moments with n - 1, divided by n).
  double var_c = 0, var_e = 0, cov_ce = 0;
  for (std::size_t r = 0; r < n; ++r) {
    var_c += (costs[r] - mean_c) * (costs[r] - mean_c);
    var_e += (effects[r] - mean_e) * (effects[r] - mean_e);
    cov_ce += (costs[r] - mean_c) * (effects[r] - mean_e);
  }
  const double scale = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n));
  var_c *= scale;
  var_e *= scale;
  cov_ce *= scale;
  // (mC - rho mE)^2 = t^2 (vC - 2 rho cCE + rho^2 vE): a rho^2 + b rho + c = 0.
  const double t2 = std::pow(t_quantile_975(static_cast<int>(n - 1)), 2);
  const double a = mean_e * mean_e - t2 * var_e;
  const double b = -2.0 * (mean_c * mean_e - t2 * cov_ce);
  const double c = mean_c * mean_c - t2 * var_c;
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  if (!(a > 0)) return {nan, nan, false};
  const double root = std::sqrt(std::max(b * b - 4 * a * c, 0.0));
  return {(-b - root) / (2 * a), (-b + root) / (2 * a), true};
}

Quadrant quadrant(double mean_extra_cost, double mean_extra_work_weeks) {
  if (mean_extra_work_weeks == 0 || std::isnan(mean_extra_work_weeks)) return Quadrant::no_change;
  if (mean_extra_work_weeks > 0) return mean_extra_cost <= 0 ? Quadrant::dominant : Quadrant::trade_off_more;
  return mean_extra_cost >= 0 ? Quadrant::dominated : Quadrant::trade_off_less;
}

const char* describe(Quadrant q) {
  switch (q) {
    case Quadrant::no_change: return "no change in employment";
    case Quadrant::dominant: return "dominant: saves money and employs more";
    case Quadrant::dominated: return "dominated: costs more and employs fewer";
    case Quadrant::trade_off_more: return "trade-off: costs more and employs more";
    case Quadrant::trade_off_less: return "trade-off: saves money and employs fewer";
  }
  return "?";
}

CostEffectiveness cost_effectiveness(const std::vector<double>& extra_cost_eur,
                                     const std::vector<double>& extra_work_weeks) {
  const std::size_t n = extra_cost_eur.size();
  if (n == 0 || extra_work_weeks.size() != n)
    throw std::invalid_argument("cost-effectiveness needs one cost and one employment change per replication");
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  CostEffectiveness out;
  out.extra_cost_eur = mean_interval(extra_cost_eur);
  out.extra_work_weeks = mean_interval(extra_work_weeks);
  out.quadrant = quadrant(out.extra_cost_eur.mean, out.extra_work_weeks.mean);
  if (n == 1) {
    out.estimable = out.extra_work_weeks.mean != 0;
    out.ci_low = out.ci_high = nan;
  } else {
    const auto interval = fieller_interval(extra_cost_eur, extra_work_weeks);
    out.estimable = interval.bounded;
    out.ci_low = interval.low;
    out.ci_high = interval.high;
  }
  out.eur_per_work_week = out.estimable ? out.extra_cost_eur.mean / out.extra_work_weeks.mean : nan;
  return out;
}

CostEffectiveness cost_effectiveness(const std::vector<std::vector<double>>& arm,
                                     const std::vector<std::vector<double>>& baseline, int weeks,
                                     std::size_t groups, std::size_t group) {
  const std::size_t replications = arm.size();
  if (replications == 0 || baseline.size() != replications || weeks < 1)
    throw std::invalid_argument("cost-effectiveness needs the same replications of both arms");
  const int last = weeks - 1;
  const auto at = [&](const std::vector<double>& run, int week, Metric metric) {
    return run[metric_index(week, group, metric, groups)];
  };
  // Person-weeks employed over the whole run: cumulative weeks employed per person at the last
  // week times the group's persons then, in each arm.
  const auto work_weeks = [&](const std::vector<double>& run) {
    return at(run, last, Metric::weeks_employed_per_person) * at(run, last, Metric::group_size);
  };
  std::vector<double> extra_cost(replications), extra_work(replications);
  for (std::size_t r = 0; r < replications; ++r) {
    double cost = 0;
    for (int w = 0; w < weeks; ++w) cost += at(arm[r], w, Metric::cost_total_eur) - at(baseline[r], w, Metric::cost_total_eur);
    extra_cost[r] = cost;
    extra_work[r] = work_weeks(arm[r]) - work_weeks(baseline[r]);
  }
  return cost_effectiveness(extra_cost, extra_work);
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

  // Cost per additional week of employment over the whole run: a ratio of means with Fieller's
  // interval, NaN where not estimable or where the group carries no money.
  for (std::size_t g = 0; g < groups; ++g) {
    const auto ce = cost_effectiveness(arm, baseline, weeks, groups, g);
    out.cost_per_week_mean.push_back(ce.eur_per_work_week);
    out.cost_per_week_ci_low.push_back(ce.ci_low);
    out.cost_per_week_ci_high.push_back(ce.ci_high);
  }
  return out;
}

}  // namespace kokeilu::compare
