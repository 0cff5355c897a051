// Paired effects and their intervals.
#include <catch2/catch.hpp>

#include <cmath>

#include "compare/effects.hpp"
#include "compare/metrics.hpp"

using namespace kokeilu::compare;

TEST_CASE("t quantiles match the tables and tend to the normal one", "[compare][effects]") {
  CHECK(t_quantile_975(1) == Approx(12.706));
  CHECK(t_quantile_975(4) == Approx(2.7764));
  CHECK(t_quantile_975(30) == Approx(2.0423));
  CHECK(t_quantile_975(60) == Approx(2.0003).epsilon(1e-3));    // table: 2.0003
  CHECK(t_quantile_975(120) == Approx(1.9799).epsilon(1e-3));   // table: 1.9799
  CHECK(t_quantile_975(1000000) == Approx(1.96).epsilon(1e-3));
  CHECK_THROWS(t_quantile_975(0));
}

TEST_CASE("mean and 95 % interval of a few values", "[compare][effects]") {
  const auto one = mean_interval({3.0});
  CHECK(one.mean == 3.0);
  CHECK(one.low == 3.0);
  CHECK(one.high == 3.0);
  // 1..5: mean 3, sd sqrt(2.5), se sqrt(0.5), t(4) = 2.7764.
  const auto five = mean_interval({1, 2, 3, 4, 5});
  CHECK(five.mean == Approx(3.0));
  CHECK(five.high - five.mean == Approx(2.7764 * std::sqrt(0.5)));
  CHECK(five.mean - five.low == Approx(2.7764 * std::sqrt(0.5)));
  CHECK(std::isnan(mean_interval({1.0, std::nan("")}).mean));
}

TEST_CASE("paired effects difference replication by replication", "[compare][effects]") {
  // Two replications, two weeks, one group. The baseline differs between replications by a lot;
  // the arm is the baseline plus exactly 0.01 in every replication: the paired effect is 0.01
  // with no spread, whatever the spread between replications.
  const int weeks = 2;
  const std::size_t groups = 1;
  const std::size_t cells = weeks * groups * kMetricCount;
  std::vector<std::vector<double>> baseline(2, std::vector<double>(cells, 0.0)), arm = baseline;
  for (int r = 0; r < 2; ++r)
    for (std::size_t c = 0; c < cells; ++c) {
      baseline[r][c] = 0.3 + 0.2 * r;
      arm[r][c] = baseline[r][c] + 0.01;
    }
  const auto effects = paired_effects(arm, baseline, weeks, groups);
  const auto i = metric_index(1, 0, Metric::open_employment, groups);
  CHECK(effects.mean[i] == Approx(0.01));
  CHECK(effects.ci_low[i] == Approx(0.01));
  CHECK(effects.ci_high[i] == Approx(0.01));
  REQUIRE(effects.cost_per_week_mean.size() == groups);
}

TEST_CASE("cost per additional week of employment", "[compare][effects]") {
  // One replication, one group of 100 persons, 2 weeks: the arm costs 500 EUR more each week and
  // gives 0.1 more weeks employed per person by the end: 1000 EUR / 10 person-weeks = 100 EUR.
  const int weeks = 2;
  const std::size_t cells = weeks * kMetricCount;
  std::vector<std::vector<double>> baseline(1, std::vector<double>(cells, 0.0)), arm = baseline;
  for (int w = 0; w < weeks; ++w) {
    baseline[0][metric_index(w, 0, Metric::group_size, 1)] = 100;
    arm[0][metric_index(w, 0, Metric::group_size, 1)] = 100;
    baseline[0][metric_index(w, 0, Metric::cost_total_eur, 1)] = 2000;
    arm[0][metric_index(w, 0, Metric::cost_total_eur, 1)] = 2500;
  }
  baseline[0][metric_index(1, 0, Metric::weeks_employed_per_person, 1)] = 1.0;
  arm[0][metric_index(1, 0, Metric::weeks_employed_per_person, 1)] = 1.1;
  const auto effects = paired_effects(arm, baseline, weeks, 1);
  CHECK(effects.cost_per_week_mean[0] == Approx(100.0));
  // No change in employment: no ratio.
  arm[0][metric_index(1, 0, Metric::weeks_employed_per_person, 1)] = 1.0;
  CHECK(std::isnan(paired_effects(arm, baseline, weeks, 1).cost_per_week_mean[0]));
}
