"""What each design *is*, in plain words, from the resolved scenario text a file holds
(/meta/scenario_yaml: every include inlined). A comparison names its baseline design under
`baseline_design` and each other arm's under `arms[i].design`; a run file's scenario names its
one design under `design` (or runs the baseline under `baseline_design`).

Only keys the text holds are described; unknown predicates are shown as written, so a design
vocabulary that grows is still shown, if less kindly.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .language import number, tr

ORGANISERS = {"te_office": "the TE office", "municipality": "the municipality",
              "municipalities": "the municipalities"}
PRIORITIES = {"longest_spell_first": "longest unemployment spell first",
              "most_barriers_first": "most barriers first",
              "closest_to_labour_market_first": "closest to the labour market first",
              "first_referred_first": "in the order of referral"}
BENEFITS = {"earnings_related": "earnings-related allowance", "basic_allowance": "basic allowance",
            "labour_market_subsidy": "labour market subsidy", "none": "no benefit"}
SERVICES = {"assessment": "service-needs assessment", "coach": "personal coach", "training": "training",
            "rehabilitative_work": "rehabilitative work activity", "pay_subsidy": "pay-subsidised work",
            "work_trial": "work trial", "self_motivated_study": "self-motivated study on unemployment benefit"}


@dataclass
class DesignFacts:
    """One arm's design in words: each field a short phrase ("" when the text does not say)."""

    arm: str
    name: str = ""
    description: str = ""
    organiser: str = ""
    target: str = ""
    entry: str = ""
    priority: str = ""
    coach: str = ""
    places: list = field(default_factory=list)
    period: str = ""


def target_in_words(predicate) -> str:
    """A target predicate of the design vocabulary as a phrase."""
    if predicate in (None, "everyone"):
        return tr("everyone")
    if isinstance(predicate, str):
        return tr({"foreign_language": "foreign-language speakers",
                   "barrier": "persons with a health or life-management barrier"}.get(predicate, predicate))
    if isinstance(predicate, list):
        return tr(" and ").join(target_in_words(p) for p in predicate)
    if isinstance(predicate, dict) and len(predicate) == 1:
        (key, value), = predicate.items()
        if key in ("any", "all"):
            parts = [target_in_words(p) for p in value]
            return tr(" or " if key == "any" else " and ").join(parts)
        if key == "not":
            return tr("not ({what})").format(what=target_in_words(value))
        phrases = {"age_under": "under {value}", "age_at_least": "aged {value} or over",
                   "benefit_days_at_least": "{value} benefit days or more",
                   "subsidy_days_at_least": "{value} days of labour market subsidy or more",
                   "spell_weeks_at_least": "unemployed {value} weeks or more without a break"}
        if key in phrases:
            return tr(phrases[key]).format(value=value)
        if key == "benefit_in":
            return tr("on {benefits}").format(benefits=tr(" or ").join(tr(BENEFITS.get(b, str(b))) for b in value))
    return yaml.safe_dump(predicate, default_flow_style=True).strip()


def _entry(entry) -> str:
    if not isinstance(entry, dict):
        return ""
    ways = []
    if entry.get("stock_at_start"):
        ways.append(tr("those already unemployed when it starts"))
    if entry.get("inflow"):
        ways.append(tr("those who become unemployed during it"))
    return tr(" and ").join(ways) if ways else tr("nobody new")


def _coach(services: dict) -> str:
    coach = services.get("coach") or {}
    if not coach:
        return tr("no coach")
    parts = []
    if "caseload" in coach:
        parts.append(tr("caseload {n} clients per coach").format(n=coach["caseload"]))
    if "coaches_per_10000_persons" in coach:
        parts.append(tr("{n} coaches per 10,000 persons of working age").format(n=_number(coach["coaches_per_10000_persons"])))
    if "meeting_interval_weeks" in coach:
        parts.append(tr("a meeting every {n} weeks").format(n=coach["meeting_interval_weeks"]))
    return ", ".join(parts)


def _places(services: dict) -> list[str]:
    return [tr("{service}: {n} places per 10,000 persons").format(service=tr(SERVICES.get(name, name)),
                                                                     n=_number(spec["places_per_10000_persons"]))
            for name, spec in services.items()
            if isinstance(spec, dict) and "places_per_10000_persons" in spec]


def _period(design: dict) -> str:
    period = design.get("period")
    if isinstance(period, dict) and "start" in period and "end" in period:
        from .dates import show_period
        return show_period(period["start"], period["end"])
    return ""


def _number(value) -> str:
    """A figure of the design as written, in the language's decimal sign (8.5 / 8,5)."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return number(value)
    return number(value, len(repr(float(value)).split(".")[1]))


def facts_of(arm: str, design: dict | None) -> DesignFacts:
    """A design mapping (as in the scenario text) in words."""
    design = design or {}
    services = design.get("services") or {}
    return DesignFacts(
        arm=arm, name=str(design.get("name", "")), description=str(design.get("description", "")),
        organiser=tr(ORGANISERS.get(design.get("organiser"), str(design.get("organiser", "")))),
        target=target_in_words(design.get("target")) if "target" in design else "",
        entry=_entry(design.get("entry")), priority=tr(PRIORITIES.get(design.get("priority"), str(design.get("priority", "")))),
        coach=_coach(services), places=_places(services), period=_period(design))


def parse_scenario(text: str) -> dict:
    """The scenario text as a mapping; {} when it is empty or not YAML (the report then says less)."""
    try:
        parsed = yaml.safe_load(text) if text else {}
    except yaml.YAMLError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def arm_designs(scenario: dict, arms: list[str], baseline_arm: str) -> dict[str, DesignFacts]:
    """Each arm's design in words, from a comparison's scenario mapping."""
    listed = {a.get("name"): a.get("design") for a in scenario.get("arms") or [] if isinstance(a, dict)}
    facts = {}
    for arm in arms:
        design = listed.get(arm)
        if arm == baseline_arm and not isinstance(design, dict):
            design = scenario.get("baseline_design")
        facts[arm] = facts_of(arm, design if isinstance(design, dict) else None)
    return facts


def pilot_period(scenario: dict) -> tuple[str, str] | None:
    """(start, end) ISO dates of the comparison's pilot period as the scenario gives them."""
    period = scenario.get("pilot_period")
    if isinstance(period, dict) and "start" in period and "end" in period:
        return str(period["start"]), str(period["end"])
    return None
