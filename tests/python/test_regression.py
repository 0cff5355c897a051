"""Regression cases as data (tests/regression/*.yaml): each scenario is run with the built CLI
($KOKEILU_BIN) and its quarterly summary series must match the stored ones within the case's
tolerance. Regenerate with /usr/bin/python3 tests/regression/regenerate.py (see its README)."""
import importlib.util
import pathlib
import sys
import time

import pytest

_REGRESSION_DIR = pathlib.Path(__file__).resolve().parents[1] / "regression"
_spec = importlib.util.spec_from_file_location("kokeilu_regression", _REGRESSION_DIR / "regression.py")
regression = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = regression  # dataclasses look their module up there
_spec.loader.exec_module(regression)

CASES = regression.case_paths()


def _binary() -> str:
    binary = regression.kokeilu_bin()
    if not binary:
        pytest.fail("KOKEILU_BIN is not set: point it at the built kokeilu CLI "
                    "(ctest sets it; by hand: KOKEILU_BIN=build/kokeilu)")
    if not pathlib.Path(binary).is_file():
        pytest.fail(f"KOKEILU_BIN={binary} does not exist")
    return binary


def test_cases_exist():
    assert len(CASES) >= 3, f"expected at least three regression cases in {_REGRESSION_DIR}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_regression_case(path, tmp_path):
    binary = _binary()
    case = regression.load_case(path)
    out = tmp_path / f"{case.name}.h5"
    started = time.monotonic()
    regression.run_case(case, binary, out)
    got = regression.compute_series(out)
    problems = regression.compare(case, got)
    if problems:
        pytest.fail(f"{path.name} ({case.scenario.relative_to(regression.REPO_ROOT)}, "
                    f"{time.monotonic() - started:.1f} s): {len(problems)} values outside the "
                    f"tolerance (shares ±{case.tolerance.shares}, euros ±{case.tolerance.eur:.0%}):\n  "
                    + "\n  ".join(problems)
                    + f"\nIf the change is intended: /usr/bin/python3 tests/regression/regenerate.py "
                      f"{case.name} and review the diff.", pytrace=False)
