"""Regression cases as data: run a scenario with the built CLI, reduce the run file to a few
quarterly summary series, compare them with the expected values stored in the case file.

A case is tests/regression/<name>.yaml (see README.md beside this file). This module is shared
by the pytest runner (tests/python/test_regression.py) and by regenerate.py; it needs
/usr/bin/python3 with h5py, numpy and PyYAML.
"""
from __future__ import annotations

import dataclasses
import math
import os
import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import yaml

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))  # analysis/ without installing it (regenerate.py runs from anywhere)
from analysis import measures  # noqa: E402  the one definition of the activation rate

CASES_DIR = pathlib.Path(__file__).resolve().parent

QUARTER_WEEKS = 13

# Series of a case, in the order they are written. Shares are compared with an absolute
# tolerance, euros with a relative one.
SHARE_SERIES = ("employment_share", "unemployment_share", "long_term_share_of_unemployed", "activation_rate")
EUR_SERIES = ("copayment_eur_quarter",)
SERIES = SHARE_SERIES + EUR_SERIES

# The run file names its status axis in an attribute; in services are the statuses the analysis
# counts so (analysis/measures.py in_service_statuses).
EMPLOYED = ("employed", "subsidised_job")


class CaseError(Exception):
    """A case file that cannot be used as written."""


@dataclasses.dataclass
class Tolerance:
    shares: float  # absolute, on shares (0.002 = 0.2 percentage points)
    eur: float     # relative, on euros (0.01 = 1 %) ...
    eur_floor: float  # ... of max(|expected|, eur_floor) EUR, so a zero bill has a tolerance too


@dataclasses.dataclass
class Case:
    name: str
    path: pathlib.Path
    scenario: pathlib.Path
    seed: int | None
    threads: int
    tolerance: Tolerance
    expected: list[dict]


def case_paths(names=None) -> list[pathlib.Path]:
    """The case files, sorted; only those named when `names` is given."""
    paths = sorted(CASES_DIR.glob("*.yaml"))
    if names:
        by_name = {p.stem: p for p in paths}
        missing = [n for n in names if n not in by_name]
        if missing:
            raise CaseError(f"no case named {', '.join(missing)} in {CASES_DIR} "
                            f"(have: {', '.join(sorted(by_name))})")
        paths = [by_name[n] for n in names]
    return paths


def load_case(path: pathlib.Path) -> Case:
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict):
        raise CaseError(f"{path}: expected a mapping")
    try:
        scenario = REPO_ROOT / doc["scenario"]
        tol = doc["tolerance"]
        tolerance = Tolerance(shares=float(tol["shares"]), eur=float(tol["eur"]),
                              eur_floor=float(tol["eur_floor"]))
    except (KeyError, TypeError) as e:
        raise CaseError(f"{path}: missing or malformed key {e}") from e
    if not scenario.is_file():
        raise CaseError(f"{path}: scenario {doc['scenario']} does not exist (paths are relative "
                        f"to the repository root)")
    seed = doc.get("seed")
    return Case(name=path.stem, path=path, scenario=scenario,
                seed=None if seed is None else int(seed), threads=int(doc.get("threads", 2)),
                tolerance=tolerance, expected=list(doc.get("expected") or []))


def kokeilu_bin() -> str | None:
    return os.environ.get("KOKEILU_BIN")


def run_case(case: Case, binary: str, output: pathlib.Path) -> None:
    """Runs the case's scenario into `output`; raises RuntimeError with the CLI's output."""
    cmd = [binary, "run", str(case.scenario), "-o", str(output), "--threads", str(case.threads), "--force"]
    if case.seed is not None:
        cmd += ["--seed", str(case.seed)]
    proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}\n"
                           f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")


def _status_names(dataset) -> list[str]:
    """Names of the status axis: the dataset's `status` attribute (docs/hdf5-schema.md)."""
    for attr in ("status", "codes"):
        raw = dataset.attrs.get(attr)
        if raw is not None:
            return [c.decode() if isinstance(c, bytes) else str(c) for c in raw]
    raise CaseError(f"{dataset.name} names no statuses (no `status` or `codes` attribute)")


def _copayment_eur(f) -> np.ndarray:
    """Weekly municipal co-payment [W, M] in euros (docs/hdf5-schema.md: float64, unit EUR)."""
    ds = f["weekly/copayment_eur"]
    unit = ds.attrs.get("unit", "")
    unit = unit.decode() if isinstance(unit, bytes) else str(unit)
    if unit != "EUR":
        raise ValueError(f"{ds.name}: unit {unit!r}, expected 'EUR' (docs/hdf5-schema.md)")
    return ds[...].astype(np.float64)


def compute_series(run_file: pathlib.Path) -> list[dict]:
    """Quarterly rows of the region's summary series: week w = 13k + 12 (the last week of each
    whole quarter of the run) and its start date; shares at the end of that week; the
    co-payment summed over the quarter's 13 weeks."""
    with h5py.File(run_file, "r") as f:
        counts_ds = f["weekly/status_counts"]
        status_codes = _status_names(counts_ds)
        counts = counts_ds[...].astype(np.int64).sum(axis=1)  # [W, status], region
        ltu = f["weekly/long_term_unemployed"][...].astype(np.int64).sum(axis=1)  # [W]
        copay = _copayment_eur(f).sum(axis=1)  # [W]
        week_starts = None
        if "calendar/week_start" in f:
            week_starts = [s.decode() if isinstance(s, bytes) else str(s)
                           for s in f["calendar/week_start"][...]]

    def column(names):
        return sum(counts[:, status_codes.index(n)] for n in names)

    persons = counts.sum(axis=1)
    employed = column(EMPLOYED)
    unemployed = column(("unemployed",))
    in_services = column(measures.in_service_statuses(status_codes))

    weeks = counts.shape[0]
    rows = []
    for q in range(weeks // QUARTER_WEEKS):
        w = q * QUARTER_WEEKS + QUARTER_WEEKS - 1
        row = {"week": int(w)}
        if week_starts is not None:
            row["week_start"] = week_starts[w]
        row["employment_share"] = float(employed[w] / persons[w])
        row["unemployment_share"] = float(unemployed[w] / persons[w])
        row["long_term_share_of_unemployed"] = float(ltu[w] / unemployed[w]) if unemployed[w] else 0.0
        row["activation_rate"] = float(measures.activation_rate(in_services[w], unemployed[w]))
        row["copayment_eur_quarter"] = float(copay[q * QUARTER_WEEKS:(q + 1) * QUARTER_WEEKS].sum())
        rows.append(row)
    return rows


def compare(case: Case, got: list[dict]) -> list[str]:
    """Every difference beyond the tolerance, one line each: week, series, expected, got."""
    problems = []
    if not case.expected:
        return [f"{case.path.name} has no expected values: run tests/regression/regenerate.py {case.name}"]
    got_by_week = {row["week"]: row for row in got}
    for exp in case.expected:
        week = exp.get("week")
        when = f"week {week}" + (f" ({exp['week_start']})" if "week_start" in exp else "")
        row = got_by_week.get(week)
        if row is None:
            problems.append(f"{when}: not in the run (it has {len(got)} quarters)")
            continue
        for name in SERIES:
            if name not in exp:
                continue
            e, g = float(exp[name]), row[name]
            if name in SHARE_SERIES:
                allowed = case.tolerance.shares
            else:
                allowed = case.tolerance.eur * max(abs(e), case.tolerance.eur_floor)
            if not math.isfinite(g) or abs(g - e) > allowed:
                problems.append(f"{when} {name}: expected {e:.6g}, got {g:.6g} "
                                f"(difference {g - e:+.3g}, allowed {allowed:.3g})")
    expected_weeks = {exp.get("week") for exp in case.expected}
    extra = [row["week"] for row in got if row["week"] not in expected_weeks]
    if extra:
        problems.append(f"weeks {extra} are in the run but not expected: the run is longer than "
                        f"when the values were generated")
    return problems


def run_and_compute(case: Case, binary: str) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix=f"kokeilu-regression-{case.name}-") as tmp:
        out = pathlib.Path(tmp) / f"{case.name}.h5"
        run_case(case, binary, out)
        return compute_series(out)


def format_expected(rows: list[dict]) -> str:
    """The `expected:` block, one quarter a line so that a regenerated diff reads by quarter."""
    lines = ["expected:"]
    for row in rows:
        fields = [f"week: {row['week']}"]
        if "week_start" in row:
            fields.append(f"week_start: '{row['week_start']}'")
        for name in SHARE_SERIES:
            fields.append(f"{name}: {row[name]:.5f}")
        for name in EUR_SERIES:
            fields.append(f"{name}: {row[name]:.0f}")
        lines.append("  - {" + ", ".join(fields) + "}")
    return "\n".join(lines) + "\n"


def rewrite_expected(path: pathlib.Path, rows: list[dict]) -> None:
    """Replaces the file's `expected:` block (which must come last) and keeps everything above
    it, comments included."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    head = []
    for line in lines:
        if line.startswith("expected:"):
            break
        head.append(line)
    head_text = "".join(head)
    if head_text and not head_text.endswith("\n"):
        head_text += "\n"
    path.write_text(head_text + format_expected(rows), encoding="utf-8")
