"""Cost per additional week of work: a ratio of means with Fieller's interval."""
import math

import numpy as np
import pytest

from analysis import cost_effectiveness as ce
from analysis.stats import t_quantile_975


def _t_statistic(costs, work, rho):
    """t of mean(costs - rho * work): Fieller's bounds are where it equals the t quantile."""
    d = costs - rho * work
    return abs(d.mean()) / (d.std(ddof=1) / math.sqrt(len(d)))


def test_fieller_bounds_are_where_the_t_statistic_reaches_the_quantile():
    rng = np.random.default_rng(7)
    work = rng.normal(100.0, 15.0, 8)
    costs = 50.0 * work + rng.normal(0.0, 400.0, 8)
    t = t_quantile_975(7)
    interval = ce.fieller_interval(costs, work, t)
    assert interval.bounded
    assert interval.low < costs.mean() / work.mean() < interval.high
    assert _t_statistic(costs, work, interval.low) == pytest.approx(t, rel=1e-9)
    assert _t_statistic(costs, work, interval.high) == pytest.approx(t, rel=1e-9)


def test_ratio_of_means_is_not_the_mean_of_ratios():
    costs, work = np.array([100.0, 300.0, -100.0]), np.array([10.0, 10.5, 9.5])
    rows = ce.pd.DataFrame({"extra_cost_eur": costs, "extra_work_weeks": work})
    summary = ce.summarise(rows)
    assert summary["icer_eur_per_week"] == pytest.approx(10.0)
    assert (costs / work).mean() != pytest.approx(10.0, abs=0.5)
    assert summary["icer_status"] == ce.ESTIMABLE


def test_employment_interval_including_zero_is_not_estimable():
    rows = ce.pd.DataFrame({"extra_cost_eur": [500.0, 700.0, 600.0],
                            "extra_work_weeks": [-5.0, 8.0, 1.0]})
    summary = ce.summarise(rows)
    assert summary["extra_work_weeks_ci_low"] < 0 < summary["extra_work_weeks_ci_high"]
    assert summary["icer_status"] == ce.NOT_ESTIMABLE
    assert math.isnan(summary["icer_eur_per_week"]) and math.isnan(summary["icer_ci_low"])


@pytest.mark.parametrize("cost, work, name", [(-1.0, 2.0, ce.DOMINANT), (1.0, -2.0, ce.DOMINATED),
                                              (1.0, 2.0, ce.TRADE_OFF_MORE), (-1.0, -2.0, ce.TRADE_OFF_LESS),
                                              (1.0, 0.0, ce.NO_CHANGE)])
def test_quadrant_is_named(cost, work, name):
    assert ce.quadrant(cost, work) == name


def test_one_replication_has_no_interval():
    rows = ce.pd.DataFrame({"extra_cost_eur": [100.0], "extra_work_weeks": [4.0]})
    summary = ce.summarise(rows)
    assert summary["icer_status"] == ce.ONE_REPLICATION and summary["icer_eur_per_week"] == 25.0


def test_comparison_icer_over_the_whole_run(comparison):
    """Synthetic file: cost_total lifts 250 EUR a week x arm x (1 + r/20) for the 16 weeks from the
    pilot start; weeks employed per person 0.5 x arm x (1 + r/20) at the end, times 50 persons."""
    frame = comparison.cost_effectiveness()
    row = frame[(frame.arm == "pilot_2020") & (frame.group == "everyone")].iloc[0]
    assert row["extra_cost_mean"] == pytest.approx(16 * 250 * 2 * 1.025)
    assert row["extra_work_weeks_mean"] == pytest.approx(0.5 * 2 * 1.025 * 50)
    assert row["icer_eur_per_week"] == pytest.approx(16 * 250 / (0.5 * 50))
    assert row["quadrant"] == ce.TRADE_OFF_MORE and row["icer_status"] == ce.ESTIMABLE
    assert list(frame["group"].unique()) == ["everyone", "municipality:Pori", "municipality:Ulvila"]


def test_plane_has_one_point_per_replication_and_arm(comparison):
    points = ce.plane_points(comparison)
    assert len(points) == len(comparison.treatment_arms) * comparison.replications
    assert list(points.columns) == ["arm", "replication", "extra_cost_eur", "extra_work_weeks"]
