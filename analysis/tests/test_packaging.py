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


# Python's import name -> Debian's package (the PyPI name in pyproject.toml, when they differ).
DEBIAN_PACKAGE = {"yaml": "python3-yaml", "babel": "python3-babel"}
PYPI_NAME = {"yaml": "PyYAML", "babel": "Babel"}


def _third_party_imports(folder) -> set[str]:
    """Top-level modules imported anywhere in the package (tests excluded) that are neither the
    standard library's nor the package's own."""
    import ast
    found = set()
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "analysis"}


def test_every_imported_package_is_installed_by_setup_and_declared():
    """A module the analysis imports but tools/setup does not install passes on a machine that
    happens to have it and fails on a fresh one (statsmodels did): hold the three lists together."""
    imported = _third_party_imports(REPOSITORY_ROOT / "analysis")
    assert {"numpy", "pandas", "h5py", "statsmodels"} <= imported, "the scan finds the package's imports"
    setup = (REPOSITORY_ROOT / "tools" / "setup").read_text()
    pyproject = (REPOSITORY_ROOT / "pyproject.toml").read_text()
    for name in sorted(imported):
        debian = DEBIAN_PACKAGE.get(name, f"python3-{name}")
        assert f" {debian} " in f" {' '.join(setup.split())} ", f"tools/setup does not install {debian} ({name})"
        assert f'"{PYPI_NAME.get(name, name)}"' in pyproject, f"pyproject.toml does not declare {name}"
