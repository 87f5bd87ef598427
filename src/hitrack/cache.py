"""A cache of validated datasets, so that `status` does not parse and validate unchanged data.

`status` is typed by hand many times a day; parsing YAML and building Pydantic validators
costs several times Python's own start-up. After a load that found no errors, the dataset
is pickled to the user's cache directory, keyed by the data directory's path and stamped
with every data file's size, mtime and inode. The next run stats the same files and, when
nothing changed, unpickles the dataset without importing PyYAML or Pydantic.

Trust: the cache holds data hitrack itself validated and wrote, like Python's own
`__pycache__`. It lives in a directory only the user can write (0700), and a file that is
not owned by the user, or that others can write, is ignored. `check` never uses the cache:
CI always validates from scratch. `HITRACK_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hitrack import __version__, paths

if TYPE_CHECKING:
    from hitrack import model
    from hitrack.problems import Problem

_FORMAT = 1


def cache_dir(environ: dict[str, str] | None = None) -> Path | None:
    found = paths.cache_dir(os.environ if environ is None else environ)
    return None if found is None else Path(found)


stamp = paths.stamp


def _entry(root: Path, directory: Path) -> Path:
    import hashlib

    key = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return directory / f"{key[:32]}.pickle"


def load(root: Path, bundled: bool) -> tuple[model.Dataset, list[Problem]] | None:
    """The cached dataset and its warnings, when every data file is unchanged."""
    import pickle

    directory = cache_dir()
    stamps = stamp(root)
    if directory is None or stamps is None:
        return None
    path = _entry(root, directory)
    try:
        info = path.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            return None
        with path.open("rb") as handle:
            record: Any = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    if (
        not isinstance(record, dict)
        or record.get("key") != (_FORMAT, __version__, str(root.resolve()), bundled)
        or record.get("stamps") != stamps
    ):
        return None
    return record["dataset"], record["warnings"]


def store(
    root: Path,
    bundled: bool,
    dataset: model.Dataset,
    warnings: list[Problem],
    stamps: dict[str, tuple[int, int, int]] | None,
) -> None:
    """Save a dataset that loaded without errors, with the stamps taken *before* loading (a
    file edited meanwhile then misses the cache next time); any failure means no cache."""
    directory = cache_dir()
    if directory is None or stamps is None:
        return
    import pickle

    record = {
        "key": (_FORMAT, __version__, str(root.resolve()), bundled),
        "stamps": stamps,
        "dataset": dataset,
        "warnings": warnings,
    }
    try:
        blob = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PicklingError:
        return
    write_private(directory, _entry(root, directory), blob)


def write_private(directory: Path, path: str | Path, blob: bytes) -> None:
    """Write `blob` to `path` atomically, in a directory only the user can enter; any
    failure means no cache entry, never an error."""
    import tempfile

    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink()
            raise
    except OSError:
        return
