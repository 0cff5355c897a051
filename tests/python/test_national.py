"""The national region: generated from its tables by tools/make_finland.py, and valid as the CLI
sees it. Loading and checking 292 municipalities takes well under a second; nothing is run."""
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_national_region_is_what_the_script_makes_of_its_tables():
    result = subprocess.run([sys.executable, str(REPO / "tools" / "make_finland.py"), "--check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_national_baseline_validates():
    binary = os.environ.get("KOKEILU_BIN")
    assert binary, "KOKEILU_BIN must name the built kokeilu CLI (ctest sets it)"
    result = subprocess.run([binary, "validate", str(REPO / "scenarios" / "finland-2012-2016-baseline.yaml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "in 292 municipalities, 68 labour-market areas" in result.stdout
