"""The tables of the report, computed from a Comparison with numpy. Each is a tidy DataFrame
that the report shows and writes as CSV (column meanings in analysis/README.md)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import formatting, schema
from .load import Comparison
from .stats import mean_and_interval
from .tidy import long_frame

SUMMARY_POINTS = ("pilot_end", "end")
SUMMARY_POINT_LABELS = {"pilot_end": "end of the pilot period", "end": "end of follow-up"}


# ----------------------------------------------------------------------------- metric choice
def share_metrics(comparison: Comparison) -> list[str]:
    """Metrics that are shares of the group's persons (status shares), the activation rate
    (a ratio of two statuses) excepted."""
    return [name for name, unit in zip(comparison.metric_names, comparison.metric_units)
            if unit == schema.UNIT_SHARE and name != schema.ACTIVATION_RATE]


def euro_metrics(comparison: Comparison) -> list[str]:
    """Metrics in euros a week: the costs by payer, their total and the municipal co-payment."""
    return [name for name, unit in zip(comparison.metric_names, comparison.metric_units)
            if unit == schema.UNIT_EUR]


def key_metrics(comparison: Comparison) -> list[str]:
    """The headline metrics (schema.KEY_METRICS) that the file has."""
    return [name for name in schema.KEY_METRICS if name in comparison.metric_names]


def _group_index(comparison: Comparison, group: str) -> int:
    if group not in comparison.groups:
        raise KeyError(f"no group {group!r} in {comparison.path}")
    return comparison.groups.index(group)


def _metric_indices(comparison: Comparison, metrics: list[str]) -> list[int]:
    return [comparison.metric_names.index(m) for m in metrics]


# ----------------------------------------------------------------------------- over time
def status_shares(comparison: Comparison, group: str = schema.EVERYONE) -> pd.DataFrame:
    """arm, week, week_start, metric, mean: each share metric (fraction of the group's persons)
    averaged over replications, by arm and week."""
    metrics = share_metrics(comparison)
    g, ks = _group_index(comparison, group), _metric_indices(comparison, metrics)
    means = np.stack([comparison.metric_values(arm)[:, :, g, :][:, :, ks].mean(axis=0)
                      for arm in comparison.arms])
    frame = long_frame([("arm", comparison.arms, True), ("week", np.arange(comparison.weeks), False),
                        ("metric", metrics, True)], {"mean": means})
    return _insert_week_start(comparison, frame)


def key_effects(comparison: Comparison, group: str = schema.EVERYONE) -> pd.DataFrame:
    """The file's effects (arm - baseline, mean and 95 % interval over replications) of the key
    metrics for one group: arm, week, week_start, group, metric, mean, ci_low, ci_high."""
    return comparison.effects(groups=[group], metrics=key_metrics(comparison))


def levels_over_time(comparison: Comparison, metric: str, group: str = schema.EVERYONE) -> pd.DataFrame:
    """arm, week, week_start, mean, ci_low, ci_high: a metric's level by arm, mean and 95 %
    interval across replications (the spread of the simulation, not of the model's assumptions)."""
    g, k = _group_index(comparison, group), comparison.metric_names.index(metric)
    stats = [mean_and_interval(comparison.metric_values(arm)[:, :, g, k], axis=0) for arm in comparison.arms]
    columns = {name: np.stack([s[i] for s in stats]) for i, name in enumerate(("mean", "ci_low", "ci_high"))}
    frame = long_frame([("arm", comparison.arms, True), ("week", np.arange(comparison.weeks), False)], columns)
    return _insert_week_start(comparison, frame)


def _insert_week_start(comparison: Comparison, frame: pd.DataFrame) -> pd.DataFrame:
    frame.insert(frame.columns.get_loc("week") + 1, "week_start",
                 comparison.week_start.values[frame["week"].to_numpy()])
    return frame


# ----------------------------------------------------------------------------- costs
@dataclass(frozen=True)
class Window:
    """A span of weeks, both ends inclusive."""

    name: str
    first_week: int
    last_week: int
    label: str


def cost_windows(comparison: Comparison) -> list[Window]:
    """The pilot period, and the whole run (every simulated week: history, pilot and follow-up;
    arms differ only from the pilot's start, so the differences are those of the pilot and follow-up)."""
    start, end, last = comparison.pilot_start_week, comparison.pilot_end_week, comparison.weeks - 1
    return [Window("pilot", start, end, "pilot period"),
            Window("whole_run", 0, last, "whole run")]


def window_dates(comparison: Comparison, window: Window):
    """First and last day of a window, as the file gives them: the scenario's pilot period for
    "pilot", /meta start_date and end_date for "whole_run"."""
    from . import dates
    first, last = dates.pilot_period(comparison) if window.name == "pilot" else dates.simulated_period(comparison)
    return first, last


def costs_by_payer(comparison: Comparison, group: str = schema.EVERYONE) -> pd.DataFrame:
    """Cumulative euros of each euro metric (payers, total, municipal co-payment) over each window.

    Columns: arm, window, first_week, last_week, metric, total_mean, total_ci_low, total_ci_high
    (EUR summed over the window's weeks, mean and 95 % interval over replications), difference_mean,
    difference_ci_low, difference_ci_high (arm - baseline in the same replication; 0 for the baseline).
    """
    metrics = euro_metrics(comparison)
    g, ks = _group_index(comparison, group), _metric_indices(comparison, metrics)
    baseline_values = comparison.metric_values(comparison.baseline_arm)[:, :, g, :][:, :, ks]
    frames = []
    for window in cost_windows(comparison):
        weeks = slice(window.first_week, window.last_week + 1)
        baseline_sum = baseline_values[:, weeks].sum(axis=1)          # [R, metrics]
        rows = {name: [] for name in ("total_mean", "total_ci_low", "total_ci_high",
                                      "difference_mean", "difference_ci_low", "difference_ci_high")}
        for arm in comparison.arms:
            arm_sum = comparison.metric_values(arm)[:, weeks, g, :][:, :, ks].sum(axis=1)
            for prefix, values in (("total", arm_sum), ("difference", arm_sum - baseline_sum)):
                mean, low, high = mean_and_interval(values, axis=0)
                rows[f"{prefix}_mean"].append(mean)
                rows[f"{prefix}_ci_low"].append(low)
                rows[f"{prefix}_ci_high"].append(high)
        frame = long_frame([("arm", comparison.arms, True), ("metric", metrics, True)],
                           {name: np.stack(values) for name, values in rows.items()})
        frame.insert(1, "window", window.name)
        frame.insert(2, "first_week", window.first_week)
        frame.insert(3, "last_week", window.last_week)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


# ----------------------------------------------------------------------------- by group
def effects_by_group(comparison: Comparison) -> pd.DataFrame:
    """Effects of every metric on every group at the end of the pilot and at the end of
    follow-up: point ("pilot_end" or "end"), then the columns of Comparison.summary()."""
    frames = []
    for at in SUMMARY_POINTS:
        frame = comparison.summary(at=at)
        frame.insert(0, "point", at)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def group_persons(comparison: Comparison) -> dict[str, float]:
    """Persons in each group (NaN when the file has no group_size metric)."""
    table = comparison.groups_table()
    if "persons" not in table:
        return {g: float("nan") for g in comparison.groups}
    return dict(zip(table["group"], table["persons"].astype(float)))


# ----------------------------------------------------------------------------- displacement
def displacement(comparison: Comparison) -> pd.DataFrame:
    """The effect of each arm on the persons outside its target group (`non_target:<arm>`),
    beside its effect on its target group, for the metrics where displacement shows.

    Columns: arm, point ("pilot_end" or "end"), week, week_start, metric, unit, target_persons, target_mean,
    target_ci_low, target_ci_high, non_target_persons, non_target_mean, non_target_ci_low,
    non_target_ci_high, reading (the row in words).
    """
    persons = group_persons(comparison)
    metrics = [m for m in schema.DISPLACEMENT_METRICS if m in comparison.metric_names]
    rows = []
    for arm in comparison.treatment_arms:
        target, outside = schema.TARGET_PREFIX + arm, schema.NON_TARGET_PREFIX + arm
        if target not in comparison.groups or outside not in comparison.groups or not metrics:
            continue
        for at in SUMMARY_POINTS:
            summary = comparison.summary(at=at, arms=[arm], groups=[target, outside], metrics=metrics)
            for metric in metrics:
                row = {"arm": arm, "point": at, "week": comparison.summary_week(at),
                       "week_start": comparison.week_start[comparison.summary_week(at)],
                       "metric": metric, "unit": comparison.unit_of(metric)}
                for prefix, group in (("target", target), ("non_target", outside)):
                    effect = summary[(summary["group"] == group) & (summary["metric"] == metric)].iloc[0]
                    row[f"{prefix}_persons"] = persons.get(group, float("nan"))
                    for column in ("mean", "ci_low", "ci_high"):
                        row[f"{prefix}_{column}"] = float(effect[column])
                row["reading"] = displacement_reading(row)
                rows.append(row)
    columns = ["arm", "point", "week", "week_start", "metric", "unit", "target_persons", "target_mean",
               "target_ci_low", "target_ci_high", "non_target_persons", "non_target_mean",
               "non_target_ci_low", "non_target_ci_high", "reading"]
    return pd.DataFrame(rows, columns=columns)


def displacement_reading(row: dict) -> str:
    """One displacement row in words. The sign that means displacement comes from
    schema.DISPLACEMENT_METRICS: fewer in open employment, or more unemployed, outside the target."""
    harmful_sign = schema.DISPLACEMENT_METRICS[row["metric"]]
    unit, metric = row["unit"], row["metric"].replace("_", " ")
    when = SUMMARY_POINT_LABELS[row["point"]]
    outside, low, high = row["non_target_mean"], row["non_target_ci_low"], row["non_target_ci_high"]
    if row["non_target_persons"] == 0 or np.isnan(outside):
        return f"{row['arm']}: every person is in its target group, so displacement cannot be measured."
    text = (f"{row['arm']}, {when}: {metric} among the persons outside its target group changed by "
            f"{formatting.effect(outside, unit)} (95 % interval {formatting.effect(low, unit)} to "
            f"{formatting.effect(high, unit)}), against {formatting.effect(row['target_mean'], unit)} "
            f"in its target group. ")
    if harmful_sign * low > 0 and harmful_sign * high > 0:
        text += ("The interval excludes zero: a sign of displacement, some jobs found by the pilot's "
                 "clients would otherwise have gone to others.")
        if unit == schema.UNIT_SHARE and not np.isnan(row["target_persons"]):
            outside_persons = outside * row["non_target_persons"]
            target_persons = row["target_mean"] * row["target_persons"]
            text += (f" In persons ({metric}): {_persons_change(outside_persons)} outside the target group, "
                     f"{_persons_change(target_persons)} in it.")
    elif harmful_sign * low < 0 and harmful_sign * high < 0:
        text += "The interval excludes zero on the favourable side: no sign of displacement."
    else:
        text += "The interval includes zero: no clear displacement with this number of replications."
    return text


def _persons_change(persons: float) -> str:
    """"about 12 more" / "about 3.4 fewer"."""
    amount = f"{abs(persons):,.0f}" if abs(persons) >= 10 else f"{abs(persons):.1f}"
    return f"about {amount} {'more' if persons >= 0 else 'fewer'}"


# ----------------------------------------------------------------------------- transitions
def transitions(comparison: Comparison, replication: int = 0) -> pd.DataFrame:
    """arm, replication, from_status, to_status, count, row_share for every arm: status-to-status
    moves summed over all weeks (person-weeks) and the share of the from-status's moves."""
    frames = []
    for arm in comparison.arms:
        matrix = comparison.transitions(arm, replication)
        names = list(matrix.index)
        frame = long_frame([("from_status", names, False), ("to_status", names, False)],
                           {"count": matrix["count"].to_numpy(), "row_share": matrix["row_share"].to_numpy()})
        frame.insert(0, "arm", arm)
        frame.insert(1, "replication", replication)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
