"""Open a Kokeilu output file of either kind, told apart by its /meta `kind`."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import KokeiluFileError
from .hdf5_reading import open_read, read_meta

KINDS = ("run", "comparison", "sweep")


def kind_of(path: str | os.PathLike) -> str:
    """The /meta kind of a Kokeilu file. @raises KokeiluFileError for a file of neither kind."""
    path = Path(path)

    def fail(reason: str) -> KokeiluFileError:
        return KokeiluFileError(f"{path}: {reason}")

    with open_read(path, fail) as f:
        kind = read_meta(f, fail).get("kind")
    if kind not in KINDS:
        raise fail(f'neither a run nor a comparison file nor a sweep: /meta kind is {kind!r}, expected "run", '
                   '"comparison" or "sweep"')
    return kind


def open_output(path: str | os.PathLike):
    """A checked Comparison, RunFile or SweepFile, by the file's kind. @raises KokeiluFileError."""
    kind = kind_of(path)
    if kind == "sweep":
        from .sweep_report import open_sweep
        return open_sweep(path)
    if kind == "run":
        from .run_file import open_run
        return open_run(path)
    from .load import open_comparison
    return open_comparison(path)
