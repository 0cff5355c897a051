#pragma once
// A local labour market's weekly clearing: matches M = mu * S^alpha * V^(1-alpha), with S the
// jobseekers' total search effort and V the vacancies in stock. Each jobseeker's job-finding
// rate is (M / S) * own effort, so one who searches harder takes jobs others would have had.
#include <cstdint>

#include "core/calendar.hpp"
#include "scenario/spec.hpp"

namespace kokeilu::market {

/// Search effort is summed in fixed point so that the area total is exact and does not depend
/// on the order of additions (threads): one unit = 2^-32 of the reference person's effort.
inline constexpr double kEffortUnitsPerOne = 4294967296.0;
inline std::int64_t effort_to_units(double effort) {
  return static_cast<std::int64_t>(effort * kEffortUnitsPerOne);
}
inline double units_to_effort(std::int64_t units) {
  return static_cast<double>(units) / kEffortUnitsPerOne;
}

/// Vacancies on `date`: linear between the series' points, flat before the first and after the
/// last.
double vacancies_on(const scenario::MarketSpec& market, Date date);

struct MarketWeek {
  double search_effort = 0;    // S
  double vacancies = 0;        // V
  double matches = 0;          // M, never more than V
  double rate_per_effort = 0;  // M / S: a jobseeker's weekly job-finding rate per unit effort
};

/// Clears one area for one week.
MarketWeek clear_market(const scenario::MarketSpec& market, double search_effort, double vacancies);

}  // namespace kokeilu::market
