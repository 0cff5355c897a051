"""Write a directory of outputs all at once: into a temporary sibling, renamed into place only
when every file is written, so a failure leaves nothing half-written behind."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import OutputDirectoryError


def check_writable(target: Path, force: bool, own_files: Iterable[str] = ()) -> None:
    """A directory may be replaced if it is absent, empty, holds only `own_files` (a previous
    output of the same command), or `force` is given.
    @raises OutputDirectoryError if `target` is a file, or a directory holding other files."""
    if target.exists():
        if not target.is_dir():
            raise OutputDirectoryError(f"{target}: exists and is not a directory")
        others = sorted(p.name for p in target.iterdir() if p.name not in set(own_files))
        if others and not force:
            shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
            raise OutputDirectoryError(f"{target}: exists and holds files this command did not write "
                                       f"({shown}); use --force to replace the directory")


@contextlib.contextmanager
def atomic_directory(target: str | os.PathLike, force: bool = False, own_files: Iterable[str] = ()):
    """Yields a temporary directory beside `target`; on success it replaces `target`, on any
    exception it is removed and `target` is left as it was."""
    target = Path(target)
    check_writable(target, force, own_files)
    parent = target.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=parent))
    try:
        yield temporary
        os.chmod(temporary, 0o755 & ~_umask())
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=parent))
            os.replace(target, retired / target.name)
            os.replace(temporary, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
