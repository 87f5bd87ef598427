"""Replay the output of a read-only command whose inputs have not changed.

`hitrack status` is typed by hand all day, and its output is a function of the command line,
a few environment variables, the data files and hitrack's own code. Importing Typer, Pydantic
and Rich costs several times Python's own start-up, so the entry point first asks this module:
when an earlier run with the same key exited 0, its output is written again without importing
any of them. The key holds everything the output depends on:

- the arguments, the working directory, the interpreter, and the environment variables that
  change output (locale, NO_COLOR, COLUMNS, HITRACK_*, the terminal's width when on one);
- size, mtime and inode of every data file (see `paths.stamp`);
- the same stamps of hitrack's own modules and the mtime of site-packages, so an edited or
  upgraded installation never replays old output.

Only `status`, `platforms`, `schema` and `--help` are replayed; `check` never is (CI validates
from scratch), nor anything that writes files or reads the clock. Entries live next to the
dataset cache, in a directory only the user can write, and hold text, not code: the format
is length-prefixed bytes. `HITRACK_NO_CACHE=1` turns replay off.

Kept free of imports beyond `os` and `sys`: it runs before everything else.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

#: commands whose output depends only on the key
PURE_COMMANDS = frozenset({"status", "platforms", "schema"})
#: environment variables that change what a command prints
_ENV = (
    "LANG",
    "LC_ALL",
    "LC_MESSAGES",
    "NO_COLOR",
    "COLUMNS",
    "TERM",
    "HITRACK_DATA",
    "HITRACK_NO_CACHE",
    "HITRACK_MAX_BYTES",
    "GITHUB_ACTIONS",
)
_MAGIC = b"hitrack-memo-1\n"

_pending: str | None = None
"""The key of this run, when its outcome may be stored."""


def _command(argv: list[str]) -> str | None:
    """The name under which this invocation is replayable, or None."""
    if not argv or "--help" in argv or "-h" in argv:
        return "help"
    if argv[0] in PURE_COMMANDS:
        return argv[0]
    return None


def _data_option(argv: list[str]) -> str | None:
    """The value of --data/-d; raises ValueError when it is missing."""
    value = None
    for index, arg in enumerate(argv):
        if arg in ("--data", "-d"):
            if index + 1 >= len(argv):
                raise ValueError(arg)
            value = argv[index + 1]
        elif arg.startswith("--data="):
            value = arg.split("=", 1)[1]
    return value


def _stamps(directory: str, suffixes: tuple[str, ...]) -> list[str]:
    out = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.endswith(suffixes):
                info = entry.stat()
                out.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}:{info.st_ino}")
    return sorted(out)


def key(argv: list[str], environ: Mapping[str, str]) -> str | None:
    """Everything the output of `hitrack ARGV` depends on, or None when it is not replayable."""
    command = _command(argv)
    if command is None:
        return None
    from hitrack import __version__, paths

    try:
        data = paths.stamp(paths.data_dir(_data_option(argv), environ)[0])
        package = os.path.dirname(os.path.abspath(__file__))
        code = _stamps(package, (".py",)) + _stamps(os.path.join(package, "render"), (".py",))
        site_mtimes = [os.stat(p).st_mtime_ns for p in sys.path if p.endswith("site-packages")]
        tty = sys.stdout.isatty()
        width = os.get_terminal_size(sys.stdout.fileno()).columns if tty else 0
        cwd = os.getcwd()
    except (OSError, ValueError, paths.DataDirError):
        return None
    if data is None:
        return None
    parts = [
        __version__,
        sys.executable,
        sys.version,
        cwd,
        repr(argv),
        repr([(name, environ.get(name)) for name in _ENV]),
        f"tty={tty} width={width}",
        repr(sorted(data.items())),
        repr(code),
        repr(site_mtimes),
    ]
    return "\n".join(parts)


def pending() -> bool:
    """Whether this run's output may be stored (it is replayable and the cache is on)."""
    return _pending is not None


def _path(directory: str, key_text: str) -> str:
    from zlib import crc32

    digest = crc32(key_text.encode("utf-8", "surrogateescape"))
    return os.path.join(directory, f"memo-{digest:08x}")


def replay(argv: list[str]) -> int | None:
    """Write the remembered output of this invocation and return its exit code, or None."""
    global _pending
    from hitrack import paths

    directory = paths.cache_dir(os.environ)
    if directory is None:
        return None
    key_text = key(argv, os.environ)
    if key_text is None:
        return None
    _pending = key_text
    path = _path(directory, key_text)
    try:
        info = os.stat(path)
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            return None
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    fields = _decode(raw)
    if fields is None or fields[0] != key_text.encode("utf-8", "surrogateescape"):
        return None
    _pending = None
    stdout, stderr = fields[1], fields[2]
    try:
        if stderr:
            sys.stderr.write(stderr.decode("utf-8", "surrogateescape"))
        sys.stdout.write(stdout.decode("utf-8", "surrogateescape"))
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return 0


def store(stdout: str, stderr: str) -> None:
    """Remember the output of a run that succeeded, when it is replayable."""
    if _pending is None:
        return
    from pathlib import Path

    from hitrack import cache, paths

    directory = paths.cache_dir(os.environ)
    if directory is None:
        return
    fields = [
        _pending.encode("utf-8", "surrogateescape"),
        stdout.encode("utf-8", "surrogateescape"),
        stderr.encode("utf-8", "surrogateescape"),
    ]
    blob = _MAGIC + b"".join(b"%d\n" % len(f) + f for f in fields)
    cache.write_private(Path(directory), _path(directory, _pending), blob)


def _decode(raw: bytes) -> list[bytes] | None:
    if not raw.startswith(_MAGIC):
        return None
    fields, at = [], len(_MAGIC)
    while at < len(raw):
        newline = raw.find(b"\n", at)
        if newline < 0 or not raw[at:newline].isdigit():
            return None
        length = int(raw[at:newline])
        start = newline + 1
        if start + length > len(raw):
            return None
        fields.append(raw[start : start + length])
        at = start + length
    return fields if len(fields) == 3 else None
