"""The plan's source document (plan.source), read from the data directory's `sources/` folder.

Quotes are traced to it with all whitespace removed, because the source documents wrap
lines in the middle of sentences.

The document is part of the data, so it is hostile too: its name and folder come from the
pull request. Whether a quote is in it must never tell anything about another file, so the
document must be a regular file inside the data directory, reached through no symbolic
link (each step is opened without following links), not a FIFO or a device, at most
`MAX_BYTES`, UTF-8 text; anything else is refused before a byte of it is compared. A
document that is simply not there, or not UTF-8, cannot be traced: that is a warning, so
that deleting or re-encoding the document cannot quietly switch tracing off under
`check --strict`. `plan.source_sha256` pins the document's content.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hitrack.load.datadir import DataDir
    from hitrack.load.gitdata import TreeDir

FOLDER = "sources"
MAX_BYTES = 16 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Source:
    name: str
    """plan.source as written."""
    text: str | None
    """The document with all whitespace removed; None when it cannot be traced."""
    why_not: str = ""
    """Why the document cannot be traced, when `text` is None."""
    refused: bool = False
    """True when the document is not a regular file inside the data directory (an error),
    False when it is only missing or not text (a warning)."""
    sha256: str | None = None
    """The SHA-256 of the document's bytes, when they were read."""


class _Refused(Exception):
    """The document is no regular file inside the data directory (or is too large)."""


class _Untraced(Exception):
    """The document is not there, or cannot be read."""


def compact(text: str) -> str:
    """The text without any whitespace (str.split also splits on the ideographic space)."""
    return "".join(text.split())


def is_file_name(name: str) -> bool:
    return (
        name not in (".", "..")
        and "/" not in name
        and "\\" not in name
        and not any(ord(c) < 0x20 or ord(c) == 0x7F for c in name)
    )


def load_source(data_dir: DataDir, name: str | None) -> Source | None:
    """The document `name` (plan.source) of `data_dir`, or None when the plan names none."""
    if name is None:
        return None
    if not is_file_name(name):
        return Source(name, None, "plan.source is not a file name", refused=True)
    try:
        raw = read_document(data_dir, name)
    except _Refused as err:
        return Source(name, None, str(err), refused=True)
    except _Untraced as err:
        return Source(name, None, str(err))
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Source(name, None, "it is not UTF-8; save it as UTF-8", sha256=digest)
    if "\0" in text:
        return Source(name, None, "it holds NUL bytes: it is not text", sha256=digest)
    return Source(name, compact(text), sha256=digest)


def read_document(data_dir: DataDir, name: str) -> bytes:
    """The bytes of `sources/name`; `_Refused` or `_Untraced` when they cannot be had."""
    from hitrack.load.gitdata import TreeDir

    if isinstance(data_dir, TreeDir):
        return _read_from_tree(data_dir, f"{FOLDER}/{name}")
    return _read_from_disk(os.fspath(data_dir.path), (FOLDER, name))


def _read_from_tree(tree: TreeDir, rel: str) -> bytes:
    from hitrack.load.yamlload import LoadError

    if not tree.exists(rel):
        raise _Untraced(f"not found in {FOLDER}/ of the data directory")
    if rel in tree.too_large or len(tree.blobs.get(rel, b"")) > MAX_BYTES:
        raise _Refused(f"it is over {MAX_BYTES // (1024 * 1024)} MB")
    try:
        content: bytes = tree.read_bytes(rel)
    except LoadError as err:
        raise _Refused(err.message) from None
    return content


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _read_from_disk(root: str, parts: tuple[str, ...]) -> bytes:
    """Open `root/parts...` one step at a time, each step relative to the folder opened
    before it and without following a symbolic link, so nothing can lead out of `root` in
    between (the data directory itself is opened as named: the user chose it)."""
    use_fds = os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd
    shown = "/".join(parts)
    try:
        folder = os.open(root, os.O_RDONLY | _DIRECTORY) if use_fds else None
    except OSError as err:
        raise _Untraced(f"the data directory cannot be read: {err.strerror}") from None
    path = root
    try:
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            path = f"{path}{os.sep}{part}"
            try:
                if use_fds:
                    info = os.stat(part, dir_fd=folder, follow_symlinks=False)
                else:
                    info = os.lstat(path)
            except FileNotFoundError:
                where = f"{FOLDER}/ of the data directory"
                raise _Untraced(f"not found in {where}") from None
            except (OSError, ValueError) as err:
                raise _Untraced(f"{shown} cannot be read: {_why(err)}") from None
            step = "/".join(parts[: index + 1])
            if stat.S_ISLNK(info.st_mode):
                raise _Refused(
                    f"{step} is a symbolic link; the source document must be a regular file "
                    "inside the data directory: copy it in"
                )
            if not last:
                if not stat.S_ISDIR(info.st_mode):
                    raise _Refused(f"{step} is not a folder")
                if use_fds:
                    assert folder is not None
                    inner = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=folder)
                    os.close(folder)
                    folder = inner
                continue
            return _read_regular(part, path, folder, info)
    finally:
        if folder is not None:
            os.close(folder)
    raise AssertionError("unreachable")  # pragma: no cover


def _read_regular(part: str, path: str, folder: int | None, info: os.stat_result) -> bytes:
    if not stat.S_ISREG(info.st_mode):
        raise _Refused(
            "it is not a regular file (a folder, FIFO, device or socket); the source document "
            "must be a text file"
        )
    if info.st_size > MAX_BYTES:
        raise _Refused(f"it is over {MAX_BYTES // (1024 * 1024)} MB")
    flags = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _NOCTTY | _BINARY
    try:
        handle = os.open(part, flags, dir_fd=folder) if folder is not None else os.open(path, flags)
    except OSError as err:
        raise _Untraced(f"it cannot be read: {_why(err)}") from None
    try:
        opened = os.fstat(handle)
        # Swapped between the check and the open: refuse rather than read something else.
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (
            info.st_dev,
            info.st_ino,
        ):
            raise _Refused("it changed while it was read; run the check again")
        chunks, size = [], 0
        while chunk := os.read(handle, 1 << 20):
            size += len(chunk)
            if size > MAX_BYTES:
                raise _Refused(f"it is over {MAX_BYTES // (1024 * 1024)} MB")
            chunks.append(chunk)
    except OSError as err:
        raise _Untraced(f"it cannot be read: {_why(err)}") from None
    finally:
        os.close(handle)
    return b"".join(chunks)


def _why(err: Exception) -> str:
    return (err.strerror if isinstance(err, OSError) else None) or str(err)


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
