#pragma once
// The files of a small valid scenario, for tests that break one part of it.
#include <catch2/catch.hpp>

#include <string>

namespace kokeilu::testing {

/// Replaces `from` (which must occur) by `to` in `text`.
inline std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

namespace small_inputs {

inline const std::string kScenario = R"(name: small
run: {seed: 1, start: 2014-09-01, end: 2015-12-31}
region: region.yaml
behaviour: behaviour.yaml
benefits: benefits.yaml
)";

inline const std::string kRegion = R"(markets:
  - name: area
    matching_efficiency: 0.07
    vacancies:
      - {from: 2014-01-01, count: 100}
population_defaults:
  initial_status_shares: {employed: 0.6, unemployed: 0.1, inactive: 0.3}
  age_shares:
    - {ages: [15, 29], share: 0.3}
    - {ages: [30, 64], share: 0.7}
  education_shares: {basic: 0.3, vocational: 0.4, tertiary: 0.3}
  initial_spell_shares:
    - {weeks: [0, 26], share: 0.6}
    - {weeks: [26, 260], share: 0.4}
  initial_benefit_shares: {earnings_related: 0.5, labour_market_subsidy: 0.5}
municipalities:
  - name: town
    market: area
    working_age_persons: 1000
)";

inline const std::string kBehaviour = R"(search_effort:
  intercept: 0.0
  duration: [0, -0.7, -1.1, -1.6, -2.4, -2.8, -4.1]
)";

inline const std::string kBenefits = R"(regimes:
  - from: 2000-01-01
    copayment_tiers: [{after_days: 300, municipal_share: 0.5}]
basic_daily_amount:
  - {from: 2010-01-01, eur_per_day: 32.66}
earnings_related_daily_eur: 62
)";

}  // namespace small_inputs
}  // namespace kokeilu::testing
