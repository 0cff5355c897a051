"""The report's language: labels and number and date formats, English by default, Finnish with
`report --lang fi` (numbers and dates by babel's CLDR data: "1 234,5", "3. syyskuuta 2012").

The language is set for the writing of one report (`using("fi")`), so that every formatting
function reads it without being handed it; `tr(text)` gives a label in it (the English text when
the catalogue has no translation, so a new label shows in English rather than not at all).
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal

LANGUAGES = ("en", "fi")
DEFAULT = "en"
_current: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=DEFAULT)


@contextlib.contextmanager
def using(language: str):
    """Format and label in `language` ("en" or "fi") inside the block."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> str:
    return _current.get()


def tr(text: str) -> str:
    """`text` (English) in the current language."""
    if current() == "en":
        return text
    from .catalogue_fi import FINNISH
    return FINNISH.get(text, text)


def number(value: float, decimals: int = 0) -> str:
    """A number with the language's grouping and decimal signs: "1,234.5" / "1 234,5"."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=current())


def significant(value: float, digits: int = 6) -> str:
    """A number to `digits` significant digits with the language's decimal sign: "0.0567" / "0,0567"."""
    text = f"{value:.{digits}g}"
    return text if current() == "en" else text.replace(".", ",").replace("-", "\u2212")


def date_long(day: dt.date) -> str:
    """"3 September 2012" / "3. syyskuuta 2012"."""
    return format_date(day, "d MMMM y" if current() == "en" else "d. MMMM y", locale=current())


def euros(amount_text: str) -> str:
    """An amount already formatted, as euros: "EUR 1,234" / "1 234 €"."""
    return f"EUR {amount_text}" if current() == "en" else f"{amount_text} \u20ac"


def millions_suffix() -> str:
    return " M" if current() == "en" else " milj."
