"""The README's command table and `kokeilu --help` say the same: every command and option in one
is in the other. Run by ctest with KOKEILU_BIN set to the built CLI."""
import os
import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def kokeilu(*args):
    binary = os.environ.get("KOKEILU_BIN")
    assert binary, "KOKEILU_BIN must name the built kokeilu CLI (ctest sets it)"
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=30, check=True).stdout


def readme_commands():
    """{command: set of option spellings} from the table rows `build/kokeilu COMMAND ...`."""
    commands = {}
    for line in (REPO / "README.md").read_text().splitlines():
        match = re.match(r"\| `build/kokeilu (\w[\w-]*)([^`]*)` \|", line)
        if match:
            commands[match.group(1)] = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", match.group(2)))
    return commands


def help_commands():
    """{command: list of options, each the set of its spellings} from `kokeilu --help` and
    `kokeilu COMMAND --help` (options other than --help itself)."""
    top = kokeilu("--help")
    listed = top.split("\ncommands:\n", 1)[1].split("\n\n", 1)[0]
    commands = {}
    for name in re.findall(r"^  (\w[\w-]*) ", listed, flags=re.M):
        text = kokeilu(name, "--help")
        options = text.split("\noptions:\n", 1)[1] if "\noptions:\n" in text else ""
        spellings = [set(re.findall(r"(--?[a-z][a-z-]*)", line.split("   ")[0].strip()))
                     for line in options.splitlines() if line.startswith("  -")]
        commands[name] = [s for s in spellings if "--help" not in s]
    return commands


def test_the_readme_command_table_matches_help():
    readme, help_text = readme_commands(), help_commands()
    assert set(readme) == set(help_text), "commands in one and not the other"
    for command, options in help_text.items():
        for spellings in options:
            assert spellings & readme[command], f"README lacks {command} {sorted(spellings)}"
        for option in readme[command]:
            assert any(option in spellings for spellings in options), f"README's {command} {option} is not in --help"


def test_the_comparison_finds_a_difference():
    """Not vacuous: an option missing from the table is noticed."""
    options = help_commands()["run"]
    assert any("--json" in spellings for spellings in options)
    assert any({"-o", "--output"} <= spellings for spellings in options)
    assert "--json" in readme_commands()["run"]
