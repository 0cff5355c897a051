"""Means and 95 % intervals across replications, as the engine computes them for /effects:
mean +- t(0.975, R - 1) * sd / sqrt(R), sd with R - 1 in the denominator; with R = 1 the
interval collapses to the mean. The t quantile comes from scipy, the one source of it here."""
import math

import numpy as np
from scipy import stats as _scipy_stats


def t_quantile_975(degrees_of_freedom: int) -> float:
    """t(0.975, df), the two-sided 95 % quantile of Student's t distribution (scipy)."""
    df = int(degrees_of_freedom)
    if df < 1:
        raise ValueError(f"degrees of freedom must be >= 1, got {df}")
    return float(_scipy_stats.t.ppf(0.975, df))


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
