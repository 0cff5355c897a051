"""Open a single-run file (`kokeilu run SCENARIO -o OUT.h5`, /meta kind "run", docs/hdf5-schema.md)
and read its weekly aggregates. Weekly datasets are found by name under /weekly and labelled by
their own `dims` and axis attributes, so datasets a later schema adds are read the same way."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from . import schema
from .errors import KokeiluFileError
from .hdf5_reading import as_plain, as_strings, as_text, open_read, read_meta

RUN_KIND = "run"
REQUIRED_META = ("schema_version", "kind", "start_date", "end_date", "weeks", "complete")
#: Weekly datasets the run report needs: name -> axes after week.
REQUIRED_WEEKLY = {"status_counts": ("municipality", "status"), "cost_eur": ("municipality", "payer"),
                   "copayment_eur": ("municipality",)}


class RunFile:
    """A checked run file: `meta`, `weeks`, `week_start`, `municipalities`, `scenario_yaml`;
    `weekly(name)` returns a weekly dataset with its axis labels."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._weekly_cache: dict[str, tuple[np.ndarray, dict]] = {}
        with self._open() as f:
            self.meta = self._check_meta(read_meta(f, self._fail))
            self._read_dimensions(f)
            self._check_weekly(f)

    def _fail(self, reason: str) -> KokeiluFileError:
        return KokeiluFileError(f"{self.path}: {reason}")

    @contextlib.contextmanager
    def _open(self):
        with open_read(self.path, self._fail) as f:
            yield f

    def _check_meta(self, meta: dict) -> dict:
        if meta.get("kind") != RUN_KIND:
            raise self._fail(f'not a run file: /meta kind is {meta.get("kind")!r}, expected "run"')
        if meta.get("schema_version") != schema.SCHEMA_VERSION:
            raise self._fail(f"schema version {meta.get('schema_version')!r}; this reader understands version "
                             f"{schema.SCHEMA_VERSION}")
        if meta.get("complete") != 1:
            raise self._fail("incomplete: /meta complete is not 1 (the writing `kokeilu run` was interrupted)")
        missing = [name for name in REQUIRED_META if name not in meta]
        if missing:
            raise self._fail(f"/meta lacks attributes: {', '.join(missing)}")
        return meta

    def _read_dimensions(self, f: h5py.File) -> None:
        self.weeks = int(self.meta["weeks"])
        if "calendar/week_start" not in f or "municipalities/name" not in f:
            raise self._fail("lacks /calendar/week_start or /municipalities/name")
        try:
            self.week_start = pd.DatetimeIndex(pd.to_datetime(as_strings(f["calendar/week_start"]), format="%Y-%m-%d"),
                                               name="week_start")
        except ValueError:
            raise self._fail("/calendar/week_start holds a value that is not an ISO date") from None
        if len(self.week_start) != self.weeks:
            raise self._fail(f"/calendar/week_start has {len(self.week_start)} weeks, /meta weeks is {self.weeks}")
        self.municipalities = as_strings(f["municipalities/name"])
        self.scenario_yaml = as_text(f["meta/scenario_yaml"][()]) if "meta/scenario_yaml" in f else ""
        self.persons = int(self.meta.get("persons", 0))

    def _check_weekly(self, f: h5py.File) -> None:
        for name, axes in REQUIRED_WEEKLY.items():
            path = f"weekly/{name}"
            if path not in f:
                raise self._fail(f"lacks /{path}")
            dataset = f[path]
            expected = (self.weeks, len(self.municipalities))
            if dataset.shape[:2] != expected or dataset.ndim != 1 + len(axes):
                raise self._fail(f"/{path} has shape {dataset.shape}, expected ({', '.join(('week',) + axes)}) "
                                 f"starting {expected}")

    def weekly(self, name: str) -> tuple[np.ndarray, dict[str, list[str]]]:
        """A /weekly dataset as float64 and its labels: {axis: names} for each axis after week
        (from the dataset's `dims` and the attribute named after each axis)."""
        if name not in self._weekly_cache:
            with self._open() as f:
                path = f"weekly/{name}"
                if path not in f:
                    raise self._fail(f"lacks /{path}")
                dataset = f[path]
                values = dataset[()].astype(np.float64)
                dims = [str(d) for d in as_plain(dataset.attrs.get("dims", []))] or ["week"]
                labels = {axis: list(as_plain(dataset.attrs[axis])) for axis in dims[1:] if axis in dataset.attrs}
            self._weekly_cache[name] = (values, labels)
        return self._weekly_cache[name]


def open_run(path: str | os.PathLike) -> RunFile:
    """Open and check a run file. @raises KokeiluFileError with a one-line reason."""
    return RunFile(path)
