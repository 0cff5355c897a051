"""CSV export of a comparison for R, Stata and spreadsheets: the whole file as long tables.

Files (columns in analysis/README.md): metrics.csv.gz, effects.csv.gz, people.csv.gz (the large
tables, long and gzip-compressed), groups.csv, metrics_dictionary.csv, and meta.csv (the file's
/meta attributes as name, value).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .csv_files import write_csv, write_csv_in_parts
from .load import Comparison

EXPORT_FILES = ("metrics.csv.gz", "effects.csv.gz", "people.csv.gz", "groups.csv", "metrics_dictionary.csv", "meta.csv")


def meta_table(comparison: Comparison) -> pd.DataFrame:
    """name, value: every /meta attribute (lists joined with ";")."""
    rows = [(name, ";".join(map(str, value)) if isinstance(value, list) else value)
            for name, value in sorted(comparison.meta.items())]
    return pd.DataFrame(rows, columns=["name", "value"])


def write_export(comparison: Comparison, directory: Path) -> list[Path]:
    """Write the CSV files into `directory` (which must exist); returns their paths."""
    directory = Path(directory)
    frames = {
        "metrics_dictionary.csv": comparison.metrics_dictionary(),
        "groups.csv": comparison.groups_table(),
        "meta.csv": meta_table(comparison),
        "people.csv.gz": comparison.people(),
        "effects.csv.gz": comparison.effects(),
    }
    written = [write_csv(frame, directory / name) for name, frame in frames.items()]
    # The largest table last, arm by arm, so that memory holds one arm's rows at a time.
    parts = (comparison.metrics(arms=[arm]) for arm in comparison.arms)
    written.append(write_csv_in_parts(parts, directory / "metrics.csv.gz"))
    return written
