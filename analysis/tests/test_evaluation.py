"""The evaluator's view: difference-in-differences on municipal panels, placebo tests, and the
true effect beside them (analysis/evaluation.py)."""
import numpy as np
import pandas as pd
import pytest

from analysis import evaluation


def panel_with_effect(effect: float, treated_count: int = 8, municipalities: int = 24, months: int = 36,
                      pilot_month: int = 24, noise: float = 0.002, seed: int = 5) -> tuple[pd.DataFrame, list, pd.Period]:
    """Municipal unemployment shares with municipality and month effects, and `effect` added in the
    treated municipalities from `pilot_month` on."""
    rng = np.random.default_rng(seed)
    names = [f"M{i:02d}" for i in range(municipalities)]
    periods = pd.period_range("2010-01", periods=months, freq="M")
    level = rng.uniform(0.05, 0.15, municipalities)
    season = 0.01 * np.sin(np.arange(months) / 12 * 2 * np.pi) - 0.0005 * np.arange(months)
    rows = []
    for i, name in enumerate(names):
        for t, month in enumerate(periods):
            value = level[i] + season[t] + rng.normal(0, noise)
            if i < treated_count and t >= pilot_month:
                value += effect
            rows.append({"municipality": name, "month": month, "persons": 1000 + 100 * i,
                         "unemployment": value, "activation_rate": 0.2})
    return pd.DataFrame(rows), names[:treated_count], periods[pilot_month]


def test_did_recovers_a_known_effect():
    panel, treated, start = panel_with_effect(-0.01)
    est = evaluation.difference_in_differences(panel, "unemployment", treated, start)
    assert est.estimate == pytest.approx(-0.01, abs=0.0015)
    assert est.ci_low < -0.01 < est.ci_high
    assert est.detects
    assert (est.municipalities, est.treated, est.months) == (24, 8, 36)


def test_did_finds_nothing_where_there_is_nothing():
    panel, treated, start = panel_with_effect(0.0)
    est = evaluation.difference_in_differences(panel, "unemployment", treated, start)
    assert est.ci_low < 0 < est.ci_high
    assert not est.detects


def test_months_after_the_pilot_are_left_out():
    panel, treated, start = panel_with_effect(-0.01)
    # After month 30 the treated municipalities jump: a DiD ending at month 29 must not see it.
    late = panel["month"] >= pd.Period("2012-07", freq="M")
    panel.loc[late & panel["municipality"].isin(treated), "unemployment"] += 0.05
    est = evaluation.difference_in_differences(panel, "unemployment", treated, start, pd.Period("2012-06", freq="M"))
    assert est.estimate == pytest.approx(-0.01, abs=0.0015)


def test_placebos_before_the_pilot_find_nothing():
    panel, treated, start = panel_with_effect(-0.01)
    placebo = evaluation.placebo_tests(panel, "unemployment", treated, start, count=3)
    assert len(placebo) == 3
    assert (placebo["placebo_start"] < start).all()
    assert placebo["estimate"].abs().max() < 0.003
    # A pre-existing divergence (treated municipalities trending apart) is what placebos catch.
    trend = panel.copy()
    is_treated = trend["municipality"].isin(treated)
    month_index = (trend["month"] - pd.Period("2010-01", freq="M")).apply(lambda d: d.n)
    trend.loc[is_treated, "unemployment"] += 0.002 * month_index[is_treated]
    caught = evaluation.placebo_tests(trend, "unemployment", treated, start, count=3)
    assert caught["detects"].all()


def test_bad_panels_are_refused():
    panel, treated, start = panel_with_effect(0.0)
    with pytest.raises(ValueError, match="not in the panel"):
        evaluation.difference_in_differences(panel, "unemployment", ["Nowhere"], start)
    with pytest.raises(ValueError, match="treated and untreated"):
        evaluation.difference_in_differences(panel, "unemployment", sorted(panel["municipality"].unique()), start)
    with pytest.raises(ValueError, match="before and after"):
        evaluation.difference_in_differences(panel, "unemployment", treated, pd.Period("2009-01", freq="M"))


def test_the_view_of_a_comparison_file(comparison, design):
    """The synthetic file gives every municipality the same lift (lift x arm x (1 + r/20) from the
    pilot's start): the true effect on Pori is that lift, while a DiD of Pori against Ulvila sees
    nothing, as it would with complete spillover."""
    view = evaluation.evaluator_view(comparison, "pilot_2012", ["Pori"], outcomes=["unemployment"])
    assert list(view["replication"]) == list(range(design.replications))
    for r, row in view.iterrows():
        assert row["true_effect"] == pytest.approx(-0.03 * 1 * (1 + r / 20))
        assert row["did_estimate"] == pytest.approx(0.0, abs=1e-9)
        assert not row["detects"] and not row["covers_truth"]
    panel = evaluation.municipality_panel(comparison, "baseline", 0, ["unemployment"])
    assert set(panel["municipality"]) == set(design.municipalities)
    assert panel.groupby("municipality").size().tolist() == [panel["month"].nunique()] * 2


def test_the_evaluate_command(comparison_file, tmp_path, capsys):
    from analysis.cli import main
    out = tmp_path / "evaluation.csv"
    assert main(["evaluate", str(comparison_file), "--arm", "pilot_2012", "--treated", "Pori", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "pilot in 1 of 2 municipalities (Pori)" in printed
    assert "-3.00 pp" in printed  # the true effect of replication 0
    table = pd.read_csv(out)
    assert len(table) == 2 * 2  # replications x outcomes
    # No area in the file and none given: a clear message, exit 2.
    assert main(["evaluate", str(comparison_file), "--arm", "pilot_2012"]) == 2
    assert "has no `area`" in capsys.readouterr().err
    assert main(["evaluate", str(comparison_file), "--arm", "nonsense", "--treated", "Pori"]) == 2
    assert main(["evaluate", str(comparison_file), "--arm", "pilot_2012", "--treated", "Atlantis"]) == 2
    assert "not in the panel" in capsys.readouterr().err


def test_a_missing_package_is_named_not_blamed_on_the_file(comparison_file, tmp_path, capsys, monkeypatch):
    """statsmodels absent (a machine set up without tools/setup): the message names the Debian
    package and the exit status is 3, not the damaged-file status 2."""
    import sys
    from analysis.cli import main
    for name in [n for n in sys.modules if n == "statsmodels" or n.startswith("statsmodels.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "statsmodels", None)  # `import statsmodels...` now fails
    out = tmp_path / "did.csv"
    assert main(["evaluate", str(comparison_file), "--arm", "pilot_2012", "--treated", "Pori", "-o", str(out)]) == 3
    error = capsys.readouterr().err
    assert "python3-statsmodels" in error and "damaged" not in error
    assert not out.exists()
