"""The plan's source document (plan.source), found next to the data and read once.

Quotes are traced to it with all whitespace removed, because the source documents wrap
lines in the middle of sentences. The data may travel without its source: then nothing is
traced, and `check` says so instead of reporting a problem.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hitrack import model

#: Where the source is looked for, relative to the data directory: a `sources/` folder
#: inside it, or beside it (a repository keeps `data/` and `sources/` side by side).
FOLDERS = ("sources", "../sources")
MAX_BYTES = 16 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Source:
    name: str
    """plan.source as written."""
    text: str | None
    """The document with all whitespace removed; None when it cannot be traced."""
    why_not: str = ""
    """Why the document cannot be traced, when `text` is None."""


def compact(text: str) -> str:
    """The text without any whitespace (str.split also splits on the ideographic space)."""
    return "".join(text.split())


def is_file_name(name: str) -> bool:
    return name not in (".", "..") and "/" not in name and "\\" not in name


def load_source(dataset: model.Dataset) -> Source | None:
    """The plan's source document, or None when the plan names none."""
    name = dataset.plan.source
    if name is None:
        return None
    if not is_file_name(name):
        return Source(name, None, "plan.source is not a file name")
    root = Path(dataset.root)
    for folder in FOLDERS:
        path = root / folder / name
        if path.is_file():
            return _read(name, path, (root / folder).resolve())
    looked = " or ".join(f"{folder}/" for folder in FOLDERS)
    return Source(name, None, f"not found in {looked} of the data directory")


def _read(name: str, path: Path, folder: Path) -> Source:
    try:
        resolved = path.resolve()
        stat = resolved.stat()
    except (OSError, RuntimeError) as err:  # RuntimeError: a symbolic-link loop
        return Source(name, None, f"it cannot be read: {err}")
    if not resolved.is_relative_to(folder):
        return Source(name, None, "it is a symbolic link to a place outside its folder")
    return _read_cached(name, str(resolved), stat.st_mtime_ns, stat.st_size)


@cache
def _read_cached(name: str, path: str, mtime_ns: int, size: int) -> Source:
    """Read once per process and file version: `check` traces and then reports on it."""
    if size > MAX_BYTES:
        return Source(name, None, f"it is over {MAX_BYTES // (1024 * 1024)} MB")
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        return Source(name, None, f"it cannot be read: {err.strerror}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Source(name, None, "it is not UTF-8; save it as UTF-8")
    return Source(name, compact(text))


def first_difference(quote: str, text: str) -> int:
    """How many leading characters of compact `quote` occur together in `text`."""
    low, high = 0, len(quote)
    while low < high:
        middle = (low + high + 1) // 2
        if quote[:middle] in text:
            low = middle
        else:
            high = middle - 1
    return low
