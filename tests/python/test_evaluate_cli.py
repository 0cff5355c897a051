"""The evaluator's view end to end: a comparison whose pilot runs in part of the region
(`area`), then `python3 -m analysis evaluate` reads the area from the file and sets the
difference-in-differences estimate beside the true effect (analysis/evaluation.py).

Run by ctest with KOKEILU_BIN set to the built CLI."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"


@pytest.fixture(scope="module")
def comparison_with_area(tmp_path_factory):
    binary = os.environ.get("KOKEILU_BIN")
    assert binary and Path(binary).is_file(), "KOKEILU_BIN must name the built kokeilu CLI (ctest sets it)"
    folder = tmp_path_factory.mktemp("evaluate")
    towns = "\n".join(f"    - {{name: Town{i}, market: area, working_age_persons: 1500}}" for i in range(6))
    (folder / "comparison.yaml").write_text(f"""name: evaluate-test
region:
  name: six-towns
  markets:
    - name: area
      matching_efficiency: 0.066
      search_elasticity: 0.5
      vacancies: [{{from: 2012-01-01, count: 160}}]
  population_defaults:
    initial_status_shares: {{employed: 0.61, unemployed: 0.09, inactive: 0.30}}
    age_shares: [{{ages: [15, 29], share: 0.26}}, {{ages: [30, 64], share: 0.74}}]
    education_shares: {{basic: 0.28, vocational: 0.45, tertiary: 0.27}}
    female_share: 0.49
    foreign_language_share: 0.02
    barrier_share: 0.06
    fund_member_share: 0.70
    initial_spell_shares: [{{weeks: [0, 13], share: 0.3}}, {{weeks: [13, 52], share: 0.4}}, {{weeks: [52, 260], share: 0.3}}]
    initial_benefit_shares: {{earnings_related: 0.45, basic_allowance: 0.07, labour_market_subsidy: 0.48}}
  municipalities:
{towns}
behaviour: {SCENARIOS}/behaviour/finland-2015.yaml
benefits: {SCENARIOS}/benefits/finland.yaml
baseline_design: {SCENARIOS}/designs/baseline-te-office.yaml
run: {{seed: 11, start: 2013-01-07}}
pilot_period: {{start: 2013-09-02, end: 2014-08-31}}
follow_up_weeks: 4
replications: 2
arms:
  - name: baseline
  - name: pilot
    design: {SCENARIOS}/designs/pilot-2020-2022.yaml
    overrides: {{area: [Town0, Town1, Town2]}}
""")
    output = folder / "comparison.h5"
    done = subprocess.run([binary, "compare", folder / "comparison.yaml", "-o", output, "--no-trajectories"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return output


def evaluate(*args):
    return subprocess.run([sys.executable, "-m", "analysis", "evaluate", *map(str, args)], capture_output=True,
                           text=True, timeout=300, cwd=REPO)


def test_the_area_comes_from_the_file(comparison_with_area, tmp_path):
    table = tmp_path / "evaluation.csv"
    done = evaluate(comparison_with_area, "--arm", "pilot", "-o", table)
    assert done.returncode == 0, done.stderr
    assert "pilot in 3 of 6 municipalities (Town0, Town1, Town2)" in done.stdout

    import pandas as pd
    view = pd.read_csv(table)
    assert sorted(view["outcome"].unique()) == ["activation_rate", "unemployment"]
    assert list(view["replication"].unique()) == [0, 1]
    assert (view["placebos"] > 0).all()  # eight pre-pilot months leave room for placebo starts
    assert view[["did_estimate", "ci_low", "ci_high", "true_effect"]].notna().all().all()


def test_outside_the_area_the_pilot_changes_no_one_directly(comparison_with_area):
    """The true effect measured on the untreated towns is the spillover alone: it exists (one labour
    market) but the pilot has no clients there, so it is smaller than on the treated towns."""
    sys.path.insert(0, str(REPO))
    import analysis
    from analysis.evaluation import true_effect

    comparison = analysis.open_comparison(comparison_with_area)
    weeks = range(comparison.pilot_start_week, comparison.pilot_end_week + 1)
    inside = true_effect(comparison, "pilot", 0, "activation_rate", ["Town0", "Town1", "Town2"], weeks)
    outside = true_effect(comparison, "pilot", 0, "activation_rate", ["Town3", "Town4", "Town5"], weeks)
    assert abs(outside) < abs(inside)
