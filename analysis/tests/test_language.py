"""`report --lang fi`: Finnish labels, numbers and dates (babel); English stays the default."""
import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from analysis import formatting, language
from analysis.catalogue_fi import FINNISH, INTRODUCTION_EN
from analysis.dates import show_date
from analysis.tests.conftest import run_cli

PACKAGE = Path(__file__).resolve().parents[1]


def _literal_labels():
    """Every string literal the package passes to tr(), with the file it is in."""
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args:
                argument = node.args[0]
                options = [argument.body, argument.orelse] if isinstance(argument, ast.IfExp) else [argument]
                for option in options:
                    if isinstance(option, ast.Constant) and isinstance(option.value, str):
                        yield path.name, option.value


def test_every_label_has_a_finnish_entry():
    labels = list(_literal_labels())
    assert len(labels) > 50
    missing = [(name, text) for name, text in labels if text not in FINNISH]
    assert missing == []
    assert INTRODUCTION_EN in FINNISH  # the introduction (analysis/texts.py) is translated too


def test_finnish_keeps_every_placeholder():
    for english, finnish in FINNISH.items():
        assert set(re.findall(r"\{\w*\}", english)) == set(re.findall(r"\{\w*\}", finnish)), english


def test_numbers_and_dates_in_finnish():
    with language.using("fi"):
        assert formatting.level(1_234_567.0, "eur") == "1,23 milj. \u20ac"
        assert formatting.level(12_345.0, "eur") == "12\u00a0345 \u20ac"
        assert formatting.level(0.2345, "share") == "23,4 %"
        assert formatting.effect(0.0125, "share") == "+1,25 %-yks."
        assert show_date(dt.date(2012, 9, 3)) == "3. syyskuuta 2012"
    assert formatting.level(12_345.0, "eur") == "EUR 12,345"
    assert show_date(dt.date(2012, 9, 3)) == "3 September 2012"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        with language.using("sv"):
            pass


@pytest.mark.parametrize("kind", ["comparison", "run"])
def test_report_in_finnish(tmp_path, comparison_file, run_file, kind):
    source = comparison_file if kind == "comparison" else run_file
    completed = run_cli("report", source, "-o", tmp_path / "fi", "--lang", "fi", "-q")
    assert completed.returncode == 0 and completed.stderr == "", completed.stderr
    page = (tmp_path / "fi" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="fi">' in page and "syyskuuta 2012" in page
    if kind == "comparison":
        assert "<h2>Johtopäätökset</h2>" in page and "Verdict" not in page
        assert re.search(r"\d,\d\d %-yks\.", page)
    else:
        assert "Mitä ajettiin" in page


def test_mistyped_language_exits_2(tmp_path, comparison_file):
    completed = run_cli("report", comparison_file, "-o", tmp_path / "x", "--lang", "fr")
    assert completed.returncode == 2 and "invalid choice" in completed.stderr
