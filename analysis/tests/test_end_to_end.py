"""The real engine writes a comparison that this package reads and reports.

Needs the built CLI in KOKEILU_BIN (ctest sets it). Without it the test FAILS rather than skips,
so that CI cannot pass without running it.
"""
import os
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

import analysis
from analysis import schema
from analysis.tests import schema_doc
from analysis.tests.conftest import REPOSITORY_ROOT, run_cli

SCENARIO = REPOSITORY_ROOT / "tests" / "data" / "scenarios" / "comparison-small.yaml"


@pytest.fixture(scope="module")
def engine_run(tmp_path_factory) -> dict:
    """Runs `kokeilu compare` once for the module: {"output": path} or {"failure": reason}.
    The failure is reported by each test (as FAILED, not as a fixture error or a skip)."""
    binary = os.environ.get("KOKEILU_BIN")
    if not binary:
        return {"failure": "KOKEILU_BIN is not set: point it at the built `kokeilu` executable "
                           "(ctest sets it; e.g. KOKEILU_BIN=build/engine/cli/kokeilu)"}
    if not Path(binary).exists():
        return {"failure": f"KOKEILU_BIN={binary} does not exist"}
    if not SCENARIO.exists():
        return {"failure": f"{SCENARIO} is missing"}
    output = tmp_path_factory.mktemp("engine") / "tmp" / "out.h5"
    output.parent.mkdir()
    completed = subprocess.run([binary, "compare", str(SCENARIO), "-o", str(output)], cwd=REPOSITORY_ROOT,
                               capture_output=True, text=True, timeout=900)
    if completed.returncode != 0:
        return {"failure": f"kokeilu compare failed ({completed.returncode}):\n{completed.stdout}\n{completed.stderr}"}
    return {"output": output}


def engine_output_of(engine_run: dict) -> Path:
    """The engine's file, or a test failure (inside the test, so it counts as FAILED)."""
    if "failure" in engine_run:
        pytest.fail(engine_run["failure"], pytrace=False)
    return engine_run["output"]


def test_engine_file_follows_the_schema(engine_run):
    engine_output = engine_output_of(engine_run)
    comparison = analysis.open_comparison(engine_output)
    assert comparison.arms[0] == comparison.baseline_arm and len(comparison.arms) >= 2
    assert [(n, u) for n, u in zip(comparison.metric_names, comparison.metric_units)] == schema_doc.metrics()
    leading = schema_doc.leading_groups()
    assert comparison.groups[: len(leading)] == leading
    for arm in comparison.treatment_arms:
        assert f"target:{arm}" in comparison.groups and f"non_target:{arm}" in comparison.groups
    assert len(comparison.week_start) == comparison.weeks

    shares = comparison.metrics(metrics=[n for n, u in zip(comparison.metric_names, comparison.metric_units)
                                         if u == "share"])
    values = shares["value"].to_numpy()
    finite = values[np.isfinite(values)]
    assert finite.size and finite.min() >= 0 and finite.max() <= 1 + 1e-9

    # The people table holds everyone the comparison held; the groups count those in the
    # population in week 0 (the population is open: entry_week / exit_week say who is in).
    people = comparison.people()
    everyone = comparison.groups_table().set_index("group").at["everyone", "persons"]
    assert ((people["entry_week"] == 0) & (people["exit_week"] > 0)).sum() == everyone < len(people)


def test_engine_effects_are_paired_differences(engine_run):
    engine_output = engine_output_of(engine_run)
    comparison = analysis.open_comparison(engine_output)
    baseline = comparison.metric_values(comparison.baseline_arm)
    for arm in comparison.treatment_arms:
        effects = comparison.effect_values(arm)
        expected = (comparison.metric_values(arm) - baseline).mean(axis=0)
        np.testing.assert_allclose(effects["mean"], expected, rtol=1e-9, atol=1e-9, equal_nan=True)
        ok = np.isfinite(effects["mean"])
        assert (effects["ci_low"][ok] <= effects["mean"][ok] + 1e-9).all()
        assert (effects["ci_high"][ok] >= effects["mean"][ok] - 1e-9).all()


def test_engine_cost_per_work_week_is_the_analysis_ratio_of_means(engine_run):
    """The file's cost_per_additional_employment_week[_ci_low, _ci_high] (C++, Boost's t) are the
    ratio of means and Fieller bounds that analysis/cost_effectiveness.py computes (scipy's t)."""
    import h5py
    engine_output = engine_output_of(engine_run)
    comparison = analysis.open_comparison(engine_output)
    table = comparison.cost_effectiveness()
    assert len(table)
    with h5py.File(engine_output, "r") as f:
        for row in table.itertuples():
            g = comparison.groups.index(row.group)
            effects = f["effects"][row.arm]
            engine = [effects[name][g] for name in ("cost_per_additional_employment_week",
                                                    "cost_per_additional_employment_week_ci_low",
                                                    "cost_per_additional_employment_week_ci_high")]
            np.testing.assert_allclose(engine, [row.icer_eur_per_week, row.icer_ci_low, row.icer_ci_high],
                                       rtol=1e-9, atol=1e-6, equal_nan=True, err_msg=f"{row.arm} {row.group}")


def test_engine_trajectory_and_transitions(engine_run):
    engine_output = engine_output_of(engine_run)
    comparison = analysis.open_comparison(engine_output)
    transitions = comparison.transitions(comparison.baseline_arm, 0)
    assert (transitions["count"].to_numpy() >= 0).all()
    try:
        status, names = comparison.trajectory(comparison.baseline_arm, 0)
    except analysis.ComparisonFileError:
        return  # written without trajectories
    assert status.shape == (comparison.persons, comparison.weeks)
    inside = status != schema.OUTSIDE_POPULATION_CODE
    assert status[inside].max() < len(names) and inside.any() and not inside.all()


def test_engine_file_reports(engine_run, tmp_path):
    engine_output = engine_output_of(engine_run)
    completed = run_cli("report", engine_output, "-o", tmp_path / "report", "-q")
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == "", "a report prints no warnings (matplotlib's date locator warned here)"
    page = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    assert all(s.startswith("data:image/png;base64,") for s in re.findall(r'src="([^"]*)"', page))
    completed = run_cli("export", engine_output, "-o", tmp_path / "csv")
    assert completed.returncode == 0, completed.stderr


def _run_scenario_from_the_comparison(directory: Path) -> Path:
    """A run scenario made from the small comparison's region: its baseline only, to 2015-06-30."""
    import yaml
    spec = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
    for key in ("pilot_period", "follow_up_weeks", "replications", "arms"):
        spec.pop(key, None)
    for key in ("behaviour", "benefits", "baseline_design"):
        spec[key] = str((SCENARIO.parent / spec[key]).resolve())
    spec["name"] = "run-small"
    spec["run"] = {"seed": spec["run"]["seed"], "start": spec["run"]["start"], "end": "2015-06-30"}
    path = directory / "run-small.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def test_engine_run_file_reports(tmp_path):
    binary = os.environ.get("KOKEILU_BIN")
    if not binary:
        pytest.fail("KOKEILU_BIN is not set", pytrace=False)
    output = tmp_path / "run.h5"
    completed = subprocess.run([binary, "run", str(_run_scenario_from_the_comparison(tmp_path)), "-o", str(output)],
                               capture_output=True, text=True, timeout=900)
    assert completed.returncode == 0, completed.stderr
    run = analysis.open_run(output)
    from analysis import run_report
    rates = run_report.activation_rates(run)
    import h5py
    with h5py.File(output, "r") as f:
        from_file = f["weekly/activation_rate"][()]
    ours = rates[rates["area"] != "region"]["activation_rate"].to_numpy().reshape(from_file.shape)
    np.testing.assert_allclose(ours, from_file, rtol=1e-12, equal_nan=True)
    completed = run_cli("report", output, "-o", tmp_path / "report")
    assert completed.returncode == 0, completed.stderr
    assert "Kokeilu run: run-small" in (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
