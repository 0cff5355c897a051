"""CSV for R and Stata: valid variable names, integers as integers, large tables gzip-compressed."""
import gzip
import re

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.csv_files import integers_as_integers, variable_name, variable_names
from analysis.tests.synthetic import Design, build_comparison

VALID = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,31}$")


@pytest.mark.parametrize("name, expected", [
    ("target_pilot-2012-2015", "target_pilot_2012_2015"), ("2x", "v2x"), ("_x", "v_x"), ("Kokemäki", "Kokem_ki"),
    ("a" * 40, "a" * 32)])
def test_variable_name(name, expected):
    assert variable_name(name) == expected and VALID.match(expected)


def test_variable_names_stay_unique():
    names = variable_names(["a-b", "a_b", "a.b"])
    assert names == ["a_b", "a_b_2", "a_b_3"]


def test_integers_as_integers():
    mixed = integers_as_integers(pd.Series([50.0, 0.4005, np.nan, 3.0]))
    text = pd.DataFrame({"value": mixed, "k": 1}).to_csv(index=False, header=False, na_rep="")
    assert text.split() == ["50,1", "0.4005,1", ",1", "3,1"]
    whole = integers_as_integers(pd.Series([1.0, np.nan]))
    assert str(whole.dtype) == "Int64"


@pytest.fixture(scope="module")
def hyphenated(tmp_path_factory):
    """Arm names as the shipped scenarios spell them (hyphens): a report and an export of them."""
    directory = tmp_path_factory.mktemp("hyphens")
    design = Design(arms=["baseline", "pilot-2012-2015", "pirkanmaa-2017-2018"])
    path = build_comparison(directory / "c.h5", design)
    assert main(["export", str(path), "-o", str(directory / "csv"), "-q"]) == 0
    assert main(["report", str(path), "-o", str(directory / "report"), "-q"]) == 0
    return directory


def _headers(directory):
    for path in sorted(directory.iterdir()):
        if path.name.endswith(".csv") or path.name.endswith(".csv.gz"):
            opener = gzip.open if path.name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as handle:
                yield path.name, handle.readline().strip().split(",")


@pytest.mark.parametrize("folder", ["csv", "report"])
def test_every_column_is_a_valid_variable_name(hyphenated, folder):
    seen = 0
    for name, header in _headers(hyphenated / folder):
        seen += 1
        assert all(VALID.match(column) for column in header), (name, header)
    assert seen >= 5


def test_people_target_columns_are_renamed(hyphenated):
    header = dict(_headers(hyphenated / "csv"))["people.csv.gz"]
    assert "target_pilot_2012_2015" in header and "target_pirkanmaa_2017_2018" in header


def test_integers_are_written_as_integers(hyphenated):
    with gzip.open(hyphenated / "csv" / "metrics.csv.gz", "rt", encoding="utf-8") as handle:
        rows = [line.strip().split(",") for line in handle][1:]
    sizes = [row[-1] for row in rows if row[5] == "group_size"]
    assert sizes and all(re.fullmatch(r"\d+", value) for value in sizes)
    groups = (hyphenated / "csv" / "groups.csv").read_text(encoding="utf-8").splitlines()
    assert groups[1].split(",")[-1] == "50"


def test_large_tables_are_gzip_and_reproducible(hyphenated, tmp_path):
    data = (hyphenated / "csv" / "metrics.csv.gz").read_bytes()
    assert data[:2] == b"\x1f\x8b"
    assert main(["export", str(hyphenated / "c.h5"), "-o", str(tmp_path / "again"), "-q"]) == 0
    assert (tmp_path / "again" / "metrics.csv.gz").read_bytes() == data
