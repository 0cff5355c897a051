"""The report of a single run (`kokeilu run`): what was run, in words; the region's statuses,
activation rate and costs by payer over the run; each municipality. Written like the comparison
report (report.py): a self-contained report.html and the CSV tables behind it."""
from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import pandas as pd

from . import dates, designs, figures, formatting, language, measures, schema
from .language import tr
from .csv_files import write_csv
from .run_file import RunFile

RUN_REPORT_TABLES = {
    "run_status_shares.csv": "persons and share of the region in each status, by week",
    "run_activation_rate.csv": "activation rate of the region and of each municipality, by week",
    "run_costs_by_payer.csv": "euros over the whole run by payer, for the region and each municipality",
    "run_municipalities.csv": "each municipality at the start and at the end of the run",
}
REGION = "region"


def _e(text) -> str:
    return html.escape(str(text))


def status_shares(run: RunFile) -> pd.DataFrame:
    """week, week_start, status, persons, share (of the region's persons that week)."""
    counts, labels = run.weekly("status_counts")
    region = counts.sum(axis=1)                                    # [W, S]
    totals = region.sum(axis=1, keepdims=True)
    statuses = labels["status"]
    frame = pd.DataFrame({"week": np.repeat(np.arange(run.weeks), len(statuses)),
                          "week_start": np.repeat(run.week_start.values, len(statuses)),
                          "status": np.tile(statuses, run.weeks),
                          "persons": region.reshape(-1).astype(np.int64),
                          "share": (region / np.where(totals > 0, totals, np.nan)).reshape(-1)})
    return frame


def activation_rates(run: RunFile) -> pd.DataFrame:
    """week, week_start, area (region or a municipality), activation_rate: from the status counts
    with the one definition (measures.activation_rate)."""
    counts, labels = run.weekly("status_counts")
    statuses = labels["status"]
    areas = [REGION] + run.municipalities
    rates = np.column_stack([measures.activation_rate_of_counts(counts.sum(axis=1), statuses),
                             measures.activation_rate_of_counts(counts, statuses)])      # [W, 1 + M]
    return pd.DataFrame({"week": np.repeat(np.arange(run.weeks), len(areas)),
                         "week_start": np.repeat(run.week_start.values, len(areas)),
                         "area": np.tile(areas, run.weeks), "activation_rate": rates.reshape(-1)})


def costs_by_payer(run: RunFile) -> pd.DataFrame:
    """area, payer, total_eur: euros summed over the whole run (payers, their total, and the
    municipal co-payment of the labour market subsidy)."""
    costs, labels = run.weekly("cost_eur")
    copayment, _ = run.weekly("copayment_eur")
    payers = labels.get("payer", [f"payer_{i}" for i in range(costs.shape[2])])
    by_area = np.vstack([costs.sum(axis=(0, 1)), costs.sum(axis=0)])          # [1 + M, P]
    copay = np.concatenate([[copayment.sum()], copayment.sum(axis=0)])
    names = payers + ["total", "municipal_copayment"]
    values = np.column_stack([by_area, by_area.sum(axis=1), copay])
    areas = [REGION] + run.municipalities
    return pd.DataFrame({"area": np.repeat(areas, len(names)), "payer": np.tile(names, len(areas)),
                         "total_eur": values.reshape(-1)})


def municipalities(run: RunFile) -> pd.DataFrame:
    """municipality, persons_at_start, unemployment_start, unemployment_end, activation_rate_start,
    activation_rate_end, cost_total_eur (whole run)."""
    counts, labels = run.weekly("status_counts")
    statuses = labels["status"]
    unemployed = statuses.index(measures.UNEMPLOYED)
    persons = counts.sum(axis=2)
    rate = measures.activation_rate_of_counts(counts, statuses)
    costs, _ = run.weekly("cost_eur")
    return pd.DataFrame({
        "municipality": run.municipalities, "persons_at_start": persons[0].astype(np.int64),
        "unemployment_start": counts[0, :, unemployed] / persons[0],
        "unemployment_end": counts[-1, :, unemployed] / persons[-1],
        "activation_rate_start": rate[0], "activation_rate_end": rate[-1],
        "cost_total_eur": costs.sum(axis=(0, 2))})


def _design_of(run: RunFile) -> designs.DesignFacts:
    scenario = designs.parse_scenario(run.scenario_yaml)
    design = scenario.get("design") if isinstance(scenario.get("design"), dict) else scenario.get("baseline_design")
    return designs.facts_of(str(run.meta.get("arm", "")), design if isinstance(design, dict) else None)


def _summary(run: RunFile, shares: pd.DataFrame, rates: pd.DataFrame, costs: pd.DataFrame) -> str:
    from .report import _design_items, _table
    first, last = dates.simulated_period(run)
    facts = _design_of(run)
    design_words = _design_items(facts, "")
    region_rates = rates[rates["area"] == REGION].set_index("week")["activation_rate"]
    rows = []
    for status in ("employed", "unemployed"):
        chosen = shares[shares["status"] == status].set_index("week")["share"]
        if len(chosen):
            rows.append([f"{status} (share of persons)", formatting.level(chosen.iloc[0], schema.UNIT_SHARE),
                         formatting.level(chosen.iloc[-1], schema.UNIT_SHARE)])
    rows.append(["activation rate", formatting.level(region_rates.iloc[0], schema.UNIT_SHARE),
                 formatting.level(region_rates.iloc[-1], schema.UNIT_SHARE)])
    region_costs = costs[costs["area"] == REGION]
    cost_rows = [[payer.replace("_", " "), formatting.level(total, schema.UNIT_EUR)]
                 for payer, total in zip(region_costs["payer"], region_costs["total_eur"])]
    return (f"<h2>{tr('What was run')}</h2><p>One simulation ({_e(run.meta.get('arm', 'baseline'))} design, "
            f"replication {_e(run.meta.get('replication', 0))}, seed {_e(run.meta.get('seed', ''))}) of "
            f"{formatting.persons(run.persons)} persons in {len(run.municipalities)} municipalities, "
            f"{_e(dates.show_period(first, last))} ({run.weeks} weeks). A single run has no baseline to "
            f"compare with and no interval: for effects, run <code>kokeilu compare</code>.</p>{design_words}"
            f"<h2>{tr('Key figures for the region')}</h2>"
            + _table(["", f"start ({dates.show_week(run.week_start[0])})", f"end ({dates.show_week(run.week_start[-1])})"], rows)
            + "<h3>Costs over the whole run, by payer</h3>" + _table(["payer", "EUR"], cost_rows))


def write_run_report(run: RunFile, directory: Path, lang: str = language.DEFAULT) -> Path:
    """Write the CSV tables and report.html (last) into `directory`, the page in `lang`; returns
    report.html's path."""
    with language.using(lang):
        return _write_run_report(run, Path(directory))


def _write_run_report(run: RunFile, directory: Path) -> Path:
    from .report import _figure, _table, write_page
    directory = Path(directory)
    shares, rates, costs, places = status_shares(run), activation_rates(run), costs_by_payer(run), municipalities(run)
    for name, frame in zip(RUN_REPORT_TABLES, (shares, rates, costs, places)):
        write_csv(frame, directory / name)
    municipality_rows = [[r.municipality, formatting.persons(r.persons_at_start),
                          formatting.level(r.unemployment_start, schema.UNIT_SHARE),
                          formatting.level(r.unemployment_end, schema.UNIT_SHARE),
                          formatting.level(r.activation_rate_end, schema.UNIT_SHARE),
                          formatting.level(r.cost_total_eur, schema.UNIT_EUR)] for r in places.itertuples()]
    title = f"{tr('Kokeilu run')}: {run.meta.get('scenario_name', run.path.stem)}"
    sections = [
        f"<h1>{_e(title)}</h1><p class=\"note\">From <code>{_e(run.path.name)}</code>, written "
        f"{_e(run.meta.get('created_utc', ''))} by Kokeilu {_e(run.meta.get('engine_version', ''))}.</p>",
        _summary(run, shares, rates, costs),
        f"<h2>{tr('Status shares over time')}</h2>" + _figure(figures.run_status_figure(run, shares), "status shares"),
        f"<h2>{tr('Activation rate')}</h2><p>Persons in activating services divided by the unemployed plus the persons "
        "in activating services.</p>" + _figure(figures.run_activation_figure(run, rates), "activation rate"),
        f"<h2>{tr('Municipalities')}</h2>" + _table(["municipality", "persons at start", "unemployment at start",
                                            "unemployment at end", "activation rate at end",
                                            "total cost over the run"], municipality_rows),
        "<h2>Tables</h2><ul>" + "".join(f"<li><code>{_e(n)}</code>: {_e(t)}</li>" for n, t in RUN_REPORT_TABLES.items())
        + "</ul>"]
    return write_page(directory, title, sections)
