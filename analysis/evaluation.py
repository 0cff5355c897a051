"""An evaluator's view: would an evaluation of a design detect its effect?

A real pilot is evaluated without its counterfactual: the evaluator has municipal statistics of
the municipalities where the pilot ran and of those where it did not, before and during the
pilot, and estimates the effect by difference-in-differences. A comparison whose pilot arm runs
in part of the region (the design's or arm's `area`) holds both sides of that evaluation in one
run (one region, one labour market) *and* the true effect (the arm against the baseline arm in
the same replication). This module puts the two side by side.

- `municipality_panel`: one arm's runs as municipality x month panels (monthly means of the
  weekly shares of each municipality's persons aged 15 to the retirement age).
- `difference_in_differences`: the two-way fixed-effects estimate (municipality and month effects,
  `treated x during the pilot`), with standard errors clustered by municipality (statsmodels).
- `placebo_tests`: the same estimate on pre-pilot months only, with a fictitious pilot start at
  each of several pre-pilot months: an evaluation design that "finds" effects there is not to be
  trusted.
- `evaluator_view`: per replication, the true effect on the pilot municipalities, the DiD estimate
  with its interval, whether it detects an effect, and the placebo estimates.

With few municipalities the clustered interval is wide (Pirkanmaa had 8, the 2012-2015 pilot 26):
that is the point, not a defect. Spillovers through the shared labour market (displacement) bias
the DiD estimate in the direction the model says they should.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from . import schema

OUTCOMES = ("unemployment", "activation_rate")


def municipality_panel(comparison, arm: str, replication: int, outcomes: Sequence[str] = OUTCOMES) -> pd.DataFrame:
    """Columns: municipality, month (Period[M]), persons, then one column per outcome: the
    monthly mean over the weeks that start in that month (shares of the municipality's persons)."""
    groups = [g for g in comparison.groups if g.startswith(schema.MUNICIPALITY_PREFIX)]
    if not groups:
        raise ValueError(f"{comparison.path}: no municipality groups: no municipal panel to evaluate")
    values = comparison.metric_values(arm)[replication]  # [week, group, metric]
    group_index = [comparison.groups.index(g) for g in groups]
    metric_index = [comparison.metric_names.index(m) for m in (*outcomes, schema.GROUP_SIZE)]
    months = pd.PeriodIndex(pd.to_datetime(list(comparison.week_start)), freq="M")
    frames = []
    for name, g in zip(groups, group_index):
        weekly = pd.DataFrame(values[:, g, metric_index], columns=[*outcomes, "persons"])
        weekly["month"] = months
        monthly = weekly.groupby("month", sort=True).mean()
        monthly.insert(0, "municipality", name[len(schema.MUNICIPALITY_PREFIX):])
        frames.append(monthly.reset_index())
    return pd.concat(frames, ignore_index=True)[["municipality", "month", "persons", *outcomes]]


@dataclass(frozen=True)
class DidEstimate:
    """The effect of `treated x post` on the outcome, in its unit (a share: 0.01 = 1 pp)."""

    estimate: float
    std_error: float
    ci_low: float
    ci_high: float
    p_value: float
    municipalities: int
    treated: int
    months: int

    @property
    def detects(self) -> bool:
        """The 95 % interval excludes zero."""
        return self.ci_low > 0 or self.ci_high < 0


def difference_in_differences(panel: pd.DataFrame, outcome: str, treated: Iterable[str],
                              post_start: pd.Period, post_end: pd.Period | None = None,
                              weighted: bool = True) -> DidEstimate:
    """Two-way fixed effects: outcome ~ municipality + month + treated:post, months after
    `post_end` left out. Weighted by persons (a municipal rate describes its persons) unless
    `weighted` is false; standard errors clustered by municipality, t quantiles with
    (clusters - 1) degrees of freedom (few clusters)."""
    import statsmodels.formula.api as smf

    treated = set(treated)
    unknown = treated - set(panel["municipality"])
    if unknown:
        raise ValueError(f"treated municipalities not in the panel: {sorted(unknown)}")
    data = panel if post_end is None else panel[panel["month"] <= post_end]
    data = data.assign(treated_post=((data["municipality"].isin(treated)) & (data["month"] >= post_start)).astype(float),
                       month_label=data["month"].astype(str))
    n_treated = len(treated)
    n_clusters = data["municipality"].nunique()
    if n_treated == 0 or n_treated == n_clusters:
        raise ValueError("difference-in-differences needs treated and untreated municipalities")
    if not (data["month"] < post_start).any() or not (data["month"] >= post_start).any():
        raise ValueError("difference-in-differences needs months before and after the pilot's start")
    codes = pd.Categorical(data["municipality"]).codes
    model = smf.wls(f"Q('{outcome}') ~ C(municipality) + C(month_label) + treated_post", data=data,
                    weights=data["persons"] if weighted else np.ones(len(data)))
    with warnings.catch_warnings():
        # A panel without variation left after the fixed effects (a synthetic or constant outcome)
        # has a zero or slightly negative clustered variance: its interval is NaN, never a warning.
        # (statsmodels computes the errors lazily: they are read inside this block.)
        warnings.simplefilter("ignore", RuntimeWarning)
        fit = model.fit(cov_type="cluster", cov_kwds={"groups": codes, "use_correction": True, "df_correction": True},
                        use_t=True)
        low, high = fit.conf_int().loc["treated_post"]
        std_error, p_value = float(fit.bse["treated_post"]), float(fit.pvalues["treated_post"])
    return DidEstimate(estimate=float(fit.params["treated_post"]), std_error=std_error,
                       ci_low=float(low), ci_high=float(high), p_value=p_value,
                       municipalities=int(n_clusters), treated=n_treated, months=int(data["month"].nunique()))


def placebo_tests(panel: pd.DataFrame, outcome: str, treated: Iterable[str], pilot_start: pd.Period,
                  count: int = 3, min_months_each_side: int = 3) -> pd.DataFrame:
    """Fictitious pilot starts in the pre-pilot months, estimated on the pre-pilot months alone:
    one row per placebo start (placebo_start, estimate, ci_low, ci_high, p_value, detects).
    Empty when the pre-pilot period is too short for a placebo with `min_months_each_side`."""
    before = panel[panel["month"] < pilot_start]
    months = sorted(before["month"].unique())
    candidates = months[min_months_each_side:len(months) - min_months_each_side + 1]
    if not candidates:
        return pd.DataFrame(columns=["placebo_start", "estimate", "ci_low", "ci_high", "p_value", "detects"])
    picks = [candidates[int(i)] for i in np.unique(np.linspace(0, len(candidates) - 1, min(count, len(candidates))).round())]
    rows = []
    for start in picks:
        est = difference_in_differences(before, outcome, treated, start)
        rows.append({"placebo_start": start, "estimate": est.estimate, "ci_low": est.ci_low,
                     "ci_high": est.ci_high, "p_value": est.p_value, "detects": est.detects})
    return pd.DataFrame(rows)


def true_effect(comparison, arm: str, replication: int, outcome: str, treated: Iterable[str],
                weeks: range) -> float:
    """The arm's effect on the treated municipalities' outcome, averaged over `weeks` (persons-
    weighted): arm minus the baseline arm in the same replication, what the DiD tries to find."""
    index = [comparison.groups.index(schema.MUNICIPALITY_PREFIX + m) for m in treated]
    k = comparison.metric_names.index(outcome)
    size = comparison.metric_names.index(schema.GROUP_SIZE)
    arm_values = comparison.metric_values(arm)[replication][np.ix_(list(weeks), index)]
    base_values = comparison.metric_values(comparison.baseline_arm)[replication][np.ix_(list(weeks), index)]
    weights = base_values[..., size]
    return float(np.average(arm_values[..., k] - base_values[..., k], weights=weights))


def pilot_area(comparison, arm: str) -> list[str] | None:
    """The municipalities of the arm's pilot area as the comparison ran it (its `area`, or its
    design's), from the resolved scenario text in the file; None when the pilot ran everywhere."""
    import yaml

    spec = yaml.safe_load(comparison.scenario_yaml) or {}
    for entry in spec.get("arms", []) or []:
        if isinstance(entry, dict) and entry.get("name") == arm:
            design = entry.get("design") if isinstance(entry.get("design"), dict) else {}
            area = entry.get("area", design.get("area"))
            return [str(m) for m in area] if area else None
    return None


def evaluator_view(comparison, arm: str, treated: Iterable[str], outcomes: Sequence[str] = OUTCOMES,
                   placebo_count: int = 3) -> pd.DataFrame:
    """One row per replication and outcome: true_effect, did_estimate, ci_low, ci_high, p_value,
    detects (the DiD interval excludes 0), covers_truth (it holds the true effect), and the
    placebo tests' largest |estimate| and how many of them "detect" an effect. The pilot period
    is the comparison's; months after it are left out."""
    treated = list(treated)
    week_start = pd.to_datetime(list(comparison.week_start))
    post_start = pd.Period(week_start[comparison.pilot_start_week], freq="M")
    post_end = pd.Period(week_start[comparison.pilot_end_week], freq="M")
    pilot_weeks = range(comparison.pilot_start_week, comparison.pilot_end_week + 1)
    rows = []
    for r in range(comparison.replications):
        panel = municipality_panel(comparison, arm, r, outcomes)
        for outcome in outcomes:
            did = difference_in_differences(panel, outcome, treated, post_start, post_end)
            placebo = placebo_tests(panel, outcome, treated, post_start, count=placebo_count)
            truth = true_effect(comparison, arm, r, outcome, treated, pilot_weeks)
            rows.append({"replication": r, "outcome": outcome, "true_effect": truth,
                         "did_estimate": did.estimate, "ci_low": did.ci_low, "ci_high": did.ci_high,
                         "p_value": did.p_value, "detects": did.detects,
                         "covers_truth": did.ci_low <= truth <= did.ci_high,
                         "placebo_max_abs": float(placebo["estimate"].abs().max()) if len(placebo) else np.nan,
                         "placebo_detections": int(placebo["detects"].sum()) if len(placebo) else 0,
                         "placebos": len(placebo), "municipalities": did.municipalities,
                         "treated_municipalities": did.treated})
    return pd.DataFrame(rows)
