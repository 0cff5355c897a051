"""docs/tutorial.md works as written: its files are written and its commands run, in a copy of
the checkout's layout (scenarios/ linked), with the engine in KOKEILU_BIN."""
import os
import re
import subprocess

import pytest

from analysis.tests.conftest import REPOSITORY_ROOT

TUTORIAL = REPOSITORY_ROOT / "docs" / "tutorial.md"


def tutorial_parts(text: str):
    """(files: {path: content}, commands: [line]) of the tutorial."""
    files = dict(re.findall(r"^`([\w./-]+)`:\n\n```yaml\n(.*?)```", text, flags=re.M | re.S))
    commands = [line for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S)
                for line in block.splitlines() if line.strip()]
    return files, commands


def test_tutorial_runs(tmp_path):
    binary = os.environ.get("KOKEILU_BIN")
    if not binary:
        pytest.fail("KOKEILU_BIN is not set", pytrace=False)
    files, commands = tutorial_parts(TUTORIAL.read_text(encoding="utf-8"))
    assert set(files) == {"my-pilot/coach-under-30.yaml", "my-pilot/compare.yaml"} and len(commands) == 4
    (tmp_path / "scenarios").symlink_to(REPOSITORY_ROOT / "scenarios")
    for path, content in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(content, encoding="utf-8")
    environment = dict(os.environ, PYTHONPATH=str(REPOSITORY_ROOT))
    for command in commands:
        command = re.sub(r"^build/kokeilu", str((REPOSITORY_ROOT / binary).resolve()), command)
        completed = subprocess.run(command, shell=True, cwd=tmp_path, env=environment, capture_output=True,
                                   text=True, timeout=600)
        assert completed.returncode == 0, (command, completed.stderr)
    page = (tmp_path / "my-pilot" / "report" / "report.html").read_text(encoding="utf-8")
    assert "target</strong>: under 30" in page and "caseload 100 clients per coach" in page
    assert (tmp_path / "my-pilot" / "raportti" / "report.html").exists()
    assert (tmp_path / "my-pilot" / "csv" / "metrics.csv.gz").exists()
