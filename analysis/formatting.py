"""Numbers as a reader of the report sees them, by the metric's unit in the file:
share -> per cent (levels) or percentage points (effects); eur -> euros; others as numbers."""
from __future__ import annotations

import math

from . import schema
from .language import euros, millions_suffix, number, tr

MINUS = "\u2212"
#: Unit of summed weeks of many persons (the cost-effectiveness denominator).
PERSON_WEEKS = "person_weeks"


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _signed(text: str, value: float) -> str:
    if value > 0:
        return "+" + text
    if value < 0:
        return MINUS + text
    return text


def _euros(amount: float) -> str:
    amount = abs(amount)
    if amount >= 1e6:
        return euros(number(amount / 1e6, 2) + millions_suffix())
    return euros(number(amount))


def persons(count: float) -> str:
    """A count of persons (or any whole number): "75,950" / "75 950"."""
    return number(count)


def percent(share: float, decimals: int = 1) -> str:
    """A share 0..1 in per cent: "23.4 %" / "23,4 %"."""
    return f"{number(100 * share, decimals)} %"


def level(value: float, unit: str) -> str:
    """A metric's level: a share as "23.4 %", euros as "EUR 1,234" or "EUR 1.23 M"."""
    if _is_missing(value):
        return "n/a"
    value = float(value)
    if unit == schema.UNIT_SHARE:
        return percent(value)
    if unit == schema.UNIT_EUR:
        return (MINUS if value < 0 else "") + _euros(value)
    if unit == "persons":
        return persons(value)
    return number(value, 2)


def effect(value: float, unit: str) -> str:
    """A difference from the baseline: a share in percentage points "+1.25 pp", euros "+EUR 1,234"."""
    if _is_missing(value):
        return "n/a"
    value = float(value)
    if unit == schema.UNIT_SHARE:
        return _signed(f"{number(abs(100 * value), 2)} {tr('pp')}", round(100 * value, 2))
    if unit == schema.UNIT_EUR:
        return _signed(_euros(value), round(value))
    if unit == "weeks":
        return _signed(f"{number(abs(value), 2)} {tr('weeks')}", round(value, 2))
    if unit == PERSON_WEEKS:
        return _signed(number(abs(value)), round(value))
    return _signed(f"{abs(value):,.3g}", value)


def effect_with_interval(mean: float, low: float, high: float, unit: str) -> str:
    """"+1.25 pp [+0.40, +2.10]": the mean and its 95 % interval, in the effect's unit."""
    if _is_missing(mean):
        return "n/a"
    return f"{effect(mean, unit)} [{effect(low, unit)}, {effect(high, unit)}]"


def effect_unit_label(unit: str) -> str:
    """Axis label for effects in `unit`."""
    return {schema.UNIT_SHARE: "percentage points", schema.UNIT_EUR: "EUR per week"}.get(unit, unit)


def metric_title(metric: str) -> str:
    """A metric's name for a reader: "cost_state_eur" -> "cost state (EUR)" / "kustannus, valtio (EUR)"."""
    translated = tr(metric)
    if translated != metric:
        return translated
    if metric.endswith("_eur"):
        return metric[:-4].replace("_", " ") + " (EUR)"
    return metric.replace("_", " ")
