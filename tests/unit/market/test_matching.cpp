#include <catch2/catch.hpp>

#include <cmath>

#include "market/matching.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;
using kokeilu::testing::date;

TEST_CASE("vacancies: linear between points, flat outside", "[market]") {
  scenario::MarketSpec m{"a", 0.1, 0.5, {{date(2014, 1, 1), 100.0}, {date(2014, 1, 11), 200.0}}};
  CHECK(market::vacancies_on(m, date(2013, 6, 1)) == 100.0);
  CHECK(market::vacancies_on(m, date(2014, 1, 1)) == 100.0);
  CHECK(market::vacancies_on(m, date(2014, 1, 6)) == Approx(150.0));
  CHECK(market::vacancies_on(m, date(2014, 1, 11)) == 200.0);
  CHECK(market::vacancies_on(m, date(2020, 1, 1)) == 200.0);
}

TEST_CASE("matching: M = mu S^alpha V^(1-alpha), at most V", "[market]") {
  scenario::MarketSpec m{"a", 0.1, 0.4, {}};
  const auto week = market::clear_market(m, 2000.0, 500.0);
  CHECK(week.matches == Approx(0.1 * std::pow(2000.0, 0.4) * std::pow(500.0, 0.6)));
  CHECK(week.rate_per_effort == Approx(week.matches / 2000.0));
  // More search effort: more matches, but a lower rate per unit of effort (congestion).
  const auto busier = market::clear_market(m, 4000.0, 500.0);
  CHECK(busier.matches > week.matches);
  CHECK(busier.rate_per_effort < week.rate_per_effort);
  // Never more matches than vacancies.
  scenario::MarketSpec generous{"b", 50.0, 0.5, {}};
  CHECK(market::clear_market(generous, 1000.0, 10.0).matches == 10.0);
  CHECK(market::clear_market(m, 0.0, 500.0).rate_per_effort == 0.0);
  CHECK(market::clear_market(m, 100.0, 0.0).matches == 0.0);
}

TEST_CASE("effort in fixed point: sums are exact whatever the order", "[market]") {
  const double efforts[] = {0.123456789, 1.0, 3.5e-4, 2.75};
  std::int64_t forward = 0, backward = 0;
  for (int k = 0; k < 4; ++k) forward += market::effort_to_units(efforts[k]);
  for (int k = 3; k >= 0; --k) backward += market::effort_to_units(efforts[k]);
  CHECK(forward == backward);
  CHECK(market::units_to_effort(market::effort_to_units(1.0)) == 1.0);
  CHECK(std::fabs(market::units_to_effort(market::effort_to_units(0.123456789)) - 0.123456789) < 1e-9);
}
