"""Reading HDF5 defensively: a file opened read-only with every HDF5 error turned into the
package's one-line error, and attribute and string values as plain Python values."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Callable

import h5py
import numpy as np

from .probe import probe_once

HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


@contextlib.contextmanager
def open_read(path: Path, fail: Callable[[str], Exception]):
    """`path` opened read-only with h5py; errors while opening or reading become `fail(reason)`."""
    if not path.exists():
        raise fail("no such file")
    if path.is_dir():
        raise fail("is a directory, not a Kokeilu output file")
    if not is_hdf5(path):
        raise fail("not an HDF5 file (expected the output of `kokeilu run` or `kokeilu compare`)")
    failure = probe_once(path)
    if failure:
        raise fail(f"cannot be read, truncated or damaged ({failure})")
    try:
        f = h5py.File(path, "r")
    except OSError as error:
        raise fail(f"HDF5 file cannot be opened, truncated or damaged ({one_line(error)})") from None
    try:
        yield f
    except (OSError, KeyError, RuntimeError, ValueError, UnicodeDecodeError) as error:
        raise fail(f"cannot be read, truncated or damaged ({one_line(error)})") from None
    finally:
        f.close()


def is_hdf5(path: Path) -> bool:
    """The file starts with the HDF5 signature (a user block is not used by Kokeilu)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(HDF5_SIGNATURE)) == HDF5_SIGNATURE
    except OSError:
        return False


def read_meta(f: h5py.File, fail: Callable[[str], Exception]) -> dict:
    """Every /meta attribute as a plain value. @raises fail(...) when there is no /meta group."""
    if "meta" not in f or not isinstance(f["meta"], h5py.Group):
        raise fail("not a Kokeilu file: no /meta group")
    return {key: as_plain(value) for key, value in f["meta"].attrs.items()}


def as_text(value) -> str:
    """An HDF5 string (attribute or dataset element) as str."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray) and value.shape == ():
        return as_text(value[()])
    return str(value)


def as_plain(value):
    """An attribute value as a plain Python value: str, int, float, or list of them."""
    if isinstance(value, (bytes, str)):
        return as_text(value)
    if isinstance(value, np.ndarray):
        if value.shape == ():
            return as_plain(value[()])
        return [as_plain(v) for v in value.tolist()]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def as_strings(dataset: h5py.Dataset) -> list[str]:
    """A 1-D string dataset as a list of str."""
    return [as_text(v) for v in dataset[()]]


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
