"""Read a file once in a child process before this process touches it. A damaged HDF5 file can
crash the interpreter inside the HDF5 library (a segmentation fault or an abort, measured on
bit-flipped comparison files); in a child that crash is only a failed probe, reported as one line.

The probe walks every object, reads every attribute and every dataset up to PROBE_FULL_BYTES
(larger ones, the trajectories, are read in their first and last rows only: reading them
whole made the probe of a 28 MB comparison take 24 s instead of about 1), and decodes every
string as UTF-8. The parent then reads what the probe read without crashing: the same library
on the same bytes.
"""
from __future__ import annotations

import faulthandler
import multiprocessing
import os
import signal
from pathlib import Path

PROBE_FULL_BYTES = 4 * 1024 * 1024
PROBE_TIMEOUT_SECONDS = 600


def _walk(path: str) -> None:
    import h5py
    import numpy as np

    def visit(name, obj):
        for value in obj.attrs.values():
            _check_strings(value)
        if isinstance(obj, h5py.Dataset):
            if obj.size * obj.dtype.itemsize <= PROBE_FULL_BYTES or obj.ndim == 0:
                _check_strings(obj[()])
            else:
                obj[:1]
                obj[-1:]

    def _check_strings(value):
        values = value.ravel().tolist() if isinstance(value, np.ndarray) else [value]
        for v in values:
            if isinstance(v, bytes):
                v.decode("utf-8")

    with h5py.File(path, "r") as f:
        for value in f.attrs.values():
            _check_strings(value)
        f.visititems(visit)


def _child(path: str, connection) -> None:
    # The C library's own last words (e.g. glibc's "free(): invalid pointer") must not reach the
    # user's terminal: the parent says what happened in one line.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    faulthandler.disable()   # pytest and `python -X faulthandler` would print a dump of the crash
    try:
        _walk(path)
        connection.send("")
    except BaseException as error:  # noqa: BLE001 - every failure is the probe's answer
        connection.send(f"{type(error).__name__}: {' '.join(str(error).split())}")


_probed: dict[tuple, str] = {}


def probe_once(path: str | os.PathLike) -> str:
    """probe(), remembered for this version of the file (path, size, modification time)."""
    status = os.stat(path)
    key = (str(Path(path).resolve()), status.st_size, status.st_mtime_ns)
    if key not in _probed:
        _probed[key] = probe(path)
    return _probed[key]


def probe(path: str | os.PathLike) -> str:
    """"" if the file reads in a child process; else why not, in one line."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(str(Path(path)), sender), daemon=True)
    child.start()
    sender.close()
    child.join(PROBE_TIMEOUT_SECONDS)
    if child.is_alive():
        child.kill()
        child.join()
        return f"reading it did not finish in {PROBE_TIMEOUT_SECONDS} s"
    if child.exitcode and child.exitcode < 0:
        name = signal.Signals(-child.exitcode).name
        return f"the HDF5 library crashed reading it, {name}"
    try:
        return receiver.recv() if receiver.poll() else f"the reading process ended with status {child.exitcode}"
    except EOFError:
        return f"the reading process ended with status {child.exitcode}"
