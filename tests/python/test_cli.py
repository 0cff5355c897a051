"""The `kokeilu` command as a user meets it: exit statuses, messages that point at the input,
and no output file that looks complete unless the run completed.

Run by ctest with KOKEILU_BIN set to the built CLI (tools/test); it fails if KOKEILU_BIN is unset.
"""
import hashlib
import json
import math
import os
import pty
import re
import resource
import stat
import signal
import subprocess
import sys
import time
from pathlib import Path

import h5py
import pytest

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"


@pytest.fixture(scope="module")
def kokeilu():
    binary = os.environ.get("KOKEILU_BIN")
    assert binary, "KOKEILU_BIN must name the built kokeilu CLI (ctest sets it)"
    assert Path(binary).is_file(), f"KOKEILU_BIN={binary} does not exist"
    return binary


def run(kokeilu, *args, timeout=300):
    return subprocess.run([kokeilu, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def interrupted(kokeilu, *args, after_seconds=1.5):
    """Runs the CLI, sends SIGINT after a while, checks the exit status 130, returns stderr."""
    process = subprocess.Popen([kokeilu, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(after_seconds)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.fail(f"'{args[0]}' finished before it could be interrupted: make its input larger")
    assert process.returncode == 130, stderr
    return stderr


def small_scenario(folder: Path, persons=2000, end="2013-08-31", extra="", municipalities=2):
    """A scenario of `municipalities` towns (two by default) using the shipped behaviour, benefits
    and baseline design."""
    towns = "\n".join(f"    - {{name: Town{i}, market: area, working_age_persons: {persons}}}"
                      for i in range(2, municipalities))
    text = f"""name: cli-test
description: two small towns, one year
run: {{seed: 7, start: 2012-09-03, end: {end}}}
region:
  name: test-region
  markets:
    - name: area
      matching_efficiency: 0.066
      search_elasticity: 0.5
      vacancies: [{{from: 2012-01-01, count: 60}}]
  population_defaults:
    initial_status_shares: {{employed: 0.6, unemployed: 0.1, inactive: 0.3}}
    age_shares: [{{ages: [15, 29], share: 0.3}}, {{ages: [30, 64], share: 0.7}}]
    education_shares: {{basic: 0.3, vocational: 0.45, tertiary: 0.25}}
    female_share: 0.5
    foreign_language_share: 0.03
    barrier_share: 0.06
    fund_member_share: 0.7
    initial_spell_shares: [{{weeks: [0, 26], share: 0.6}}, {{weeks: [26, 104], share: 0.4}}]
    initial_benefit_shares: {{earnings_related: 0.45, basic_allowance: 0.07, labour_market_subsidy: 0.48}}
  municipalities:
    - {{name: Alpha, market: area, working_age_persons: {persons}}}
    - {{name: Beta, market: area, working_age_persons: {persons}}}
{towns}
behaviour: {SCENARIOS / "behaviour/finland-2015.yaml"}
benefits: {SCENARIOS / "benefits/finland.yaml"}
baseline_design: {SCENARIOS / "designs/baseline-te-office.yaml"}
{extra}"""
    path = folder / "scenario.yaml"
    path.write_text(text)
    return path


def test_help_and_usage(kokeilu):
    for command in ["run", "compare", "validate", "info", "calibrate", "service-effects"]:
        result = run(kokeilu, command, "--help")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"usage: kokeilu {command}")
    assert run(kokeilu).returncode == 2
    result = run(kokeilu, "frobnicate")
    assert result.returncode == 2 and "unknown command" in result.stderr


@pytest.mark.parametrize("command, typed, meant", [("run", "--thread", "--threads"), ("run", "--forse", "--force"),
                                                   ("compare", "--replicatoins", "--replications"),
                                                   ("compare", "--no-trajectory", "--no-trajectories"),
                                                   ("calibrate", "--thread", "--threads")])
def test_a_mistyped_option_is_answered_with_the_nearest_one(kokeilu, tmp_path, command, typed, meant):
    out = tmp_path / "out.h5"
    output = [] if command == "calibrate" else ["-o", out]
    result = run(kokeilu, command, small_scenario(tmp_path), *output, typed, "2")
    assert result.returncode == 2, result.stderr
    assert f"unknown option {typed}; did you mean {meant}?" in result.stderr
    assert not out.exists()


def test_a_mistyped_command_is_answered_with_the_nearest_one(kokeilu):
    result = run(kokeilu, "comapre", "x.yaml")
    assert result.returncode == 2 and "unknown command 'comapre'; did you mean 'compare'?" in result.stderr
    result = run(kokeilu, "--verison")
    assert result.returncode == 2 and "did you mean --version?" in result.stderr
    assert run(kokeilu, "--version").stdout.startswith("kokeilu ")


@pytest.mark.parametrize("option, value, words", [("--threads", "0", "not in range 1 to 1024"),
                                                  ("--threads", "two", "--threads"),
                                                  ("--seed", "-1", "non-negative integer"),
                                                  ("--seed", "7x", "non-negative integer")])
def test_bad_option_values_exit_2_and_write_nothing(kokeilu, tmp_path, option, value, words):
    out = tmp_path / "out.h5"
    result = run(kokeilu, "run", small_scenario(tmp_path), "-o", out, option, value)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr
    assert not out.exists()
    missing_output = run(kokeilu, "run", small_scenario(tmp_path))
    assert missing_output.returncode == 2 and "--output" in missing_output.stderr


def test_run_writes_a_complete_file_and_a_summary(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path)
    out = tmp_path / "out.h5"
    result = run(kokeilu, "run", scenario, "-o", out, "--threads", "2")
    assert result.returncode == 0, result.stderr
    for words in ["employment", "unemployment", "long-term", "activation", "co-payment", "Alpha", "Beta"]:
        assert words.lower() in result.stdout.lower(), words
    with h5py.File(out, "r") as f:
        assert f["meta"].attrs["complete"] == 1
    info = run(kokeilu, "info", out)
    assert info.returncode == 0 and "cli-test" in info.stdout


def test_run_summary_aligns_names_with_letters_beyond_ascii_and_groups_thousands(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path, persons=6000)
    scenario.write_text(scenario.read_text().replace("Beta", "Kokemäki"))
    result = run(kokeilu, "run", scenario, "-o", tmp_path / "out.h5")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    first = next(n for n, l in enumerate(lines) if l.startswith("area"))
    table = lines[first:first + 5]  # two heading lines, Alpha, Kokemäki, the region
    assert table[3].startswith("Kokemäki ")
    # Every column is right-aligned after the first: equal widths in characters mean aligned columns.
    assert len({len(line) for line in table}) == 1, "\n".join(table)
    persons = table[3].split()[1]
    assert "," in persons and int(persons.replace(",", "")) >= 5000


def test_config_error_names_file_line_and_key_and_writes_nothing(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path, extra="surprise_key: 1\n")
    out = tmp_path / "out.h5"
    result = run(kokeilu, "run", scenario, "-o", out)
    assert result.returncode == 2
    line = scenario.read_text().splitlines().index("surprise_key: 1") + 1
    assert f"{scenario}:{line}:1" in result.stderr
    assert "surprise_key" in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [scenario]


@pytest.mark.parametrize("change, replacement, key, message", [
    ("end: 2013-08-31", "end: 2013-08-31, history_start: 2013-01-07", "history_start", "after the reported period"),
    ("    fund_member_share: 0.7\n", "    fund_member_share: 0.7\n    entrants_per_year: -4\n", "-4", "must be between 0"),
    ("    fund_member_share: 0.7\n", "    fund_member_share: 0.7\n    entrants_per_year: {2011: 40}\n", "{2011",
     "no entrants given for 2012"),
])
def test_history_and_entrants_errors_point_at_the_input_and_write_nothing(kokeilu, tmp_path, change, replacement,
                                                                          key, message):
    scenario = small_scenario(tmp_path)
    text = scenario.read_text().replace(change, replacement, 1)
    scenario.write_text(text)
    out = tmp_path / "out.h5"
    result = run(kokeilu, "run", scenario, "-o", out)
    assert result.returncode == 2, result.stderr
    line = next(n for n, l in enumerate(text.splitlines(), 1) if key in l)
    assert f"{scenario}:{line}:" in result.stderr and message in result.stderr
    assert list(tmp_path.iterdir()) == [scenario]


_CAPACITY_DESIGN = """design:
  name: staffed
  organiser: municipality
  period: {start: 2013-01-07, end: 2013-06-30}
  services:
    coach: {caseload: 160}
    training: {places_per_10000_persons: 50, cost_eur_per_week: 450}
  staff:
    coaches: 20
    moved_from_te_office: 5
  budget:
    services_eur_per_year: 2000000
  municipality_response:
    window_weeks: 13
"""


@pytest.mark.parametrize("command", ["run", "validate"])
@pytest.mark.parametrize("change, replacement, needle, message", [
    ("moved_from_te_office: 5", "moved_from_te_office: 50", "50",
     "design.staff.moved_from_te_office: more staff moved from the TE office than coaches stated (20)"),
    ("coaches: 20", "coaches: -20", "-20", "design.staff.coaches: must be in [0, 1000000]"),
    ("services_eur_per_year: 2000000", "services_eur_per_yr: 2000000", "services_eur_per_yr",
     "design.budget.services_eur_per_yr: unknown key `services_eur_per_yr` (did you mean `services_eur_per_year`?)"),
    ("window_weeks: 13", "window_weeks: 0", "0", "design.municipality_response.window_weeks: must be between 1 and 52"),
    ("window_weeks: 13", "lag_weeks: many", "many", "design.municipality_response.lag_weeks: expected a whole number"),
])
def test_capacity_errors_point_at_the_key_and_write_nothing(kokeilu, tmp_path, command, change, replacement, needle,
                                                            message):
    """Staff, budget and the municipality's response (docs/capacity.md): a bad value names the file,
    line and column of the value and the key path, exits 2 and writes nothing."""
    scenario = small_scenario(tmp_path, extra=_CAPACITY_DESIGN)
    assert run(kokeilu, "validate", scenario).returncode == 0
    text = scenario.read_text().replace(change, replacement, 1)
    scenario.write_text(text)
    line, column = next((n, l.index(needle) + 1) for n, l in enumerate(text.splitlines(), 1) if replacement in l)
    out = tmp_path / "out.h5"
    result = run(kokeilu, command, scenario, *(["-o", out] if command == "run" else []))
    assert result.returncode == 2, result.stderr
    assert f"{scenario}:{line}:{column}: {message}" in result.stderr
    assert list(tmp_path.iterdir()) == [scenario]


def test_validate_reports_the_included_file(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path)
    assert run(kokeilu, "validate", scenario).returncode == 0
    behaviour = tmp_path / "behaviour.yaml"
    behaviour.write_text("search_effort:\n  intercept: zero\n")
    text = scenario.read_text().replace(str(SCENARIOS / "behaviour/finland-2015.yaml"), "behaviour.yaml")
    scenario.write_text(text)
    result = run(kokeilu, "validate", scenario)
    assert result.returncode == 2
    assert f"{behaviour.name}:2:" in result.stderr and "intercept" in result.stderr


SHIPPED_KINDS = {"behaviour": "behaviour", "benefits": "benefits", "designs": "design", "regions": "region"}
# Files whose kind their folder does not tell.
SHIPPED_FILE_KINDS = {"finland-pilot-2020-2022-area.yaml": "overrides",  # an arm's `area`
                      "satakunta-baseline-fitted.yaml": "settings",       # a calibration's fitted overlay
                      "satakunta-baseline.yaml": "calibration"}
# Every region's calibration and its fitted overlay (scenarios/calibration/).
SHIPPED_FILE_KINDS.update({f"{region}-baseline{suffix}.yaml": kind for region in ("raahe", "porvoo", "pirkanmaa")
                           for suffix, kind in (("-fitted", "settings"), ("", "calibration"))})


@pytest.mark.parametrize("path", sorted(SCENARIOS.rglob("*.yaml")), ids=lambda p: str(p.relative_to(SCENARIOS)))
def test_validate_tells_and_checks_every_kind_of_shipped_file(kokeilu, path):
    kind = (SHIPPED_FILE_KINDS.get(path.name) or SHIPPED_KINDS.get(path.parent.name)
            or ("comparison" if path.name.startswith("compare") else "scenario"))
    result = run(kokeilu, "validate", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{path}: valid ({kind})\n"), result.stdout


@pytest.mark.parametrize("path", sorted((REPO / "tests" / "data" / "sweeps").glob("*.yaml")), ids=lambda p: p.name)
def test_validate_tells_a_sweep(kokeilu, path):
    result = run(kokeilu, "validate", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{path}: valid (sweep)\n"), result.stdout


@pytest.mark.parametrize("command, path, kind, belongs", [
    ("run", "compare-satakunta-2012-2016.yaml", "comparison", "kokeilu compare"),
    ("compare", "satakunta-2012-2016-baseline.yaml", "scenario", "kokeilu run"),
    ("run", "designs/pilot-2012-2015.yaml", "design", "includes it"),
    ("compare", "regions/satakunta.yaml", "region", "includes it"),
    ("calibrate", "benefits/finland.yaml", "benefits", "includes it"),
])
def test_a_file_of_another_kind_is_sent_to_its_command(kokeilu, tmp_path, command, path, kind, belongs):
    output = [] if command == "calibrate" else ["-o", tmp_path / "out.h5"]
    result = run(kokeilu, command, SCENARIOS / path, *output)
    assert result.returncode == 2, result.stderr
    assert f"is a {kind} file" in result.stderr and belongs in result.stderr
    assert "unknown key" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_validate_finds_errors_in_parts_and_refuses_files_of_no_kind(kokeilu, tmp_path):
    design = tmp_path / "design.yaml"
    design.write_text((SCENARIOS / "designs/pilot-2012-2015.yaml").read_text()
                      .replace("inherit: baseline-te-office.yaml", f"inherit: {SCENARIOS / 'designs/baseline-te-office.yaml'}")
                      .replace("priority: most_barriers_first", "priority: loudest_first"))
    result = run(kokeilu, "validate", design)
    assert result.returncode == 2 and "priority" in result.stderr and f"{design}:" in result.stderr
    comparison = comparison_file(tmp_path, small_scenario(tmp_path))
    result = run(kokeilu, "validate", comparison)
    assert result.returncode == 0 and "valid (comparison)" in result.stdout and "pilot-2020-2022" in result.stdout
    nothing = tmp_path / "notes.yaml"
    nothing.write_text("shopping: [milk, bread]\n")
    result = run(kokeilu, "validate", nothing)
    assert result.returncode == 2 and "cannot tell what kind of file" in result.stderr and f"{nothing}:1:1" in result.stderr


def test_existing_output_is_kept_without_force(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path)
    out = tmp_path / "out.h5"
    out.write_bytes(b"precious")
    result = run(kokeilu, "run", scenario, "-o", out)
    assert result.returncode == 2 and "--force" in result.stderr
    assert out.read_bytes() == b"precious"
    assert run(kokeilu, "run", scenario, "-o", out, "--force").returncode == 0
    assert h5py.is_hdf5(out)


def test_population_beyond_the_limit_is_refused_before_allocating(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path, persons=40_000_000_000)
    out = tmp_path / "out.h5"
    started = time.monotonic()
    result = run(kokeilu, "run", scenario, "-o", out, timeout=60)
    assert result.returncode == 2
    assert f"{scenario}:" in result.stderr and "working_age_persons" in result.stderr
    assert "between 0 and 10000000" in result.stderr
    assert time.monotonic() - started < 30
    assert not out.exists()


def test_comparison_too_large_for_memory_is_refused_before_allocating(kokeilu, tmp_path):
    # 50 million persons (the limit) in 64 runs at once: far more memory than any machine has.
    scenario = small_scenario(tmp_path, persons=10_000_000, municipalities=5)
    comparison = comparison_file(tmp_path, scenario, replications="32")
    out = tmp_path / "compare.h5"
    started = time.monotonic()
    result = run(kokeilu, "compare", comparison, "-o", out, "--threads", "64", timeout=60)
    assert result.returncode == 2, result.stderr
    assert "memory" in result.stderr and "GiB" in result.stderr
    assert time.monotonic() - started < 30
    assert not out.exists()


def test_interrupt_while_loading_exits_130(kokeilu, tmp_path):
    # A large file (close to the 16 MiB limit) takes seconds to parse: Ctrl-C must not wait for it.
    big = tmp_path / "big.yaml"
    with big.open("w") as f:
        f.write("name: big\nmany:\n")
        f.writelines(f"  key{i}: {i}\n" for i in range(800_000))
    started = time.monotonic()
    stderr = interrupted(kokeilu, "validate", big, after_seconds=0.5)
    assert "interrupted" in stderr
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("kind", ["fifo", "device", "directory", "symlink loop"])
def test_includes_that_are_not_regular_files_are_refused_at_once(kokeilu, tmp_path, kind):
    target = tmp_path / "behaviour.yaml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target.symlink_to("/dev/zero")
    elif kind == "directory":
        target.mkdir()
    else:
        target.symlink_to(tmp_path / "loop.yaml")
        (tmp_path / "loop.yaml").symlink_to(target)
    scenario = small_scenario(tmp_path)
    scenario.write_text(scenario.read_text().replace(str(SCENARIOS / "behaviour/finland-2015.yaml"), "behaviour.yaml"))
    result = run(kokeilu, "validate", scenario, timeout=30)
    assert result.returncode == 2, result.stderr
    line = scenario.read_text().splitlines().index("behaviour: behaviour.yaml") + 1
    assert f"{scenario}:{line}:" in result.stderr
    assert "not found" not in result.stderr


def test_a_bad_calibration_file_writes_nothing(kokeilu, tmp_path):
    """A target naming a statistic that does not exist: file:line:column and key, exit 2, no output."""
    scenario = small_scenario(tmp_path)
    calibration = tmp_path / "calibration.yaml"
    calibration.write_text(f"""name: bad
scenario: {scenario}
output: fitted
parameters:
  - {{path: 'behaviour.search_effort.duration[0]', min: -1, max: 1}}
targets:
  - {{statistic: job_hazard.under_2_months, value: 0.2, period: [2012-10-01, 2012-12-31], source: test}}
""")
    result = run(kokeilu, "calibrate", calibration)
    assert result.returncode == 2, result.stderr
    assert f"{calibration}:7:17: targets[0].statistic: `job_hazard` takes a spell bracket" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calibration.yaml", "scenario.yaml"]


def test_interrupted_run_leaves_no_file(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path, persons=400_000, end="2016-12-31")
    out = tmp_path / "out.h5"
    stderr = interrupted(kokeilu, "run", scenario, "-o", out, "--threads", "1")
    assert "interrupted" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scenario.yaml"]


def comparison_file(folder: Path, scenario: Path, replications="2", arms=None):
    arms = arms or """  - name: baseline
  - name: pilot-2020-2022
    design: {designs}/pilot-2020-2022.yaml
""".format(designs=SCENARIOS / "designs")
    text = scenario.read_text()
    body = [l for l in text.splitlines() if not l.startswith("run:") and not l.startswith("name:")]
    path = folder / "comparison.yaml"
    path.write_text("name: cli-comparison\nrun: {seed: 7, start: 2012-09-03}\n" + "\n".join(body) +
                    f"\npilot_period: {{start: 2012-09-03, end: 2013-06-30}}\nfollow_up_weeks: 8\n"
                    f"replications: {replications}\narms:\n{arms}")
    return path


def test_compare_writes_effects_and_prints_the_table(kokeilu, tmp_path):
    comparison = comparison_file(tmp_path, small_scenario(tmp_path))
    out = tmp_path / "compare.h5"
    result = run(kokeilu, "compare", comparison, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "At the end of the pilot" in result.stdout and "At the end of follow-up" in result.stdout
    assert "pilot-2020-2022" in result.stdout and "non_target" in result.stdout
    with h5py.File(out, "r") as f:
        assert f["meta"].attrs["kind"] == "comparison"
        assert f["meta"].attrs["complete"] == 1
        assert "pilot-2020-2022" in f["effects"]


def test_json_summaries_parse_and_match_the_files(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path)
    out = tmp_path / "run.h5"
    result = run(kokeilu, "run", scenario, "-o", out, "--json", "--seed", "11")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)  # nothing but JSON on stdout
    assert summary["command"] == "run" and summary["output"] == str(out) and summary["seed"] == 11
    assert [m["name"] for m in summary["summary"]["municipalities"]] == ["Alpha", "Beta"]
    region = summary["summary"]["region"]
    assert region["persons"] == sum(m["persons"] for m in summary["summary"]["municipalities"])
    assert 0 < region["employment_rate"] < 1 and region["copayment_eur"] > 0
    with h5py.File(out, "r") as f:
        assert f["meta"].attrs["seed"] == 11

    comparison = comparison_file(tmp_path, scenario)
    out = tmp_path / "compare.h5"
    result = run(kokeilu, "compare", comparison, "-o", out, "--json")
    assert result.returncode == 0, result.stderr
    effects = json.loads(result.stdout)
    assert effects["arms"] == ["baseline", "pilot-2020-2022"] and effects["replications"] == 2
    assert effects["units"]["open_employment"] == "share" and effects["units"]["cost_total_eur"] == "eur"
    rows = {(e["arm"], e["at"], e["group"]): e for e in effects["effects"]}
    assert set(rows) == {("pilot-2020-2022", at, group) for at in ["end_of_pilot", "end_of_follow_up"]
                         for group in ["everyone", "target", "non_target"]}
    everyone = rows[("pilot-2020-2022", "end_of_pilot", "everyone")]
    assert everyone["week"] == effects["pilot_period"]["last_week"]
    with h5py.File(out, "r") as f:
        g = list(f["groups/name"].asstr()[()]).index("everyone")
        k = list(effects["units"]).index("open_employment")
        stored = f["effects/pilot-2020-2022/mean"][everyone["week"], g, k]
    assert everyone["metrics"]["open_employment"]["mean"] == pytest.approx(stored, rel=1e-12)
    for name, estimate in everyone["metrics"].items():
        assert estimate["low"] is None or estimate["low"] <= estimate["mean"] <= estimate["high"], name
    assert rows[("pilot-2020-2022", "end_of_pilot", "target")]["metrics"]["cost_total_eur"]["mean"] is None
    cost = effects["cost_effectiveness"][0]
    assert cost["arm"] == "pilot-2020-2022" and cost["quadrant"] in {
        "dominant", "dominated", "trade_off_more", "trade_off_less", "no_change"}
    assert math.isfinite(cost["extra_cost_eur"]["mean"])
    assert "--json" in run(kokeilu, "compare", "--help").stdout


def on_a_terminal(kokeilu, *args):
    """Runs the CLI with stderr on a pseudo-terminal (where progress is shown); returns the result
    and what the terminal received."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([kokeilu, *map(str, args)], stdout=subprocess.PIPE, stderr=terminal, text=True)
    os.close(terminal)
    received = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        received += chunk
    stdout, _ = process.communicate(timeout=300)
    os.close(controller)
    return process.returncode, stdout, received.decode()


def test_progress_on_a_terminal_names_arm_and_replication_with_an_eta(kokeilu, tmp_path):
    comparison = comparison_file(tmp_path, small_scenario(tmp_path, persons=20_000), replications="3")
    status, stdout, terminal = on_a_terminal(kokeilu, "compare", comparison, "-o", tmp_path / "c.h5", "--threads", "1")
    assert status == 0, terminal
    assert "shared history" in terminal or "replication" in terminal
    assert "arm pilot-2020-2022, replication 3 of 3" in terminal or "arm baseline, replication 3 of 3" in terminal
    assert "ETA " in terminal and "100%" in terminal
    assert "At the end of the pilot" in stdout
    status, stdout, terminal = on_a_terminal(kokeilu, "run", small_scenario(tmp_path), "-o", tmp_path / "r.h5")
    assert status == 0 and re.search(r"week (\d+)/\1 \(100%\)", terminal) and "ETA " in terminal, terminal
    # Not on a terminal: no progress at all.
    assert run(kokeilu, "run", small_scenario(tmp_path), "-o", tmp_path / "r.h5", "--force").stderr == ""


@pytest.mark.parametrize("replications, words", [("0", "replications"), ("-1", "replications"),
                                                 ("2147483647", "between 1 and 10000")])
def test_compare_rejects_bad_replications(kokeilu, tmp_path, replications, words):
    comparison = comparison_file(tmp_path, small_scenario(tmp_path), replications=replications)
    out = tmp_path / "compare.h5"
    result = run(kokeilu, "compare", comparison, "-o", out)
    assert result.returncode == 2
    assert words in result.stderr and f"{comparison.name}:" in result.stderr
    assert not out.exists()
    assert run(kokeilu, "compare", comparison, "-o", out, "--replications", "0").returncode == 2
    assert run(kokeilu, "compare", comparison, "-o", out, "--replications", "2147483647").returncode == 2


@pytest.mark.parametrize("weeks", ["2147483647", "1000000"])
def test_compare_rejects_follow_up_without_bound(kokeilu, tmp_path, weeks):
    comparison = comparison_file(tmp_path, small_scenario(tmp_path))
    comparison.write_text(comparison.read_text().replace("follow_up_weeks: 8", f"follow_up_weeks: {weeks}"))
    result = run(kokeilu, "compare", comparison, "-o", tmp_path / "compare.h5", timeout=60)
    assert result.returncode == 2
    assert "follow_up_weeks" in result.stderr and "between 0 and 520" in result.stderr


def test_compare_rejects_an_unknown_design_file(kokeilu, tmp_path):
    arms = "  - name: baseline\n  - name: ghost\n    design: designs/no-such-design.yaml\n"
    comparison = comparison_file(tmp_path, small_scenario(tmp_path), arms=arms)
    result = run(kokeilu, "compare", comparison, "-o", tmp_path / "compare.h5")
    assert result.returncode == 2
    assert "no-such-design.yaml" in result.stderr
    line = comparison.read_text().splitlines().index("    design: designs/no-such-design.yaml") + 1
    assert f"{comparison.name}:{line}:" in result.stderr


def test_compare_rejects_arms_with_their_own_population(kokeilu, tmp_path):
    arms = ("  - name: baseline\n  - name: elsewhere\n    design: {d}/pilot-2020-2022.yaml\n"
            "    region: {r}\n").format(d=SCENARIOS / "designs", r=SCENARIOS / "regions/satakunta.yaml")
    comparison = comparison_file(tmp_path, small_scenario(tmp_path), arms=arms)
    result = run(kokeilu, "compare", comparison, "-o", tmp_path / "compare.h5")
    assert result.returncode == 2
    assert "region" in result.stderr and "share" in result.stderr


def test_info_rejects_files_that_are_not_kokeilu_output(kokeilu, tmp_path):
    not_hdf5 = tmp_path / "notes.h5"
    not_hdf5.write_text("hello")
    result = run(kokeilu, "info", not_hdf5)
    assert result.returncode == 2 and "notes.h5" in result.stderr
    assert run(kokeilu, "info", tmp_path / "missing.h5").returncode == 2


def test_interrupted_comparison_leaves_no_file(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path, persons=150_000)
    comparison = comparison_file(tmp_path, scenario, replications="6")
    out = tmp_path / "compare.h5"
    interrupted(kokeilu, "compare", comparison, "-o", out, "--threads", "1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["comparison.yaml", "scenario.yaml"]


def test_service_effects_refuses_a_scenario_with_a_pilot(kokeilu):
    result = run(kokeilu, "service-effects", SCENARIOS / "satakunta-2012-2016-pilot-2012-2015.yaml")
    assert result.returncode == 2, result.stderr
    assert "without a pilot design" in result.stderr


def file_size_limit(kib):
    """A preexec_fn: writes beyond `kib` KiB fail (EFBIG), as on a full disk."""
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (kib * 1024, kib * 1024))
    return limit


def assert_no_output_left(folder: Path, inputs):
    assert sorted(p.name for p in folder.iterdir()) == sorted(inputs)


@pytest.mark.parametrize("command", ["run", "compare"])
def test_write_failure_exits_1_naming_the_file_and_leaves_nothing(kokeilu, tmp_path, command):
    scenario = small_scenario(tmp_path, persons=20_000)
    inputs = [scenario.name]
    if command == "compare":
        scenario = comparison_file(tmp_path, scenario)
        inputs.append(scenario.name)
    out = tmp_path / "out.h5"
    for kib in [1, 40, 400]:  # at creation, at the first block, later
        result = subprocess.run([kokeilu, command, scenario, "-o", out, "--threads", "2"], capture_output=True,
                                text=True, timeout=300, preexec_fn=file_size_limit(kib))
        assert result.returncode == 1, (kib, result.returncode, result.stderr)
        assert f"cannot write {out}" in result.stderr and "File too large" in result.stderr, result.stderr
        assert_no_output_left(tmp_path, inputs)


@pytest.fixture
def small_disk(tmp_path):
    """A 256 KiB tmpfs, when this machine lets us mount one (root in a container often can)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here; the file-size limit test covers write failures")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


def test_full_disk_exits_1_at_creation_and_while_writing(kokeilu, tmp_path, small_disk):
    scenario = small_scenario(tmp_path, persons=20_000)
    out = small_disk / "out.h5"
    result = run(kokeilu, "run", scenario, "-o", out, "--threads", "2")
    assert result.returncode == 1, result.stderr  # was a crash at exit (139) in H5F__close_cb
    assert f"cannot write {out}" in result.stderr and "No space left on device" in result.stderr
    assert list(small_disk.iterdir()) == []

    (small_disk / "filler").write_bytes(b"\0" * (256 * 1024 - 4096))
    result = run(kokeilu, "run", scenario, "-o", out, "--threads", "2")
    assert result.returncode == 1, result.stderr  # was 2, as if the input were wrong
    assert f"cannot write {out}" in result.stderr and "No space left on device" in result.stderr
    assert [p.name for p in small_disk.iterdir()] == ["filler"]


def test_force_never_replaces_a_device_or_pipe(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path)
    pipe = tmp_path / "pipe.h5"
    os.mkfifo(pipe)
    targets = [pipe]
    device = tmp_path / "null.h5"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a copy of /dev/null
        targets.append(device)
    except PermissionError:
        pass
    for target in targets:
        kind = os.stat(target).st_mode
        result = run(kokeilu, "run", scenario, "-o", target, "--force")
        assert result.returncode == 2, result.stderr
        assert "not a regular file" in result.stderr
        assert os.stat(target).st_mode == kind
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([scenario.name] + [t.name for t in targets])


def test_same_inputs_and_seed_give_byte_identical_files(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path)
    comparison = comparison_file(tmp_path, scenario)
    environment = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    digests = {}
    # A comparison writes its replications in order whatever order they finish in: the same bytes
    # on one thread and on two.
    for command, spec, threads in [("run", scenario, ["2", "2"]), ("compare", comparison, ["1", "2"])]:
        for attempt in range(2):
            out = tmp_path / f"{command}-{attempt}.h5"
            time.sleep(1.1 if attempt else 0)  # a second apart: time stamps would differ
            result = subprocess.run([kokeilu, command, spec, "-o", out, "--threads", threads[attempt]],
                                    capture_output=True, text=True, timeout=300, env=environment)
            assert result.returncode == 0, result.stderr
            digests.setdefault(command, set()).add(hashlib.sha256(out.read_bytes()).hexdigest())
        with h5py.File(out, "r") as f:
            assert f["meta"].attrs["created_utc"] == "2023-11-14T22:13:20Z"
    assert all(len(d) == 1 for d in digests.values()), digests


CENTRAL_2020_2022 = """    overrides:
      priority: closest_to_labour_market_first
      services: {coach: {caseload: 120, search_effort_multiplier: 1.15, referral_rate_multiplier: 1.5}}
"""


def test_compare_draws_parameters_per_replication(kokeilu, tmp_path):
    comparison = comparison_file(tmp_path, small_scenario(tmp_path), replications="3")
    out = tmp_path / "drawn.h5"
    result = run(kokeilu, "compare", comparison, "-o", out, "--no-trajectories")
    assert result.returncode == 0, result.stderr
    assert "Parameters drawn per replication: 4" in result.stdout
    assert "arms[pilot-2020-2022].design.priority" in result.stdout
    with h5py.File(out, "r") as f:
        assert f["meta"].attrs["parameters"] == "drawn"
        values = f["parameters/values"]
        assert values.shape == (3, 4)
        attrs = dict(values.attrs)
        assert list(attrs["dims"]) == ["replication", "parameter"]
        assert "arms[pilot-2020-2022].design.priority" in list(attrs["parameter"])
        assert set(attrs["source"]) == {"none"}
        priority = list(attrs["parameter"]).index("arms[pilot-2020-2022].design.priority")
        assert attrs["choices"][priority] == "closest_to_labour_market_first|longest_spell_first"
        assert set(values[:, priority]) <= {0.0, 1.0}
        assert len({tuple(row) for row in values[()]}) == 3  # each replication its own draw


def test_fixed_parameters_equal_a_file_with_the_central_values(kokeilu, tmp_path):
    scenario = small_scenario(tmp_path)
    drawn = comparison_file(tmp_path, scenario)
    fixed_out, central_out = tmp_path / "fixed.h5", tmp_path / "central.h5"
    result = run(kokeilu, "compare", drawn, "-o", fixed_out, "--no-trajectories", "--fixed-parameters")
    assert result.returncode == 0, result.stderr
    assert "Parameters drawn" not in result.stdout
    central_folder = tmp_path / "central"
    central_folder.mkdir()
    central = comparison_file(central_folder, scenario, arms="""  - name: baseline
  - name: pilot-2020-2022
    design: {designs}/pilot-2020-2022.yaml
""".format(designs=SCENARIOS / "designs") + CENTRAL_2020_2022)
    result = run(kokeilu, "compare", central, "-o", central_out, "--no-trajectories")
    assert result.returncode == 0, result.stderr
    with h5py.File(fixed_out, "r") as a, h5py.File(central_out, "r") as b:
        assert a["meta"].attrs["parameters"] == "none" and "parameters" not in a
        for arm in ["baseline", "pilot-2020-2022"]:
            for r in ["0", "1"]:
                path = f"arms/{arm}/replications/{r}/metrics"
                assert a[path][()].tobytes() == b[path][()].tobytes()


HISTORY_ARMS = """  - name: baseline
  - name: copy
    design: {designs}/baseline-te-office.yaml
""".format(designs=SCENARIOS / "designs")


def test_compare_draws_a_parameter_in_the_history_per_replication(kokeilu, tmp_path):
    """A drawn region parameter acts in the history: each replication runs its own, shared by its
    arms (a copy of the baseline design is the baseline's bits in every replication)."""
    comparison = comparison_file(tmp_path, small_scenario(tmp_path), replications="3", arms=HISTORY_ARMS)
    comparison.write_text(comparison.read_text().replace(
        "matching_efficiency: 0.066", "matching_efficiency: {uniform: [0.03, 0.12], source: none}"))
    out = tmp_path / "drawn.h5"
    result = run(kokeilu, "compare", comparison, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "each replication its own" in result.stdout
    with h5py.File(out, "r") as f:
        assert f["meta"].attrs["history"] == "per_replication"
        values = f["parameters/values"]
        parameter = list(values.attrs["parameter"]).index("region.markets[area].matching_efficiency")
        assert len(set(values[:, parameter])) == 3
        groups = [g.decode() for g in f["groups/name"][()]]
        metrics = [m.decode() for m in f["metrics/name"][()]]
        everyone, unemployment = groups.index("everyone"), metrics.index("unemployment")
        at_branch = [f[f"arms/baseline/replications/{r}/metrics"][0, everyone, unemployment] for r in range(3)]
        assert len(set(at_branch)) == 3  # the histories differ at the branch
        for r in range(3):
            base, copy = (f[f"arms/{arm}/replications/{r}"] for arm in ("baseline", "copy"))
            assert base["metrics"][()].tobytes() == copy["metrics"][()].tobytes()
            assert base["trajectory/status"][()].tobytes() == copy["trajectory/status"][()].tobytes()
            assert base["target_at_start"].shape == (f["people/municipality"].shape[0],)
        # The analysis reads each replication's target groups.
        sys.path.insert(0, str(REPO))
        import analysis.load
        targets = [analysis.load.open_comparison(out).people(replication=r)["target_copy"] for r in range(3)]
        for r in range(3):
            assert (targets[r].to_numpy() == f[f"arms/copy/replications/{r}/target_at_start"][()].astype(bool)).all()
        effects = f["effects/copy/mean"][()].ravel()
        assert all(e == 0 for e in effects if not math.isnan(e))  # a design that changes nothing
        central = values.attrs["central"][parameter]

    # --fixed-parameters: one shared history at the central value, the bits of a file stating it.
    fixed_out, central_out = tmp_path / "fixed.h5", tmp_path / "central.h5"
    result = run(kokeilu, "compare", comparison, "-o", fixed_out, "--no-trajectories", "--fixed-parameters")
    assert result.returncode == 0, result.stderr
    assert "weeks of shared history" in result.stdout
    central_file = tmp_path / "central.yaml"
    central_file.write_text(comparison.read_text().replace(
        "{uniform: [0.03, 0.12], source: none}", central))
    result = run(kokeilu, "compare", central_file, "-o", central_out, "--no-trajectories")
    assert result.returncode == 0, result.stderr
    with h5py.File(fixed_out, "r") as a, h5py.File(central_out, "r") as b:
        assert "history" not in a["meta"].attrs and "history" not in b["meta"].attrs
        for arm in ["baseline", "copy"]:
            for r in range(3):
                path = f"arms/{arm}/replications/{r}/metrics"
                assert a[path][()].tobytes() == b[path][()].tobytes()

    # --from and --checkpoint: no one state; refused before anything is written.
    for flag in ["--from", "--checkpoint"]:
        refused = tmp_path / f"refused{flag}.h5"
        result = run(kokeilu, "compare", comparison, "-o", refused, flag, tmp_path / "ck.h5")
        assert result.returncode == 2, result.stderr
        assert flag in result.stderr and "region.markets[area].matching_efficiency" in result.stderr
        assert not refused.exists() and not (tmp_path / "ck.h5").exists()


@pytest.mark.parametrize("line, drawn, message", [
    ("{name: Alpha, market: area, working_age_persons: 2000}",
     "{name: Alpha, market: area, working_age_persons: {one_of: [2000, 2400], weights: [0.5, 0.5], source: none}}",
     "change the number of persons"),
    ("female_share: 0.5", "female_share: {uniform: [0.3, 0.7], source: none}", "change the persons generated"),
])
def test_compare_refuses_a_history_draw_that_changes_the_persons(kokeilu, tmp_path, line, drawn, message):
    comparison = comparison_file(tmp_path, small_scenario(tmp_path), replications="4", arms=HISTORY_ARMS)
    assert line in comparison.read_text()
    comparison.write_text(comparison.read_text().replace(line, drawn))
    out = tmp_path / "refused.h5"
    result = run(kokeilu, "compare", comparison, "-o", out)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert not out.exists() and list(tmp_path.glob("*.h5*")) == []


@pytest.mark.parametrize("value, message", [
    ("{normal: [1.2, -0.1], source: none}", "standard deviation cannot be negative"),
    ("{uniform: [1.3, 1.1], source: none}", "is above high"),
    ("{triangular: [1.0, 1.5, 1.3], source: none}", "outside [low, high]"),
    ("{one_of: [1.1, 1.2], weights: [0.5, 0.6], source: none}", "sum to 1.1, not 1"),
    ("{uniform: [1.0, 1.2], source: guess}", "source flag"),
])
def test_compare_rejects_a_bad_distribution(kokeilu, tmp_path, value, message):
    arms = """  - name: baseline
  - name: pilot
    design: {designs}/pilot-2020-2022.yaml
    overrides: {{services: {{coach: {{search_effort_multiplier: {value}}}}}}}
""".format(designs=SCENARIOS / "designs", value=value)
    comparison = comparison_file(tmp_path, small_scenario(tmp_path), arms=arms)
    out = tmp_path / "compare.h5"
    result = run(kokeilu, "compare", comparison, "-o", out)
    assert result.returncode == 2, result.stderr
    line = next(i for i, l in enumerate(comparison.read_text().splitlines(), 1) if "search_effort_multiplier" in l)
    assert f"{comparison}:{line}:" in result.stderr and "search_effort_multiplier" in result.stderr
    assert message in result.stderr
    assert not out.exists() and list(tmp_path.glob("*.h5*")) == []
