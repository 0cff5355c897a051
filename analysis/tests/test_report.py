"""`python3 -m analysis report` writes a self-contained HTML page and its CSV tables."""
import re

import numpy as np
import pandas as pd
import pytest

from analysis import tables
from analysis.stats import t_quantile_975
from analysis.cli import main
from analysis.tests.conftest import run_cli

REPORT_CSV_COLUMNS = {
    "status_shares.csv": ["arm", "week", "week_start", "metric", "mean"],
    "effects_key_metrics.csv": ["arm", "week", "week_start", "group", "metric", "mean", "ci_low", "ci_high"],
    "activation_rate.csv": ["arm", "week", "week_start", "mean", "ci_low", "ci_high"],
    "costs_by_payer.csv": ["arm", "window", "first_week", "last_week", "metric", "total_mean", "total_ci_low",
                           "total_ci_high", "difference_mean", "difference_ci_low", "difference_ci_high"],
    "effects_by_group.csv": ["point", "arm", "week", "week_start", "group", "metric", "mean", "ci_low", "ci_high",
                             "baseline_level", "arm_level"],
    "displacement.csv": ["arm", "point", "week", "week_start", "metric", "unit", "target_persons", "target_mean",
                         "target_ci_low", "target_ci_high", "non_target_persons", "non_target_mean",
                         "non_target_ci_low", "non_target_ci_high", "reading"],
    "transitions.csv": ["arm", "replication", "from_status", "to_status", "count", "row_share"],
    "cost_effectiveness.csv": ["arm", "group", "replications", "extra_cost_mean", "extra_cost_ci_low",
                               "extra_cost_ci_high", "extra_work_weeks_mean",
                               "extra_work_weeks_ci_low", "extra_work_weeks_ci_high",
                               "icer_eur_per_week", "icer_ci_low", "icer_ci_high", "icer_status", "quadrant"],
    "cost_effectiveness_plane.csv": ["arm", "replication", "extra_cost_eur", "extra_work_weeks"],
}


@pytest.fixture(scope="module")
def report_directory(tmp_path_factory, comparison_file):
    directory = tmp_path_factory.mktemp("report") / "report"
    completed = run_cli("report", comparison_file, "-o", directory)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == "", completed.stderr
    return directory


def test_report_is_self_contained(report_directory):
    page = (report_directory / "report.html").read_text(encoding="utf-8")
    sources = re.findall(r'src="([^"]*)"', page)
    assert len(sources) >= 4
    assert all(s.startswith("data:image/png;base64,") for s in sources)
    assert 'src="http' not in page and "<link" not in page and "<script" not in page
    assert not re.search(r'href="(?!#)', page)


def test_report_says_what_was_compared(report_directory):
    page = (report_directory / "report.html").read_text(encoding="utf-8")
    for text in ("synthetic-small", "comparison.h5", "baseline", "pilot_2012", "pilot_2020",
                 "2 times", "95 %", "weeks 4\u201313", "6 weeks of follow-up"):
        assert text in page, text
    for heading in ("Key results", "Status shares", "Effects over time", "Activation rate", "Costs by payer",
                    "Cost-effectiveness", "Effects by group", "Displacement", "Transitions", "About these numbers"):
        assert f"<h2>{heading}" in page, heading
    assert "a sign of displacement" in page


def test_report_writes_the_tables_with_their_columns(report_directory):
    for name, columns in REPORT_CSV_COLUMNS.items():
        frame = pd.read_csv(report_directory / name)
        assert list(frame.columns) == columns, name
        assert len(frame) > 0, name
    assert sorted(p.name for p in report_directory.iterdir()) == sorted([*REPORT_CSV_COLUMNS, "report.html"])


def test_report_tables_hold_the_right_numbers(report_directory, comparison):
    shares = pd.read_csv(report_directory / "status_shares.csv")
    assert set(shares["metric"]) == set(tables.share_metrics(comparison))
    assert "activation_rate" not in set(shares["metric"])
    row = shares[(shares.arm == "baseline") & (shares.week == 0) & (shares.metric == "open_employment")]
    assert row["mean"].iloc[0] == pytest.approx(0.4005)  # 0.40, replications +0 and +0.001

    costs = pd.read_csv(report_directory / "costs_by_payer.csv")
    pilot = costs[(costs.window == "pilot") & (costs.metric == "cost_total_eur")].set_index("arm")
    assert (pilot["first_week"] == 4).all() and (pilot["last_week"] == 13).all()
    # 10 pilot weeks of 29,000 plus a replication step of 35 (mean 17.5)
    assert pilot.at["baseline", "total_mean"] == pytest.approx(10 * 29017.5)
    # pilot_2020: lift 250 x arm 2 x (1 + r / 20), mean factor 1.025, over 10 weeks
    assert pilot.at["pilot_2020", "difference_mean"] == pytest.approx(10 * 250 * 2 * 1.025)
    assert pilot.at["baseline", "difference_mean"] == 0
    follow = costs[(costs.window == "whole_run") & (costs.metric == "cost_total_eur")].set_index("arm")
    assert (follow["first_week"] == 0).all() and (follow["last_week"] == 19).all()
    assert follow.at["pilot_2020", "difference_mean"] == pytest.approx(16 * 250 * 2 * 1.025)

    by_group = pd.read_csv(report_directory / "effects_by_group.csv")
    assert set(by_group["point"]) == {"pilot_end", "end"}
    assert set(by_group.loc[by_group["point"] == "pilot_end", "week"]) == {13}
    assert set(by_group.loc[by_group["point"] == "end", "week"]) == {19}

    moves = pd.read_csv(report_directory / "transitions.csv")
    assert set(moves["arm"]) == set(comparison.arms) and set(moves["replication"]) == {0}


def test_activation_interval_is_across_replications(report_directory):
    levels = pd.read_csv(report_directory / "activation_rate.csv")
    row = levels[(levels.arm == "baseline") & (levels.week == 0)].iloc[0]
    values = np.array([0.22, 0.222])
    half = t_quantile_975(1) * values.std(ddof=1) / np.sqrt(2)
    assert (row["mean"], row["ci_low"], row["ci_high"]) == pytest.approx((0.221, 0.221 - half, 0.221 + half))


def test_displacement_is_said_in_words(comparison):
    frame = tables.displacement(comparison)
    row = frame[(frame.arm == "pilot_2012") & (frame.point == "pilot_end") & (frame.metric == "open_employment")].iloc[0]
    assert row["non_target_mean"] < 0 < row["target_mean"]
    assert "sign of displacement" in row["reading"]
    assert "outside its target group" in row["reading"]


def test_a_previous_report_is_replaced(tmp_path, comparison_file):
    directory = tmp_path / "report"
    assert main(["report", str(comparison_file), "-o", str(directory), "-q"]) == 0
    (directory / "report.html").write_text("old")
    assert main(["report", str(comparison_file), "-o", str(directory), "-q"]) == 0
    assert (directory / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_a_directory_with_other_files_needs_force(tmp_path, comparison_file, capsys):
    directory = tmp_path / "report"
    directory.mkdir()
    (directory / "mine.txt").write_text("keep me")
    assert main(["report", str(comparison_file), "-o", str(directory), "-q"]) == 2
    assert "--force" in capsys.readouterr().err
    assert (directory / "mine.txt").exists()
    assert main(["report", str(comparison_file), "-o", str(directory), "-q", "--force"]) == 0
    assert (directory / "report.html").exists() and not (directory / "mine.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_help_describes_each_command():
    for command in ("report", "export"):
        completed = run_cli(command, "--help")
        assert completed.returncode == 0
        assert "OUT.h5" in completed.stdout and "--force" in completed.stdout
