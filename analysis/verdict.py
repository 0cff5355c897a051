"""The verdict: for each design its headline effects (everyone, its target group, everyone else),
its extra cost by payer and per additional week of work, a ranking, and the results a reader must
not miss. Numbers only; the report puts them in words and tables."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import cost_effectiveness, schema
from .language import tr

#: Headline metrics: (metric, point). Weeks of work per person are cumulative, so "end" is the whole run.
HEADLINE = (("weeks_employed_per_person", "end"), ("open_employment", "pilot_end"), ("unemployment", "pilot_end"))
#: The metric arms are ranked by (effect on everyone over the whole run); higher is better.
RANKING_METRIC = "weeks_employed_per_person"
#: For each headline metric, the sign of an effect that is good for the persons concerned.
GOOD_SIGN = {"weeks_employed_per_person": +1, "open_employment": +1, "unemployment": -1}


HARMS_TARGET = "{arm} leaves its own target group worse off in {metrics} (the whole 95 % interval on the harmful side)."
HARMS_OTHERS = ("{arm} leaves the persons outside its target group worse off in {metrics} "
                "(the whole 95 % interval on the harmful side).")


def group_roles(arm: str) -> list[tuple[str, str]]:
    """(role, group): everyone, the arm's target group, everyone else."""
    return [("everyone", schema.EVERYONE), ("target", schema.TARGET_PREFIX + arm),
            ("everyone else", schema.NON_TARGET_PREFIX + arm)]


def headline_effects(comparison) -> pd.DataFrame:
    """arm, role, group, metric, point, week, mean, ci_low, ci_high for the headline metrics."""
    rows = []
    for metric, point in HEADLINE:
        if metric not in comparison.metric_names:
            continue
        for arm in comparison.treatment_arms:
            groups = [(role, g) for role, g in group_roles(arm) if g in comparison.groups]
            summary = comparison.summary(at=point, arms=[arm], groups=[g for _, g in groups], metrics=[metric])
            for role, group in groups:
                effect = summary[summary["group"] == group].iloc[0]
                rows.append({"arm": arm, "role": role, "group": group, "metric": metric, "point": point,
                             "week": int(effect["week"]), "mean": float(effect["mean"]),
                             "ci_low": float(effect["ci_low"]), "ci_high": float(effect["ci_high"])})
    return pd.DataFrame(rows, columns=["arm", "role", "group", "metric", "point", "week", "mean", "ci_low", "ci_high"])


def ranking(headlines: pd.DataFrame) -> list[str]:
    """Arms by their effect on everyone's weeks of work over the whole run, best first."""
    chosen = headlines[(headlines["metric"] == RANKING_METRIC) & (headlines["role"] == "everyone")]
    return list(chosen.sort_values("mean", ascending=False, kind="stable")["arm"])


@dataclass(frozen=True)
class Finding:
    """A striking result: an English template (translated by language.tr) and what fills it."""

    arm: str
    template: str
    metrics: tuple = ()

    @property
    def text(self) -> str:
        return finding_text(self)


def finding_text(finding: Finding) -> str:
    """The finding in the current language."""
    from .formatting import metric_title
    names = ", ".join(metric_title(m) for m in finding.metrics)
    return tr(finding.template).format(arm=finding.arm, metrics=names)


def _excludes_zero(low: float, high: float) -> bool:
    return _is_clearly(+1, low, high) or _is_clearly(-1, low, high)


def _is_clearly(sign: int, low: float, high: float) -> bool:
    """The whole interval lies on the side `sign` of zero."""
    return sign * low > 0 and sign * high > 0


def striking_findings(headlines: pd.DataFrame, icers: pd.DataFrame) -> list[Finding]:
    """Results a reader must not miss: a design that harms its own target group or everyone else,
    one that is dominated (costs more, employs fewer) or dominant, each only when its 95 %
    intervals exclude zero."""
    findings = []
    harmed: dict[tuple[str, str], list[str]] = {}
    for row in headlines.itertuples():
        if row.role in ("target", "everyone else") and _is_clearly(-GOOD_SIGN[row.metric], row.ci_low, row.ci_high):
            harmed.setdefault((row.arm, row.role), []).append(row.metric)
    for (arm, role), metrics in harmed.items():
        template = (HARMS_TARGET if role == "target" else HARMS_OTHERS)
        findings.append(Finding(arm, template, tuple(metrics)))
    everyone = icers[icers["group"] == schema.EVERYONE] if not icers.empty else icers
    for row in everyone.itertuples():
        # Named only when both intervals exclude zero: a quadrant of means alone may be chance.
        if not (_excludes_zero(row.extra_cost_ci_low, row.extra_cost_ci_high)
                and _excludes_zero(row.extra_work_weeks_ci_low, row.extra_work_weeks_ci_high)):
            continue
        if row.quadrant == cost_effectiveness.DOMINATED:
            findings.append(Finding(row.arm, "{arm} costs more and employs fewer than the baseline (dominated)."))
        elif row.quadrant == cost_effectiveness.DOMINANT:
            findings.append(Finding(row.arm, "{arm} employs more for less money than the baseline (dominant)."))
    return findings


def cost_by_payer(costs: pd.DataFrame) -> pd.DataFrame:
    """arm, metric, difference_mean, difference_ci_low, difference_ci_high over the whole run."""
    whole = costs[costs["window"] == "whole_run"]
    return whole[["arm", "metric", "difference_mean", "difference_ci_low", "difference_ci_high"]]
