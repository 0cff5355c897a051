// Paired effects and their intervals.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "compare/effects.hpp"
#include "compare/metrics.hpp"
#include "compare/summary.hpp"

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

namespace {

// |mean(c - rho e)| / se(c - rho e): Fieller's bounds are the rho where this reaches t(R - 1).
double t_statistic_at(double rho, const std::vector<double>& c, const std::vector<double>& e) {
  std::vector<double> d(c.size());
  for (std::size_t r = 0; r < c.size(); ++r) d[r] = c[r] - rho * e[r];
  const auto interval = mean_interval(d);
  const double se = (interval.high - interval.mean) / t_quantile_975(static_cast<int>(d.size() - 1));
  return std::abs(interval.mean) / se;
}

}  // namespace

TEST_CASE("cost per additional week of work is a ratio of means with Fieller's interval", "[compare][effects]") {
  // Extra cost 100, 200, 600 EUR for 1, 2, 2 extra weeks of work: the replications' ratios are
  // 100, 100, 300 (mean 166.67); the ratio of the means is 300 / (5/3) = 180.
  const std::vector<double> cost{100, 200, 600}, work{1, 2, 2};
  const auto ce = cost_effectiveness(cost, work);
  CHECK(ce.eur_per_work_week == Approx(180.0));
  CHECK(ce.eur_per_work_week != Approx(500.0 / 3.0));
  CHECK(ce.estimable);
  CHECK(ce.quadrant == Quadrant::trade_off_more);
  CHECK(ce.extra_cost_eur.mean == Approx(300.0));
  CHECK(ce.extra_work_weeks.mean == Approx(5.0 / 3.0));
  // By hand: mC = 300, mE = 5/3; variances of the means vC = 70000/3, vE = 1/9, cCE = 100/3;
  // t^2 = 4.30265^2 = 18.5128. a = mE^2 - t^2 vE = 0.72080, b = -2 (mC mE - t^2 cCE) = 234.19,
  // c = mC^2 - t^2 vC = -341966: rho = (-b -+ sqrt(b^2 - 4ac)) / 2a = -870.135, 545.234.
  CHECK(ce.ci_low == Approx(-870.1348960310761).epsilon(1e-9));
  CHECK(ce.ci_high == Approx(545.233710061801).epsilon(1e-9));
  // The interval holds its point estimate and its bounds are where the t statistic reaches t(2).
  CHECK(ce.ci_low < ce.eur_per_work_week);
  CHECK(ce.eur_per_work_week < ce.ci_high);
  CHECK(t_statistic_at(ce.ci_low, cost, work) == Approx(t_quantile_975(2)).epsilon(1e-9));
  CHECK(t_statistic_at(ce.ci_high, cost, work) == Approx(t_quantile_975(2)).epsilon(1e-9));

  // Saving the same money: the interval mirrors, and the arm is dominant.
  const auto saving = cost_effectiveness({-100, -200, -600}, work);
  CHECK(saving.eur_per_work_week == Approx(-180.0));
  CHECK(saving.ci_low == Approx(-545.233710061801).epsilon(1e-9));
  CHECK(saving.ci_high == Approx(870.1348960310761).epsilon(1e-9));
  CHECK(saving.quadrant == Quadrant::dominant);
}

TEST_CASE("cost per additional week of work is not estimable when employment may not have changed",
          "[compare][effects]") {
  // Extra weeks of work -1, 2, 3: mean 4/3, se sqrt(13/3 / 3) = 1.2019, t(2) se = 5.17 > 4/3, so
  // the employment interval includes zero and Fieller's set is unbounded.
  const auto ce = cost_effectiveness({100, 200, 600}, {-1, 2, 3});
  CHECK_FALSE(ce.estimable);
  CHECK(ce.extra_work_weeks.low < 0);
  CHECK(ce.extra_work_weeks.high > 0);
  CHECK(std::isnan(ce.eur_per_work_week));
  CHECK(std::isnan(ce.ci_low));
  CHECK(std::isnan(ce.ci_high));
  CHECK(ce.quadrant == Quadrant::trade_off_more);  // the means are still on the plane
  CHECK_FALSE(fieller_interval({100, 200, 600}, {-1, 2, 3}).bounded);
  // No change at all in any replication: not estimable, no quadrant.
  const auto none = cost_effectiveness({100, 200, 600}, {0, 0, 0});
  CHECK_FALSE(none.estimable);
  CHECK(std::isnan(none.eur_per_work_week));
  CHECK(none.quadrant == Quadrant::no_change);
  // One replication: a ratio without an interval.
  const auto one = cost_effectiveness({1000}, {10});
  CHECK(one.estimable);
  CHECK(one.eur_per_work_week == Approx(100.0));
  CHECK(std::isnan(one.ci_low));
  CHECK(std::isnan(one.ci_high));
}

TEST_CASE("the quadrants of the cost-effectiveness plane", "[compare][effects]") {
  CHECK(quadrant(-10, 5) == Quadrant::dominant);
  CHECK(quadrant(0, 5) == Quadrant::dominant);
  CHECK(quadrant(10, -5) == Quadrant::dominated);
  CHECK(quadrant(0, -5) == Quadrant::dominated);
  CHECK(quadrant(10, 5) == Quadrant::trade_off_more);
  CHECK(quadrant(-10, -5) == Quadrant::trade_off_less);
  CHECK(quadrant(10, 0) == Quadrant::no_change);
  CHECK(std::string(describe(Quadrant::dominant)) == "dominant: saves money and employs more");
  CHECK(std::string(describe(Quadrant::dominated)) == "dominated: costs more and employs fewer");
}

TEST_CASE("cost per additional week of employment from the runs' metrics", "[compare][effects]") {
  // Three replications, one group of 100 persons, 2 weeks. Over the run the arm costs 1000, 3000
  // and 500 EUR more and gives 0.10, 0.12, 0.14 more weeks employed per person by the end (10, 12,
  // 14 person-weeks): ratios 100, 250, 35.7 (mean 128.6); ratio of the means 1500 / 12 = 125.
  const int weeks = 2;
  const std::size_t cells = weeks * kMetricCount;
  const double extra_cost[] = {1000, 3000, 500}, extra_employed[] = {0.10, 0.12, 0.14};
  std::vector<std::vector<double>> baseline(3, std::vector<double>(cells, 0.0)), arm = baseline;
  for (std::size_t r = 0; r < 3; ++r) {
    const double spread = static_cast<double>(r);  // baselines differ between replications
    for (int w = 0; w < weeks; ++w) {
      baseline[r][metric_index(w, 0, Metric::group_size, 1)] = 100;
      arm[r][metric_index(w, 0, Metric::group_size, 1)] = 100;
      baseline[r][metric_index(w, 0, Metric::cost_total_eur, 1)] = 2000 + 100.0 * spread;
      arm[r][metric_index(w, 0, Metric::cost_total_eur, 1)] = 2000 + 100.0 * spread + extra_cost[r] / weeks;
    }
    baseline[r][metric_index(1, 0, Metric::weeks_employed_per_person, 1)] = 1.0 + 0.5 * spread;
    arm[r][metric_index(1, 0, Metric::weeks_employed_per_person, 1)] = 1.0 + 0.5 * spread + extra_employed[r];
  }
  const auto effects = paired_effects(arm, baseline, weeks, 1);
  REQUIRE(effects.cost_per_week_mean.size() == 1);
  CHECK(effects.cost_per_week_mean[0] == Approx(125.0));
  // Fieller for costs (1000, 3000, 500), person-weeks (10, 12, 14): by the formula above (the same
  // numbers from analysis.cost_effectiveness.fieller_interval).
  CHECK(effects.cost_per_week_ci_low[0] == Approx(-144.03120521771783).epsilon(1e-9));
  CHECK(effects.cost_per_week_ci_high[0] == Approx(497.46960064258013).epsilon(1e-9));
  const auto ce = cost_effectiveness(arm, baseline, weeks, 1, 0);
  CHECK(ce.extra_work_weeks.mean == Approx(12.0));
  CHECK(ce.extra_cost_eur.mean == Approx(1500.0));
  // No change in employment: no ratio.
  for (std::size_t r = 0; r < 3; ++r)
    arm[r][metric_index(1, 0, Metric::weeks_employed_per_person, 1)] =
        baseline[r][metric_index(1, 0, Metric::weeks_employed_per_person, 1)];
  const auto unchanged = paired_effects(arm, baseline, weeks, 1);
  CHECK(std::isnan(unchanged.cost_per_week_mean[0]));
  CHECK(std::isnan(unchanged.cost_per_week_ci_low[0]));
}

TEST_CASE("the summary line names the figure, its interval and its quadrant", "[compare][effects]") {
  const auto line = cost_effectiveness_line(cost_effectiveness({100, 200, 600}, {1, 2, 2}));
  CAPTURE(line);
  CHECK(line.rfind("180 EUR [-870, 545]; trade-off: costs more and employs more\n      extra cost +300 EUR [-", 0) == 0);
  const auto dominated = cost_effectiveness_line(cost_effectiveness({100, 200, 600}, {-1, -2, -2}));
  CAPTURE(dominated);
  CHECK(dominated.find("; dominated: costs more and employs fewer") != std::string::npos);
  const auto unknown = cost_effectiveness_line(cost_effectiveness({100, 200, 600}, {-1, 2, 3}));
  CAPTURE(unknown);
  CHECK(unknown.rfind("not estimable (employment change not distinguishable from zero); trade-off", 0) == 0);
}
