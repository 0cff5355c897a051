"""Read the contract, docs/comparison-schema.md, so tests notice when it changes."""
import re
from pathlib import Path

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "comparison-schema.md"


def _section(text: str, heading_start: str) -> str:
    match = re.search(rf"^## {re.escape(heading_start)}.*?$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no section '## {heading_start}' in {SCHEMA_DOC}"
    return match.group(1)


def _table_first_cells(section: str) -> list[list[str]]:
    """Backticked names in the first cell of each table row, and the row's cells."""
    rows = []
    for line in section.splitlines():
        if not line.startswith("|") or set(line) <= set("|- "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        names = re.findall(r"`([^`]+)`", cells[0])
        if names:
            rows.append((names, cells))
    return rows


def schema_version() -> int:
    match = re.search(r"schema version (\d+)", SCHEMA_DOC.read_text(encoding="utf-8"))
    return int(match.group(1))


def meta_attributes() -> list[str]:
    section = _section(SCHEMA_DOC.read_text(encoding="utf-8"), "`/meta`")
    return [name for names, _ in _table_first_cells(section) for name in names]


def metrics() -> list[tuple[str, str]]:
    """(name, unit) of the metrics table, in order."""
    section = _section(SCHEMA_DOC.read_text(encoding="utf-8"), "Dimensions")
    rows = []
    for names, cells in _table_first_cells(section):
        for name in names:
            rows.append((name, cells[1].strip("`")))
    return rows


def leading_groups() -> list[str]:
    """The fixed groups the doc lists first (`everyone`, `under_30`, ...)."""
    section = _section(SCHEMA_DOC.read_text(encoding="utf-8"), "Dimensions")
    order = re.search(r"Order:(.*?)then", section, re.S).group(1)
    return re.findall(r"`([^`]+)`", order)
