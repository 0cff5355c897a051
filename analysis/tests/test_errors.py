"""A file that is not a complete comparison of schema version 5 gives one clear error, and the
command line exits with status 2 leaving no output behind."""
import pytest

import analysis
from analysis.cli import main
from analysis.tests.conftest import run_cli

BAD_FILES = {
    "not_hdf5_file": "not an HDF5 file",
    "incomplete_file": "incomplete",
    "other_version_file": "schema version 1",
    "truncated_file": "truncated",
}


@pytest.mark.parametrize("fixture, reason", {**BAD_FILES, "run_file": 'kind "run"'}.items())
def test_loader_raises_a_clear_error(request, fixture, reason):
    path = request.getfixturevalue(fixture)
    with pytest.raises(analysis.ComparisonFileError) as caught:
        analysis.open_comparison(path)
    message = str(caught.value)
    assert reason in message and str(path) in message
    assert "\n" not in message


def test_missing_file(tmp_path):
    with pytest.raises(analysis.ComparisonFileError, match="no such file"):
        analysis.open_comparison(tmp_path / "absent.h5")


@pytest.mark.parametrize("command", ["report", "export"])
@pytest.mark.parametrize("fixture, reason", BAD_FILES.items())
def test_cli_exits_2_and_leaves_nothing(request, tmp_path, capsys, command, fixture, reason):
    path = request.getfixturevalue(fixture)
    output = tmp_path / "out" / "result"
    assert main([command, str(path), "-o", str(output)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and reason in lines[0]
    assert not (tmp_path / "out").exists(), "nothing is created for a file that fails its checks"


def test_export_of_a_run_file_exits_with_status_2(tmp_path, run_file):
    """Export is for comparisons; through the interpreter, as a shell script sees it."""
    completed = run_cli("export", run_file, "-o", tmp_path / "csv")
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1 and completed.stderr.startswith("error: ")
    assert 'kind "run"' in completed.stderr
    assert completed.stdout == "" and not (tmp_path / "csv").exists()


def test_damaged_data_found_while_writing_leaves_nothing(tmp_path, comparison_file):
    """A file whose metadata is sound but whose data cannot be read: the error comes while the
    report is being written, and the partial directory is removed."""
    import h5py
    import shutil
    damaged = tmp_path / "damaged.h5"
    shutil.copy(comparison_file, damaged)
    with h5py.File(damaged, "r+") as f:
        del f["arms/pilot_2020/replications/0/transitions"]
    output = tmp_path / "report"
    completed = run_cli("report", damaged, "-o", output)
    assert completed.returncode == 2, completed.stderr
    assert "transitions" in completed.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.h5"]
