"""Writing output files so that a reader never sees half a file and nothing is clobbered."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class Exists(Exception):
    """The destination exists and overwriting was not asked for."""


def write_file(path: Path, data: bytes, *, force: bool) -> None:
    """Write `data` to `path` via a temporary file in the same directory, then a rename.

    Without `force` the file is linked into place, which fails atomically when `path` exists
    (so a file created meanwhile is not clobbered either); where hard links are not supported,
    it falls back to checking first. Raises `Exists`, or OSError when the write fails.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private; give it the mode a plain open() would.
        if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(handle, 0o666 & ~umask)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            Path(temporary).replace(path)
            return
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise Exists(str(path)) from None
        except OSError:
            if path.exists():
                raise Exists(str(path)) from None
            Path(temporary).replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
