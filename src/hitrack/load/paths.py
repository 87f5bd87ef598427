"""Where hitrack's files are: the data directory, the cache directory, the digest that keys
both caches, and the private files they are kept in. Uses only `os` and `stat`: replaying a
command starts here."""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any


#: the largest data file read (`DataDir.max_bytes`, `$HITRACK_MAX_BYTES`); here, below
#: both `datadir` and `yamlload`, so that neither imports the other for it
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class DataDirError(Exception):
    """The data directory itself cannot be used (a usage error: exit 2)."""


#: the `hitrack` package's own folder (this module is in its `load` subpackage): the root
#: that `code_digest` walks and where the bundled plan is
PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def bundled_dir() -> str:
    return os.path.join(PACKAGE_ROOT, "bundled")


def data_dir(option: str | None, environ: Mapping[str, str]) -> tuple[str, bool]:
    """(directory, bundled?): --data, else $HITRACK_DATA, else ./data, else the bundled plan."""
    chosen = option or environ.get("HITRACK_DATA")
    if chosen:
        if not os.path.isdir(chosen):
            what = "--data" if option else "HITRACK_DATA"
            from hitrack.core.problems import said  # only here: the replay path stays light

            raise DataDirError(said("not-a-directory", what=what, path=repr(chosen)))
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


# ------------------------------------------------------------------ what a cached result depends on

#: Folders whose files a dataset is read from, relative to the data directory: the data
#: directory itself, actuals/, and both places a source document is looked for
#: (`source.FOLDERS`; a test keeps the two in step).
INPUT_FOLDERS = ("", "actuals", "sources")

_code_digest: bytes | None = None


def _hasher() -> Any:
    try:
        from _blake2 import blake2b  # what hashlib itself uses; imports in a fifth of a ms
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    return blake2b(digest_size=32)


def _add(digest: Any, *parts: object) -> None:
    for part in parts:
        raw = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogateescape")
        digest.update(b"%d:" % len(raw) + raw)


def _add_file(digest: Any, path: str, max_bytes: int) -> None:
    """The file's content (what the loader reads: links are followed), or, for anything
    that is not a regular file within the size cap, what stat says about it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        _add(digest, "unopenable", err.errno)
        return
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            _add(digest, "stat", info.st_mode, info.st_size, info.st_mtime_ns)
            _add(digest, info.st_ctime_ns, info.st_ino, info.st_dev)
            return
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        _add(digest, "file", b"".join(chunks))
    except OSError as err:
        _add(digest, "unreadable", err.errno)
    finally:
        os.close(fd)


def _add_folder(digest: Any, folder: str, max_bytes: int) -> None:
    """Every entry of `folder` (not below it): name, type, link target and content."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except FileNotFoundError:
        _add(digest, "absent")
        return
    except NotADirectoryError:
        _add(digest, "not a folder")
        return
    for entry in entries:
        info = entry.stat(follow_symlinks=False)
        _add(digest, entry.name, stat.S_IFMT(info.st_mode))
        if stat.S_ISLNK(info.st_mode):
            _add(digest, os.readlink(entry.path))
        if not entry.is_dir():
            _add_file(digest, entry.path, max_bytes)


def code_digest(package: str | None = None) -> bytes:
    """A digest of hitrack's own code and of what it runs on: every file under the package
    directory (found by walking it, so a new module is covered without being listed; not
    `__pycache__`, nor the bundled data, a link, which is data), the interpreter, and the
    modification times of site-packages (an installed or upgraded dependency changes them).
    Computed once a process for the installed package."""
    global _code_digest
    if package is None and _code_digest is not None:
        return _code_digest
    import sys

    digest = _hasher()
    root = package or PACKAGE_ROOT
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            path = os.path.join(folder, name)
            _add(digest, os.path.relpath(path, root))
            _add_file(digest, path, 1 << 30)
    _add(digest, sys.executable, sys.version, sys.flags)
    for entry in sys.path:
        if entry.endswith("site-packages"):
            try:
                _add(digest, entry, os.stat(entry).st_mtime_ns)
            except OSError:
                _add(digest, entry, "absent")
    found: bytes = digest.digest()
    if package is None:
        _code_digest = found
    return found


def digest(text: str) -> str:
    """A hex digest of `text`, for naming cache entries."""
    hasher = _hasher()
    hasher.update(text.encode("utf-8", "surrogateescape"))
    return str(hasher.hexdigest())


def fingerprint(root: str | os.PathLike[str], max_bytes: int = 64 * 1024 * 1024) -> str | None:
    """The one key of both caches (`cache.py`, `memo.py`): a digest of every input of a
    dataset read from `root`, and of the code that reads it.

    - the names, types, link targets and contents of every entry of the data directory,
      actuals/ and sources/ (content hashes, not stamps: an edit that keeps the
      size and puts the mtime back is still seen; a file over `max_bytes`, which the loader
      refuses unread, counts by size, mtime, ctime and inode);
    - `code_digest()`.

    None when the data directory cannot be listed (then nothing is cached).
    """
    root = os.fspath(root)
    digest = _hasher()
    digest.update(code_digest())
    try:
        _add(digest, os.path.realpath(root))
        for folder in INPUT_FOLDERS:
            _add(digest, "folder", folder)
            _add_folder(digest, os.path.join(root, folder) if folder else root, max_bytes)
    except OSError:
        return None
    return str(digest.hexdigest())


# ------------------------------------------------------------------ private cache files


def _open_cache_dir(directory: str, *, create: bool) -> int | None:
    """A descriptor of the cache directory when it is the user's own: a real directory (a
    symbolic link is not followed), owned by the user, and not writable by group or others.
    With `create`, a missing one is made, 0700."""
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    if not nofollow or os.open not in os.supports_dir_fd:
        return None  # no way to open entries without following links: no cache
    if create:
        try:
            parent = os.path.dirname(os.path.abspath(directory))
            os.makedirs(parent, mode=0o700, exist_ok=True)
            os.mkdir(directory, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | nofollow | os.O_CLOEXEC)
    except OSError:
        return None
    info = os.fstat(fd)  # of what was opened without following links: lstat, race-free
    if not stat.S_ISDIR(info.st_mode) or not _private(info):
        os.close(fd)
        return None
    return fd


def _private(info: os.stat_result) -> bool:
    return info.st_uid == os.geteuid() and not info.st_mode & 0o022


def read_private(directory: str, name: str) -> bytes | None:
    """The content of cache file `name`, or None unless the directory and the file are the
    user's own (see `_open_cache_dir`) and the file is a regular file, not a link."""
    folder = _open_cache_dir(directory, create=False)
    if folder is None:
        return None
    try:
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        fd = os.open(name, flags, dir_fd=folder)
    except OSError:
        return None
    finally:
        os.close(folder)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _private(info):
            return None
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def write_private(directory: str, name: str, blob: bytes) -> None:
    """Write cache file `name` atomically (a private temporary file, then a rename), in a
    directory only the user can write; any failure means no entry, never an error."""
    folder = _open_cache_dir(directory, create=True)
    if folder is None:
        return
    temporary = f".tmp-{os.getpid()}-{os.urandom(8).hex()}"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(temporary, flags, 0o600, dir_fd=folder)
        try:
            view = memoryview(blob)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except OSError:
        import contextlib  # only after a full run: replaying never writes

        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
    finally:
        os.close(folder)
