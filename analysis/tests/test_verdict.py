"""The verdict: each design in words, headline effects, a ranking and the striking results."""
import re

import pandas as pd
import pytest

from analysis import designs, verdict
from analysis.cost_effectiveness import cost_effectiveness


@pytest.mark.parametrize("predicate, words", [
    ("everyone", "everyone"),
    ({"any": [{"benefit_days_at_least": 500}, {"spell_weeks_at_least": 52}]},
     "500 benefit days or more or unemployed 52 weeks or more without a break"),
    ({"all": [{"age_under": 30}, "foreign_language"]}, "under 30 and foreign-language speakers"),
    ({"benefit_in": ["basic_allowance", "labour_market_subsidy"]}, "on basic allowance or labour market subsidy"),
    ({"not": "barrier"}, "not (persons with a health or life-management barrier)"),
    ({"shoe_size_at_least": 44}, "{shoe_size_at_least: 44}"),
])
def test_target_in_words(predicate, words):
    assert designs.target_in_words(predicate) == words


def test_designs_are_read_from_the_scenario_text(comparison):
    scenario = designs.parse_scenario(comparison.scenario_yaml)
    facts = designs.arm_designs(scenario, comparison.arms, comparison.baseline_arm)
    assert facts["baseline"].organiser == "the TE office" and "caseload 550" in facts["baseline"].coach
    pilot = facts["pilot_2020"]
    assert pilot.target == "unemployed 52 weeks or more without a break or under 27"
    assert "caseload 220" in pilot.coach
    assert pilot.places == ["training: 82 places per 10,000 persons"]
    assert pilot.entry == "those already unemployed when it starts"
    assert pilot.period == "1 September 2012 to 31 December 2015"
    assert designs.pilot_period(scenario) == ("2012-09-03", "2012-12-09")


def test_text_that_is_not_yaml_gives_no_designs():
    assert designs.parse_scenario("name: [unclosed") == {}


def test_headlines_ranking_and_findings(comparison):
    headlines = verdict.headline_effects(comparison)
    assert set(headlines["role"]) == {"everyone", "target", "everyone else"}
    # weeks employed: lift 0.5 x arm; pilot_2020 (arm 2) gains more than pilot_2012
    assert verdict.ranking(headlines) == ["pilot_2020", "pilot_2012"]
    findings = verdict.striking_findings(headlines, cost_effectiveness(comparison))
    texts = [f.text for f in findings]
    # non-target groups get -0.5 x the lift: fewer weeks employed, more unemployment
    assert any(t.startswith("pilot_2012 leaves the persons outside its target group worse off in weeks employed")
               for t in texts)
    assert not any("its own target group" in t for t in texts)


def test_a_design_that_harms_its_target_group_is_called_out():
    headlines = pd.DataFrame([{"arm": "a", "role": "target", "group": "target:a", "metric": "open_employment",
                               "point": "pilot_end", "week": 1, "mean": -0.03, "ci_low": -0.04, "ci_high": -0.02}])
    findings = verdict.striking_findings(headlines, pd.DataFrame(columns=["group"]))
    assert [f.text for f in findings] == ["a leaves its own target group worse off in open employment "
                                          "(the whole 95 % interval on the harmful side)."]


def test_report_starts_with_the_verdict(tmp_path, comparison_file):
    from analysis.tests.conftest import run_cli
    completed = run_cli("report", comparison_file, "-o", tmp_path / "r")
    assert completed.returncode == 0, completed.stderr
    page = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    headings = [h for h in page.split("<h2>")[1:]]
    assert headings[0].startswith("Verdict")
    text = re.sub(r"<img[^>]*>", "", page)
    assert "caseload 120 clients per coach" in text and "n/a" not in text
    assert page.count("<h3>baseline</h3>") == 1


@pytest.mark.parametrize("work_high, named", [(-1.0, True), (+1.0, False)])
def test_dominated_is_named_only_when_the_intervals_exclude_zero(work_high, named):
    icers = pd.DataFrame([{"arm": "a", "group": "everyone", "quadrant": "dominated",
                           "extra_cost_ci_low": 10.0, "extra_cost_ci_high": 20.0,
                           "extra_work_weeks_ci_low": -5.0, "extra_work_weeks_ci_high": work_high}])
    headlines = pd.DataFrame(columns=["arm", "role", "group", "metric", "point", "week", "mean", "ci_low", "ci_high"])
    texts = [f.text for f in verdict.striking_findings(headlines, icers)]
    assert texts == (["a costs more and employs fewer than the baseline (dominated)."] if named else [])
