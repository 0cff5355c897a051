"""A real `kokeilu run` file against its documentation, docs/hdf5-schema.md: every documented
attribute and dataset exists with the documented type and shape, code attributes are there, the
file is complete and its numbers add up.

Run by ctest with KOKEILU_BIN set to the built CLI; fails (does not skip) without it.
"""
import os
import re
import subprocess
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "hdf5-schema.md"
CODES_DOC = REPO / "docs" / "codes.md"  # generated from the engine's lists (build/kokeilu-codes)
SCENARIO = REPO / "tests" / "data" / "run-small.yaml"

#: The size letters of the doc's conventions whose sizes are fixed: the length of a row of docs/codes.md.
FIXED_AXES = {"S": "status", "B": "benefit", "P": "payer", "D": "bracket", "V": "service", "C": "sector",
              "E": "exit", "U": "module"}
NUMPY_TYPES = {"uint8": np.uint8, "uint16": np.uint16, "int32": np.int32, "int64": np.int64,
               "uint64": np.uint64, "float32": np.float32, "float64": np.float64}


# ---- the documentation's tables ------------------------------------------------------------

def section(heading_start):
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading_start)}.*?$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no section '## {heading_start}...' in {DOC}"
    return match.group(1)


def table_rows(text):
    """Cells of each table row whose first cell is a backticked name."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        cells[0] = cells[0].strip("`")
        rows.append(cells)
    return rows


def documented_codes():
    """{axis: names in code order}, from the generated table of codes (the file must name the same)."""
    text = CODES_DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([a-z_]+) \| ([a-z0-9_, ]+) \|$", text, re.M)
    return {axis: [name.strip() for name in names.split(",")] for axis, names in rows}


STATUS = documented_codes()["status"]
FIXED_SIZES = {letter: len(documented_codes()[axis]) for letter, axis in FIXED_AXES.items()}


def documented_meta():
    return {name: kind for name, kind, *_ in table_rows(section("`/meta`"))}


def documented_datasets():
    """{path: (shape letters, type)}"""
    rows = table_rows(section("Datasets of a run file"))
    return {path: (re.findall(r"[A-Z]", shape.strip("`")), kind) for path, shape, kind, *_ in rows}


def documented_people():
    """{dataset name: type}, with the initial_/final_ prefixes of the dynamic columns."""
    columns = {}
    for name, kind, dtype, *_ in table_rows(section("Persons")):
        assert kind in ("static", "dynamic"), name
        if kind == "static":
            columns[name] = dtype
        else:
            columns["initial_" + name] = dtype
            columns["final_" + name] = dtype
    return columns


# ---- the file ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def run_file(tmp_path_factory):
    binary = os.environ.get("KOKEILU_BIN")
    assert binary, "KOKEILU_BIN must name the built kokeilu CLI (ctest sets it)"
    assert Path(binary).is_file(), f"KOKEILU_BIN={binary} does not exist"
    out = tmp_path_factory.mktemp("schema") / "run.h5"
    result = subprocess.run([binary, "run", str(SCENARIO), "-o", str(out), "--threads", "2"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    assert [p.name for p in out.parent.iterdir()] == ["run.h5"], "temporary file left behind"
    return out


@pytest.fixture(scope="module")
def f(run_file):
    with h5py.File(run_file, "r") as handle:
        yield handle


@pytest.fixture(scope="module")
def sizes(f):
    return {"N": int(f["meta"].attrs["persons"]), "W": int(f["meta"].attrs["weeks"]),
            "M": len(f["municipalities/name"]), "A": len(f["markets/name"]), **FIXED_SIZES}


def test_the_doc_has_the_tables():
    assert len(documented_meta()) >= 14
    assert "/trajectory/status" in documented_datasets()
    assert "initial_status" in documented_people() and "final_status" in documented_people()
    assert re.search(r"schema version 5\b", DOC.read_text(encoding="utf-8"))


def test_meta_attributes(f):
    attrs = f["meta"].attrs
    for name, kind in documented_meta().items():
        assert name in attrs, f"/meta lacks documented attribute {name}"
        value = attrs[name]
        if kind == "str":
            assert isinstance(value, str), f"/meta {name} is {type(value)}"
        else:
            assert np.asarray(value).dtype == NUMPY_TYPES[kind], f"/meta {name} is {np.asarray(value).dtype}"
    assert attrs["schema_version"] == 5
    assert attrs["kind"] == "run"
    assert attrs["complete"] == 1
    assert attrs["scenario_name"] == "run-small"
    assert attrs["seed"] == 11
    assert attrs["start_date"] == "2012-09-03" and attrs["end_date"] == "2013-08-31"
    assert attrs["weeks"] == 52 and attrs["municipalities"] == 2
    assert attrs["history_weeks"] == 104 and attrs["history_start_date"] == "2010-09-06"
    # Everyone of working age at the history start, and the entrants of 2011-2013.
    assert attrs["persons"] > 4000 and attrs["outside_population_code"] == 255
    assert "name: run-small" in f["meta/scenario_yaml"].asstr()[()]


def test_every_documented_dataset_has_its_shape_and_type(f, sizes):
    documented = documented_datasets()
    for path, (letters, kind) in documented.items():
        assert path in f, f"{path} is documented but missing"
        dataset = f[path]
        assert dataset.shape == tuple(sizes[letter] for letter in letters), path
        if kind == "str":
            assert h5py.check_string_dtype(dataset.dtype) is not None, f"{path} is not a string dataset"
        else:
            assert dataset.dtype == NUMPY_TYPES[kind], f"{path} is {dataset.dtype}, documented {kind}"
    # ... and nothing undocumented outside /people. A group's links to the root's dimension
    # scales are the root's datasets under a second name (section "Dimension scales").
    found = []
    f.visititems(lambda name, obj: found.append("/" + name) if isinstance(obj, h5py.Dataset) else None)
    undocumented = [p for p in found if not p.startswith("/people/") and p not in documented
                    and "/" + p.rpartition("/")[2] not in documented]
    assert not undocumented, f"datasets missing from {DOC.name}: {undocumented}"
    for group in {p.rpartition("/")[0] for p in found if p.count("/") > 1}:
        for name, obj in f[group].items():
            if obj.attrs.get("CLASS") == b"DIMENSION_SCALE":
                assert obj == f[name], f"{group}/{name} is a scale but not the root's /{name}"


def test_people_columns(f, sizes):
    documented = documented_people()
    assert sorted(f["people"].keys()) == sorted(documented)
    for name, kind in documented.items():
        dataset = f["people/" + name]
        assert dataset.shape == (sizes["N"],), name
        assert dataset.dtype == NUMPY_TYPES[kind], f"/people/{name} is {dataset.dtype}"
    assert list(f["people/initial_status"].attrs["codes"]) == STATUS
    assert list(f["people/final_benefit"].attrs["codes"])[0] == "none"
    assert list(f["people/municipality"].attrs["codes"]) == ["Alpha", "Beta"]
    assert list(f["people/education"].attrs["codes"]) == ["basic", "vocational", "tertiary"]
    assert list(f["people/initial_client_flags"].attrs["bits"])[0] == "client"
    municipality = f["people/municipality"][()]
    assert np.all(np.diff(municipality.astype(int)) >= 0), "persons are ordered by municipality"


def test_codes_and_axes(f):
    status = f["trajectory/status"]
    assert list(status.attrs["codes"]) == STATUS
    assert list(status.attrs["dims"]) == ["person", "week"]
    assert status.chunks is not None and status.compression == "gzip"
    for path, dataset in f["weekly"].items():
        dims = list(dataset.attrs["dims"])
        if dataset.attrs.get("CLASS") == b"DIMENSION_SCALE":  # a coordinate: the root's scale, linked
            assert dims == [path] and dataset == f[path], path
            continue
        assert dims[0] == "week" and len(dims) == dataset.ndim, path
        assert "unit" in dataset.attrs, path
        for axis, size in zip(dims[1:], dataset.shape[1:]):
            assert len(dataset.attrs[axis]) == size, f"/weekly/{path} attribute {axis}"
    assert list(f["weekly/status_counts"].attrs["status"]) == STATUS
    assert list(f["weekly/status_counts"].attrs["municipality"]) == ["Alpha", "Beta"]
    assert list(f["weekly/cost_eur"].attrs["payer"]) == ["state", "municipality", "kela", "unemployment_fund"]
    assert list(f["municipalities/market"].attrs["codes"]) == ["small-area"]


def test_the_numbers_add_up(f, sizes):
    N, W = sizes["N"], sizes["W"]
    counts = f["weekly/status_counts"][()]
    trajectory = f["trajectory/status"][()]
    outside = trajectory == 255
    assert trajectory[~outside].max() < len(STATUS)  # every code a status (self-motivated study, 7, is on in the baseline)
    # Everyone in the population is in exactly one status: the counts are of those inside, and
    # entry_week/exit_week say who is inside.
    entry, exit_ = f["people/entry_week"][()], f["people/exit_week"][()]
    weeks = np.arange(W)
    inside = (weeks[None, :] >= entry[:, None]) & (weeks[None, :] < exit_[:, None])
    assert np.array_equal(inside, ~outside)
    assert np.array_equal(counts.sum(axis=(1, 2)), inside.sum(axis=0)), "statuses sum to the population each week"
    assert 0 < inside.sum(axis=0).min() and inside.sum(axis=0).max() < N
    municipality = f["people/municipality"][()]
    # The weekly counts are the trajectory counted by municipality.
    for w in (0, W // 2, W - 1):
        for m in range(sizes["M"]):
            column = trajectory[(municipality == m) & ~outside[:, w], w]
            expected = np.bincount(column, minlength=len(STATUS))
            assert np.array_equal(counts[w, m], expected), (w, m)
    assert np.array_equal(trajectory[:, -1], f["people/final_status"][()])
    # The activation rate is in services / (unemployed + in services).
    in_services = counts[:, :, [1, 3, 4, 5, STATUS.index("self_motivated_study")]].sum(axis=2)
    denominator = in_services + counts[:, :, 2]
    with np.errstate(invalid="ignore", divide="ignore"):
        expected_rate = np.where(denominator > 0, in_services / denominator, np.nan)
    assert np.allclose(f["weekly/activation_rate"][()], expected_rate, equal_nan=True)
    # Money is EUR with whole cents; somebody pays something.
    cost = f["weekly/cost_eur"][()]
    assert np.allclose(cost * 100, np.round(cost * 100))
    assert cost.sum() > 0
    weeks = pd.to_datetime(f["calendar/week_start"].asstr()[()])
    assert weeks[0] == pd.Timestamp("2012-09-03") and (weeks[1] - weeks[0]).days == 7


def test_the_doc_python_example_runs(run_file):
    """The h5py/pandas example of the doc, run as written on the file."""
    code = re.search(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    namespace = {}
    exec(compile(code.replace('"OUT.h5"', repr(str(run_file))), str(DOC), "exec"), namespace)
    assert len(namespace["tidy"]) == 52 * 2 * len(STATUS)
    assert len(namespace["week_10"]) == int(namespace["meta"]["persons"])


def test_kokeilu_info_describes_it(run_file):
    result = subprocess.run([os.environ["KOKEILU_BIN"], "info", str(run_file)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Kokeilu run file, schema version 5" in result.stdout
    persons = h5py.File(run_file, "r")["meta"].attrs["persons"]
    assert "/trajectory/status" in result.stdout and f"[{persons}, 52] uint8" in result.stdout
