// Paired effects and their intervals.
#include <catch2/catch.hpp>

#include <cmath>
#include <utility>

#include "compare/effects.hpp"
#include "compare/metrics.hpp"

using namespace kokeilu::compare;

// t(0.975; df) from analysis.stats.t_quantile_975 (scipy 1.10's betaincinv, Debian bookworm),
// printed with %.17g. analysis/tests/test_stats.py checks this table against that function, so the
// engine (Boost.Math) and the analysis package (scipy) share one set of values.
// t-quantile table begin
constexpr std::pair<int, double> kScipyT975[] = {
    {1, 12.706204736174728}, {2, 4.3026527297494637}, {3, 3.1824463052837091},
    {4, 2.7764451051977939}, {5, 2.570581835636315}, {6, 2.4469118511449692},
    {7, 2.3646242515927849}, {8, 2.3060041352041662}, {9, 2.2621571627982053},
    {10, 2.2281388519862748}, {11, 2.2009851600916392}, {12, 2.1788128296672276},
    {13, 2.1603686564627917}, {14, 2.1447866879178035}, {15, 2.1314495455597755},
    {16, 2.1199052992212533}, {17, 2.109815577833317}, {18, 2.1009220402410382},
    {19, 2.0930240544083083}, {20, 2.0859634472658644}, {21, 2.07961384472768},
    {22, 2.0738730679040258}, {23, 2.0686576104190486}, {24, 2.063898561628025},
    {25, 2.0595385527532972}, {26, 2.0555294386428726}, {27, 2.051830516480285},
    {28, 2.048407141795245}, {29, 2.0452296421327043}, {30, 2.0422724563012378},
    {100, 1.983971518523552},
};
// t-quantile table end

TEST_CASE("t quantiles (Boost.Math) agree with the analysis package (scipy) to 1e-12", "[compare][effects]") {
  for (const auto& [df, expected] : kScipyT975) {
    CAPTURE(df);
    CHECK(std::abs(t_quantile_975(df) - expected) <= 1e-12 * expected);
  }
  CHECK(t_quantile_975(1000000) == Approx(1.959963984540054).epsilon(2e-6));  // the normal quantile
  CHECK_THROWS(t_quantile_975(0));
}

TEST_CASE("mean and 95 % interval of a few values", "[compare][effects]") {
  const auto one = mean_interval({3.0});
  CHECK(one.mean == 3.0);
  CHECK(one.low == 3.0);
  CHECK(one.high == 3.0);
  // 1..5: mean 3, sd sqrt(2.5), se sqrt(0.5), t(4) = 2.7764451051977987.
  const auto five = mean_interval({1, 2, 3, 4, 5});
  CHECK(five.mean == Approx(3.0));
  CHECK(five.high - five.mean == Approx(2.7764451051977987 * std::sqrt(0.5)));
  CHECK(five.mean - five.low == Approx(2.7764451051977987 * std::sqrt(0.5)));
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
