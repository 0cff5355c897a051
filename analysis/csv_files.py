"""Writing DataFrames as CSV for R, Stata and spreadsheets: UTF-8, comma-separated, a header
row, dates as YYYY-MM-DD, booleans as 0/1, missing values as empty fields."""
from __future__ import annotations

from pathlib import Path

import pandas as pd


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == bool:
            frame[column] = frame[column].astype("uint8")
    frame.to_csv(path, index=False, date_format="%Y-%m-%d", na_rep="", encoding="utf-8")
    return path
