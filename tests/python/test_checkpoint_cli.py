"""Checkpoints from the command line (docs/checkpoint.md): `run --checkpoint-at/--from`,
`--checkpoint-every/--resume` after an interrupt, `compare --from/--checkpoint`, and the inputs
that are refused (exit 2, no output file)."""
import hashlib
import os
import signal
import subprocess
import time

import h5py
import numpy as np
import pytest

from test_cli import comparison_file, kokeilu, run, small_scenario  # noqa: F401 (kokeilu: fixture)

FIXED_TIME = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")


def run_fixed(kokeilu, *args):
    """Runs the CLI with a fixed clock, so that identical runs write identical bytes."""
    return subprocess.run([kokeilu, *map(str, args)], capture_output=True, text=True, timeout=300, env=FIXED_TIME)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def datasets(path):
    values = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, obj: values.__setitem__(name, obj[()]) if isinstance(obj, h5py.Dataset) else None)
    return values


def assert_same_datasets(a, b):
    x, y = datasets(a), datasets(b)
    assert x.keys() == y.keys()
    different = [k for k in x if not np.array_equal(x[k], y[k])]
    assert different == []


def test_run_from_a_checkpoint_ends_with_the_uninterrupted_file(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path)
    plain, first, second = tmp_path / "plain.h5", tmp_path / "first.h5", tmp_path / "second.h5"
    checkpoint = tmp_path / "ck.h5"
    assert run_fixed(kokeilu, "run", scenario, "-o", plain).returncode == 0
    # Inside the reported period: the checkpoint keeps the output so far.
    result = run_fixed(kokeilu, "run", scenario, "-o", first, "--checkpoint", checkpoint, "--checkpoint-at", "2013-02-06")
    assert result.returncode == 0, result.stderr
    with h5py.File(checkpoint, "r") as f:
        meta = f["checkpoint"].attrs
        assert meta["kind"] == "kokeilu-checkpoint" and meta["week_start"] == "2013-02-04"
        assert f["record/statuses"].shape[0] == meta["week"] - meta["history_weeks"] == 22
    info = run(kokeilu, "info", checkpoint)
    assert info.returncode == 0, info.stderr
    assert "Kokeilu checkpoint" in info.stdout and "2013-02-04" in info.stdout and "22 reported weeks" in info.stdout
    result = run_fixed(kokeilu, "run", scenario, "--from", checkpoint, "-o", second)
    assert result.returncode == 0, result.stderr
    assert digest(second) == digest(first)          # the same bytes
    assert_same_datasets(second, plain)             # the same values as a run without checkpoints
    # In the history: the continued run's file is the plain run's, byte for byte.
    early = tmp_path / "early.h5"
    result = run_fixed(kokeilu, "run", scenario, "-o", tmp_path / "third.h5", "--checkpoint", early,
                       "--checkpoint-at", "2012-01-10")
    assert result.returncode == 0, result.stderr
    assert run_fixed(kokeilu, "run", scenario, "--from", early, "-o", tmp_path / "fourth.h5").returncode == 0
    assert digest(tmp_path / "fourth.h5") == digest(plain)


def test_resume_after_an_interrupt_ends_with_the_uninterrupted_file(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path, persons=30_000, end="2014-12-31")
    checkpoint, out = tmp_path / "ck.h5", tmp_path / "out.h5"
    options = ["--checkpoint", checkpoint, "--checkpoint-every", "130", "--threads", "1"]
    process = subprocess.Popen([kokeilu, "run", scenario, "-o", out, *map(str, options)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=FIXED_TIME)
    while not checkpoint.exists() and process.poll() is None:
        time.sleep(0.002)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=300)
    if process.returncode == 0:
        pytest.fail("the run finished before it could be interrupted: make its input larger")
    assert process.returncode == 130, stderr
    assert "--resume" in stderr and "ck.h5" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ck.h5", "scenario.yaml"]  # no output

    result = run_fixed(kokeilu, "run", scenario, "-o", out, *options, "--resume")
    assert result.returncode == 0, result.stderr
    assert "Continued from" in result.stdout and "(the state at 2013-03-04)" in result.stdout
    uninterrupted = tmp_path / "uninterrupted.h5"
    result = run_fixed(kokeilu, "run", scenario, "-o", uninterrupted, *options[:-2], "--force", "--threads", "2")
    assert result.returncode == 0, result.stderr
    assert digest(out) == digest(uninterrupted)
    # --resume without a checkpoint yet starts from the beginning.
    fresh = tmp_path / "fresh.h5"
    result = run_fixed(kokeilu, "run", scenario, "-o", fresh, "--checkpoint", tmp_path / "new.h5",
                       "--checkpoint-every", "130", "--resume")
    assert result.returncode == 0, result.stderr
    assert "Continued from" not in result.stdout
    assert digest(fresh) == digest(uninterrupted)


def test_compare_branches_from_a_checkpoint_of_its_history(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path)
    comparison = comparison_file(tmp_path, scenario)
    plain, branched = tmp_path / "plain.h5", tmp_path / "branched.h5"
    written = tmp_path / "written.h5"
    result = run_fixed(kokeilu, "compare", comparison, "-o", plain, "--checkpoint", written)
    assert result.returncode == 0, result.stderr
    # A checkpoint of `run` at the comparison's run.start (the same region, seed, history).
    from_run = tmp_path / "from-run.h5"
    result = run_fixed(kokeilu, "run", scenario, "-o", tmp_path / "run.h5", "--checkpoint", from_run,
                       "--checkpoint-at", "2012-09-03")
    assert result.returncode == 0, result.stderr
    for checkpoint in (written, from_run):
        result = run_fixed(kokeilu, "compare", comparison, "--from", checkpoint, "-o", branched, "--force")
        assert result.returncode == 0, result.stderr
        assert digest(branched) == digest(plain)


def refused(kokeilu, tmp_path, *args, words):
    out = tmp_path / "refused.h5"
    result = run(kokeilu, *args, "-o", out)
    assert result.returncode == 2, result.stderr
    for word in words:
        assert word in result.stderr
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".refused.h5")]


def test_checkpoints_that_do_not_fit_are_refused(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path)
    output, checkpoint = tmp_path / "out.h5", tmp_path / "ck.h5"
    result = run(kokeilu, "run", scenario, "-o", output, "--checkpoint", checkpoint, "--checkpoint-at", "2013-02-06")
    assert result.returncode == 0, result.stderr

    refused(kokeilu, tmp_path, "run", scenario, "--from", output, words=["not a Kokeilu checkpoint"])
    refused(kokeilu, tmp_path, "run", scenario, "--from", scenario, words=["not a Kokeilu checkpoint"])
    refused(kokeilu, tmp_path, "run", scenario, "--from", tmp_path / "none.h5", words=["does not exist"])
    truncated = tmp_path / "truncated.h5"
    truncated.write_bytes(checkpoint.read_bytes()[: checkpoint.stat().st_size // 2])
    refused(kokeilu, tmp_path, "run", scenario, "--from", truncated, words=["checkpoint", "truncated"])
    refused(kokeilu, tmp_path, "run", scenario, "--from", checkpoint, "--seed", "8",
            words=["another scenario history", "seed"])
    # A comparison branches at its run.start: a checkpoint inside the reported period is too late.
    comparison = comparison_file(tmp_path, scenario)
    refused(kokeilu, tmp_path, "compare", comparison, "--from", checkpoint, words=["after the comparison's arms branch"])
    # Usage: a checkpoint path without a time, a time without a path, an existing checkpoint.
    refused(kokeilu, tmp_path, "run", scenario, "--checkpoint", tmp_path / "x.h5", words=["--checkpoint-at"])
    refused(kokeilu, tmp_path, "run", scenario, "--checkpoint-every", "10", words=["needs --checkpoint"])
    refused(kokeilu, tmp_path, "run", scenario, "--checkpoint", checkpoint, "--checkpoint-every", "10",
            words=["exists"])
    refused(kokeilu, tmp_path, "run", scenario, "--checkpoint", tmp_path / "x.h5", "--checkpoint-at", "2030-01-01",
            words=["outside the simulated weeks"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["scenario.yaml", "comparison.yaml", "out.h5", "ck.h5", "truncated.h5"])
