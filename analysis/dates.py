"""Dates as the reader sees them, from one place. A week is shown by its first day
(`/calendar/week_start`); a period by the dates the file gives for it (the pilot period of the
scenario text, the run's `start_date` and `end_date`), never by a last day computed from weeks.
"""
from __future__ import annotations

import datetime as dt

from . import designs
from .language import date_long, tr


def to_day(value) -> dt.date:
    """An ISO string, date, datetime or Timestamp as a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def show_date(value) -> str:
    """A date for a reader: "3 September 2012"."""
    return date_long(to_day(value))


def show_week(week_start) -> str:
    """A week by its first day: "the week starting 28 December 2015"."""
    return tr("the week starting {date}").format(date=show_date(week_start))


def show_period(first, last) -> str:
    """"3 September 2012 to 31 December 2015"."""
    return tr("{first} to {last}").format(first=show_date(first), last=show_date(last))


def pilot_period(source) -> tuple[dt.date, dt.date]:
    """First and last day of the pilot period: as the scenario text gives them (`pilot_period`),
    else from the first day of the pilot's first week to the day before the week after it."""
    given = designs.pilot_period(designs.parse_scenario(source.scenario_yaml))
    if given:
        return to_day(given[0]), to_day(given[1])
    first = to_day(source.week_start[source.pilot_start_week])
    last = to_day(source.week_start[source.pilot_end_week]) + dt.timedelta(days=6)
    return first, last


def simulated_period(source) -> tuple[dt.date, dt.date]:
    """First and last day simulated, as /meta start_date and end_date give them."""
    return to_day(source.meta["start_date"]), to_day(source.meta["end_date"])
