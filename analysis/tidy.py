"""Turn n-dimensional arrays into long (tidy) DataFrames without Python loops."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd


def long_frame(axes: Sequence[tuple[str, Sequence, bool]], values: dict[str, np.ndarray]) -> pd.DataFrame:
    """One row per cell of arrays shaped by `axes`, first axis varying slowest (C order).

    axes: (column name, labels along that axis, as_categorical). Categorical columns keep the
    labels' order as an ordered category order (file order: baseline arm first, groups and
    metrics as in the file). values: column name -> array of shape (len(labels) for each axis).
    """
    sizes = [len(labels) for _, labels, _ in axes]
    total = int(np.prod(sizes, dtype=np.int64))
    columns: dict[str, object] = {}
    repeat_inner = total
    for (name, labels, as_categorical), size in zip(axes, sizes):
        repeat_inner = repeat_inner // size if size else 0
        repeat_outer = total // (size * repeat_inner) if size and repeat_inner else 0
        codes = np.tile(np.repeat(np.arange(size), repeat_inner), repeat_outer) if total else np.empty(0, int)
        if as_categorical:
            columns[name] = pd.Categorical.from_codes(codes, categories=list(labels), ordered=True)
        else:
            columns[name] = np.asarray(labels)[codes] if total else np.asarray(labels)[:0]
    for name, array in values.items():
        array = np.asarray(array)
        if array.shape != tuple(sizes):
            raise ValueError(f"{name}: shape {array.shape} does not match the axes {tuple(sizes)}")
        columns[name] = array.reshape(-1)
    return pd.DataFrame(columns)
