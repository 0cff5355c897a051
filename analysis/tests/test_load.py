"""The loader returns tidy frames holding the file's numbers."""
import numpy as np
import pandas as pd
import pytest

from analysis import schema
from analysis.tests.synthetic import BENEFIT_NAMES, METRIC_NAMES, STATUS_NAMES, metric_value


def test_dimensions_and_meta(comparison, design):
    assert comparison.arms == design.arms
    assert comparison.baseline_arm == "baseline"
    assert comparison.treatment_arms == ["pilot_2012", "pilot_2020"]
    assert comparison.replications == 2 and comparison.weeks == 20
    assert (comparison.pilot_start_week, comparison.pilot_end_week) == (4, 13)
    assert comparison.follow_up_weeks == 6
    assert comparison.groups == design.groups
    assert comparison.metric_names == METRIC_NAMES
    assert comparison.meta["kind"] == "comparison" and comparison.meta["schema_version"] == schema.SCHEMA_VERSION
    assert comparison.meta["seed"] == design.seed
    assert comparison.meta["arms"] == design.arms
    assert comparison.week_start[0] == pd.Timestamp("2012-09-03")
    assert comparison.week_start[19] == pd.Timestamp("2013-01-14")
    assert "synthetic-small" in comparison.scenario_yaml


def test_metrics_is_long_with_every_cell(comparison):
    frame = comparison.metrics()
    assert list(frame.columns) == ["arm", "replication", "week", "week_start", "group", "metric", "value"]
    assert len(frame) == 3 * 2 * 20 * 10 * len(METRIC_NAMES)
    assert pd.api.types.is_datetime64_any_dtype(frame["week_start"])
    assert list(frame["arm"].cat.categories) == comparison.arms
    assert not frame.duplicated(["arm", "replication", "week", "group", "metric"]).any()


def test_metrics_values_are_the_files(comparison, design):
    sizes = comparison.groups_table()["persons"].tolist()
    frame = comparison.metrics()
    row = frame[(frame.arm == "pilot_2020") & (frame.replication == 1) & (frame.week == 10)
                & (frame.group == "under_30") & (frame.metric == "open_employment")]
    assert len(row) == 1
    expected = metric_value(design, 2, 1, 10, 1, 0, sizes)
    assert row["value"].iloc[0] == pytest.approx(expected)
    # 0.40 * 1.01 + 0.02 * 2 * 1.05 + 0.001: the formula written out
    assert expected == pytest.approx(0.4040 + 0.042 + 0.001)
    assert row["week_start"].iloc[0] == pd.Timestamp("2012-11-12")


def test_metrics_filters(comparison):
    frame = comparison.metrics(arms=["baseline"], replications=[1], groups=["everyone"], metrics=["group_size"])
    assert len(frame) == 20
    assert (frame["value"] == 50).all()
    with pytest.raises(KeyError):
        comparison.metrics(arms=["no_such_arm"])
    with pytest.raises(KeyError):
        comparison.metrics(replications=[2])


def test_effects_are_arm_minus_baseline(comparison, design):
    frame = comparison.effects()
    assert list(frame.columns) == ["arm", "week", "week_start", "group", "metric", "mean", "ci_low", "ci_high"]
    assert set(frame["arm"]) == {"pilot_2012", "pilot_2020"}
    assert len(frame) == 2 * 20 * 10 * len(METRIC_NAMES)
    row = frame[(frame.arm == "pilot_2012") & (frame.week == 8) & (frame.group == "target:pilot_2012")
                & (frame.metric == "open_employment")].iloc[0]
    # lift 0.02 x target factor 2 x arm 1, replications x1 and x1.05: mean 0.041
    assert row["mean"] == pytest.approx(0.041)
    assert row["ci_low"] < row["mean"] < row["ci_high"]
    before = frame[frame.week < design.pilot_start_week]
    assert (before["mean"].dropna() == 0).all()  # NaN: money of person-level groups


def test_effects_match_paired_differences_of_metrics(comparison):
    metrics = comparison.metrics(groups=["everyone"], metrics=["cost_total_eur"])
    wide = metrics.pivot_table(index=["replication", "week"], columns="arm", values="value", observed=True)
    difference = (wide["pilot_2020"] - wide["baseline"]).groupby(level="week").mean()
    effects = comparison.effects(arms=["pilot_2020"], groups=["everyone"], metrics=["cost_total_eur"])
    np.testing.assert_allclose(effects["mean"].to_numpy(), difference.to_numpy())


def test_people(comparison, design):
    people = comparison.people()
    assert len(people) == design.persons
    assert list(people.columns[:11]) == ["person", "municipality", "birth_year", "female", "education",
                                         "foreign_language", "barrier", "fund_member", "initial_status",
                                         "initial_spell_weeks", "initial_benefit"]
    assert list(people["municipality"].cat.categories) == ["Pori", "Ulvila"]
    assert people["municipality"].iloc[1] == "Ulvila"
    assert list(people["initial_benefit"].cat.categories) == BENEFIT_NAMES
    assert people["initial_benefit"].iloc[3] == "labour_market_subsidy"
    assert people["target_pilot_2012"].dtype == bool
    assert people["target_pilot_2012"].sum() == comparison.groups_table().set_index("group").at["target:pilot_2012", "persons"]


def test_trajectory_is_read_as_uint8_with_names(comparison, design):
    status, names = comparison.trajectory("pilot_2012", 1)
    assert status.shape == (design.persons, design.weeks) and status.dtype == np.uint8
    assert names == STATUS_NAMES
    part = comparison.trajectory("pilot_2012", 1, persons=slice(10, 20), weeks=slice(5, 8))
    np.testing.assert_array_equal(part.status, status[10:20, 5:8])
    with pytest.raises(KeyError):
        comparison.trajectory("pilot_2012", 5)


def test_transitions_counts_and_row_shares(comparison, design):
    frame = comparison.transitions("baseline", 0)
    assert list(frame.index) == STATUS_NAMES
    assert list(frame["count"].columns) == STATUS_NAMES
    status, _ = comparison.trajectory("baseline", 0)
    assert frame["count"].to_numpy().sum() == design.persons * (design.weeks - 1)
    moves = ((status[:, :-1] == 2) & (status[:, 1:] == 0)).sum()
    assert frame.loc["unemployed", ("count", "employed")] == moves
    np.testing.assert_allclose(frame["row_share"].sum(axis=1), 1.0)


def test_groups_table_and_dictionary(comparison):
    groups = comparison.groups_table()
    assert list(groups.columns) == ["group", "description", "kind", "arm", "persons"]
    row = groups.set_index("group").loc["non_target:pilot_2020"]
    assert (row["kind"], row["arm"]) == ("non_target", "pilot_2020")
    assert groups.set_index("group").at["everyone", "persons"] == 50
    assert groups.set_index("group").at["municipality:Pori", "kind"] == "municipality"
    dictionary = comparison.metrics_dictionary()
    assert list(dictionary.columns) == ["name", "unit", "description"]
    assert dictionary.set_index("name").at["cost_total_eur", "unit"] == "eur"
