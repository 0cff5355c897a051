"""The sweep report: a sweep file (docs/sweep-schema.md) is recognised by its kind, read into tidy
tables, and drawn as each effect against each swept parameter."""
import subprocess
import sys

import h5py
import numpy as np
import pandas as pd
import pytest

from analysis.errors import KokeiluFileError
from analysis.kinds import kind_of, open_output
from analysis.sweep_report import SweepFile, open_sweep, sweep_effects, sweep_points, write_sweep_report

PATHS = ["region.markets[a].matching_efficiency", "arms[pilot].design.services.coach.caseload"]
ARMS = ["pilot", "other"]
MOMENTS = ["end_of_pilot", "end_of_follow_up"]
GROUPS = ["everyone", "target:pilot"]
METRICS = ["open_employment", "unemployment", "activation_rate", "cost_total_eur"]
UNITS = ["share", "share", "share", "EUR"]


def write_sweep(path, complete=1, points=5):
    rng = np.random.default_rng(3)
    shape = (points, len(ARMS), len(MOMENTS), len(GROUPS), len(METRICS))
    mean = rng.normal(size=shape) * 0.01
    strings = h5py.string_dtype()
    with h5py.File(path, "w") as f:
        meta = f.create_group("meta")
        meta.attrs.update(kind="sweep", complete=complete, schema_version=1, design="latin-hypercube",
                          points=points, replications=3, baseline_arm="baseline", comparison_name="synthetic",
                          comparison_file="c.yaml", created_utc="2026-12-01T00:00:00Z", engine_version="test")
        f["parameters/path"] = np.array(PATHS, dtype=object).astype(strings)
        f["parameters/value"] = np.column_stack([np.linspace(0.05, 0.08, points), np.arange(points) * 10.0 + 30])
        f["arm"] = np.array(ARMS, dtype=object).astype(strings)
        f["moment"] = np.array(MOMENTS, dtype=object).astype(strings)
        f["groups/name"] = np.array(GROUPS, dtype=object).astype(strings)
        f["metrics/name"] = np.array(METRICS, dtype=object).astype(strings)
        f["metrics/unit"] = np.array(UNITS, dtype=object).astype(strings)
        f["effects/mean"] = mean
        f["effects/ci_low"] = mean - 0.005
        f["effects/ci_high"] = mean + 0.005
    return mean


def test_a_sweep_file_is_recognised_and_read(tmp_path):
    path = tmp_path / "sweep.h5"
    mean = write_sweep(path)
    assert kind_of(path) == "sweep"
    sweep = open_output(path)
    assert isinstance(sweep, SweepFile)
    assert sweep.parameters == PATHS and sweep.arms == ARMS
    effects = sweep_effects(sweep)
    assert len(effects) == mean.size
    row = effects[(effects.point == 3) & (effects.arm == "other") & (effects.moment == "end_of_follow_up")
                  & (effects.group == "target:pilot") & (effects.metric == "unemployment")]
    assert row["mean"].item() == mean[3, 1, 1, 1, 1]
    assert row["parameter_2"].item() == 60.0
    assert row["unit"].item() == "share"
    points = sweep_points(sweep)
    assert list(points.columns) == ["point", "parameter", "path", "value"]
    assert points[(points.point == 4) & (points.parameter == "parameter_1")]["value"].item() == pytest.approx(0.08)


def test_an_incomplete_sweep_is_refused(tmp_path):
    path = tmp_path / "sweep.h5"
    write_sweep(path, complete=0)
    with pytest.raises(KokeiluFileError, match="incomplete"):
        open_sweep(path)


def test_the_report_draws_effects_against_each_parameter(tmp_path):
    path = tmp_path / "sweep.h5"
    write_sweep(path)
    report = write_sweep_report(open_sweep(path), tmp_path)
    page = report.read_text()
    assert page.count("<img") == 2  # end of the pilot, end of follow-up
    assert "matching_efficiency" in page and "caseload" in page
    assert pd.read_csv(tmp_path / "sweep_effects.csv").shape[0] == 5 * 2 * 2 * 2 * 4


def test_the_report_command_takes_a_sweep_file(tmp_path):
    path = tmp_path / "sweep.h5"
    write_sweep(path)
    out = tmp_path / "report"
    result = subprocess.run([sys.executable, "-m", "analysis", "report", str(path), "-o", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "sweep_effects.csv", "sweep_points.csv"]


def test_the_report_speaks_finnish_when_asked(tmp_path):
    path = tmp_path / "sweep.h5"
    write_sweep(path)
    (tmp_path / "en").mkdir()
    (tmp_path / "fi").mkdir()
    english = write_sweep_report(open_sweep(path), tmp_path / "en").read_text()
    finnish = write_sweep_report(open_sweep(path), tmp_path / "fi", lang="fi").read_text()
    assert '<html lang="fi">' in finnish and "Kokeilun päättyessä" in finnish and "Parametripisteet" in finnish
    assert "At the end of the pilot" not in finnish and "At the end of the pilot" in english
    assert "0,08" in finnish and "0.08" in english  # the swept values with the language's decimal sign
    # The tables are the same in every language.
    assert (tmp_path / "en" / "sweep_effects.csv").read_bytes() == (tmp_path / "fi" / "sweep_effects.csv").read_bytes()
