"""Small comparison files written with h5py, following docs/comparison-schema.md (version 5),
with numbers given by formulas the tests can recompute (`metric_value`)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np

from analysis import schema
from analysis.stats import t_quantile_975

STATUS_NAMES = ["employed", "subsidised_job", "unemployed", "training", "rehabilitative", "work_trial", "inactive"]
EDUCATION_NAMES = ["basic", "vocational", "tertiary"]
BENEFIT_NAMES = ["none", "earnings_related", "basic_allowance", "labour_market_subsidy"]

# name, unit, description, base level, lift per arm index during and after the pilot, step per replication
METRICS = [
    ("open_employment", "share", "employed in the open labour market", 0.40, 0.02, 0.001),
    ("subsidised_employment", "share", "in pay-subsidised work", 0.03, 0.005, 0.0),
    ("unemployment", "share", "unemployed", 0.35, -0.03, -0.001),
    ("long_term_unemployment", "share", "unemployed 52+ weeks without a break", 0.12, -0.01, 0.0),
    ("in_services", "share", "training, rehabilitative work activity, work trial, pay-subsidised work", 0.10, 0.02, 0.0),
    ("activation_rate", "share", "in services / (unemployed + in services)", 0.22, 0.04, 0.002),
    ("unemployed_or_in_services", "share", "unemployed + in services", 0.45, -0.01, 0.0),
    ("weeks_employed_per_person", "weeks", "cumulative weeks in open or subsidised work, per person", 5.0, 0.5, 0.1),
    ("weeks_unemployed_per_person", "weeks", "cumulative weeks unemployed, per person", 4.0, -0.4, 0.1),
    ("municipal_copayment_eur", "eur", "municipal share of the labour market subsidy", 2000.0, -150.0, 10.0),
    ("cost_state_eur", "eur", "benefits and services paid by the state", 10000.0, 400.0, 20.0),
    ("cost_municipality_eur", "eur", "benefits and services paid by the municipality", 5000.0, 100.0, 10.0),
    ("cost_kela_eur", "eur", "benefits paid by Kela", 8000.0, -200.0, 5.0),
    ("cost_unemployment_fund_eur", "eur", "benefits paid by unemployment funds", 6000.0, -50.0, 0.0),
    ("cost_total_eur", "eur", "sum of the four payers", 29000.0, 250.0, 35.0),
    ("group_size", "persons", "persons in the group", 0.0, 0.0, 0.0),
]
METRIC_NAMES = [m[0] for m in METRICS]


@dataclass
class Design:
    """Shape and calendar of a synthetic comparison."""

    arms: list = field(default_factory=lambda: ["baseline", "pilot_2012", "pilot_2020"])
    replications: int = 2
    persons: int = 50
    weeks: int = 20
    pilot_start_week: int = 4
    pilot_end_week: int = 13
    municipalities: list = field(default_factory=lambda: ["Pori", "Ulvila"])
    extra_groups: int = 0          # more municipality-like groups, for size tests
    start_date: dt.date = dt.date(2012, 9, 3)
    write_trajectories: bool = True
    seed: int = 20120903

    @property
    def groups(self) -> list:
        names = ["everyone", "under_30", "foreign_language", "long_term_unemployed_at_start"]
        for arm in self.arms[1:]:
            names += [f"target:{arm}", f"non_target:{arm}"]
        names += [f"municipality:{m}" for m in self.municipalities]
        names += [f"municipality:Extra{i}" for i in range(self.extra_groups)]
        return names


# The size of a real comparison's report (the default comparison with every group a user may add):
# analysis/tests/test_full_size_report.py and benchmarks/bench_report.py.
FULL_SIZE = Design(arms=["baseline", "pilot_2012", "pilot_2020", "pirkanmaa"], replications=5, weeks=240,
                   persons=2000, pilot_start_week=20, pilot_end_week=175, extra_groups=28)

def ramp(design: Design, week: int) -> float:
    """1 from the pilot start on (through follow-up), 0 before."""
    return 1.0 if week >= design.pilot_start_week else 0.0


def metric_value(design: Design, arm: int, replication: int, week: int, group: int, metric: int,
                 group_sizes) -> float:
    """The value written for metrics[week, group, metric] of (arm, replication).

    base * (1 + group / 100) + lift * group_factor * arm * ramp * (1 + replication / 20)
    + step * replication; group_size is the group's person count. So the effect of arm a in
    replication r is lift * group_factor * a * ramp * (1 + r / 20): it differs a little between
    replications (the interval is narrow but not empty). group_factor is 2 for target groups,
    -0.5 for non-target groups (displacement), 1 for the others.
    """
    name, _, _, base, lift, step = METRICS[metric]
    if name == "group_size":
        return float(group_sizes[group])
    factor = group_factor(design.groups[group])
    return (base * (1 + group / 100) + lift * factor * arm * ramp(design, week) * (1 + replication / 20)
            + step * replication)


def group_factor(group: str) -> float:
    if group.startswith("target:"):
        return 2.0
    if group.startswith("non_target:"):
        return -0.5
    return 1.0


def metric_array(design: Design, arm: int, replication: int, group_sizes) -> np.ndarray:
    """metric_value for every [week, group, metric] at once."""
    base, lift, step = (np.array([m[i] for m in METRICS]) for i in (3, 4, 5))
    weeks = np.array([ramp(design, w) for w in range(design.weeks)])[:, None, None]
    groups = np.arange(len(design.groups))[None, :, None]
    factors = np.array([group_factor(g) for g in design.groups])[None, :, None]
    values = (base * (1 + groups / 100) + lift * factors * arm * weeks * (1 + replication / 20)
              + step * replication)
    values[:, :, METRIC_NAMES.index("group_size")] = np.asarray(group_sizes, float)[None, :]
    # Money is counted by municipality: NaN for the person-level groups, as the engine writes it.
    person_level = [g for g, name in enumerate(design.groups) if name != "everyone" and not name.startswith("municipality:")]
    euro = [k for k, m in enumerate(METRICS) if m[1] == "eur"]
    values[np.ix_(range(design.weeks), person_level, euro)] = np.nan
    return values


def _people(design: Design, rng: np.random.Generator) -> dict:
    n = design.persons
    return {
        "municipality": (np.arange(n) % len(design.municipalities)).astype(np.uint16),
        "birth_year": (1960 + (np.arange(n) * 7) % 45).astype(np.int16),
        "female": (np.arange(n) % 2).astype(np.uint8),
        "education": (np.arange(n) % 3).astype(np.uint8),
        "foreign_language": (np.arange(n) % 5 == 0).astype(np.uint8),
        "barrier": (np.arange(n) % 7 == 0).astype(np.uint8),
        "fund_member": (np.arange(n) % 3 != 0).astype(np.uint8),
        "initial_status": rng.integers(0, len(STATUS_NAMES), n).astype(np.uint8),
        "initial_spell_weeks": (np.arange(n) * 3 % 120).astype(np.int32),
        "initial_benefit": (np.arange(n) % 4).astype(np.uint8),
    }


def _group_members(design: Design, people: dict, targets: dict) -> list:
    start_year = design.start_date.year
    members = [np.ones(design.persons, bool), start_year - people["birth_year"] < 30,
               people["foreign_language"] == 1, people["initial_spell_weeks"] >= 52]
    for arm in design.arms[1:]:
        members += [targets[arm] == 1, targets[arm] == 0]
    for m in range(len(design.municipalities)):
        members.append(people["municipality"] == m)
    members += [np.arange(design.persons) % (i + 2) == 0 for i in range(design.extra_groups)]
    return members


def _strings(values):
    return np.array(values, dtype=h5py.string_dtype("utf-8"))


def _string_attribute(obj, name, values):
    obj.attrs.create(name, _strings(values), dtype=h5py.string_dtype("utf-8"))


def scenario_yaml(design: Design) -> str:
    """A resolved scenario text: the baseline design, then each arm's, as `kokeilu compare` stores it."""
    arms = "".join(f"""  - name: {arm}
    design:
      name: {arm}
      description: Synthetic design {a}.
      organiser: municipality
      target:
        any:
          - spell_weeks_at_least: 52
          - age_under: {25 + a}
      entry: {{stock_at_start: true, inflow: false}}
      priority: most_barriers_first
      services:
        coach: {{coaches_per_10000_persons: 8.5, caseload: {100 * a + 20}}}
        training: {{places_per_10000_persons: {80 + a}}}
      period: {{start: 2012-09-01, end: 2015-12-31}}
""" for a, arm in enumerate(design.arms[1:], start=1))
    return f"""name: synthetic-small
baseline_design:
  name: baseline-te-office
  organiser: te_office
  target: everyone
  priority: longest_spell_first
  services:
    coach: {{coaches_per_10000_persons: 1.8, caseload: 550}}
pilot_period: {{start: 2012-09-03, end: 2012-12-09}}
arms:
  - name: {design.arms[0]}
{arms}"""


def build_comparison(path: Path, design: Design | None = None, *, complete: bool = True,
                     kind: str = "comparison", schema_version: int = schema.SCHEMA_VERSION) -> Path:
    """Write a comparison file at `path` and return the path."""
    design = design or Design()
    rng = np.random.default_rng(design.seed)
    people = _people(design, rng)
    targets = {design.arms[0]: np.zeros(design.persons, np.uint8)}
    targets.update({arm: ((np.arange(design.persons) + a) % (a + 2) == 0).astype(np.uint8)
                    for a, arm in enumerate(design.arms[1:], start=1)})
    members = _group_members(design, people, targets)
    group_sizes = [int(m.sum()) for m in members]
    W, G, R = design.weeks, len(design.groups), design.replications

    metrics = {(a, r): metric_array(design, a, r, group_sizes)
               for a in range(len(design.arms)) for r in range(R)}

    with h5py.File(path, "w") as f:
        meta = f.create_group("meta")
        meta.attrs["schema_version"] = np.int32(schema_version)
        meta.attrs["kind"] = kind
        meta.attrs["engine_version"] = "0.0.0-synthetic"
        meta.attrs["git_revision"] = "synthetic"
        meta.attrs["seed"] = np.uint64(design.seed)
        meta.attrs["replications"] = np.int32(R)
        _string_attribute(meta, "arms", design.arms)
        meta.attrs["baseline_arm"] = design.arms[0]
        meta.attrs["scenario_name"] = "synthetic-small"
        end_date = design.start_date + dt.timedelta(days=7 * W - 1)
        meta.attrs["start_date"] = design.start_date.isoformat()
        meta.attrs["end_date"] = end_date.isoformat()
        meta.attrs["weeks"] = np.int32(W)
        meta.attrs["pilot_start_week"] = np.int32(design.pilot_start_week)
        meta.attrs["pilot_end_week"] = np.int32(design.pilot_end_week)
        meta.attrs["created_utc"] = "2024-01-01T00:00:00Z"
        meta.attrs["parameters"] = "none"  # no parameter draws (docs/uncertain-parameters.md)
        meta.attrs["history_start_date"] = (design.start_date - dt.timedelta(weeks=104)).isoformat()
        meta.attrs["history_weeks"] = np.int64(104)
        meta.attrs["outside_population_code"] = np.int64(schema.OUTSIDE_POPULATION_CODE)
        meta.create_dataset("scenario_yaml", data=scenario_yaml(design), dtype=h5py.string_dtype("utf-8"))

        f.create_dataset("calendar/week_start",
                         data=_strings([(design.start_date + dt.timedelta(days=7 * w)).isoformat() for w in range(W)]))
        f.create_dataset("municipalities/name", data=_strings(design.municipalities))
        f.create_dataset("groups/name", data=_strings(design.groups))
        f.create_dataset("groups/description", data=_strings([f"persons in {g}" for g in design.groups]))
        f.create_dataset("metrics/name", data=_strings(METRIC_NAMES))
        f.create_dataset("metrics/unit", data=_strings([m[1] for m in METRICS]))
        f.create_dataset("metrics/description", data=_strings([m[2] for m in METRICS]))

        codes = {"municipality": design.municipalities, "education": EDUCATION_NAMES,
                 "initial_status": STATUS_NAMES, "initial_benefit": BENEFIT_NAMES}
        for name, values in people.items():
            dataset = f.create_dataset(f"people/{name}", data=values)
            if name in codes:
                _string_attribute(dataset, "codes", codes[name])

        for a, arm in enumerate(design.arms):
            f.create_dataset(f"arms/{arm}/target_at_start", data=targets[arm])
            for r in range(R):
                run = f.create_group(f"arms/{arm}/replications/{r}")
                run.create_dataset("metrics", data=metrics[(a, r)])
                status = np.random.default_rng([design.seed, a, r]).integers(
                    0, len(STATUS_NAMES), (design.persons, W)).astype(np.uint8)
                if design.write_trajectories:
                    dataset = run.create_dataset("trajectory/status", data=status, chunks=(design.persons, min(W, 52)),
                                                 compression="gzip")
                    _string_attribute(dataset, "codes", STATUS_NAMES)
                transitions = np.zeros((len(STATUS_NAMES), len(STATUS_NAMES)), np.int64)
                np.add.at(transitions, (status[:, :-1].ravel(), status[:, 1:].ravel()), 1)
                run.create_dataset("transitions", data=transitions)

        for a, arm in enumerate(design.arms[1:], start=1):
            differences = np.stack([metrics[(a, r)] - metrics[(0, r)] for r in range(R)])
            mean = differences.mean(axis=0)
            half = (t_quantile_975(1) * differences.std(axis=0, ddof=1) / np.sqrt(R)) if R == 2 else np.zeros_like(mean)
            effects = f.create_group(f"effects/{arm}")
            effects.create_dataset("mean", data=mean)
            effects.create_dataset("ci_low", data=mean - half)
            effects.create_dataset("ci_high", data=mean + half)
            cost = np.array([100.0 * a + g for g in range(G)])
            effects.create_dataset("cost_per_additional_employment_week", data=cost)
            effects.create_dataset("cost_per_additional_employment_week_ci_low", data=cost - 10)
            effects.create_dataset("cost_per_additional_employment_week_ci_high", data=cost + 10)

        if complete:
            meta.attrs["complete"] = np.int32(1)
    return path


RUN_STATUS_COUNTS_WEEK0 = [[50, 2, 10, 3, 1, 0, 34], [20, 0, 5, 0, 0, 0, 15]]   # [municipality][status]
PAYER_NAMES = ["state", "municipality", "kela", "unemployment_fund"]


def build_run_file(path: Path, weeks: int = 6) -> Path:
    """A single-run file (kind "run"): what `kokeilu run` writes (docs/hdf5-schema.md), small.
    Status counts move one unemployed person a week into training in the first municipality;
    each payer pays 100 x (payer + 1) EUR a week in each municipality; co-payment 10 EUR a week."""
    counts = np.repeat(np.array(RUN_STATUS_COUNTS_WEEK0, np.int64)[None], weeks, axis=0)
    for w in range(weeks):
        counts[w, 0, 2] -= w
        counts[w, 0, 3] += w
    municipalities = ["Pori", "Ulvila"]
    start = dt.date(2012, 9, 3)
    with h5py.File(path, "w") as f:
        meta = f.create_group("meta")
        meta.attrs["schema_version"] = np.int64(schema.SCHEMA_VERSION)
        meta.attrs["kind"] = "run"
        meta.attrs["arm"] = "baseline"
        meta.attrs["replication"] = np.int64(0)
        meta.attrs["seed"] = np.uint64(1)
        meta.attrs["scenario_name"] = "synthetic-run"
        meta.attrs["start_date"] = start.isoformat()
        meta.attrs["end_date"] = "2012-10-12"
        meta.attrs["weeks"] = np.int64(weeks)
        meta.attrs["persons"] = np.int64(int(counts[0].sum()))
        meta.attrs["municipalities"] = np.int64(2)
        meta.create_dataset("scenario_yaml", data="name: synthetic-run\nbaseline_design:\n  organiser: te_office\n"
                            "  services:\n    coach: {caseload: 550}\n", dtype=h5py.string_dtype("utf-8"))
        f.create_dataset("calendar/week_start",
                         data=_strings([(start + dt.timedelta(days=7 * w)).isoformat() for w in range(weeks)]))
        f.create_dataset("municipalities/name", data=_strings(municipalities))

        def weekly(name, data, axes, unit):
            dataset = f.create_dataset(f"weekly/{name}", data=data)
            _string_attribute(dataset, "dims", ["week", *[a for a, _ in axes]])
            for axis, labels in axes:
                _string_attribute(dataset, axis, labels)
            dataset.attrs["unit"] = unit

        weekly("status_counts", counts, [("municipality", municipalities), ("status", STATUS_NAMES)], "persons")
        costs = np.broadcast_to(100.0 * np.arange(1, 5), (weeks, 2, 4)).copy()
        weekly("cost_eur", costs, [("municipality", municipalities), ("payer", PAYER_NAMES)], "EUR")
        weekly("copayment_eur", np.full((weeks, 2), 10.0), [("municipality", municipalities)], "EUR")
        f.create_dataset("trajectory/status", data=np.zeros((int(counts[0].sum()), weeks), np.uint8))
        meta.attrs["complete"] = np.int64(1)
    return path
