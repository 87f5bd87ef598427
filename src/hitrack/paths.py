"""Where hitrack's files are: the data directory, the cache directory, and the stamps that
tell whether a data file changed. Uses only `os`: replaying a command starts here."""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping


class DataDirError(Exception):
    """The data directory itself cannot be used (a usage error: exit 2)."""


def bundled_dir() -> str:
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "bundled")


def data_dir(option: str | None, environ: Mapping[str, str]) -> tuple[str, bool]:
    """(directory, bundled?): --data, else $HITRACK_DATA, else ./data, else the bundled plan."""
    chosen = option or environ.get("HITRACK_DATA")
    if chosen:
        if not os.path.isdir(chosen):
            what = "--data" if option else "HITRACK_DATA"
            raise DataDirError(f"{what}: {chosen!r} is not a directory")
        return chosen, False
    if os.path.isdir("data"):
        return "data", False
    return bundled_dir(), True


def cache_dir(environ: Mapping[str, str]) -> str | None:
    """$HITRACK_CACHE_DIR, else $XDG_CACHE_HOME/hitrack, else ~/.cache/hitrack; None when
    HITRACK_NO_CACHE is set."""
    if environ.get("HITRACK_NO_CACHE"):
        return None
    if environ.get("HITRACK_CACHE_DIR"):
        return environ["HITRACK_CACHE_DIR"]
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "hitrack")


def stamp(root: str | os.PathLike[str]) -> dict[str, tuple[int, int, int]] | None:
    """(size, mtime_ns, inode) of every file a dataset is read from; None if unreadable."""
    root = os.fspath(root)
    names = ["targets.yaml", "platforms.yaml"]
    stamps: dict[str, tuple[int, int, int]] = {}
    try:
        actuals = os.path.join(root, "actuals")
        if os.path.isdir(actuals):
            with os.scandir(actuals) as entries:
                names += [f"actuals/{entry.name}" for entry in entries]
        for name in names:
            try:
                info = os.stat(os.path.join(root, name))
            except FileNotFoundError:
                continue
            stamps[name] = (info.st_size, info.st_mtime_ns, info.st_ino)
    except OSError:
        return None
    return stamps
