"""Parameter draws and what drives the effects (analysis/drivers.py), against the engine's own
figures (compare/drivers.cpp) on the small comparison run by the CLI."""
import os
import re
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import drivers

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
SCENARIO = REPOSITORY_ROOT / "tests" / "data" / "scenarios" / "comparison-small.yaml"


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    binary = os.environ.get("KOKEILU_BIN")
    if not binary:
        pytest.fail("KOKEILU_BIN is not set (ctest sets it)", pytrace=False)
    output = tmp_path_factory.mktemp("drivers") / "out.h5"
    completed = subprocess.run([binary, "compare", str(SCENARIO), "-o", str(output), "--replications", "3",
                                "--no-trajectories"], capture_output=True, text=True, timeout=900)
    assert completed.returncode == 0, completed.stderr
    return analysis.open_comparison(output), completed.stdout


def test_parameter_draws_one_row_per_replication(drawn):
    comparison, _ = drawn
    draws = drivers.parameter_draws(comparison)
    assert draws.shape[0] == 3
    # pilot-2012-2015: caseload, two multipliers; the half-caseload arm overrides its caseload.
    assert "arms[pilot-2020-2022-half-caseload].design.priority" in draws.columns
    assert set(draws["arms[pilot-2020-2022-half-caseload].design.priority"]) <= {
        "closest_to_labour_market_first", "longest_spell_first"}
    multiplier = draws["arms[pilot-2012-2015].design.services.coach.referral_rate_multiplier"]
    assert multiplier.between(1.0, 3.0).all() and multiplier.nunique() == 3
    assert draws.attrs["arms[pilot-2012-2015].design.services.coach.referral_rate_multiplier"]["source"] == "none"


def test_shares_agree_with_the_engine_summary(drawn):
    comparison, stdout = drawn
    shares = drivers.first_order_shares(comparison)
    assert not shares.empty and shares["share"].between(0, 1).all()
    # The engine's lines: "  <arm>, target group:" then "    12.3 %  + <parameter>  (...)".
    printed = {}
    arm_group = None
    for line in stdout.splitlines():
        heading = re.match(r"  (\S+), (target group|everyone):", line)
        if heading:
            arm_group = (heading.group(1), f"target:{heading.group(1)}" if heading.group(2) == "target group" else "everyone")
            continue
        row = re.match(r"\s+([\d.]+) %  ([+\- ]) (arms\[\S+)", line)
        if row and arm_group:
            printed[arm_group + (row.group(3),)] = (float(row.group(1)), row.group(2))
    assert len(printed) == len(shares)
    for r in shares.itertuples():
        percent, sign = printed[(r.arm, r.group, r.parameter)]
        assert 100 * r.share == pytest.approx(percent, abs=0.051)
        assert sign == {1.0: "+", -1.0: "-", 0.0: " "}[r.sign] or percent == 0


def test_shares_find_a_parameter_that_drives_an_effect():
    """Synthetic: an effect that is 2 x a drawn number plus small noise, and a choice that does not
    move it."""
    class Fake:
        replications = 40
        arms = ["baseline", "pilot"]
        groups = ["everyone", "target:pilot"]
        metric_names = ["open_employment"]

        def summary_week(self, at):
            return 0

        def metric_values(self, arm):
            rng = np.random.default_rng(1)
            noise = rng.normal(0, 0.01, size=self.replications)
            if arm == "baseline":
                return np.zeros((self.replications, 1, 2, 1))
            effect = 2 * x + noise
            return np.stack([effect, effect], axis=-1)[:, None, :, None]

    rng = np.random.default_rng(0)
    x = rng.uniform(1, 2, size=40)
    frame = pd.DataFrame({"arms[pilot].design.a": x,
                          "arms[pilot].design.b": rng.choice(["p", "q"], size=40)})
    frame.attrs = {name: {"paths": name, "source": "none", "distribution": "", "central": ""} for name in frame}
    original = drivers.parameter_draws
    drivers.parameter_draws = lambda comparison: frame
    try:
        shares = drivers.first_order_shares(Fake())
    finally:
        drivers.parameter_draws = original
    top = shares[shares["group"] == "everyone"].iloc[0]
    assert top["parameter"] == "arms[pilot].design.a" and top["share"] > 0.99 and top["sign"] == 1.0
    other = shares[(shares["group"] == "everyone") & (shares["parameter"] == "arms[pilot].design.b")].iloc[0]
    assert other["share"] < 0.2


def test_report_shows_what_drives_the_effects(drawn, tmp_path, comparison):
    from analysis import report
    (tmp_path / "drawn").mkdir()
    (tmp_path / "plain").mkdir()
    page = report.write_report(drawn[0], tmp_path / "drawn").read_text(encoding="utf-8")
    assert "What drives the effects" in page
    assert "arms[pilot-2012-2015].design.services.coach.referral_rate_multiplier" in page
    # A comparison without draws has no such section.
    plain = report.write_report(comparison, tmp_path / "plain").read_text(encoding="utf-8")
    assert "What drives the effects" not in plain
