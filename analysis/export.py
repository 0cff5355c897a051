"""CSV export of a comparison for R, Stata and spreadsheets: the whole file as long tables.

Files (columns in analysis/README.md): metrics.csv, effects.csv, people.csv, groups.csv,
metrics_dictionary.csv, and meta.csv (the file's /meta attributes as name, value).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .csv_files import write_csv
from .load import Comparison

EXPORT_FILES = ("metrics.csv", "effects.csv", "people.csv", "groups.csv", "metrics_dictionary.csv", "meta.csv")


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
        "people.csv": comparison.people(),
        "effects.csv": comparison.effects(),
    }
    written = [write_csv(frame, directory / name) for name, frame in frames.items()]
    # The largest table last, arm by arm, so that memory holds one arm's rows at a time.
    metrics_path = directory / "metrics.csv"
    for i, arm in enumerate(comparison.arms):
        frame = comparison.metrics(arms=[arm])
        frame.to_csv(metrics_path, index=False, date_format="%Y-%m-%d", na_rep="", encoding="utf-8",
                     mode="w" if i == 0 else "a", header=i == 0)
    written.append(metrics_path)
    return written
