"""Run and comparison files open in xarray (h5netcdf engine) group by group, with named dimensions:
every axis is an HDF5 dimension scale (docs/hdf5-schema.md, "Dimension scales"), so no
`phony_dim_*` appears and two different axes of the same length (status and bracket, both 7) stay
two dimensions. The coordinate values are stored once, in the root group, and every group that uses
an axis links them, so a group opened alone has its coordinates.

Run by ctest with KOKEILU_BIN set to the built CLI; fails (does not skip) without it.
"""
import os
import re
import subprocess
from pathlib import Path

import h5py
import pytest
import xarray as xr

REPO = Path(__file__).resolve().parents[2]
RUN_SCENARIO = REPO / "tests" / "data" / "run-small.yaml"
SCENARIOS = REPO / "scenarios"


def status_names(path):
    """The status axis as the file names it (h5py, without xarray): what xarray must show."""
    with h5py.File(path, "r") as f:
        for name, key in (("weekly/status_counts", "status"), ("arms/pilot/replications/1/transitions", "from_status")):
            if name in f:
                return [c.decode() if isinstance(c, bytes) else str(c) for c in f[name].attrs[key]]
    raise AssertionError(f"{path} names no statuses")


def kokeilu(*args):
    binary = os.environ.get("KOKEILU_BIN")
    assert binary, "KOKEILU_BIN must name the built kokeilu CLI (ctest sets it)"
    result = subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def run_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("xarray") / "run.h5"
    kokeilu("run", RUN_SCENARIO, "-o", out, "--threads", "2")
    return out


@pytest.fixture(scope="module")
def comparison_file(tmp_path_factory):
    """run-small as a comparison of the baseline and a pilot, two replications."""
    folder = tmp_path_factory.mktemp("xarray-compare")
    base = RUN_SCENARIO.parent
    lines = []
    for line in RUN_SCENARIO.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(": ")
        if key == "  end":  # a comparison's run ends follow_up_weeks after its pilot period
            continue
        if value.startswith("../"):
            line = f"{key}: {(base / value).resolve()}"
        lines.append(line)
    text = "\n".join(lines).replace("name: run-small", "name: xarray-comparison", 1)
    text += (f"\npilot_period: {{start: 2012-09-03, end: 2013-06-30}}\nfollow_up_weeks: 8\nreplications: 2\n"
             f"arms:\n  - name: baseline\n  - name: pilot\n    design: {SCENARIOS / 'designs/pilot-2020-2022.yaml'}\n")
    comparison = folder / "comparison.yaml"
    comparison.write_text(text, encoding="utf-8")
    out = folder / "compare.h5"
    kokeilu("compare", comparison, "-o", out, "--threads", "2")
    return out


def groups_with_datasets(path):
    """Every group (root included) that holds a dataset, as h5netcdf names them."""
    found = set()
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, obj: found.add("/" + name.rpartition("/")[0])
                     if isinstance(obj, h5py.Dataset) else None)
    return sorted(found)


def check_every_group(path):
    root = xr.open_dataset(path, engine="h5netcdf")
    opened = {}
    with h5py.File(path, "r") as f:
        for group in groups_with_datasets(path):
            ds = xr.open_dataset(path, group=group, engine="h5netcdf")
            opened[group] = ds
            assert not [d for d in ds.dims if str(d).startswith("phony_dim")], group
            for name, variable in ds.data_vars.items():
                h5 = f[group.rstrip("/") + "/" + name]
                if "dims" in h5.attrs:  # the axes xarray sees are the ones the file names
                    assert list(variable.dims) == list(h5.attrs["dims"]), f"{group}/{name}"
                for axis in variable.dims:
                    # Every dimension is a scale in the root; person has none (an index), so
                    # xarray shows no variable for it. Every other axis is a coordinate of the
                    # group opened alone, with the root's values (the same HDF5 object).
                    assert h5py.h5ds.is_scale(f[axis].id), axis
                    assert f[axis].shape == (ds.sizes[axis],), f"{group}/{name} {axis}"
                    if axis != "person":
                        assert axis in ds.coords, f"{group} opened alone lacks the coordinate {axis}"
                        assert list(ds[axis].values) == list(root[axis].values), f"{group} {axis}"
                    if axis in h5.attrs and axis != "week":  # the label attribute and the coordinate agree
                        assert list(h5.attrs[axis]) == list(ds[axis].values), f"{group}/{name} {axis}"
    return root, opened


def test_every_group_of_a_run_file_opens_with_named_dimensions(run_file):
    root, opened = check_every_group(run_file)
    assert {"/", "/calendar", "/meta", "/municipalities", "/markets", "/people", "/trajectory",
            "/weekly"} <= set(opened)
    weekly = opened["/weekly"]
    assert weekly["status_counts"].dims == ("week", "municipality", "status")
    assert weekly["found_job"].dims == ("week", "bracket")
    statuses = status_names(run_file)
    assert weekly.sizes["status"] == len(statuses) and weekly.sizes["bracket"] == 7  # two dimensions
    assert opened["/trajectory"]["status"].dims == ("person", "week")
    assert opened["/people"]["municipality"].dims == ("person",)
    assert opened["/people"].sizes["person"] == opened["/trajectory"].sizes["person"]
    assert list(root["status"].values) == statuses
    assert list(root["municipality"].values) == ["Alpha", "Beta"]
    assert root["week"].values[0] == "2012-09-03" and root.sizes["week"] == 52

    counts = weekly["status_counts"]
    by_status = counts.sel(municipality="Alpha", week="2012-09-03")
    assert int(by_status.sum()) > 0
    assert int(counts.sel(status="unemployed").isel(week=0).sum()) == int(weekly["status_counts"][0, :, 2].sum())


def test_every_group_of_a_comparison_file_opens_with_named_dimensions(comparison_file):
    root, opened = check_every_group(comparison_file)
    run = "/arms/pilot/replications/1"
    assert {"/groups", "/metrics", "/arms/baseline", run, run + "/pilot", run + "/trajectory",
            "/effects/pilot"} <= set(opened)
    metrics = opened[run]
    assert metrics["metrics"].dims == ("week", "group", "metric")
    assert metrics["transitions"].dims == ("from_status", "to_status")
    assert list(root["from_status"].values) == status_names(comparison_file)
    assert float(metrics["metrics"].sel(group="everyone", metric="group_size").isel(week=0)) > 0
    assert opened[run + "/pilot"]["service_starts"].dims == ("week", "municipality", "organiser", "service")
    assert list(root["organiser"].values) == ["te_office", "pilot"]
    effects = opened["/effects/pilot"]
    assert effects["mean"].dims == ("week", "group", "metric")
    assert effects["cost_per_additional_employment_week"].dims == ("group",)
    assert opened["/arms/pilot"]["target_at_start"].dims == ("person",)
    with h5py.File(comparison_file, "r") as f:
        # Units: one per metric for the metric tables, one for the rest.
        mean = f["effects/pilot/mean"]
        assert list(mean.attrs["metric_unit"]) == list(f["metrics/unit"].asstr()[()])
        assert list(mean.attrs["group"]) == list(f["groups/name"].asstr()[()])
        assert "unit" in f["effects/pilot/cost_per_additional_employment_week"].attrs
        assert f[run + "/transitions"].attrs["unit"] == "persons"


def test_the_doc_xarray_example_runs(run_file):
    """The xarray example of docs/hdf5-schema.md, run as written on the file."""
    text = (REPO / "docs" / "hdf5-schema.md").read_text(encoding="utf-8")
    code = next(block for block in re.findall(r"```python\n(.*?)```", text, re.S) if "xarray" in block)
    namespace = {}
    exec(compile(code.replace('"OUT.h5"', repr(str(run_file))), "hdf5-schema.md", "exec"), namespace)
    assert namespace["unemployed"].dims == ("week", "municipality")
    assert namespace["trajectory"].dims == ("person", "week")
    tidy = namespace["weekly"]["status_counts"].to_dataframe()
    assert list(tidy.index.names) == ["week", "municipality", "status"]
    assert len(tidy) == 52 * 2 * len(status_names(run_file))


def test_every_group_of_a_sweep_file_opens_with_named_dimensions(tmp_path):
    out = tmp_path / "sweep.h5"
    kokeilu("sweep", REPO / "tests" / "data" / "sweeps" / "sweep-small-lhs.yaml", "-o", out)
    root, opened = check_every_group(out)
    effects = opened["/effects"]
    assert effects["mean"].dims == ("point", "arm", "moment", "group", "metric")
    assert list(effects["arm"].values) == ["pilot-2012-2015", "pilot-2020-2022-half-caseload"]
    assert "everyone" in list(effects["group"].values)
