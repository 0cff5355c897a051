#include "market/matching.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace kokeilu::market {

double vacancies_on(const scenario::MarketSpec& market, Date date) {
  const auto& points = market.vacancies;
  using std::chrono::sys_days;
  if (points.empty()) return 0.0;
  if (sys_days{date} <= sys_days{points.front().from}) return points.front().vacancies;
  for (std::size_t k = 1; k < points.size(); ++k) {
    if (sys_days{date} <= sys_days{points[k].from}) {
      const double span = static_cast<double>((sys_days{points[k].from} - sys_days{points[k - 1].from}).count());
      const double into = static_cast<double>((sys_days{date} - sys_days{points[k - 1].from}).count());
      return points[k - 1].vacancies + (points[k].vacancies - points[k - 1].vacancies) * into / span;
    }
  }
  return points.back().vacancies;
}

MarketWeek clear_market(const scenario::MarketSpec& market, double search_effort, double vacancies) {
  MarketWeek week;
  week.search_effort = search_effort;
  week.vacancies = vacancies;
  if (search_effort <= 0.0 || vacancies <= 0.0) return week;
  const double alpha = market.search_elasticity;
  week.matches = std::min(vacancies, market.matching_efficiency * std::pow(search_effort, alpha) *
                                         std::pow(vacancies, 1.0 - alpha));
  week.rate_per_effort = week.matches / search_effort;
  return week;
}

}  // namespace kokeilu::market
