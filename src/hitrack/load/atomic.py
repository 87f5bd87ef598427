"""Writing output files so that a reader never sees half a file and nothing is clobbered,
and a lock so that two writers of one data directory take turns."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

#: how long a writer waits for another one to finish before giving up
LOCK_TIMEOUT = 600.0


class Exists(Exception):
    """The destination exists and overwriting was not asked for."""


class Busy(Exception):
    """Another process held the lock for longer than the timeout."""


@contextlib.contextmanager
def locked(directory: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on `directory` while the block runs, waiting (up to `timeout`
    seconds, else `Busy`) for another holder to finish.

    The lock is `flock` on the directory itself, so no lock file is left in a data
    repository. It binds only processes that take it (every writing hitrack command does);
    where `flock` does not exist (Windows) the block runs unlocked and writers rely on
    comparing the file with what they read (see `commands.import_`). Raises OSError when the
    directory cannot be opened.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(str(directory)) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # releases the lock


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
