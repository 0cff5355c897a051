"""Means and 95 % intervals across replications, as the engine computes them for /effects:
mean +- t(0.975, R - 1) * sd / sqrt(R), sd with R - 1 in the denominator; with R = 1 the
interval collapses to the mean. Written without scipy (not available)."""
import math

import numpy as np

# Two-sided 95 % quantiles t(0.975, df) of Student's t distribution for df = 1..30.
_T_975 = (
    12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836,
    2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852,
    2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546,
    2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447,
    2.079613845, 2.073873068, 2.068657610, 2.063898562, 2.059538553,
    2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
)
_Z_975 = 1.959963984540054


def t_quantile_975(degrees_of_freedom: int) -> float:
    """t(0.975, df): exact to 9 digits for df <= 30, Cornish-Fisher expansion (error < 1e-6) above."""
    df = int(degrees_of_freedom)
    if df < 1:
        raise ValueError(f"degrees of freedom must be >= 1, got {df}")
    if df <= len(_T_975):
        return _T_975[df - 1]
    z = _Z_975
    return (z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3))


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
