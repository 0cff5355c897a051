"""Open a comparison file (`kokeilu compare -o OUT.h5`) and read it into tidy pandas frames.

Layout: docs/comparison-schema.md (schema version 2). The file is checked when it is opened:
HDF5, kind "comparison", schema version 2, `complete` = 1, and the datasets every reader needs.
Bulk data (metrics, effects, trajectories) is read on first use, with h5py slicing; the file is
opened for each read and closed after, so nothing holds it open between notebook cells.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

import h5py
import numpy as np
import pandas as pd

from . import schema
from .errors import ComparisonFileError
from .hdf5_reading import as_plain, as_strings, as_text, one_line as _one_line, open_read, read_meta
from .tidy import long_frame


class Trajectory(NamedTuple):
    """Statuses of one run: `status[person, week]` is the code of the person's status at the
    end of the week; `status_names[code]` is its name. Unpacks as `status, names = ...`."""

    status: np.ndarray
    status_names: list


def open_comparison(path: str | os.PathLike) -> "Comparison":
    """Open and check a comparison file. @raises ComparisonFileError with a one-line reason."""
    return Comparison(path)


class Comparison:
    """A checked comparison file. Dimensions are attributes (`arms`, `groups`, `metric_names`,
    `week_start`, ...); the data comes from the methods, each returning a new DataFrame.

    Units: `share` metrics are fractions 0..1 of the group's persons, `eur` metrics are euros
    in the week, `weeks` metrics are cumulative weeks per person since the start.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._metric_cache: dict[str, np.ndarray] = {}
        self._effect_cache: dict[str, dict[str, np.ndarray]] = {}
        with self._open() as f:
            self.meta = self._check_meta(f)
            self._read_dimensions(f)
            self._check_layout(f)

    # ----------------------------------------------------------------- opening and checks
    def _fail(self, reason: str) -> ComparisonFileError:
        return ComparisonFileError(f"{self.path}: {reason}")

    @contextlib.contextmanager
    def _open(self):
        """The file, opened read-only; HDF5 read errors become ComparisonFileError."""
        with open_read(self.path, self._fail) as f:
            yield f

    def _check_meta(self, f: h5py.File) -> dict:
        meta = read_meta(f, self._fail)
        kind = meta.get("kind")
        if kind != schema.COMPARISON_KIND:
            if kind == "run":
                raise self._fail('is a single-run file (kind "run"), not a comparison: '
                                 "make one with `kokeilu compare SCENARIO -o OUT.h5`")
            raise self._fail(f'not a comparison file: /meta kind is {kind!r}, expected "comparison"')
        version = meta.get("schema_version")
        if version != schema.SCHEMA_VERSION:
            raise self._fail(f"schema version {version!r}; this reader understands version "
                             f"{schema.SCHEMA_VERSION} (update the analysis package or the engine)")
        if meta.get("complete") != 1:
            raise self._fail("incomplete: /meta complete is not 1, the writing `kokeilu compare` "
                             "was interrupted; run the comparison again")
        missing = [name for name in schema.REQUIRED_META if name not in meta]
        if missing:
            raise self._fail(f"/meta lacks attributes: {', '.join(missing)}")
        if isinstance(meta["arms"], str):
            meta["arms"] = [meta["arms"]]
        if "meta/scenario_yaml" in f:
            self._scenario_yaml = as_text(f["meta/scenario_yaml"][()])
        else:
            self._scenario_yaml = ""
        return meta

    def _read_dimensions(self, f: h5py.File) -> None:
        meta = self.meta
        self.arms: list[str] = list(meta["arms"])
        self.baseline_arm: str = meta["baseline_arm"]
        if self.baseline_arm not in self.arms:
            raise self._fail(f"baseline arm {self.baseline_arm!r} is not among the arms {self.arms}")
        self.treatment_arms: list[str] = [a for a in self.arms if a != self.baseline_arm]
        self.replications: int = int(meta["replications"])
        self.weeks: int = int(meta["weeks"])
        self.pilot_start_week: int = int(meta["pilot_start_week"])
        self.pilot_end_week: int = int(meta["pilot_end_week"])
        for path in ("calendar/week_start", "groups/name", "metrics/name", "metrics/unit"):
            if path not in f:
                raise self._fail(f"lacks /{path}")
        try:
            self.week_start = pd.DatetimeIndex(pd.to_datetime(as_strings(f["calendar/week_start"]), format="%Y-%m-%d"),
                                               name="week_start")
        except ValueError as error:
            raise self._fail(f"/calendar/week_start holds a value that is not an ISO date ({_one_line(error)})") from None
        self.groups: list[str] = as_strings(f["groups/name"])
        self.group_descriptions: list[str] = (as_strings(f["groups/description"])
                                              if "groups/description" in f else [""] * len(self.groups))
        self.metric_names: list[str] = as_strings(f["metrics/name"])
        self.metric_units: list[str] = as_strings(f["metrics/unit"])
        self.metric_descriptions: list[str] = (as_strings(f["metrics/description"])
                                               if "metrics/description" in f else [""] * len(self.metric_names))
        self.municipalities: list[str] = (as_strings(f["municipalities/name"])
                                          if "municipalities/name" in f else [])
        self.persons: int | None = None
        if "people" in f and len(f["people"]) > 0:
            first = next(iter(f["people"].values()))
            self.persons = int(first.shape[0])

    def _check_layout(self, f: h5py.File) -> None:
        weeks, groups, metrics = self.weeks, len(self.groups), len(self.metric_names)
        if len(self.week_start) != weeks:
            raise self._fail(f"/calendar/week_start has {len(self.week_start)} weeks, /meta weeks is {weeks}")
        if not 0 <= self.pilot_start_week <= self.pilot_end_week < weeks:
            raise self._fail(f"pilot weeks {self.pilot_start_week}..{self.pilot_end_week} "
                             f"are not within the {weeks} weeks")
        if len(self.metric_units) != metrics:
            raise self._fail("/metrics/unit and /metrics/name differ in length")
        self._check_dates()
        shape = (weeks, groups, metrics)
        for arm in self.arms:
            for replication in range(self.replications):
                path = self._run_path(arm, replication) + "/metrics"
                self._check_shape(f, path, shape)
                if f[path].dtype.kind != "f":
                    raise self._fail(f"/{path} holds {f[path].dtype}, expected float64")
                if not np.isfinite(f[path][()]).any():
                    raise self._fail(f"/{path} holds no number at all (every value NaN or infinite)")
        for arm in self.treatment_arms:
            for name in ("mean", "ci_low", "ci_high"):
                self._check_shape(f, f"effects/{arm}/{name}", shape)

    def _check_dates(self) -> None:
        """/meta start_date is the first week's first day, end_date within the last week or after it."""
        from .dates import to_day
        try:
            first, last = to_day(self.meta["start_date"]), to_day(self.meta["end_date"])
        except ValueError:
            raise self._fail("/meta start_date or end_date is not an ISO date") from None
        if first != to_day(self.week_start[0]) or not to_day(self.week_start[-1]) <= last:
            raise self._fail(f"/meta start_date {first} and end_date {last} do not match /calendar/week_start "
                             f"({to_day(self.week_start[0])} .. {to_day(self.week_start[-1])})")

    def _check_shape(self, f: h5py.File, path: str, shape: tuple) -> None:
        if path not in f:
            raise self._fail(f"lacks /{path}")
        if f[path].shape != shape:
            raise self._fail(f"/{path} has shape {f[path].shape}, expected {shape} (weeks, groups, metrics)")

    @staticmethod
    def _run_path(arm: str, replication: int) -> str:
        return f"arms/{arm}/replications/{replication}"

    # ----------------------------------------------------------------- descriptive
    @property
    def scenario_yaml(self) -> str:
        """The comparison spec as run, every include inlined (/meta/scenario_yaml)."""
        return self._scenario_yaml

    @property
    def follow_up_weeks(self) -> int:
        """Weeks simulated after the pilot period."""
        return self.weeks - 1 - self.pilot_end_week

    def unit_of(self, metric: str) -> str:
        return self.metric_units[self.metric_names.index(metric)]

    def description_of(self, metric: str) -> str:
        return self.metric_descriptions[self.metric_names.index(metric)]

    def metrics_dictionary(self) -> pd.DataFrame:
        """One row a metric: name, unit, description (as in the file)."""
        return pd.DataFrame({"name": self.metric_names, "unit": self.metric_units,
                             "description": self.metric_descriptions})

    def groups_table(self) -> pd.DataFrame:
        """One row a group: group, description, kind (everyone, characteristic, target,
        non_target, municipality), arm (for target / non_target groups, else empty), persons
        (the group_size metric of the baseline arm, replication 0, week 0: its persons in the
        population then; groups are fixed before treatment)."""
        kinds, arms = [], []
        for name in self.groups:
            kind, arm = _group_kind(name)
            kinds.append(kind)
            arms.append(arm)
        table = pd.DataFrame({"group": self.groups, "description": self.group_descriptions,
                              "kind": kinds, "arm": arms})
        if schema.GROUP_SIZE in self.metric_names:
            sizes = self.metric_values(self.baseline_arm)[0, 0, :, self.metric_names.index(schema.GROUP_SIZE)]
            table["persons"] = np.rint(sizes).astype("int64")
        return table

    def __repr__(self) -> str:
        return (f"<Comparison {self.path.name}: arms {self.arms} (baseline {self.baseline_arm!r}), "
                f"{self.replications} replications, {self.weeks} weeks, pilot weeks "
                f"{self.pilot_start_week}-{self.pilot_end_week}, {len(self.groups)} groups, "
                f"{len(self.metric_names)} metrics>")

    # ----------------------------------------------------------------- arrays
    def metric_values(self, arm: str) -> np.ndarray:
        """Metrics of one arm as an array [replication, week, group, metric] (cached)."""
        self._require_arm(arm)
        if arm not in self._metric_cache:
            with self._open() as f:
                self._metric_cache[arm] = np.stack(
                    [f[self._run_path(arm, r) + "/metrics"][()] for r in range(self.replications)])
        return self._metric_cache[arm]

    def effect_values(self, arm: str) -> dict[str, np.ndarray]:
        """Effects of one non-baseline arm: {"mean", "ci_low", "ci_high"}, each [week, group, metric]."""
        self._require_arm(arm)
        if arm == self.baseline_arm:
            raise ValueError(f"{arm!r} is the baseline arm: effects are measured against it")
        if arm not in self._effect_cache:
            with self._open() as f:
                self._effect_cache[arm] = {name: f[f"effects/{arm}/{name}"][()]
                                           for name in ("mean", "ci_low", "ci_high")}
        return self._effect_cache[arm]

    # ----------------------------------------------------------------- tidy frames
    def metrics(self, arms: Iterable[str] | None = None, replications: Iterable[int] | None = None,
                groups: Iterable[str] | None = None, metrics: Iterable[str] | None = None) -> pd.DataFrame:
        """Long format: arm, replication, week, week_start (datetime), group, metric, value.

        One row per arm x replication x week x group x metric (in the metric's unit); arms,
        groups and metrics are ordered categoricals in file order. Filters select before the
        frame is built.
        """
        arm_list = self._select(arms, self.arms, "arm")
        rep_list = self._select_replications(replications)
        group_index = self._indices(groups, self.groups, "group")
        metric_index = self._indices(metrics, self.metric_names, "metric")
        values = np.stack([self.metric_values(arm)[np.ix_(rep_list, range(self.weeks), group_index, metric_index)]
                           for arm in arm_list])
        frame = long_frame(
            [("arm", arm_list, True), ("replication", rep_list, False), ("week", np.arange(self.weeks), False),
             ("group", [self.groups[i] for i in group_index], True),
             ("metric", [self.metric_names[i] for i in metric_index], True)],
            {"value": values})
        return self._with_week_start(frame)

    def effects(self, arms: Iterable[str] | None = None, groups: Iterable[str] | None = None,
                metrics: Iterable[str] | None = None) -> pd.DataFrame:
        """Long format: arm, week, week_start, group, metric, mean, ci_low, ci_high.

        `mean` is the mean over replications of (arm - baseline) in the same replication, in
        the metric's unit (a share effect of 0.01 is one percentage point); ci_low, ci_high the
        95 % interval across replications, as written by the engine. Baseline arm excluded.
        """
        arm_list = self._select(arms, self.treatment_arms, "non-baseline arm")
        group_index = self._indices(groups, self.groups, "group")
        metric_index = self._indices(metrics, self.metric_names, "metric")
        selector = np.ix_(range(self.weeks), group_index, metric_index)
        columns = {name: np.stack([self.effect_values(arm)[name][selector] for arm in arm_list])
                   if arm_list else np.empty((0, self.weeks, len(group_index), len(metric_index)))
                   for name in ("mean", "ci_low", "ci_high")}
        frame = long_frame(
            [("arm", arm_list, True), ("week", np.arange(self.weeks), False),
             ("group", [self.groups[i] for i in group_index], True),
             ("metric", [self.metric_names[i] for i in metric_index], True)],
            columns)
        return self._with_week_start(frame)

    def summary_week(self, at: str = "pilot_end") -> int:
        """The week of a summary point: "pilot_end" (last week of the pilot period) or "end"
        (last week of follow-up)."""
        if at == "pilot_end":
            return self.pilot_end_week
        if at == "end":
            return self.weeks - 1
        raise ValueError(f'at must be "pilot_end" or "end", not {at!r}')

    def summary(self, at: str = "pilot_end", arms: Iterable[str] | None = None,
                groups: Iterable[str] | None = None, metrics: Iterable[str] | None = None) -> pd.DataFrame:
        """Effects in one week: at="pilot_end" the last week of the pilot period, at="end" the
        last week of follow-up. Columns of `effects()` plus baseline_level and arm_level: the
        metric's mean over replications in the baseline arm and in the arm, that week."""
        week = self.summary_week(at)
        arm_list = self._select(arms, self.treatment_arms, "non-baseline arm")
        group_index = self._indices(groups, self.groups, "group")
        metric_index = self._indices(metrics, self.metric_names, "metric")
        selector = np.ix_(group_index, metric_index)

        def level(arm):
            return self.metric_values(arm)[:, week].mean(axis=0)[selector]

        baseline = level(self.baseline_arm)
        shape = (len(arm_list), len(group_index), len(metric_index))
        columns = {name: np.stack([self.effect_values(arm)[name][week][selector] for arm in arm_list])
                   if arm_list else np.empty(shape) for name in ("mean", "ci_low", "ci_high")}
        columns["baseline_level"] = np.broadcast_to(baseline, shape)
        columns["arm_level"] = (np.stack([level(arm) for arm in arm_list]) if arm_list else np.empty(shape))
        frame = long_frame(
            [("arm", arm_list, True), ("group", [self.groups[i] for i in group_index], True),
             ("metric", [self.metric_names[i] for i in metric_index], True)],
            columns)
        frame.insert(1, "week", week)
        return self._with_week_start(frame)

    def cost_effectiveness(self) -> pd.DataFrame:
        """Incremental cost per additional week of work over the whole run, as a ratio of means
        with Fieller's interval, its status and quadrant, by arm and money group (columns in
        analysis/cost_effectiveness.py). The file's own `cost_per_additional_employment_week`
        holds the same ratio and interval, computed by the engine (a test checks they agree)."""
        from .cost_effectiveness import cost_effectiveness
        return cost_effectiveness(self)

    def people(self, replication: int | None = None) -> pd.DataFrame:
        """One row a person: person (0-based index into trajectories), the static columns and
        the initial state from /people (code columns as categoricals of their names), then
        target_<arm> (bool): the person met the arm's target predicate on the initial population.
        When each replication ran its own history (/meta `history` = `per_replication`: a drawn
        parameter acts in it), the initial state is replication 0's and target_<arm> is that of
        `replication` (default 0), from /arms/<arm>/replications/<r>/target_at_start."""
        with self._open() as f:
            if "people" not in f:
                raise self._fail("lacks /people")
            datasets = f["people"]
            ordered = [c for c in schema.PEOPLE_COLUMN_ORDER if c in datasets]
            ordered += [c for c in datasets if c not in ordered]
            columns = {"person": np.arange(self.persons or 0)}
            for name in ordered:
                dataset = datasets[name]
                values = dataset[()]
                if values.dtype.kind == "O" or values.dtype.kind == "S":
                    values = [as_text(v) for v in values]
                elif "codes" in dataset.attrs:
                    names = as_plain(dataset.attrs["codes"])
                    codes = values.astype("int64")
                    # The status of a person outside the population (schema 3) is a missing value.
                    codes[codes == schema.OUTSIDE_POPULATION_CODE] = -1
                    if codes.size and (codes.min() < -1 or codes.max() >= len(names)):
                        raise self._fail(f"/people/{name} has codes outside its {len(names)} names")
                    values = pd.Categorical.from_codes(codes, categories=names)
                columns[name] = values
            for arm in self.arms:
                path = f"arms/{arm}/target_at_start"
                own = f"{self._run_path(arm, replication)}/target_at_start" if replication is not None else ""
                if own and own in f:
                    path = own
                if path in f:
                    columns[f"target_{arm}"] = f[path][()].astype(bool)
        try:
            return pd.DataFrame(columns)
        except ValueError as error:
            raise self._fail(f"/people columns differ in length ({_one_line(error)})") from None

    def trajectory(self, arm: str, replication: int, persons: slice | Sequence[int] | None = None,
                   weeks: slice | None = None) -> Trajectory:
        """Statuses [person, week] (uint8 codes) of one run and the status names, read now;
        schema.OUTSIDE_POPULATION_CODE (255) marks a week outside the population.
        `persons` (a slice or increasing indices) and `weeks` (a slice) read only a part."""
        self._require_run(arm, replication)
        path = self._run_path(arm, replication) + "/trajectory/status"
        with self._open() as f:
            if path not in f:
                raise self._fail(f"lacks /{path} (the comparison was written without trajectories)")
            dataset = f[path]
            rows = slice(None) if persons is None else persons
            columns = slice(None) if weeks is None else weeks
            status = dataset[rows, columns]
            names = self._status_names(dataset)
        return Trajectory(status=np.asarray(status, dtype=np.uint8), status_names=names)

    def transitions(self, arm: str, replication: int) -> pd.DataFrame:
        """Status-to-status moves summed over all weeks, one row per from-status. Columns are a
        MultiIndex (measure, to_status): `frame["count"]` is the matrix of counts (person-weeks),
        `frame["row_share"]` the same divided by its row total (NaN for a row with no moves)."""
        self._require_run(arm, replication)
        base = self._run_path(arm, replication)
        with self._open() as f:
            if base + "/transitions" not in f:
                raise self._fail(f"lacks /{base}/transitions")
            dataset = f[base + "/transitions"]
            counts = dataset[()].astype("int64")
            names = self._status_names(dataset, f.get(base + "/trajectory/status"))
        if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or counts.shape[0] != len(names):
            raise self._fail(f"/{base}/transitions has shape {counts.shape} for {len(names)} statuses")
        totals = counts.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            shares = np.where(totals > 0, counts / np.where(totals > 0, totals, 1), np.nan)
        index = pd.Index(names, name="from_status")
        frame = pd.concat({"count": pd.DataFrame(counts, index=index, columns=names),
                           "row_share": pd.DataFrame(shares, index=index, columns=names)}, axis=1)
        frame.columns.names = ["measure", "to_status"]
        return frame

    # ----------------------------------------------------------------- helpers
    def _status_names(self, *datasets) -> list[str]:
        for dataset in datasets:
            if dataset is not None and "codes" in dataset.attrs:
                return list(as_plain(dataset.attrs["codes"]))
        raise self._fail("names no statuses: a `codes` attribute is missing (docs/comparison-schema.md)")

    def _with_week_start(self, frame: pd.DataFrame) -> pd.DataFrame:
        position = frame.columns.get_loc("week") + 1
        frame.insert(position, "week_start", self.week_start.values[frame["week"].to_numpy()])
        return frame

    def _require_arm(self, arm: str) -> None:
        if arm not in self.arms:
            raise KeyError(f"no arm {arm!r}; the arms are {self.arms}")

    def _require_run(self, arm: str, replication: int) -> None:
        self._require_arm(arm)
        if not 0 <= int(replication) < self.replications:
            raise KeyError(f"no replication {replication}; there are {self.replications} (0-based)")

    def _select_replications(self, replications) -> list[int]:
        if replications is None:
            return list(range(self.replications))
        chosen = [int(r) for r in ([replications] if np.isscalar(replications) else replications)]
        for r in chosen:
            if not 0 <= r < self.replications:
                raise KeyError(f"no replication {r}; there are {self.replications} (0-based)")
        return chosen

    @staticmethod
    def _select(chosen, available: list[str], what: str) -> list[str]:
        if chosen is None:
            return list(available)
        chosen = [chosen] if isinstance(chosen, str) else list(chosen)
        unknown = [c for c in chosen if c not in available]
        if unknown:
            raise KeyError(f"no {what} {unknown}; the choices are {available}")
        return [a for a in available if a in chosen]

    @classmethod
    def _indices(cls, chosen, available: list[str], what: str) -> list[int]:
        names = cls._select(chosen, available, what)
        return [available.index(n) for n in names]


def _group_kind(name: str) -> tuple[str, str]:
    """(kind, arm) of a group name: everyone, characteristic, target, non_target, pilot_clients,
    municipality."""
    if name == schema.EVERYONE:
        return "everyone", ""
    if name.startswith(schema.TARGET_PREFIX):
        return "target", name[len(schema.TARGET_PREFIX):]
    if name.startswith(schema.NON_TARGET_PREFIX):
        return "non_target", name[len(schema.NON_TARGET_PREFIX):]
    if name.startswith(schema.PILOT_CLIENTS_PREFIX):
        return "pilot_clients", name[len(schema.PILOT_CLIENTS_PREFIX):]
    if name.startswith(schema.MUNICIPALITY_PREFIX):
        return "municipality", ""
    return "characteristic", ""
