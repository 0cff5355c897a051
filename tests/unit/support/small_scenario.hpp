#pragma once
// A small scenario built in code, for tests that must not depend on the YAML loader.
#include <cmath>

#include "core/calendar.hpp"
#include "scenario/spec.hpp"

namespace kokeilu::testing {

inline Date date(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

inline scenario::HazardSpec constant_hazard(double weekly_rate) {
  scenario::HazardSpec h;
  h.intercept = std::log(weekly_rate);
  return h;
}

/// Three municipalities in two markets, `persons` persons each, 2014-09-01 .. end.
inline scenario::ScenarioSpec small_scenario(std::int64_t persons = 2000, Date end = date(2016, 12, 31)) {
  using namespace scenario;
  ScenarioSpec spec;
  spec.name = "small";
  spec.run = {12345, date(2014, 9, 1), end, date(2014, 9, 1)};  // no history: mechanisms from a known start
  MarketSpec a{"area-a", 0.07, 0.5, {{date(2014, 1, 1), 150.0}, {date(2016, 1, 1), 120.0}}};
  MarketSpec b{"area-b", 0.07, 0.5, {{date(2014, 1, 1), 40.0}}};
  spec.markets = {a, b};
  for (int m = 0; m < 3; ++m) {
    MunicipalitySpec muni;
    muni.name = "town-" + std::to_string(m);
    muni.market = m < 2 ? 0 : 1;
    muni.working_age_persons = persons;
    muni.initial_status_shares = {0.6, 0, 0.12, 0, 0, 0, 0.28};
    muni.age_shares = {{15, 24, 0.2}, {25, 29, 0.1}, {30, 49, 0.4}, {50, 54, 0.1}, {55, 64, 0.2}};
    muni.education_shares = {0.3, 0.45, 0.25};
    muni.female_share = 0.5;
    muni.foreign_language_share = 0.05;
    muni.barrier_share = 0.1;
    muni.fund_member_share = 0.7;
    muni.initial_spell_shares = {{0, 4, 0.15}, {4, 26, 0.35}, {26, 52, 0.2}, {52, 104, 0.15}, {104, 260, 0.15}};
    muni.initial_benefit_shares = {0, 0.45, 0.07, 0.48};
    spec.municipalities.push_back(muni);
  }
  auto& be = spec.behaviour;
  be.matching_enabled = true;
  be.search_effort.intercept = 0;
  be.search_effort.covariates = {0.15, 0.1, -0.25, -0.7, 0, 0.15, 0.3, -0.4, -0.9};
  be.search_effort.duration = {0, -0.7, -1.1, -1.6, -2.4, -2.8, -4.1};
  be.separation = constant_hazard(0.003);
  be.separation.duration = {0.8, 0.6, 0.4, 0.2, 0, 0, -0.2};
  be.employed_to_inactive = constant_hazard(0.0008);
  be.unemployed_to_inactive = constant_hazard(0.005);
  be.inactive_to_unemployed = constant_hazard(0.002);
  be.inactive_to_employed = constant_hazard(0.002);
  be.retirement_age_years = 65;

  auto& bs = spec.benefits;
  bs.regimes = {{date(2000, 1, 1), 500, 500, 500, {{500, 0.5}}},
                {date(2015, 1, 1), 400, 500, 500, {{300, 0.5}, {1000, 0.7}}}};
  bs.basic_daily_amount = {{date(2014, 1, 1), 32.66}, {date(2015, 1, 1), 32.80}};
  bs.earnings_related_daily_eur = 62.0;
  return spec;
}

}  // namespace kokeilu::testing
