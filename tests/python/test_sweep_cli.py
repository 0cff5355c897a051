"""`kokeilu sweep` as a user meets it: the file it writes, bad sweeps (exit 2, file:line:column,
no output), an existing output kept without --force, Ctrl-C leaving nothing."""
import os
import signal
import subprocess
import time
from pathlib import Path

import h5py
import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
COMPARISON = DATA / "scenarios" / "comparison-small.yaml"
CASELOAD = "arms[pilot-2012-2015].design.services.coach.caseload"


@pytest.fixture(scope="module")
def kokeilu():
    binary = os.environ.get("KOKEILU_BIN")
    assert binary, "KOKEILU_BIN must name the built kokeilu CLI (ctest sets it)"
    return binary


def run(kokeilu, *args, timeout=300):
    return subprocess.run([kokeilu, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def test_sweep_writes_each_points_values_and_effects(kokeilu, tmp_path):
    out = tmp_path / "lhs.h5"
    result = run(kokeilu, "sweep", DATA / "sweeps" / "sweep-small-lhs.yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "3 points (latin-hypercube)" in result.stdout
    with h5py.File(out, "r") as f:
        meta = f["meta"].attrs
        assert meta["kind"] == "sweep" and meta["complete"] == 1 and meta["points"] == 3
        values = f["parameters/value"][:]
        assert values.shape == (3, 2)
        assert ((values[:, 0] >= 0.05) & (values[:, 0] < 0.08)).all()
        assert (values[:, 1] == np.round(values[:, 1])).all()
        mean, low, high = (f[f"effects/{n}"][:] for n in ("mean", "ci_low", "ci_high"))
        assert mean.shape == (3, 2, 2, len(f["groups/name"]), len(f["metrics/name"]))
        finite = np.isfinite(low) & np.isfinite(high)
        assert finite.any()
        assert (low[finite] <= mean[finite] + 1e-12).all() and (mean[finite] <= high[finite] + 1e-12).all()
        # Different matching efficiencies, different effects.
        assert not np.array_equal(mean[0], mean[1])
        assert [s.decode() for s in f["arm"][:]] == ["pilot-2012-2015", "pilot-2020-2022-half-caseload"]
    info = run(kokeilu, "info", out)
    assert info.returncode == 0, info.stderr
    assert "Kokeilu sweep file" in info.stdout and "latin-hypercube, 3 points" in info.stdout


def sweep_file(folder: Path, body: str) -> Path:
    path = folder / "sweep.yaml"
    path.write_text(f"comparison: {COMPARISON}\n{body}")
    return path


@pytest.mark.parametrize("body, needle, words", [
    (f"design: sobol\npoints: 4\nparameters:\n  - path: {CASELOAD}\n    range: [80, 40]\n", "[80, 40]",
     "the range is empty"),
    ("parameters:\n  - path: description\n    values: [1]\n", "description", "not a number"),
    (f"design: latin-hypercube\npoints: 20000\nparameters:\n  - path: {CASELOAD}\n    range: [40, 80]\n", "20000",
     "10000"),
])
def test_bad_sweeps_exit_2_with_the_place_and_no_file(kokeilu, tmp_path, body, needle, words):
    sweep = sweep_file(tmp_path, body)
    out = tmp_path / "out.h5"
    result = run(kokeilu, "sweep", sweep, "-o", out)
    assert result.returncode == 2, result.stderr
    text = sweep.read_text()
    line = text[:text.index(needle)].count("\n") + 1
    column = text.index(needle) - (text.rfind("\n", 0, text.index(needle)) + 1) + 1
    assert f"{sweep}:{line}:{column}:" in result.stderr
    assert words in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sweep.yaml"]


def test_existing_output_is_kept_without_force(kokeilu, tmp_path):
    out = tmp_path / "out.h5"
    out.write_bytes(b"precious")
    grid = DATA / "sweeps" / "sweep-small-grid.yaml"
    result = run(kokeilu, "sweep", grid, "-o", out)
    assert result.returncode == 2 and "--force" in result.stderr
    assert out.read_bytes() == b"precious"
    assert run(kokeilu, "sweep", grid, "-o", out, "--force").returncode == 0
    assert h5py.is_hdf5(out)


def test_interrupted_sweep_leaves_nothing(kokeilu, tmp_path):
    # 160 points: about 15 s at 1 thread (2026-12-03), far longer than the 1.5 s before the signal.
    sweep = sweep_file(tmp_path, f"design: sobol\npoints: 160\nparameters:\n  - path: {CASELOAD}\n"
                                 "    range: [40, 80]\n    integer: true\n")
    out = tmp_path / "out.h5"
    process = subprocess.Popen([kokeilu, "sweep", str(sweep), "-o", str(out), "--threads", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.fail("the sweep finished before it could be interrupted: give it more points")
    assert process.returncode == 130, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sweep.yaml"]
