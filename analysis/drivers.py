"""Which drawn parameters drive a comparison's effects (docs/uncertain-parameters.md).

A comparison whose files state distributions draws one parameter set per replication, the same in
every arm, and writes it to /parameters/values. Over the replications, each effect varies with the
draws and with simulation noise. `first_order_shares` fits, for every effect and every parameter of
its arm, the one-factor regression of the effect on the parameter (statsmodels OLS): for a number,
its R^2 is the squared standardised regression coefficient (with independent draws, the linear
first-order Sobol index) and the slope's sign says which way the effect moves; for a choice, a
categorical factor, its R^2 is the correlation ratio eta^2 (the first-order Sobol index of a
discrete factor). The engine prints the same shares after `kokeilu compare` (compare/drivers.cpp);
a test checks that the two agree.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def parameter_draws(comparison) -> pd.DataFrame:
    """One row per replication, one column per parameter (its first key path); empty when the
    comparison drew none. A choice's column holds the chosen value; `attrs` keeps, by parameter,
    `paths`, `source`, `distribution` and `central`."""
    with comparison._open() as f:
        if "parameters/values" not in f:
            return pd.DataFrame(index=pd.RangeIndex(comparison.replications, name="replication"))
        dataset = f["parameters/values"]
        values = dataset[()]
        attrs = {key: [str(v) for v in np.atleast_1d(dataset.attrs[key])]
                 for key in ("parameter", "paths", "source", "distribution", "central", "choices")}
    columns = {}
    for p, name in enumerate(attrs["parameter"]):
        choices = attrs["choices"][p].split("|") if attrs["choices"][p] else []
        columns[name] = [choices[int(v)] for v in values[:, p]] if choices else values[:, p]
    frame = pd.DataFrame(columns, index=pd.RangeIndex(values.shape[0], name="replication"))
    frame.attrs = {name: {key: attrs[key][p] for key in ("paths", "source", "distribution", "central")}
                   for p, name in enumerate(attrs["parameter"])}
    return frame


def _in_arm(paths: str, arm: str, arm_index: int) -> bool:
    return any(path.startswith((f"arms[{arm}]", f"arms[{arm_index}]")) for path in paths.split("; "))


def first_order_shares(comparison, metric: str = "open_employment", at: str = "pilot_end") -> pd.DataFrame:
    """For every arm but the baseline, its target group and everyone, and every parameter of the
    arm: the first-order share of the effect's variance across replications (`share`, 0..1) and,
    for a number, the sign of its slope (`sign`: +1 or -1; 0 for a choice). Columns: arm, group,
    parameter, source, distribution, share, sign; largest share first within an effect. Empty when
    no parameter is drawn."""
    import statsmodels.formula.api as smf

    draws = parameter_draws(comparison)
    columns = ["arm", "group", "parameter", "source", "distribution", "share", "sign"]
    if draws.shape[1] == 0 or comparison.replications < 2:
        return pd.DataFrame(columns=columns)
    week = comparison.summary_week(at)
    groups = list(comparison.groups)
    metric_index = comparison.metric_names.index(metric)
    baseline = comparison.metric_values(comparison.arms[0])
    rows = []
    for arm_index, arm in enumerate(comparison.arms[1:], start=1):
        values = comparison.metric_values(arm)
        for group in (f"target:{arm}", "everyone"):
            g = groups.index(group)
            effect = values[:, week, g, metric_index] - baseline[:, week, g, metric_index]
            for name, info in draws.attrs.items():
                if not _in_arm(info["paths"], arm, arm_index):
                    continue
                data = pd.DataFrame({"effect": effect, "x": draws[name].to_numpy()})
                choice = data["x"].dtype == object
                if np.var(effect) == 0 or data["x"].nunique() < 2:
                    share, sign = 0.0, 0.0
                else:
                    fit = smf.ols("effect ~ C(x)" if choice else "effect ~ x", data=data).fit()
                    share = float(fit.rsquared)
                    sign = 0.0 if choice else float(np.sign(fit.params["x"]))
                rows.append([arm, group, name, info["source"], info["distribution"], share, sign])
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["arm", "group", "share"], ascending=[True, True, False], kind="stable",
                             ignore_index=True)
