"""`python3 -m analysis export` writes the comparison as CSV for R and Stata."""
import pandas as pd
import pytest

from analysis.cli import main
from analysis.tests.synthetic import METRIC_NAMES

EXPORT_COLUMNS = {
    "metrics.csv.gz": ["arm", "replication", "week", "week_start", "group", "metric", "value"],
    "effects.csv.gz": ["arm", "week", "week_start", "group", "metric", "mean", "ci_low", "ci_high"],
    "groups.csv": ["group", "description", "kind", "arm", "persons"],
    "metrics_dictionary.csv": ["name", "unit", "description"],
    "meta.csv": ["name", "value"],
}


@pytest.fixture(scope="module")
def export_directory(tmp_path_factory, comparison_file):
    directory = tmp_path_factory.mktemp("export") / "csv"
    assert main(["export", str(comparison_file), "-o", str(directory), "-q"]) == 0
    return directory


def test_export_writes_every_file_with_its_columns(export_directory):
    assert sorted(p.name for p in export_directory.iterdir()) == sorted([*EXPORT_COLUMNS, "people.csv.gz"])
    for name, columns in EXPORT_COLUMNS.items():
        assert list(pd.read_csv(export_directory / name).columns) == columns, name


def test_exported_metrics_are_the_loaders(export_directory, comparison):
    exported = pd.read_csv(export_directory / "metrics.csv.gz", parse_dates=["week_start"])
    loaded = comparison.metrics()
    assert len(exported) == len(loaded)
    for column in ("arm", "group", "metric"):
        assert exported[column].tolist() == loaded[column].astype(str).tolist()
    pd.testing.assert_series_equal(exported["value"], loaded["value"])
    assert (exported["week_start"] == loaded["week_start"]).all()


def test_exported_effects_people_and_dictionary(export_directory, comparison):
    effects = pd.read_csv(export_directory / "effects.csv.gz")
    assert len(effects) == len(comparison.effects())
    assert effects["week_start"].iloc[0] == "2012-09-03"
    people = pd.read_csv(export_directory / "people.csv.gz")
    assert people.columns[0] == "person" and len(people) == 50
    assert set(people["target_pilot_2012"]) <= {0, 1}
    assert people["municipality"].iloc[0] == "Pori"
    dictionary = pd.read_csv(export_directory / "metrics_dictionary.csv")
    assert dictionary["name"].tolist() == METRIC_NAMES
    meta = pd.read_csv(export_directory / "meta.csv").set_index("name")["value"]
    assert meta["arms"] == "baseline;pilot_2012;pilot_2020" and meta["pilot_end_week"] == "13"
