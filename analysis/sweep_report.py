"""The report of a sweep (`kokeilu sweep`, docs/sweep-schema.md): each headline effect of each arm
against each swept parameter, with its 95 % interval across replications, at the end of the pilot
and at the end of follow-up; the tables behind the figures as CSV. Written like the comparison
and run reports: a self-contained report.html (last) and its CSV tables."""
from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import figures, language, schema
from .csv_files import write_csv
from .errors import KokeiluFileError
from .hdf5_reading import as_text, open_read, read_meta
from .language import tr

SWEEP_REPORT_TABLES = {
    "sweep_points.csv": "each point's value of each swept parameter (parameter_j and its key path)",
    "sweep_effects.csv": "each point's effects of each arm for every group and metric, with 95 % intervals",
}
SWEEP_REPORT_FILES = ("report.html", *SWEEP_REPORT_TABLES)
# The effects the report draws (those `kokeilu compare` prints), for everyone in the region.
HEADLINE_METRICS = ("open_employment", "unemployment", "activation_rate", "cost_total_eur")
HEADLINE_GROUP = "everyone"


@dataclass
class SweepFile:
    path: Path
    meta: dict
    parameters: list[str]         # key paths [D]
    values: np.ndarray            # [P, D]
    arms: list[str]               # pilot arms [A]
    moments: list[str]            # [T]
    groups: list[str]             # [G]
    metrics: list[str]            # [K]
    units: list[str]              # [K]
    mean: np.ndarray              # [P, A, T, G, K]
    ci_low: np.ndarray
    ci_high: np.ndarray


def _strings(dataset) -> list[str]:
    return [as_text(v) for v in dataset[()]]


def open_sweep(path: str | os.PathLike) -> SweepFile:
    """A checked sweep file. @raises KokeiluFileError."""
    path = Path(path)

    def fail(reason: str) -> KokeiluFileError:
        return KokeiluFileError(f"{path}: {reason}")

    with open_read(path, fail) as f:
        meta = read_meta(f, fail)
        if meta.get("kind") != "sweep":
            raise fail(f'not a sweep file: /meta kind is {meta.get("kind")!r}')
        if meta.get("complete") != 1:
            raise fail("incomplete: the sweep did not finish writing it")
        sweep = SweepFile(path=path, meta=meta, parameters=_strings(f["parameters/path"]),
                          values=f["parameters/value"][()], arms=_strings(f["arm"]), moments=_strings(f["moment"]),
                          groups=_strings(f["groups/name"]), metrics=_strings(f["metrics/name"]),
                          units=_strings(f["metrics/unit"]), mean=f["effects/mean"][()],
                          ci_low=f["effects/ci_low"][()], ci_high=f["effects/ci_high"][()])
    expected = (len(sweep.values), len(sweep.arms), len(sweep.moments), len(sweep.groups), len(sweep.metrics))
    for name in ("mean", "ci_low", "ci_high"):
        if getattr(sweep, name).shape != expected:
            raise fail(f"/effects/{name} has shape {getattr(sweep, name).shape}, expected {expected}")
    return sweep


def parameter_columns(sweep: SweepFile) -> list[str]:
    """parameter_1, ..., parameter_D: the columns of each point's values in the tables (key paths
    are not variable names R or Stata accept); sweep_points.csv says which path each is."""
    return [f"parameter_{j + 1}" for j in range(len(sweep.parameters))]


def sweep_points(sweep: SweepFile) -> pd.DataFrame:
    """Long: point, parameter (parameter_j), path (its key path), value."""
    P, D = sweep.values.shape
    return pd.DataFrame({"point": np.repeat(np.arange(P), D), "parameter": np.tile(parameter_columns(sweep), P),
                         "path": np.tile(sweep.parameters, P), "value": sweep.values.reshape(-1)})


def sweep_effects(sweep: SweepFile) -> pd.DataFrame:
    """Tidy: point, parameter_1..D (the point's values), arm, moment, group, metric, unit, mean,
    ci_low, ci_high."""
    P, A, T, G, K = sweep.mean.shape
    index = pd.MultiIndex.from_product([range(P), sweep.arms, sweep.moments, sweep.groups, sweep.metrics],
                                       names=["point", "arm", "moment", "group", "metric"])
    frame = pd.DataFrame({"mean": sweep.mean.reshape(-1), "ci_low": sweep.ci_low.reshape(-1),
                          "ci_high": sweep.ci_high.reshape(-1)}, index=index).reset_index()
    frame.insert(5, "unit", np.tile(sweep.units, P * A * T * G))
    values = pd.DataFrame(sweep.values, columns=parameter_columns(sweep))
    values.insert(0, "point", np.arange(P))
    return values.merge(frame, on="point")


def effect_against_parameter_figure(sweep: SweepFile, moment: str) -> str:
    """Rows: headline metrics; columns: swept parameters; each arm's effect on everyone at `moment`
    against the parameter's value, with its 95 % interval."""
    import matplotlib.pyplot as plt

    metrics = [m for m in HEADLINE_METRICS if m in sweep.metrics]
    t, g = sweep.moments.index(moment), sweep.groups.index(HEADLINE_GROUP)
    rows, columns = len(metrics), len(sweep.parameters)
    figure, axes = plt.subplots(rows, columns, figsize=(4.6 * columns, 2.6 * rows), squeeze=False)
    for i, metric in enumerate(metrics):
        k = sweep.metrics.index(metric)
        scale, unit = figures._scale(sweep.units[k], effect=True)
        for j, parameter in enumerate(sweep.parameters):
            ax = axes[i][j]
            x = sweep.values[:, j]
            order = np.argsort(x, kind="stable")
            for a, arm in enumerate(sweep.arms):
                mean = sweep.mean[:, a, t, g, k] * scale
                low, high = sweep.ci_low[:, a, t, g, k] * scale, sweep.ci_high[:, a, t, g, k] * scale
                colour = figures.ARM_COLOURS[a % len(figures.ARM_COLOURS)]
                ax.errorbar(x[order], mean[order], yerr=[(mean - low)[order], (high - mean)[order]], fmt="o",
                            markersize=3, capsize=2, color=colour, label=arm, alpha=0.85)
            ax.axhline(0.0, color="#888888", linewidth=0.8)
            ax.set_title(f"{metric} ({unit})", fontsize=9)
            if i == rows - 1:
                ax.set_xlabel(parameter, fontsize=8)
            ax.tick_params(labelsize=8)
    handles, labels = axes[0][0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=min(4, len(labels)), fontsize=8,
                  bbox_to_anchor=(0.5, -0.02))
    figure.tight_layout(rect=(0, 0.04, 1, 1))
    return figures.to_base64_png(figure)


def write_sweep_report(sweep: SweepFile, directory: Path, lang: str = "en") -> Path:
    """Write the CSV tables and report.html (last) into `directory`; returns report.html's path.
    The page is in `lang` (labels, numbers and dates, analysis/language.py); the CSV files are
    the same in every language."""
    from .report import _figure, _table, write_page
    directory = Path(directory)
    points, effects = sweep_points(sweep), sweep_effects(sweep)
    write_csv(points, directory / "sweep_points.csv")
    write_csv(effects, directory / "sweep_effects.csv")
    e = html.escape
    meta = sweep.meta
    with language.using(lang):
        title = tr("Kokeilu sweep: {name}").format(name=meta.get("comparison_name", sweep.path.stem))
        point_rows = [[str(p)] + [language.significant(v) for v in sweep.values[p]] for p in range(len(sweep.values))]
        sections = [
            f"<h1>{e(title)}</h1><p class=\"note\">"
            + e(tr("From {file}, written {created} by Kokeilu {version}.").format(
                file=sweep.path.name, created=meta.get("created_utc", ""), version=meta.get("engine_version", "")))
            + "</p>",
            "<p>" + e(tr("{points} points ({design}) of the comparison {comparison}, each {arms} arms x "
                         "{replications} replications with the comparison's seed. Effects are against the "
                         "baseline arm {baseline}: mean over replications with its 95 % interval, for everyone "
                         "in the region. Shares are in percentage points, costs in euros per week.").format(
                points=len(sweep.values), design=meta.get("design", ""), comparison=meta.get("comparison_file", ""),
                arms=len(sweep.arms) + 1, replications=meta.get("replications", "?"),
                baseline=meta.get("baseline_arm", ""))) + "</p>",
        ]
        for moment, words in (("end_of_pilot", tr("At the end of the pilot")),
                              ("end_of_follow_up", tr("At the end of follow-up"))):
            if moment in sweep.moments:
                sections.append(f"<h2>{e(words)}</h2>" + _figure(
                    effect_against_parameter_figure(sweep, moment),
                    tr("effects against the swept parameters") + f", {moment}"))
        sections.append(f"<h2>{e(tr('Points'))}</h2>" + _table([tr("point"), *sweep.parameters], point_rows))
        sections.append(f"<h2>{e(tr('Tables'))}</h2><ul>" + "".join(
            f"<li><code>{e(n)}</code>: {e(tr(t))}</li>" for n, t in SWEEP_REPORT_TABLES.items()) + "</ul>")
        return write_page(directory, title, sections)
