"""The HTML report of a comparison: one self-contained page (figures embedded as base64 PNG,
styles inline) and the CSV tables behind it, written to a directory.

Written for a reader who does not know the engine: what was compared, over which period, how
sure the numbers are, and then the sections. Every number comes from the comparison file.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import numpy as np
import pandas as pd

from . import cost_effectiveness, dates, designs, drivers, figures, formatting, schema, tables, verdict
from .csv_files import write_csv
from . import language
from .language import number, tr
from .load import Comparison
from .texts import INTRODUCTION

#: CSV files written beside report.html, with what each holds (shown at the end of the report).
REPORT_TABLES = {
    "status_shares.csv": "share metrics of everyone by arm and week, mean over replications",
    "effects_key_metrics.csv": "effects (arm \u2212 baseline) of the key metrics on everyone by week, with 95 % intervals",
    "activation_rate.csv": "activation rate of everyone by arm and week, mean and 95 % interval across replications",
    "costs_by_payer.csv": "cumulative euros by payer, by arm and window, and the change from the baseline",
    "effects_by_group.csv": "effects of every metric on every group at the end of the pilot and of follow-up",
    "displacement.csv": "effects on the persons outside each arm's target group, beside its target group, in words",
    "transitions.csv": "status-to-status moves of replication 0 by arm: counts and row shares",
    "cost_effectiveness.csv": "incremental cost per additional week of work over the whole run (ratio of means, "
                              "Fieller interval, quadrant), by arm and group with costs",
    "cost_effectiveness_plane.csv": "incremental cost and weeks of work of everyone over the whole run, one row "
                                    "per arm and replication",
}

#: Every file the report command writes (a directory holding only these is a previous report).
REPORT_FILES = ("report.html", *REPORT_TABLES)

STYLE = """
body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
h3 { margin-top: 1.4em; font-size: 1.1em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.85em; }
th, td { border: 1px solid #d5d5d5; padding: 3px 7px; text-align: right; }
th { background: #f2f2f2; } td:first-child, th:first-child { text-align: left; }
img { max-width: 100%; } .note { color: #555; font-size: 0.9em; }
.pilot { background: #f3e3b5; padding: 0 4px; } code { background: #f4f4f4; padding: 0 3px; }
.side { display: inline-block; vertical-align: top; margin-right: 1.5em; }
"""


def _e(text) -> str:
    return html.escape(str(text))


def _table(header: list[str], rows: list[list[str]], cell_styles: list[list[str]] | None = None) -> str:
    """An HTML table; cells are escaped text."""
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = []
    for i, row in enumerate(rows):
        cells = []
        for j, cell in enumerate(row):
            style = cell_styles[i][j] if cell_styles else ""
            cells.append(f"<td style=\"{style}\">{_e(cell)}</td>" if style else f"<td>{_e(cell)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _figure(png_base64: str, alt: str) -> str:
    return f'<p><img alt="{_e(alt)}" src="data:image/png;base64,{png_base64}"></p>'


def _source(name: str) -> str:
    return f'<p class="note">{_e(tr("Table:"))} <code>{_e(name)}</code> {_e(tr("beside this report."))}</p>'


def _degrees(count: int) -> str:
    return tr("{count} degree of freedom" if count == 1 else "{count} degrees of freedom").format(count=count)


# ----------------------------------------------------------------------------- sections
def _title(c: Comparison) -> str:
    return (f"<h1>{_e(tr('Kokeilu comparison'))}: {_e(c.meta.get('scenario_name', c.path.stem))}</h1>"
            + '<p class="note">' + _e(tr("From {file}, written {created} by Kokeilu {version}. Report made {today}.").format(
                file=c.path.name, created=c.meta.get("created_utc", ""), version=c.meta.get("engine_version", ""),
                today=dt.date.today().isoformat())) + "</p>")


def _introduction(c: Comparison) -> str:
    persons = tables.group_persons(c)
    pilot_first, pilot_last = dates.pilot_period(c)
    first_day, last_day = dates.simulated_period(c)
    arm_rows = []
    for arm in c.arms:
        if arm == c.baseline_arm:
            arm_rows.append([arm, tr("baseline (the counterfactual: no pilot)"), "\u2014"])
        else:
            size = persons.get(schema.TARGET_PREFIX + arm, float("nan"))
            arm_rows.append([arm, tr("pilot design"), "n/a" if np.isnan(size) else formatting.persons(size)])
    everyone = persons.get(schema.EVERYONE, float("nan"))
    count = everyone if not np.isnan(everyone) else c.persons
    population = tr("{persons} persons").format(persons=formatting.persons(count)) if count else tr("the same population")
    interval_note = tr("With a single replication the intervals collapse to the mean: they say nothing "
                       "about uncertainty." if c.replications == 1 else
                       "They show the randomness of the simulation, not the uncertainty of the model's "
                       "assumptions.")
    body = tr(INTRODUCTION).format(
        arms=len(c.arms), population=_e(population), baseline=_e(c.baseline_arm),
        pilot=_e(dates.show_period(pilot_first, pilot_last)), first_week=c.pilot_start_week, last_week=c.pilot_end_week,
        follow_up=c.follow_up_weeks, end=_e(dates.show_date(last_day)), weeks=c.weeks,
        start=_e(dates.show_date(first_day)), replications=c.replications,
        degrees=_degrees(c.replications - 1), interval_note=interval_note)
    table = _table([tr("arm"), tr("role"), tr("persons in its target group")], arm_rows)
    return f"<h2>{_e(tr('What was compared'))}</h2>" + body.replace("{TABLE}", table)




def _design_items(facts: designs.DesignFacts, run_period: str) -> str:
    items = [("what it is", facts.description), ("organiser", facts.organiser), ("target", facts.target),
             ("entry", facts.entry), ("priority in queues", facts.priority), ("coach", facts.coach),
             ("services with places", "; ".join(facts.places)),
             ("period", (tr("{period} in its design; ").format(period=facts.period) if facts.period else "") + run_period)]
    return "<ul>" + "".join(f"<li><strong>{_e(tr(k))}</strong>: {_e(v)}</li>" for k, v in items if v) + "</ul>"


def _headline_table(c: Comparison, arm: str, headlines: pd.DataFrame, persons: dict) -> str:
    these = headlines[headlines["arm"] == arm]
    roles = verdict.group_roles(arm)
    header = [tr("effect (arm \u2212 baseline)")]
    for role, group in roles:
        size = persons.get(group, float("nan"))
        header.append(tr(role) + ("" if np.isnan(size) else " (" + tr("{persons} persons").format(
            persons=formatting.persons(size)) + ")"))
    rows = []
    for metric, point in verdict.HEADLINE:
        chosen = these[(these["metric"] == metric) & (these["point"] == point)].set_index("role")
        if chosen.empty:
            continue
        when = tr("over the whole run") if metric.endswith("_per_person") else tr("at the " + tables.SUMMARY_POINT_LABELS[point])
        row = [f"{formatting.metric_title(metric)}, {when}"]
        for role, _ in roles:
            row.append(formatting.effect_with_interval(chosen.at[role, "mean"], chosen.at[role, "ci_low"],
                                                       chosen.at[role, "ci_high"], c.unit_of(metric))
                       if role in chosen.index else "\u2014")
        rows.append(row)
    return _table(header, rows)


def _cost_line(c: Comparison, arm: str, costs: pd.DataFrame) -> str:
    payers = verdict.cost_by_payer(costs)
    these = payers[payers["arm"] == arm]
    parts = [f"{formatting.metric_title(r.metric)}: "
             f"{formatting.effect_with_interval(r.difference_mean, r.difference_ci_low, r.difference_ci_high, schema.UNIT_EUR)}"
             for r in these.itertuples()]
    return (f"<p><strong>{_e(tr('Extra cost over the whole run, by payer'))}</strong>: " + _e("; ".join(parts)) + ".</p>"
            if parts else "")


def _verdict(c: Comparison, costs: pd.DataFrame, icers: pd.DataFrame) -> str:
    scenario = designs.parse_scenario(c.scenario_yaml)
    facts = designs.arm_designs(scenario, c.arms, c.baseline_arm)
    headlines = verdict.headline_effects(c)
    persons = tables.group_persons(c)
    run_period = tr("run here over the comparison's pilot period, {period}").format(
        period=dates.show_period(*dates.pilot_period(c)))
    parts = [f"<h2>{_e(tr('Verdict'))}</h2>"]
    if not c.treatment_arms:
        return parts[0] + f"<p>{_e(tr('The file holds only the baseline arm: there is nothing to compare.'))}</p>"
    order = verdict.ranking(headlines)
    if order:
        ranked = headlines[(headlines["metric"] == verdict.RANKING_METRIC) & (headlines["role"] == "everyone")].set_index("arm")
        items = "".join(f"<li><strong>{_e(arm)}</strong>: "
                        f"{_e(formatting.effect_with_interval(ranked.at[arm, 'mean'], ranked.at[arm, 'ci_low'], ranked.at[arm, 'ci_high'], c.unit_of(verdict.RANKING_METRIC)))}"
                        f" {_e(tr('of work per person'))}</li>" for arm in order)
        parts.append("<p>" + _e(tr("Designs ranked by the additional weeks of work of everyone over the whole run "
                                   "(mean and 95 % interval; designs whose intervals overlap are not clearly apart):"))
                     + f"</p><ol>{items}</ol>")
    findings = verdict.striking_findings(headlines, icers)
    if findings:
        parts.append(f"<p><strong>{_e(tr('Striking results'))}</strong>:</p><ul>"
                     + "".join(f"<li>{_e(verdict.finding_text(f))}</li>" for f in findings) + "</ul>")
    baseline = facts[c.baseline_arm]
    parts.append(f"<h3>{_e(c.baseline_arm)} ({_e(tr('the baseline'))})</h3>" + _design_items(baseline, ""))
    everyone_icers = icers[icers["group"] == schema.EVERYONE].set_index("arm") if not icers.empty else icers
    for arm in c.treatment_arms:
        parts.append(f"<h3>{_e(arm)}</h3>" + _design_items(facts[arm], run_period))
        parts.append(_headline_table(c, arm, headlines, persons))
        parts.append(_cost_line(c, arm, costs))
        if arm in everyone_icers.index:
            row = everyone_icers.loc[arm]
            parts.append(f"<p><strong>{_e(tr('Cost per additional week of work'))}</strong> "
                         f"({_e(tr('everyone, whole run'))}): {_e(_icer_text(row))}; {_e(tr(row['quadrant']))}.</p>")
    return "\n".join(parts)


def _key_results(c: Comparison, costs: pd.DataFrame, icers: pd.DataFrame) -> str:
    metrics = tables.key_metrics(c)
    parts = [f"<h2>{_e(tr('Key results for everyone'))}</h2>"]
    if not c.treatment_arms or not metrics:
        return parts[0] + f"<p>{_e(tr('The file has no pilot arms or no key metrics to compare.'))}</p>"
    for at in tables.SUMMARY_POINTS:
        summary = c.summary(at=at, groups=[schema.EVERYONE], metrics=metrics)
        week = c.summary_week(at)
        rows = []
        for metric in [m for m in metrics if c.unit_of(m) != schema.UNIT_EUR]:
            unit = c.unit_of(metric)
            these = summary[summary["metric"] == metric]
            row = [formatting.metric_title(metric), tr(c.description_of(metric)),
                   formatting.level(these["baseline_level"].iloc[0], unit)]
            for arm in c.treatment_arms:
                effect = these[these["arm"] == arm].iloc[0]
                row.append(formatting.effect_with_interval(effect["mean"], effect["ci_low"], effect["ci_high"], unit))
            rows.append(row)
        parts.append(f"<h3>{_e(tr('At the ' + tables.SUMMARY_POINT_LABELS[at]))}: {_e(tr('week'))} {week}, "
                     f"{_e(dates.show_week(c.week_start[week]))}</h3>")
        parts.append(_table([tr("metric"), tr("meaning"), f"{c.baseline_arm} ({tr('level')})"]
                            + [f"{arm} \u2212 {c.baseline_arm}" for arm in c.treatment_arms], rows))
    parts.append(_whole_run_costs_table(c, costs))
    parts.append(_icer_table(c, icers[icers["group"] == schema.EVERYONE]))
    return "\n".join(parts)


def _whole_run_costs_table(c: Comparison, costs: pd.DataFrame) -> str:
    """Euros by payer summed over the whole run, each arm's total and its change from the baseline."""
    whole = costs[costs["window"] == "whole_run"]
    if whole.empty:
        return ""
    first, last = int(whole["first_week"].iloc[0]), int(whole["last_week"].iloc[0])
    header = [tr("payer (metric)"), f"{c.baseline_arm} {tr('total')}"] + [f"{arm} \u2212 {c.baseline_arm}" for arm in c.treatment_arms]
    rows = []
    for metric in whole["metric"].cat.categories:
        these = whole[whole["metric"] == metric].set_index("arm")
        rows.append([formatting.metric_title(metric), formatting.level(these.at[c.baseline_arm, "total_mean"], schema.UNIT_EUR)]
                    + [formatting.effect_with_interval(these.at[arm, "difference_mean"], these.at[arm, "difference_ci_low"],
                                                       these.at[arm, "difference_ci_high"], schema.UNIT_EUR)
                       for arm in c.treatment_arms])
    return (f"<h3>{_e(tr('Costs of everyone over the whole run, by payer: weeks'))} {first}\u2013{last}</h3>"
            + _table(header, rows))


def _icer_text(row) -> str:
    """The ICER of one row (a namedtuple or Series) in words: "EUR 1,466 [1,100, 2,000]" or why there is none."""
    row = pd.Series(row._asdict()) if hasattr(row, "_asdict") else row
    if row['icer_status'] == cost_effectiveness.NOT_ESTIMABLE:
        return tr("not estimable (the change in employment is not distinguishable from zero)")
    if np.isnan(row['icer_eur_per_week']):
        return tr("none (employment did not change)")
    text = formatting.level(row['icer_eur_per_week'], schema.UNIT_EUR)
    if row['quadrant'] in (cost_effectiveness.DOMINATED, cost_effectiveness.DOMINANT):
        return tr("none needed: {quadrant} (the ratio, {ratio}, has no meaning as a price)").format(
            quadrant=tr(row['quadrant']), ratio=text)
    if row['icer_status'] == cost_effectiveness.ESTIMABLE:
        text += (f" [{formatting.level(row['icer_ci_low'], schema.UNIT_EUR)}, "
                 f"{formatting.level(row['icer_ci_high'], schema.UNIT_EUR)}]")
    return text


def _icer_table(c: Comparison, icers: pd.DataFrame) -> str:
    if icers.empty:
        return ""
    rows = [[r.arm,
             formatting.effect_with_interval(r.extra_cost_mean, r.extra_cost_ci_low,
                                             r.extra_cost_ci_high, schema.UNIT_EUR),
             f"{_signed_number(r.extra_work_weeks_mean)} [{_signed_number(r.extra_work_weeks_ci_low)}, "
             f"{_signed_number(r.extra_work_weeks_ci_high)}]",
             _icer_text(r), tr(r.quadrant)] for r in icers.itertuples()]
    return (f"<h3>{_e(tr('Cost per additional week of work (everyone, whole run)'))}</h3>"
            + "<p>" + _e(tr("Incremental cost divided by incremental weeks of work, both averaged over the replications "
                            "first (a ratio of means); 95 % interval by Fieller's method.")) + "</p>"
            + _table([tr(h) for h in ("arm", "additional cost", "additional weeks of work (person-weeks)",
                                      "EUR per additional week of work", "quadrant")], rows))


def _signed_number(value: float) -> str:
    return formatting.effect(value, formatting.PERSON_WEEKS)


def _status_shares(c: Comparison, shares: pd.DataFrame) -> str:
    return (f"<h2>{_e(tr('Status shares over time'))}</h2><p>"
            + _e(tr("The share of everyone in each status, by arm, averaged over the replications. "
                    "The shaded band is the pilot period.")) + "</p>"
            f"{_figure(figures.status_shares_figure(c, shares), 'status shares by arm')}{_source('status_shares.csv')}")


def _effects_over_time(c: Comparison, effects: pd.DataFrame) -> str:
    if effects.empty:
        return ""
    return (f"<h2>{_e(tr('Effects over time'))}</h2><p>"
            + _e(tr("Each line is an arm's effect on everyone (arm \u2212 {baseline}), week by week; the band is its "
                    "95 % interval. Above zero means more than without the pilot: good for employment and the "
                    "activation rate, bad for unemployment and costs.").format(baseline=c.baseline_arm))
            + f"</p>{_figure(figures.effects_figure(c, effects), 'effects over time')}"
            f"{_source('effects_key_metrics.csv')}")


def _activation_rate(c: Comparison, levels: pd.DataFrame) -> str:
    weeks = [(tr("start of the pilot"), c.pilot_start_week), (tr("end of the pilot"), c.pilot_end_week),
             (tr("end of follow-up"), c.weeks - 1)]
    rows = []
    for arm in c.arms:
        arm_rows = levels[levels["arm"] == arm].set_index("week")
        rows.append([arm] + [f"{formatting.level(arm_rows.at[w, 'mean'], schema.UNIT_SHARE)} "
                             f"[{formatting.level(arm_rows.at[w, 'ci_low'], schema.UNIT_SHARE)}, "
                             f"{formatting.level(arm_rows.at[w, 'ci_high'], schema.UNIT_SHARE)}]" for _, w in weeks])
    return (f"<h2>{_e(tr('Activation rate'))}</h2>"
            + tr("<p>The activation rate (<em>aktivointiaste</em>) is the persons in activating services divided by "
                 "the unemployed plus the persons in activating services. Lines are the mean over replications, "
                 "bands the 95 % interval.</p>")
            + _figure(figures.levels_figure(c, levels, schema.ACTIVATION_RATE), "activation rate by arm")
            + _table([tr("arm")] + [f"{label} ({tr('week')} {w})" for label, w in weeks], rows) + _source("activation_rate.csv"))


def _costs(c: Comparison, costs: pd.DataFrame) -> str:
    parts = [f"<h2>{_e(tr('Costs by payer'))}</h2>",
             "<p>" + _e(tr("Euros for everyone, summed over the weeks of each window, by who pays: the state, the "
                           "municipality, Kela and the unemployment funds, their total, and the municipality's "
                           "co-payment of the labour market subsidy. Totals are means over replications; the change "
                           "is arm \u2212 baseline with its 95 % interval.")) + "</p>"]
    if c.treatment_arms:
        parts.append(_figure(figures.cost_differences_figure(c, costs), "change in cumulative costs by payer"))
    for window in tables.cost_windows(c):
        rows_of_window = costs[costs["window"] == window.name]
        header = [tr("payer (metric)"), f"{c.baseline_arm} {tr('total')}"]
        for arm in c.treatment_arms:
            header += [f"{arm} {tr('total')}", f"{arm} \u2212 {c.baseline_arm}"]
        rows = []
        for metric in rows_of_window["metric"].cat.categories:
            these = rows_of_window[rows_of_window["metric"] == metric].set_index("arm")
            row = [formatting.metric_title(metric), formatting.level(these.at[c.baseline_arm, "total_mean"], schema.UNIT_EUR)]
            for arm in c.treatment_arms:
                row += [formatting.level(these.at[arm, "total_mean"], schema.UNIT_EUR),
                        formatting.effect_with_interval(these.at[arm, "difference_mean"],
                                                        these.at[arm, "difference_ci_low"],
                                                        these.at[arm, "difference_ci_high"], schema.UNIT_EUR)]
            rows.append(row)
        parts.append(f"<h3>{_e(tr(window.label).capitalize())}: {_e(tr('weeks'))} {window.first_week}\u2013{window.last_week}, "
                     f"{_e(dates.show_period(*tables.window_dates(c, window)))}</h3>")
        parts.append(_table(header, rows))
    parts.append(_source("costs_by_payer.csv"))
    return "\n".join(parts)


def _cost_effectiveness(c: Comparison, icers: pd.DataFrame, points: pd.DataFrame) -> str:
    if icers.empty:
        return ""
    parts = [f"<h2>{_e(tr('Cost-effectiveness'))}</h2>",
             tr("<p>Each small point is one replication: the arm's additional cost (all payers) against its "
                "additional weeks of work, both over the whole run and against the baseline in the same "
                "replication; the large point is their mean. Right of the vertical axis the arm employs more, "
                "above the horizontal axis it costs more. <em>Dominant</em>: more work for less money; "
                "<em>dominated</em>: less work for more money; otherwise a trade-off.</p>"),
             _figure(figures.cost_effectiveness_plane_figure(c, points), "cost-effectiveness plane"),
             _source("cost_effectiveness_plane.csv")]
    rows = [[r.arm, r.group, _icer_text(r), tr(r.quadrant)] for r in icers.itertuples()]
    parts.append(f"<h3>{_e(tr('By group with costs'))}</h3>")
    parts.append(_table([tr(h) for h in ("arm", "group", "EUR per additional week of work", "quadrant")], rows))
    parts.append(_source("cost_effectiveness.csv"))
    return "\n".join(parts)


def _effects_by_group(c: Comparison, by_group: pd.DataFrame) -> str:
    metrics = [m for m in tables.key_metrics(c) if c.unit_of(m) != schema.UNIT_EUR]
    parts = [f"<h2>{_e(tr('Effects by group'))}</h2>",
             tr("<p>Groups are fixed on the initial population, before any pilot, so a group holds the same "
                "persons in every arm. <code>target:&lt;arm&gt;</code> is everyone who met that arm's target "
                "criteria at the start; <code>non_target:&lt;arm&gt;</code> everyone else. Money is counted by "
                "municipality, not by person, so euro metrics exist only for everyone and the municipalities: "
                "they are in the sections on costs, not here.</p>")]
    if not c.treatment_arms or not metrics:
        return "\n".join(parts)
    descriptions = dict(zip(c.groups, c.group_descriptions))
    for at in tables.SUMMARY_POINTS:
        week = c.summary_week(at)
        for arm in c.treatment_arms:
            these = by_group[(by_group["point"] == at) & (by_group["arm"] == arm) & by_group["metric"].isin(metrics)]
            cells = {(r.group, r.metric): formatting.effect_with_interval(r.mean, r.ci_low, r.ci_high,
                                                                          c.unit_of(r.metric))
                     for r in these.itertuples()}
            rows = [[group, tr(descriptions.get(group, ""))] + [cells.get((group, m), "n/a") for m in metrics]
                    for group in c.groups]
            parts.append(f"<h3>{_e(arm)} \u2212 {_e(c.baseline_arm)}, {_e(tr('at the ' + tables.SUMMARY_POINT_LABELS[at]))} "
                         f"({_e(tr('week'))} {week})</h3>")
            parts.append(_table([tr("group"), tr("description")] + [formatting.metric_title(m) for m in metrics], rows))
    parts.append(_source("effects_by_group.csv"))
    return "\n".join(parts)


def _displacement(c: Comparison, displaced: pd.DataFrame) -> str:
    parts = [f"<h2>{_e(tr('Displacement'))}</h2>",
             tr("<p>Jobs are found in a labour market with a limited number of vacancies: a pilot client who "
                "searches harder may take a job that someone else would have had. That shows as a fall in open "
                "employment, or a rise in unemployment, among the persons <em>outside</em> the arm's target "
                "group (<code>non_target:&lt;arm&gt;</code>), compared with the same persons in the baseline.</p>")]
    if displaced.empty:
        parts.append("<p>The file has no target / non-target groups to measure displacement with.</p>")
    else:
        parts.append("<ul>" + "".join(f"<li>{_e(text)}</li>" for text in displaced["reading"]) + "</ul>")
        parts.append(_source("displacement.csv"))
    return "\n".join(parts)


def _parameter_drivers(c: Comparison, shares: pd.DataFrame) -> str:
    """What drives each effect on open employment at the pilot's end (analysis/drivers.py); only
    for a comparison that drew its parameters."""
    parts = [f"<h2>{_e(tr('What drives the effects'))}</h2>",
             tr("<p>Some parameters of the designs are uncertain and stated as distributions: each replication "
                "drew its own values, the same in every arm, so the intervals above include this uncertainty. "
                "The table gives, for each arm's effect on open employment at the end of the pilot, the share of "
                "its variance across replications that each parameter explains on its own (first-order: R\u00b2 "
                "of a regression on the parameter; for a choice, between the choices). The rest is interactions "
                "and simulation noise; with few replications the shares are rough.</p>")]
    rows = [[r.arm, tr("target group") if r.group.startswith("target:") else tr("everyone"), f"<code>{_e(r.parameter)}</code>",
             _e(r.distribution), _e(r.source), number(100 * r.share, 1) + " %",
             {1.0: "+", -1.0: "\u2212"}.get(r.sign, "")]
            for r in shares.itertuples()]
    header = [tr("arm"), tr("group"), tr("parameter"), tr("distribution"), tr("source"), tr("share of variance"),
              tr("direction")]
    parts.append("<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in header) + "</tr>"
                 + "".join("<tr>" + "".join(f"<td>{cell if i == 2 else _e(cell) if i < 2 else cell}</td>"
                                            for i, cell in enumerate(row)) + "</tr>" for row in rows) + "</table>")
    return "\n".join(parts)


def _share_style(share: float) -> str:
    if np.isnan(share):
        return ""
    return f"background: rgba(31, 119, 180, {0.08 + 0.6 * share:.2f})"


def _transitions(c: Comparison, moves: pd.DataFrame) -> str:
    parts = [f"<h2>{_e(tr('Transitions between statuses'))}</h2>",
             "<p>" + _e(tr("Weekly moves from one status (row) to another (column), summed over all weeks of "
                           "replication 0, as shares of the row: the diagonal is staying in the same status. The "
                           "baseline first, then each arm.")) + "</p>"]

    def matrix(arm: str) -> str:
        rows_of_arm = moves[moves["arm"] == arm]
        names = list(dict.fromkeys(rows_of_arm["from_status"]))
        shares = rows_of_arm["row_share"].to_numpy().reshape(len(names), len(names))
        rows = [[tr(names[i])] + [("" if np.isnan(s) else number(100 * s, 1)) for s in shares[i]]
                for i in range(len(names))]
        styles = [[""] + [_share_style(s) for s in shares[i]] for i in range(len(names))]
        corner = tr("from \u2193 to \u2192 (%)")
        return f'<div class="side"><h3>{_e(arm)}</h3>{_table([corner] + [tr(n) for n in names], rows, styles)}</div>'

    parts.append("<div>" + "".join(matrix(arm) for arm in c.arms) + "</div>")
    parts.append(_source("transitions.csv"))
    return "\n".join(parts)


def _about(c: Comparison) -> str:
    facts = [("file", c.path.name), ("scenario", c.meta.get("scenario_name", "")),
             ("engine version", c.meta.get("engine_version", "")), ("git revision", c.meta.get("git_revision", "")),
             ("created (UTC)", c.meta.get("created_utc", "")), ("seed", c.meta.get("seed", "")),
             ("schema version", c.meta.get("schema_version", "")), ("replications", c.replications),
             ("weeks", c.weeks), ("groups", len(c.groups)), ("metrics", len(c.metric_names))]
    files = "".join(f"<li><code>{_e(name)}</code>: {_e(tr(text))}</li>" for name, text in REPORT_TABLES.items())
    return (f"<h2>{_e(tr('About these numbers'))}</h2>"
            + tr("<p>Every number in this report is read from the comparison file below or computed from it: effects "
                 "and their intervals as the engine wrote them (<code>/effects</code>), levels and cumulative costs "
                 "from each replication's weekly metrics (<code>/arms/&lt;arm&gt;/replications/&lt;r&gt;/metrics</code>). "
                 "The scenario as run is stored in the file (<code>/meta/scenario_yaml</code>).</p>")
            + _table(["", ""], [[tr(k), str(v)] for k, v in facts])
            + "<p>" + _e(tr("CSV tables beside this report (UTF-8, comma-separated, dates YYYY-MM-DD):")) + f"</p><ul>{files}</ul>")


# ----------------------------------------------------------------------------- the report
def write_report(comparison: Comparison, directory: Path, lang: str = language.DEFAULT) -> Path:
    """Write the CSV tables and report.html (last) into `directory`, which must exist; the page in
    `lang` ("en" or "fi"; the CSV tables are the same in both). Returns the path of report.html."""
    with language.using(lang):
        return _write_report(comparison, Path(directory))


def _write_report(comparison: Comparison, directory: Path) -> Path:
    directory = Path(directory)
    c = comparison
    shares = tables.status_shares(c)
    effects = tables.key_effects(c)
    activation = tables.levels_over_time(c, schema.ACTIVATION_RATE) if schema.ACTIVATION_RATE in c.metric_names else None
    costs = tables.costs_by_payer(c)
    by_group = tables.effects_by_group(c)
    displaced = tables.displacement(c)
    moves = tables.transitions(c, replication=0)
    icers = cost_effectiveness.cost_effectiveness(c)
    points = cost_effectiveness.plane_points(c)

    outputs = {"status_shares.csv": shares, "effects_key_metrics.csv": effects, "costs_by_payer.csv": costs,
               "effects_by_group.csv": by_group, "displacement.csv": displaced, "transitions.csv": moves,
               "cost_effectiveness.csv": icers, "cost_effectiveness_plane.csv": points}
    if activation is not None:
        outputs["activation_rate.csv"] = activation
    for name, frame in outputs.items():
        write_csv(frame, directory / name)

    sections = [_title(c), _verdict(c, costs, icers), _introduction(c), _key_results(c, costs, icers), _status_shares(c, shares), _effects_over_time(c, effects)]
    if activation is not None:
        sections.append(_activation_rate(c, activation))
    sections += [_costs(c, costs), _cost_effectiveness(c, icers, points), _effects_by_group(c, by_group), _displacement(c, displaced)]
    parameter_shares = drivers.first_order_shares(c)
    if not parameter_shares.empty:
        sections.append(_parameter_drivers(c, parameter_shares))
    sections += [_transitions(c, moves), _about(c)]
    return write_page(directory, f"{tr('Kokeilu comparison')}: {c.meta.get('scenario_name', c.path.stem)}", sections)


def write_page(directory: Path, title: str, sections: list[str]) -> Path:
    """Writes directory/report.html (sections in order, the report's style) under a temporary
    name first, so that a page that exists is complete."""
    page = (f'<!DOCTYPE html>\n<html lang="{language.current()}"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f"<style>{STYLE}</style></head><body>\n" + "\n".join(sections) + "\n</body></html>\n")
    report = directory / "report.html"
    temporary = directory / ".report.html.partial"
    temporary.write_text(page, encoding="utf-8")
    temporary.replace(report)
    return report
