"""Fixtures: small synthetic comparison files (analysis/tests/synthetic.py) and broken ones."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.tests.synthetic import Design, build_comparison, build_run_file

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def design() -> Design:
    return Design()


@pytest.fixture(scope="session")
def comparison_file(tmp_path_factory, design) -> Path:
    """3 arms, 2 replications, 50 persons, 20 weeks, pilot weeks 4-13 (read-only: do not modify)."""
    return build_comparison(tmp_path_factory.mktemp("comparison") / "comparison.h5", design)


@pytest.fixture(scope="session")
def comparison(comparison_file):
    import analysis
    return analysis.open_comparison(comparison_file)


@pytest.fixture
def not_hdf5_file(tmp_path) -> Path:
    path = tmp_path / "notes.h5"
    path.write_text("arm,week\nbaseline,0\n")
    return path


@pytest.fixture
def run_file(tmp_path) -> Path:
    return build_run_file(tmp_path / "run.h5")


@pytest.fixture
def incomplete_file(tmp_path, design) -> Path:
    return build_comparison(tmp_path / "incomplete.h5", design, complete=False)


@pytest.fixture
def other_version_file(tmp_path, design) -> Path:
    return build_comparison(tmp_path / "version1.h5", design, schema_version=1)


@pytest.fixture
def truncated_file(tmp_path, comparison_file) -> Path:
    """The bytes of a real comparison file, cut in half."""
    data = comparison_file.read_bytes()
    path = tmp_path / "truncated.h5"
    path.write_bytes(data[: len(data) // 2])
    return path


def run_cli(*arguments, cwd=None):
    """Run `/usr/bin/python3 -m analysis ...` as a user would; returns the CompletedProcess."""
    environment = dict(os.environ, PYTHONPATH=str(REPOSITORY_ROOT), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, arguments)], cwd=cwd or REPOSITORY_ROOT,
                          env=environment, capture_output=True, text=True, timeout=600)
