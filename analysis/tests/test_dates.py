"""Dates from one function: a week by its first day, a period by the dates the file gives."""
import datetime as dt
from types import SimpleNamespace

import pandas as pd

from analysis import dates


def test_a_date_is_shown_in_words():
    assert dates.show_date("2015-12-31") == "31 December 2015"
    assert dates.show_date(dt.date(2012, 9, 3)) == "3 September 2012"
    assert dates.show_date(pd.Timestamp("2016-01-01")) == "1 January 2016"


def test_a_week_is_shown_by_its_first_day():
    assert dates.show_week(pd.Timestamp("2015-12-28")) == "the week starting 28 December 2015"


def test_the_pilot_period_is_the_one_the_scenario_gives(comparison):
    # the synthetic scenario says 2012-09-03 to 2012-12-09; weeks 4-13 would say 2012-10-01 to 2012-12-09
    assert dates.pilot_period(comparison) == (dt.date(2012, 9, 3), dt.date(2012, 12, 9))


def test_without_a_pilot_period_in_the_text_the_weeks_give_it():
    weeks = pd.date_range("2012-09-03", periods=20, freq="7D")
    source = SimpleNamespace(scenario_yaml="name: x\n", week_start=weeks, pilot_start_week=4, pilot_end_week=13)
    assert dates.pilot_period(source) == (dt.date(2012, 10, 1), dt.date(2012, 12, 9))


def test_the_simulated_period_is_that_of_meta(comparison):
    assert dates.simulated_period(comparison) == (dt.date(2012, 9, 3), dt.date(2013, 1, 20))


def test_report_uses_the_given_dates(tmp_path, comparison_file):
    from analysis.tests.conftest import run_cli
    assert run_cli("report", comparison_file, "-o", tmp_path / "r").returncode == 0
    page = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "3 September 2012 to 9 December 2012" in page
    assert "week 13, the week starting 3 December 2012" in page
    assert "follow-up to 20 January 2013" in page
