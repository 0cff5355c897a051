#include "compare/drivers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "compare/metrics.hpp"

namespace kokeilu::compare {

namespace {

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (const double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

/// Squared Pearson correlation and its sign; 0 when either side does not vary.
Driver correlation_share(const std::vector<double>& x, const std::vector<double>& y) {
  const double mx = mean_of(x), my = mean_of(y);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t r = 0; r < x.size(); ++r) {
    sxy += (x[r] - mx) * (y[r] - my);
    sxx += (x[r] - mx) * (x[r] - mx);
    syy += (y[r] - my) * (y[r] - my);
  }
  if (sxx <= 0 || syy <= 0) return {};
  return {0, sxy * sxy / (sxx * syy), sxy > 0 ? 1.0 : -1.0};
}

/// Between-choice sum of squares over the total.
double correlation_ratio(const std::vector<double>& choice, const std::vector<double>& y) {
  const double my = mean_of(y);
  double total = 0;
  for (const double v : y) total += (v - my) * (v - my);
  if (total <= 0) return 0;
  std::map<double, std::pair<double, int>> by_choice;  // sum, count
  for (std::size_t r = 0; r < y.size(); ++r) {
    auto& cell = by_choice[choice[r]];
    cell.first += y[r];
    cell.second += 1;
  }
  double between = 0;
  for (const auto& [_, cell] : by_choice) {
    const double m = cell.first / cell.second;
    between += cell.second * (m - my) * (m - my);
  }
  return between / total;
}

/// Whether the parameter lies in arm `a`'s design (its paths start `arms[<name>]` or `arms[<a>]`).
bool in_arm(const scenario::UncertainParameter& p, const scenario::ComparisonSpec& spec, std::size_t a) {
  const std::string by_name = "arms[" + spec.arms[a].name + "]", by_index = "arms[" + std::to_string(a) + "]";
  return std::any_of(p.paths.begin(), p.paths.end(),
                     [&](const std::string& path) { return path.starts_with(by_name) || path.starts_with(by_index); });
}

}  // namespace

std::vector<Driver> first_order_drivers(const scenario::ParameterDraws& draws, const std::vector<double>& effects) {
  std::vector<Driver> drivers;
  if (draws.empty() || effects.size() != draws.values.size() || effects.size() < 2) return drivers;
  for (std::size_t p = 0; p < draws.parameters.size(); ++p) {
    std::vector<double> x;
    for (const auto& row : draws.values) x.push_back(row[p]);
    Driver d;
    if (draws.parameters[p].is_choice()) {
      d.share = correlation_ratio(x, effects);
    } else {
      d = correlation_share(x, effects);
    }
    d.parameter = p;
    drivers.push_back(d);
  }
  std::stable_sort(drivers.begin(), drivers.end(), [](const Driver& a, const Driver& b) { return a.share > b.share; });
  return drivers;
}

std::string format_parameter_drivers(const scenario::ComparisonSpec& spec, const ComparisonResult& result) {
  const auto& draws = spec.draws;
  if (draws.empty()) return "";
  std::ostringstream out;
  const std::size_t R = draws.values.size();
  out << "\nParameters drawn per replication: " << draws.parameters.size() << " (the same draw in every arm; the\n"
      << "intervals above hold their uncertainty). What drives each effect on open employment at the end of\n"
      << "the pilot: first-order share of its variance across the " << R << " replications (r^2 for a number,\n"
      << "with the sign of its slope; eta^2 for a choice); the rest is interactions and simulation noise.\n";
  if (R < 10) out << "  (few replications: these shares are rough; run with more replications to rely on them)\n";
  const auto& groups = result.groups;
  const int week = result.pilot_end_week;
  char line[256];
  for (std::size_t a = 1; a < spec.arms.size(); ++a) {
    for (const auto& group : std::vector<std::string>{"target:" + spec.arms[a].name, "everyone"}) {
      const auto g = groups.index_of(group);
      const auto i = metric_index(week, g, Metric::open_employment, groups.size());
      std::vector<double> effects;
      for (std::size_t r = 0; r < R; ++r) effects.push_back(result.metrics[a][r][i] - result.metrics[0][r][i]);
      out << "  " << spec.arms[a].name << ", " << (group == "everyone" ? "everyone" : "target group") << ":";
      // Only the arm's own parameters can move its effect (the baseline arm draws none): a
      // parameter of another arm that correlates with it does so by chance.
      auto drivers = first_order_drivers(draws, effects);
      std::erase_if(drivers, [&](const Driver& d) { return !in_arm(draws.parameters[d.parameter], spec, a); });
      if (drivers.empty() || drivers.front().share <= 0) {
        out << " no parameter of this arm is drawn, or the effect does not vary with them\n";
        continue;
      }
      out << "\n";
      double explained = 0;
      for (const auto& d : drivers) {
        const auto& p = draws.parameters[d.parameter];
        explained += d.share;
        std::snprintf(line, sizeof line, "    %5.1f %%  %s %s  (%s, %s)\n", 100 * d.share,
                      d.sign > 0 ? "+" : d.sign < 0 ? "-" : " ", p.paths.front().c_str(), p.describe().c_str(),
                      p.source.c_str());
        out << line;
      }
      std::snprintf(line, sizeof line, "    %5.1f %%    interactions and simulation noise\n",
                    100 * std::max(0.0, 1 - explained));
      out << line;
    }
  }
  return out.str();
}

}  // namespace kokeilu::compare
