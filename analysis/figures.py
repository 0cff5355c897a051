"""Figures of the report, returned as base64-encoded PNG (embedded in the HTML as data: URIs).

matplotlib with the Agg backend (no display). Time plots shade the pilot period. Shares are
drawn in per cent (levels) or percentage points (effects), euros as they are in the file.
"""
from __future__ import annotations

import base64
import io
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import dates, schema  # noqa: E402
from .formatting import metric_title  # noqa: E402
from .load import Comparison  # noqa: E402

BASELINE_COLOUR = "#3b3b3b"
ARM_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
PILOT_SHADE = "#f3e3b5"
DPI = 96


def arm_colours(comparison: Comparison) -> dict[str, str]:
    """One colour per arm, the same in every figure; the baseline dark grey."""
    colours = {comparison.baseline_arm: BASELINE_COLOUR}
    for i, arm in enumerate(comparison.treatment_arms):
        colours[arm] = ARM_COLOURS[i % len(ARM_COLOURS)]
    return colours


def to_base64_png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _scale(unit: str, effect: bool) -> tuple[float, str]:
    """Multiplier and axis label for values in `unit`."""
    if unit == schema.UNIT_SHARE:
        return 100.0, "percentage points" if effect else "%"
    if unit == schema.UNIT_EUR:
        return 1.0, "EUR per week"
    return 1.0, unit


def _grid(panels: int, columns: int = 2, height: float = 2.8):
    rows = max(1, math.ceil(panels / columns))
    figure, axes = plt.subplots(rows, columns, figsize=(5.2 * columns, height * rows), squeeze=False)
    for ax in axes.flat[panels:]:
        ax.set_visible(False)
    return figure, list(axes.flat[:panels])


def _shade_pilot(ax, comparison: Comparison) -> None:
    first, last = dates.pilot_period(comparison)
    start, end = pd.Timestamp(first), pd.Timestamp(last) + pd.Timedelta(days=1)
    ax.axvspan(start, end, color=PILOT_SHADE, alpha=0.6, lw=0, label="pilot period", zorder=0)


def _date_axis(ax) -> None:
    # minticks=3: with the default 5, a run of four years skips yearly ticks, finds no monthly
    # interval with at most maxticks ticks and warns ("AutoDateLocator was unable to pick ...").
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(True, color="#e0e0e0", lw=0.6)


def _payer_label(metric: str) -> str:
    """"cost_state_eur" -> "state"; "municipal_copayment_eur" -> "municipal copayment"."""
    name = metric[:-4] if metric.endswith("_eur") else metric
    return (name[5:] if name.startswith("cost_") else name).replace("_", " ")


def _legend_below(figure, axes) -> None:
    handles, labels = axes[0].get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    legend_height = 0.45 / figure.get_figheight()   # about half an inch for one row
    figure.legend(unique.values(), unique.keys(), loc="lower center", ncol=min(len(unique), 5),
                  frameon=False, bbox_to_anchor=(0.5, 0))
    figure.tight_layout(rect=(0, legend_height, 1, 1))


def status_shares_figure(comparison: Comparison, shares: pd.DataFrame) -> str:
    """One panel per share metric; a line per arm (mean over replications), in per cent."""
    metrics = list(shares["metric"].cat.categories)
    colours = arm_colours(comparison)
    figure, axes = _grid(len(metrics))
    dates = comparison.week_start
    for ax, metric in zip(axes, metrics):
        _shade_pilot(ax, comparison)
        rows = shares[shares["metric"] == metric]
        for arm in comparison.arms:
            values = rows.loc[rows["arm"] == arm, "mean"].to_numpy() * 100
            ax.plot(dates, values, color=colours[arm], lw=1.6, label=arm)
        ax.set_title(metric_title(metric), fontsize=10)
        ax.set_ylabel("% of persons")
        _date_axis(ax)
    _legend_below(figure, axes)
    return to_base64_png(figure)


def effects_figure(comparison: Comparison, effects: pd.DataFrame) -> str:
    """One panel per metric; a line per non-baseline arm with its 95 % band; zero marked."""
    metrics = list(dict.fromkeys(effects["metric"].astype(str)))
    colours = arm_colours(comparison)
    figure, axes = _grid(max(1, len(metrics)))
    dates = comparison.week_start
    for ax, metric in zip(axes, metrics):
        factor, label = _scale(comparison.unit_of(metric), effect=True)
        _shade_pilot(ax, comparison)
        ax.axhline(0, color=BASELINE_COLOUR, lw=0.8)
        rows = effects[effects["metric"] == metric]
        for arm in comparison.treatment_arms:
            arm_rows = rows[rows["arm"] == arm]
            ax.fill_between(dates, arm_rows["ci_low"].to_numpy() * factor, arm_rows["ci_high"].to_numpy() * factor,
                            color=colours[arm], alpha=0.2, lw=0)
            ax.plot(dates, arm_rows["mean"].to_numpy() * factor, color=colours[arm], lw=1.6,
                    label=f"{arm} \u2212 {comparison.baseline_arm}")
        ax.set_title(metric_title(metric), fontsize=10)
        ax.set_ylabel(label)
        _date_axis(ax)
    _legend_below(figure, axes)
    return to_base64_png(figure)


def levels_figure(comparison: Comparison, levels: pd.DataFrame, metric: str) -> str:
    """A metric's level by arm over time, with the 95 % band across replications."""
    factor, label = _scale(comparison.unit_of(metric), effect=False)
    colours = arm_colours(comparison)
    figure, ax = plt.subplots(figsize=(9, 3.6))
    _shade_pilot(ax, comparison)
    for arm in comparison.arms:
        rows = levels[levels["arm"] == arm]
        ax.fill_between(comparison.week_start, rows["ci_low"].to_numpy() * factor, rows["ci_high"].to_numpy() * factor,
                        color=colours[arm], alpha=0.18, lw=0)
        ax.plot(comparison.week_start, rows["mean"].to_numpy() * factor, color=colours[arm], lw=1.8, label=arm)
    ax.set_ylabel(label)
    ax.set_title(metric_title(metric), fontsize=10)
    _date_axis(ax)
    _legend_below(figure, [ax])
    return to_base64_png(figure)


def cost_differences_figure(comparison: Comparison, costs: pd.DataFrame) -> str:
    """Bars: cumulative cost of each non-baseline arm minus the baseline, by payer, for each
    window (pilot period; pilot and follow-up), with 95 % intervals."""
    colours = arm_colours(comparison)
    windows = list(dict.fromkeys(costs["window"]))
    metrics = list(costs["metric"].cat.categories)
    arms = comparison.treatment_arms
    figure, axes = plt.subplots(1, len(windows), figsize=(5.2 * len(windows), 3.8), squeeze=False)
    axes = list(axes.flat)
    largest = np.nanmax(np.abs(costs[["difference_ci_low", "difference_ci_high"]].to_numpy()), initial=0.0)
    divisor, unit = (1e6, "EUR million") if largest >= 1e6 else ((1e3, "EUR thousand") if largest >= 1e3 else (1, "EUR"))
    width = 0.8 / max(1, len(arms))
    positions = np.arange(len(metrics))
    for ax, window in zip(axes, windows):
        rows = costs[costs["window"] == window]
        first, last = int(rows["first_week"].iloc[0]), int(rows["last_week"].iloc[0])
        for i, arm in enumerate(arms):
            arm_rows = rows[rows["arm"] == arm].set_index("metric").reindex(metrics)
            mean = arm_rows["difference_mean"].to_numpy() / divisor
            errors = np.vstack([mean - arm_rows["difference_ci_low"].to_numpy() / divisor,
                                arm_rows["difference_ci_high"].to_numpy() / divisor - mean])
            ax.bar(positions + (i - (len(arms) - 1) / 2) * width, mean, width, yerr=np.abs(errors),
                   color=colours[arm], label=f"{arm} \u2212 {comparison.baseline_arm}", capsize=2,
                   error_kw={"lw": 0.8})
        ax.axhline(0, color=BASELINE_COLOUR, lw=0.8)
        ax.set_xticks(positions)
        ax.set_xticklabels([_payer_label(m) for m in metrics], rotation=30, ha="right",
                           fontsize=8)
        ax.set_ylabel(f"change, {unit}")
        ax.set_title(f"{window.replace('_', ' ')}, weeks {first}\u2013{last} (cumulative)", fontsize=10)
        ax.grid(True, axis="y", color="#e0e0e0", lw=0.6)
    if arms:
        _legend_below(figure, axes)
    return to_base64_png(figure)


def cost_effectiveness_plane_figure(comparison: Comparison, points: pd.DataFrame) -> str:
    """Incremental cost (y) against incremental person-weeks of work (x): one small point per
    replication and arm, a large one at the arm's means; the axes cross at the baseline (0, 0)."""
    colours = arm_colours(comparison)
    figure, ax = plt.subplots(figsize=(7.5, 5.0))
    largest = np.nanmax(np.abs(points["extra_cost_eur"].to_numpy()), initial=0.0)
    divisor, unit = (1e6, "EUR million") if largest >= 1e6 else ((1e3, "EUR thousand") if largest >= 1e3 else (1, "EUR"))
    ax.axhline(0, color=BASELINE_COLOUR, lw=0.8)
    ax.axvline(0, color=BASELINE_COLOUR, lw=0.8)
    for arm in comparison.treatment_arms:
        rows = points[points["arm"] == arm]
        x, y = rows["extra_work_weeks"].to_numpy(), rows["extra_cost_eur"].to_numpy() / divisor
        ax.scatter(x, y, s=18, color=colours[arm], alpha=0.6)
        ax.scatter([x.mean()], [y.mean()], s=90, color=colours[arm], edgecolor="black", label=f"{arm} (mean)")
    ax.set_xlabel("additional weeks of work (person-weeks, whole run)")
    ax.set_ylabel(f"additional cost, {unit} (whole run)")
    for (h, v), text in (((0.98, 0.97), "costs more, employs more"), ((0.02, 0.97), "dominated"),
                         ((0.98, 0.03), "dominant"), ((0.02, 0.03), "costs less, employs fewer")):
        ax.text(h, v, text, transform=ax.transAxes, ha="right" if h > 0.5 else "left",
                va="top" if v > 0.5 else "bottom", fontsize=8, color="#666")
    ax.grid(True, color="#e0e0e0", lw=0.6)
    if comparison.treatment_arms:
        _legend_below(figure, [ax])
    return to_base64_png(figure)


def run_status_figure(run, shares: pd.DataFrame) -> str:
    """One line per status: its share of the region's persons, in per cent, over the run."""
    figure, ax = plt.subplots(figsize=(9, 3.8))
    for i, status in enumerate(dict.fromkeys(shares["status"])):
        rows = shares[shares["status"] == status]
        ax.plot(run.week_start, rows["share"].to_numpy() * 100, lw=1.6, label=status.replace("_", " "),
                color=ARM_COLOURS[i % len(ARM_COLOURS)])
    ax.set_ylabel("% of persons")
    _date_axis(ax)
    _legend_below(figure, [ax])
    return to_base64_png(figure)


def run_activation_figure(run, rates: pd.DataFrame) -> str:
    """The activation rate of the region (thick) and of each municipality, in per cent."""
    figure, ax = plt.subplots(figsize=(9, 3.6))
    for i, area in enumerate(dict.fromkeys(rates["area"])):
        rows = rates[rates["area"] == area]
        ax.plot(run.week_start, rows["activation_rate"].to_numpy() * 100, lw=2.4 if i == 0 else 1.0, label=area,
                color=BASELINE_COLOUR if i == 0 else ARM_COLOURS[(i - 1) % len(ARM_COLOURS)])
    ax.set_ylabel("%")
    _date_axis(ax)
    _legend_below(figure, [ax])
    return to_base64_png(figure)
