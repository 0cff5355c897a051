"""Intervals across replications; the t quantile (scipy) checked against a numerical integral."""
import numpy as np
import pytest

from analysis.stats import mean_and_interval, t_quantile_975


def _t_cdf(x: float, df: int) -> float:
    """The t distribution's CDF by numerical integration of its density."""
    from math import gamma, pi, sqrt
    grid = np.linspace(0.0, x, 400_001)
    density = gamma((df + 1) / 2) / (sqrt(df * pi) * gamma(df / 2)) * (1 + grid**2 / df) ** (-(df + 1) / 2)
    return 0.5 + np.trapz(density, grid)


@pytest.mark.parametrize("df", [1, 2, 4, 9, 29, 30, 31, 60, 200])
def test_t_quantile_is_the_975_quantile(df):
    assert _t_cdf(t_quantile_975(df), df) == pytest.approx(0.975, abs=2e-6)


def test_mean_and_interval_matches_the_formula():
    values = np.array([[1.0, 10.0], [2.0, 10.0], [4.0, 10.0]])
    mean, low, high = mean_and_interval(values, axis=0)
    half = t_quantile_975(2) * np.std([1, 2, 4], ddof=1) / np.sqrt(3)
    np.testing.assert_allclose(mean, [7 / 3, 10])
    np.testing.assert_allclose(low, [7 / 3 - half, 10])
    np.testing.assert_allclose(high, [7 / 3 + half, 10])


def test_one_replication_collapses_the_interval():
    mean, low, high = mean_and_interval(np.array([[3.0, 4.0]]), axis=0)
    np.testing.assert_array_equal(mean, low)
    np.testing.assert_array_equal(mean, high)


def test_the_engine_tests_its_t_quantiles_against_these():
    """The C++ side (Boost.Math) is tested against a table of t(0.975, df) in
    tests/unit/compare/test_effects.cpp; that table must be this module's values, so both sides
    share one source."""
    import re
    from pathlib import Path
    source = (Path(__file__).resolve().parents[2] / "tests/unit/compare/test_effects.cpp").read_text()
    table = source[source.index("// t-quantile table begin"):source.index("// t-quantile table end")]
    pairs = [(int(df), float(t)) for df, t in re.findall(r"\{(\d+),\s*([0-9.]+)\}", table)]
    assert [df for df, _ in pairs] == list(range(1, 31)) + [100]
    for df, t in pairs:
        assert t == pytest.approx(t_quantile_975(df), rel=1e-15, abs=0), df
