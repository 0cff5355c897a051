"""Means and 95 % intervals across replications, as the engine computes them for /effects:
mean +- t(0.975, R - 1) * sd / sqrt(R), sd with R - 1 in the denominator; with R = 1 the
interval collapses to the mean. The t quantile comes from scipy, the one source of it here."""
import math

import numpy as np
from scipy import special as _scipy_special


def t_quantile_975(degrees_of_freedom: int) -> float:
    """t(0.975, df), the two-sided 95 % quantile of Student's t distribution (scipy).

    Through the inverse regularised incomplete beta function: P(|T| > t) = I_y(1/2, df/2) with
    y = t^2 / (df + t^2), so y = betaincinv(1/2, df/2, 0.95). Debian's scipy 1.10 `t.ppf` is off
    by up to 4e-10 (relative); this agrees with the engine's Boost.Math quantile to 1e-12 for the
    replication counts a comparison uses (tests/unit/compare/test_effects.cpp,
    analysis/tests/test_stats.py)."""
    df = int(degrees_of_freedom)
    if df < 1:
        raise ValueError(f"degrees of freedom must be >= 1, got {df}")
    y = float(_scipy_special.betaincinv(0.5, df / 2.0, 0.95))
    return math.sqrt(df * y / (1.0 - y))


def mean_and_interval(values: np.ndarray, axis: int = 0):
    """Mean over `axis` (the replications) and its 95 % interval, in the unit of `values`.

    Returns (mean, ci_low, ci_high), each with `axis` removed. With one replication the
    interval is the mean itself, as in the file's /effects.
    """
    values = np.asarray(values, dtype=np.float64)
    replications = values.shape[axis]
    mean = values.mean(axis=axis)
    if replications < 2:
        return mean, mean.copy(), mean.copy()
    half_width = (t_quantile_975(replications - 1) * values.std(axis=axis, ddof=1)
                  / math.sqrt(replications))
    return mean, mean - half_width, mean + half_width
