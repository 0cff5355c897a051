"""Cost-effectiveness as health-technology assessment does it.

The incremental cost-effectiveness ratio (ICER) of an arm is a ratio of means over the whole run:

    ICER = mean over replications of (incremental cost) / mean of (incremental weeks of work)

where, within replication r, incremental cost is the arm's total cost (EUR, every payer, summed
over every simulated week) minus the baseline's, and incremental weeks of work are the arm's
person-weeks in open or subsidised work minus the baseline's (cumulative weeks employed per
person at the last week, times the group's persons). It is not the mean of per-replication
ratios, which flips sign or explodes when a replication's employment change is near zero.

Its 95 % interval is Fieller's: the set of ratios rho for which mean(dC) - rho * mean(dE) is not
significantly different from 0 (t with R - 1 degrees of freedom). That set is a bounded interval
exactly when the employment interval excludes zero; otherwise the ratio is "not estimable".
The quadrant of the cost-effectiveness plane is named from the means.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import schema
from .stats import t_quantile_975

COST_METRIC = "cost_total_eur"
EMPLOYMENT_METRIC = "weeks_employed_per_person"

DOMINANT = "dominant"
DOMINATED = "dominated"
TRADE_OFF_MORE = "trade-off: costs more, employs more"
TRADE_OFF_LESS = "trade-off: costs less, employs fewer"
NO_CHANGE = "no change in employment"

NOT_ESTIMABLE = "not estimable"
ESTIMABLE = "estimable"
ONE_REPLICATION = "no interval (one replication)"


@dataclass(frozen=True)
class FiellerInterval:
    low: float
    high: float
    bounded: bool


def fieller_interval(costs: np.ndarray, effects: np.ndarray, t: float) -> FiellerInterval:
    """Fieller's interval for mean(costs) / mean(effects), paired samples (one pair a replication).

    Solves (mC - rho mE)^2 = t^2 (vC - 2 rho cCE + rho^2 vE), with vC, vE, cCE the variances and
    covariance of the means. Bounded exactly when mE^2 > t^2 vE (the effect interval excludes 0).
    """
    costs, effects = np.asarray(costs, float), np.asarray(effects, float)
    n = len(costs)
    m_c, m_e = costs.mean(), effects.mean()
    covariance = np.cov(np.vstack([costs, effects]), ddof=1) / n
    v_c, v_e, c_ce = covariance[0, 0], covariance[1, 1], covariance[0, 1]
    a = m_e**2 - t**2 * v_e
    b = -2.0 * (m_c * m_e - t**2 * c_ce)
    c = m_c**2 - t**2 * v_c
    if a <= 0:
        return FiellerInterval(math.nan, math.nan, bounded=False)
    root = math.sqrt(max(b * b - 4 * a * c, 0.0))
    return FiellerInterval((-b - root) / (2 * a), (-b + root) / (2 * a), bounded=True)


def quadrant(mean_cost: float, mean_employment: float) -> str:
    """The quadrant of the cost-effectiveness plane the means fall in."""
    if mean_employment == 0 or math.isnan(mean_employment):
        return NO_CHANGE
    if mean_employment > 0:
        return DOMINANT if mean_cost <= 0 else TRADE_OFF_MORE
    return DOMINATED if mean_cost >= 0 else TRADE_OFF_LESS


def increments(comparison, arm: str, group: str = schema.EVERYONE) -> pd.DataFrame:
    """replication, extra_cost_eur, extra_work_weeks of `arm` against the
    baseline over the whole run, for one group (money exists only for everyone and municipalities)."""
    g = comparison.groups.index(group)
    cost, employed = (comparison.metric_names.index(m) for m in (COST_METRIC, EMPLOYMENT_METRIC))
    persons = comparison.metric_names.index(schema.GROUP_SIZE)

    def totals(values):
        person_weeks = values[:, -1, g, employed] * values[:, -1, g, persons]
        return values[:, :, g, cost].sum(axis=1), person_weeks

    arm_cost, arm_work = totals(comparison.metric_values(arm))
    base_cost, base_work = totals(comparison.metric_values(comparison.baseline_arm))
    return pd.DataFrame({"replication": np.arange(comparison.replications),
                         "extra_cost_eur": arm_cost - base_cost,
                         "extra_work_weeks": arm_work - base_work})


def has_inputs(comparison) -> bool:
    return all(m in comparison.metric_names for m in (COST_METRIC, EMPLOYMENT_METRIC, schema.GROUP_SIZE))


def money_groups(comparison) -> list[str]:
    """Groups whose costs the file holds (finite total cost in the baseline)."""
    values = comparison.metric_values(comparison.baseline_arm)
    cost = comparison.metric_names.index(COST_METRIC)
    return [group for g, group in enumerate(comparison.groups) if np.isfinite(values[:, :, g, cost]).all()]


def summarise(rows: pd.DataFrame) -> dict:
    """The cost-effectiveness of one arm and group from its per-replication increments."""
    costs = rows["extra_cost_eur"].to_numpy()
    work = rows["extra_work_weeks"].to_numpy()
    replications = len(costs)
    mean_cost, mean_work = float(costs.mean()), float(work.mean())
    result = {"extra_cost_mean": mean_cost, "extra_work_weeks_mean": mean_work,
              "quadrant": quadrant(mean_cost, mean_work)}
    result["icer_eur_per_week"] = mean_cost / mean_work if mean_work != 0 else math.nan
    if replications < 2:
        interval, status = FiellerInterval(math.nan, math.nan, False), ONE_REPLICATION
        cost_ci, work_ci = (mean_cost, mean_cost), (mean_work, mean_work)
    else:
        t = t_quantile_975(replications - 1)
        interval = fieller_interval(costs, work, t)
        status = ESTIMABLE if interval.bounded else NOT_ESTIMABLE
        cost_ci = _t_interval(costs, t)
        work_ci = _t_interval(work, t)
    if status == NOT_ESTIMABLE:
        result["icer_eur_per_week"] = math.nan
    result.update({"extra_cost_ci_low": cost_ci[0], "extra_cost_ci_high": cost_ci[1],
                   "extra_work_weeks_ci_low": work_ci[0],
                   "extra_work_weeks_ci_high": work_ci[1],
                   "icer_ci_low": interval.low, "icer_ci_high": interval.high, "icer_status": status})
    return result


def _t_interval(values: np.ndarray, t: float) -> tuple[float, float]:
    half = t * values.std(ddof=1) / math.sqrt(len(values))
    return float(values.mean() - half), float(values.mean() + half)


ICER_COLUMNS = ["arm", "group", "replications", "extra_cost_mean", "extra_cost_ci_low",
                "extra_cost_ci_high", "extra_work_weeks_mean",
                "extra_work_weeks_ci_low", "extra_work_weeks_ci_high",
                "icer_eur_per_week", "icer_ci_low", "icer_ci_high", "icer_status", "quadrant"]


def cost_effectiveness(comparison) -> pd.DataFrame:
    """One row per arm and money group (everyone first): the ICER over the whole run, its Fieller
    interval and status (estimable / not estimable / one replication), the quadrant, and the mean
    incremental cost (EUR) and employment (person-weeks) with their 95 % t intervals."""
    if not has_inputs(comparison) or not comparison.treatment_arms:
        return pd.DataFrame(columns=ICER_COLUMNS)
    rows = []
    for arm in comparison.treatment_arms:
        for group in money_groups(comparison):
            summary = summarise(increments(comparison, arm, group))
            rows.append({"arm": arm, "group": group, "replications": comparison.replications, **summary})
    return pd.DataFrame(rows, columns=ICER_COLUMNS)


def plane_points(comparison, group: str = schema.EVERYONE) -> pd.DataFrame:
    """arm, replication, extra_cost_eur, extra_work_weeks: the points of the
    cost-effectiveness plane, one per replication and arm."""
    if not has_inputs(comparison):
        return pd.DataFrame(columns=["arm", "replication", "extra_cost_eur", "extra_work_weeks"])
    frames = [increments(comparison, arm, group).assign(arm=arm) for arm in comparison.treatment_arms]
    columns = ["arm", "replication", "extra_cost_eur", "extra_work_weeks"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
