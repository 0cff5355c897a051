"""summary() picks the last week of the pilot period or of follow-up."""
import pandas as pd
import pytest

from analysis.tests.synthetic import METRIC_NAMES


def test_summary_at_pilot_end_picks_the_pilot_end_week(comparison):
    frame = comparison.summary(at="pilot_end")
    assert (frame["week"] == 13).all()
    assert (frame["week_start"] == pd.Timestamp("2012-12-03")).all()
    assert len(frame) == 2 * 10 * len(METRIC_NAMES)
    effects = comparison.effects()
    expected = effects[effects.week == 13].reset_index(drop=True)
    pd.testing.assert_series_equal(frame["mean"].reset_index(drop=True), expected["mean"], check_names=False)


def test_summary_at_end_picks_the_last_week(comparison):
    frame = comparison.summary(at="end")
    assert (frame["week"] == 19).all()


def test_summary_levels(comparison):
    frame = comparison.summary(at="end", arms=["pilot_2020"], groups=["everyone"], metrics=["unemployment"])
    row = frame.iloc[0]
    # baseline: 0.35 + replication step -0.001 (mean of 0 and 1: -0.0005)
    assert row["baseline_level"] == pytest.approx(0.3495)
    assert row["arm_level"] - row["baseline_level"] == pytest.approx(row["mean"])
    assert row["mean"] == pytest.approx(-0.03 * 2 * 1.025)


def test_summary_rejects_other_points(comparison):
    with pytest.raises(ValueError):
        comparison.summary(at="middle")
