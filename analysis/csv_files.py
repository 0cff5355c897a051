"""Writing DataFrames as CSV for R, Stata and spreadsheets: UTF-8, comma-separated, a header
row, dates as YYYY-MM-DD, booleans as 0/1, integers as integers ("50", not "50.0"), missing
values as empty fields, and column names that are valid variable names in R and Stata (letters,
digits and underscores, starting with a letter, at most 32 characters). Large tables are
written gzip-compressed (`.csv.gz`, read directly by R's read.csv and pandas)."""
from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

MAX_VARIABLE_NAME = 32
CSV_OPTIONS = dict(index=False, date_format="%Y-%m-%d", na_rep="", encoding="utf-8")


def variable_name(name: str) -> str:
    """A column name R and Stata accept: other characters become "_", a leading digit or
    underscore gets "v" before it, and the name is cut to 32 characters."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", str(name))
    if not cleaned or not cleaned[0].isalpha():
        cleaned = "v" + cleaned
    return cleaned[:MAX_VARIABLE_NAME]


def variable_names(names: Iterable[str]) -> list[str]:
    """variable_name() of each, made unique by a numbered suffix where two would be the same."""
    result: list[str] = []
    for name in names:
        candidate, number = variable_name(name), 2
        while candidate in result:
            suffix = f"_{number}"
            candidate = variable_name(name)[: MAX_VARIABLE_NAME - len(suffix)] + suffix
            number += 1
        result.append(candidate)
    return result


def integers_as_integers(column: pd.Series) -> pd.Series:
    """A float column whose finite values are whole numbers as nullable integers; in a column
    that mixes both, the whole numbers alone (so "50" and "0.4005" in the same column)."""
    if column.dtype.kind != "f":
        return column
    values = column.to_numpy(dtype=np.float64)
    finite = np.isfinite(values)
    whole = finite & (np.abs(values) < 2**53) & (values == np.round(values))
    if not whole.any():
        return column
    if (whole | ~finite).all():
        return column.astype("Int64")
    mixed = column.astype(object)
    mixed[whole] = values[whole].astype(np.int64)
    return mixed


def prepared(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as it is written: booleans 0/1, integers as integers, valid column names."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == bool:
            frame[column] = frame[column].astype("uint8")
        else:
            frame[column] = integers_as_integers(frame[column])
    frame.columns = variable_names(frame.columns)
    return frame


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write one table; gzip-compressed when `path` ends in .gz (no time stamp: same bytes each time)."""
    if str(path).endswith(".gz"):
        with gzip.GzipFile(path, "wb", mtime=0) as raw:
            prepared(frame).to_csv(raw, **CSV_OPTIONS)
        return path
    prepared(frame).to_csv(path, **CSV_OPTIONS)
    return path


def write_csv_in_parts(frames: Iterable[pd.DataFrame], path: Path) -> Path:
    """Write a large table part by part (each part a frame with the same columns), gzip-compressed."""
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        for i, frame in enumerate(frames):
            prepared(frame).to_csv(raw, header=i == 0, **CSV_OPTIONS)
    return path
