"""The package installs offline with Debian's pip and setuptools and works from any directory."""
import os
import shutil
import subprocess
import sys

from analysis.tests.conftest import REPOSITORY_ROOT


def test_installs_offline_and_reports_from_another_directory(tmp_path, comparison_file):
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(REPOSITORY_ROOT / "pyproject.toml", source)
    shutil.copytree(REPOSITORY_ROOT / "analysis", source / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-deps", "--no-index",
                              "--target", str(target), "--quiet", str(source)],
                             capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    environment["PYTHONPATH"] = str(target)
    imported = subprocess.run([sys.executable, "-c", "import analysis; print(analysis.__file__)"], cwd=elsewhere,
                              env=environment, capture_output=True, text=True, timeout=120)
    assert imported.stdout.strip() == str(target / "analysis" / "__init__.py"), imported.stderr
    report = subprocess.run([str(target / "bin" / "kokeilu-analysis"), "report", str(comparison_file), "-o", "r", "-q"],
                            cwd=elsewhere, env=environment, capture_output=True, text=True, timeout=300)
    assert report.returncode == 0, report.stderr
    assert (elsewhere / "r" / "report.html").exists()
