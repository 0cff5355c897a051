#include <algorithm>
#include <vector>

#include <catch2/catch.hpp>

#include "benefits/rules.hpp"
#include "support/small_scenario.hpp"

using namespace kokeilu;
using namespace kokeilu::benefits;
using kokeilu::testing::date;

namespace {
BenefitState on_subsidy(int subsidy_days) {
  return {static_cast<std::uint8_t>(Benefit::labour_market_subsidy), 0, static_cast<std::uint16_t>(subsidy_days), 0};
}
}  // namespace

TEST_CASE("co-payment: 50 % after 500 subsidy days before 2015", "[benefits]") {
  const auto spec = testing::small_scenario();
  const auto rules = rules_on(spec.benefits, date(2014, 6, 2));
  CHECK(rules.subsidy_cents_per_day == 3266);
  CHECK(rules.copayment_for_day(500) == 0);
  CHECK(rules.copayment_for_day(501) == 1633);
  CHECK(rules.copayment_for_day(1200) == 1633);

  auto state = on_subsidy(497);  // the week holds days 498..502: two co-paid days
  const auto paid = pay_unemployed_week(state, 40, 500, rules);
  CHECK(state.subsidy_days == 502);
  CHECK(paid.days[static_cast<int>(Benefit::labour_market_subsidy)] == 5);
  CHECK(paid.copayment == 2 * 1633);
  CHECK(paid.cost[static_cast<int>(Payer::municipality)] == 2 * 1633);
  CHECK(paid.cost[static_cast<int>(Payer::state)] == 5 * 3266 - 2 * 1633);
}

TEST_CASE("co-payment from 2015: 50 % of days 301-1,000 and 70 % after", "[benefits]") {
  const auto spec = testing::small_scenario();
  const auto rules = rules_on(spec.benefits, date(2015, 1, 5));
  CHECK(rules.subsidy_cents_per_day == 3280);
  CHECK(rules.copayment_for_day(300) == 0);
  CHECK(rules.copayment_for_day(301) == 1640);
  CHECK(rules.copayment_for_day(1000) == 1640);
  CHECK(rules.copayment_for_day(1001) == 2296);

  auto state = on_subsidy(998);  // days 999, 1000 at 50 %, 1001..1003 at 70 %
  const auto paid = pay_unemployed_week(state, 40, 500, rules);
  CHECK(paid.copayment == 2 * 1640 + 3 * 2296);
}

TEST_CASE("earnings-related allowance runs out into the labour market subsidy", "[benefits]") {
  const auto spec = testing::small_scenario();
  const auto rules = rules_on(spec.benefits, date(2015, 3, 2));
  // Work history under 3 years: 400 days in 2015; 58+: 500 days.
  CHECK(rules.earnings_related_max_days(40, 100) == 400);
  CHECK(rules.earnings_related_max_days(40, 200) == 500);
  CHECK(rules.earnings_related_max_days(58, 0) == 500);

  BenefitState state{static_cast<std::uint8_t>(Benefit::earnings_related), 397, 0, 0};
  const auto paid = pay_unemployed_week(state, 40, 100, rules);
  CHECK(paid.days[static_cast<int>(Benefit::earnings_related)] == 3);
  CHECK(paid.days[static_cast<int>(Benefit::labour_market_subsidy)] == 2);
  CHECK(state.benefit == static_cast<std::uint8_t>(Benefit::labour_market_subsidy));
  CHECK(state.subsidy_days == 2);
  CHECK(paid.cost[static_cast<int>(Payer::unemployment_fund)] == 3 * 6200);
  CHECK(paid.copayment == 0);
}

TEST_CASE("a new claim: the employment condition opens a new entitlement", "[benefits]") {
  const auto spec = testing::small_scenario();
  const auto rules = rules_on(spec.benefits, date(2015, 3, 2));
  SECTION("26 weeks of work: earnings-related for a fund member, counters restart") {
    BenefitState state{static_cast<std::uint8_t>(Benefit::labour_market_subsidy), 0, 700, 26};
    start_claim(state, true, 40, 300, rules);
    CHECK(state.benefit == static_cast<std::uint8_t>(Benefit::earnings_related));
    CHECK(state.subsidy_days == 0);
    CHECK(state.work_weeks_since_claim == 0);
  }
  SECTION("26 weeks of work, not a fund member: basic allowance") {
    BenefitState state{static_cast<std::uint8_t>(Benefit::none), 0, 0, 30};
    start_claim(state, false, 40, 300, rules);
    CHECK(state.benefit == static_cast<std::uint8_t>(Benefit::basic_allowance));
  }
  SECTION("too little work: the old entitlement goes on while days are left") {
    BenefitState state{static_cast<std::uint8_t>(Benefit::earnings_related), 120, 0, 10};
    start_claim(state, true, 40, 300, rules);
    CHECK(state.benefit == static_cast<std::uint8_t>(Benefit::earnings_related));
    CHECK(state.earnings_related_days == 120);
  }
  SECTION("too little work and no days left: the subsidy, its day count kept") {
    BenefitState state{static_cast<std::uint8_t>(Benefit::earnings_related), 500, 40, 10};
    start_claim(state, true, 40, 300, rules);
    CHECK(state.benefit == static_cast<std::uint8_t>(Benefit::labour_market_subsidy));
    CHECK(state.subsidy_days == 40);
  }
}

TEST_CASE("a week paid at once equals its days paid one at a time, at every boundary", "[benefits]") {
  // pay_unemployed_week pays a week of one benefit at one rate in one step and any other week
  // day by day; a one-day week is always the day-by-day case. Compare the two around each edge:
  // the end of the earnings-related days, each co-payment tier, never claimed, the counters' cap.
  const auto spec = testing::small_scenario();
  const auto rules = rules_on(spec.benefits, date(2015, 1, 5));
  auto one_day = rules;
  one_day.days_per_week = 1;
  const int age = 40, history = 500;
  const int max_days = rules.earnings_related_max_days(age, history);
  std::vector<int> edges{0, max_days, 0xFFFF};
  for (int t = 0; t < rules.copayment_tier_count; ++t) edges.push_back(rules.copayment_after_days[t]);
  for (const auto benefit : {Benefit::none, Benefit::earnings_related, Benefit::basic_allowance,
                             Benefit::labour_market_subsidy})
    for (const int edge : edges)
      for (int offset = -6; offset <= 1; ++offset) {
        const int days = std::clamp(edge + offset, 0, 0xFFFF);
        const auto count = static_cast<std::uint16_t>(days);
        const BenefitState start{static_cast<std::uint8_t>(benefit), count, count, 0};
        auto at_once = start, by_day = start;
        const auto week = pay_unemployed_week(at_once, age, history, rules);
        WeekPayment days_summed;
        for (int d = 0; d < rules.days_per_week; ++d) {
          const auto day = pay_unemployed_week(by_day, age, history, one_day);
          for (int b = 0; b < kBenefitCount; ++b) days_summed.days[b] += day.days[b];
          for (int p = 0; p < kPayerCount; ++p) days_summed.cost[p] += day.cost[p];
          days_summed.copayment += day.copayment;
        }
        INFO("benefit " << static_cast<int>(benefit) << ", days " << days);
        CHECK(week.days == days_summed.days);
        CHECK(week.cost == days_summed.cost);
        CHECK(week.copayment == days_summed.copayment);
        CHECK(at_once.benefit == by_day.benefit);
        CHECK(at_once.earnings_related_days == by_day.earnings_related_days);
        CHECK(at_once.subsidy_days == by_day.subsidy_days);
      }
}
