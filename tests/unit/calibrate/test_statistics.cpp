// The calibration statistics against hand-computed values on made-up weekly totals.
#include <catch2/catch.hpp>

#include <cmath>

#include "calibrate/statistics.hpp"

using namespace kokeilu;
using namespace kokeilu::calibrate;

namespace {

scenario::ScenarioSpec two_towns() {
  scenario::ScenarioSpec spec;
  spec.municipalities.resize(2);
  spec.municipalities[0].name = "Alpha";
  spec.municipalities[1].name = "Beta";
  return spec;
}

Statistic parsed(const char* name) {
  std::string why;
  const auto s = parse_statistic(name, two_towns(), why);
  INFO(why);
  REQUIRE(s);
  return *s;
}

/// Two weeks of two towns.
std::vector<sim::WeekTotals> weeks() {
  std::vector<sim::WeekTotals> w(2, sim::WeekTotals(2));
  for (int k = 0; k < 2; ++k) {
    auto& t = w[static_cast<std::size_t>(k)];
    auto status = [&](int m, Status s) -> std::int64_t& {
      return t.status_counts[static_cast<std::size_t>(m * kStatusCount + static_cast<int>(s))];
    };
    status(0, Status::employed) = 600;
    status(0, Status::unemployed) = 100;
    status(0, Status::training) = 20;
    status(0, Status::inactive) = 280;
    status(1, Status::employed) = 300;
    status(1, Status::unemployed) = 100;
    status(1, Status::rehabilitative) = 30 + 10 * k;
    status(1, Status::inactive) = 70 - 10 * k;
    t.long_term_unemployed = {30, 50};
    t.copayment = {cents_from_eur(1000), cents_from_eur(500)};
    // The stock at week starts: 200 persons, 40 / 60 / 100 in the first three brackets.
    t.unemployed_at_risk = {40, 60, 100, 0, 0, 0, 0};
    t.found_job = {8, 6, 5, 0, 0, 0, 0};
    t.entered_service = {0, 3, 5, 0, 0, 0, 0};
    t.unemployed_spell_weeks = {2000};
  }
  return w;
}

}  // namespace

TEST_CASE("statistics pool the weeks of the period before they divide", "[calibrate][statistics]") {
  const auto w = weeks();
  const PooledWeeks all{w, 1, 0, 1};
  CHECK(compute(parsed("job_hazard"), all) == Approx(monthly_from_weekly(19.0 / 200)));
  CHECK(compute(parsed("job_hazard.under_1_month"), all) == Approx(monthly_from_weekly(0.2)));
  CHECK(compute(parsed("service_hazard.3_to_6_months"), all) == Approx(monthly_from_weekly(0.05)));
  CHECK(compute(parsed("stock_share.1_to_3_months"), all) == Approx(0.3));
  CHECK(std::isnan(compute(parsed("job_hazard.over_24_months"), all)));  // nobody at risk
  CHECK(compute(parsed("long_term_share"), all) == Approx(0.4));
  CHECK(compute(parsed("long_term_share.Beta"), all) == Approx(0.5));
  // Services (20 + 30, then 20 + 40) over unemployed + services.
  CHECK(compute(parsed("activation_rate"), all) == Approx(110.0 / 510));
  CHECK(compute(parsed("activation_rate.Alpha"), all) == Approx(20.0 / 120));
  // Each service's share of the activated stock: training 20 + 20, rehabilitative work 30 + 40.
  CHECK(compute(parsed("service_share.training"), all) == Approx(40.0 / 110));
  CHECK(compute(parsed("service_share.rehabilitative"), all) == Approx(70.0 / 110));
  CHECK(compute(parsed("service_share.work_trial"), all) == Approx(0.0));
  CHECK(compute(parsed("unemployment_rate.Alpha"), all) == Approx(100.0 / 700));
  CHECK(compute(parsed("employment_rate"), all) == Approx(0.6));
  CHECK(compute(parsed("mean_spell_weeks"), all) == Approx(10.0));
  // The median person (100th of 200) is the 0th of the 13-26 bracket's 100: 13 weeks; the
  // 25 % point would be the 10th of 60 in 4-13.
  CHECK(compute(parsed("median_spell_weeks"), all) == Approx(13.0));
  // EUR 1,500 a week in all, a year of 365.25 days.
  CHECK(compute(parsed("copayment_eur_per_year"), all) == Approx(1500 * 365.25 / 7));
  CHECK(compute(parsed("copayment_eur_per_year.Beta"), all) == Approx(500 * 365.25 / 7));
  // Pooled over two replications: ratios stay, sums are per replication.
  const PooledWeeks twice{w, 2, 0, 1};
  CHECK(compute(parsed("copayment_eur_per_year"), twice) == Approx(750 * 365.25 / 7));
  CHECK(compute(parsed("activation_rate"), twice) == Approx(110.0 / 510));
  // One week only.
  CHECK(compute(parsed("activation_rate.Beta"), PooledWeeks{w, 1, 1, 1}) == Approx(40.0 / 140));
}

TEST_CASE("monthly and weekly hazards convert both ways", "[calibrate][statistics]") {
  for (const double m : {0.003, 0.183, 0.5}) CHECK(monthly_from_weekly(weekly_from_monthly(m)) == Approx(m));
}

TEST_CASE("a statistic that does not exist is refused with what does", "[calibrate][statistics]") {
  struct Case {
    const char* name;
    const char* message;
  };
  const Case cases[] = {
      {"job_hazards", "no statistic `job_hazards`; the statistics are job_hazard, service_hazard"},
      {"job_hazard.Alpha", "`job_hazard` takes a spell bracket: under_1_month, 1_to_3_months"},
      {"activation_rate.Gamma", "`activation_rate` takes a municipality of the scenario: Alpha, Beta"},
      {"mean_spell_weeks.Alpha", "`mean_spell_weeks` takes no qualifier"},
      {"service_share.unemployed", "`service_share` takes an activating service's status: subsidised_job, training"},
      {"service_share", "`service_share` needs an activating service's status after a dot"},
  };
  for (const auto& c : cases) {
    std::string why;
    CAPTURE(c.name);
    CHECK_FALSE(parse_statistic(c.name, two_towns(), why));
    CHECK_THAT(why, Catch::Contains(c.message));
  }
}
