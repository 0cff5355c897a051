"""`report` on a single-run file (kind "run")."""
import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import measures, run_report
from analysis.tests.conftest import run_cli


def test_open_output_tells_the_kinds_apart(run_file, comparison_file):
    assert isinstance(analysis.open_output(run_file), analysis.RunFile)
    assert isinstance(analysis.open_output(comparison_file), analysis.Comparison)


def test_activation_rate_is_one_definition():
    np.testing.assert_array_equal(measures.activation_rate([1, 0, 3], [3, 0, 0]), [0.25, np.nan, 1.0])


def test_run_tables_hold_the_file_numbers(run_file):
    run = analysis.open_run(run_file)
    shares = run_report.status_shares(run)
    week5 = shares[(shares.week == 5) & (shares.status == "training")].iloc[0]
    assert week5["persons"] == 3 + 5 and week5["share"] == pytest.approx(8 / 140)
    rates = run_report.activation_rates(run).set_index(["week", "area"])["activation_rate"]
    # Pori week 0: in services 2 + 3 + 1 + 0 = 6, unemployed 10
    assert rates[(0, "Pori")] == pytest.approx(6 / 16)
    assert rates[(0, "region")] == pytest.approx(6 / 21)
    costs = run_report.costs_by_payer(run).set_index(["area", "payer"])["total_eur"]
    assert costs[("region", "kela")] == pytest.approx(6 * 2 * 300)
    assert costs[("Ulvila", "total")] == pytest.approx(6 * 1000)
    assert costs[("region", "municipal_copayment")] == pytest.approx(6 * 2 * 10)


def test_report_of_a_run(tmp_path, run_file):
    completed = run_cli("report", run_file, "-o", tmp_path / "r")
    assert completed.returncode == 0, completed.stderr
    page = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "Kokeilu run: synthetic-run" in page and "3 September 2012 to 12 October 2012" in page
    assert "caseload 550" in page and "the TE office" in page
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == sorted(["report.html", *run_report.RUN_REPORT_TABLES])
    municipalities = pd.read_csv(tmp_path / "r" / "run_municipalities.csv")
    assert list(municipalities["persons_at_start"]) == [100, 40]
