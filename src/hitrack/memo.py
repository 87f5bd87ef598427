"""Replay the output of a read-only command whose inputs have not changed.

`hitrack status` is typed by hand all day, and its output is a function of the command line,
a few environment variables, the data files and hitrack's own code. Importing Typer, Pydantic
and Rich costs several times Python's own start-up, so the entry point first asks this module:
when an earlier run with the same key exited 0, its output is written again without importing
any of them. The key holds everything the output depends on:

- the inputs of the dataset cache, from the same key builder (`paths.fingerprint`): the
  content of every data file and source document, every file of hitrack's own package, the
  interpreter and the mtime of site-packages, so an edited or upgraded installation never
  replays old output;
- the arguments, the working directory, and the environment variables that change output
  (locale, colour, COLUMNS, HITRACK_*, the terminal's width when on one, the output encoding).

Only `status`, `platforms`, `schema` and help screens are replayed, and only for command
lines that `parse` reads completely by the CLI's own rules (`-dDIR`, `--data=DIR`, ...):
anything else runs the CLI. `check` never is (CI validates from scratch), nor anything that
writes files or reads the clock. Entries live next to the dataset cache and are read and
written like it (`paths.read_private`, `paths.write_private`); they hold text, not code: the
format is length-prefixed bytes, and a corrupt entry is a miss. `HITRACK_NO_CACHE=1` turns
replay off.

A run whose output cannot be replayed (its data changed) may still skip Typer: the CLI's
reading of a `status` command line depends only on the line, the working directory, the
environment and hitrack's code, not on the data, so `remember` keeps the options the CLI
made of it (JSON, in an entry of its own next to the replays) and `recall` gives them back
to the next run of the same line, which calls the command with them directly
(`entry.main`). The options are checked field by field against the command's own
(`commands.status.recalled`): anything else is a miss.

Kept free of imports beyond `os`, `stat` and `sys`: it runs before everything else.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

#: every command of the CLI (`hitrack CMD --help` is replayable for each); a test keeps
#: this in step with cli.py
COMMANDS = frozenset(
    {
        "check",
        "status",
        "platforms",
        "schema",
        "report",
        "diff",
        "init",
        "import",
        "export",
        "draft",
        "site",
    }
)
#: commands whose output depends only on the key: their options that take a value, and
#: how many positional arguments they accept (a test checks both against cli.py)
PURE_COMMANDS: dict[str, tuple[frozenset[str], int]] = {
    "status": (
        frozenset(
            {"--data", "-d", "--as-of", "--format", "-f", "--sort", "--zone", "--explain"}
            | {"--lang", "--width", "--by", "--owner", "--section"}
        ),
        0,
    ),
    "platforms": (
        frozenset({"--data", "-d", "--category", "--level", "--status", "--format", "-f"})
        | frozenset({"--lang", "--width"}),
        0,
    ),
    "schema": (frozenset(), 1),
}
_HELP = ("--help", "-h")
#: environment variables that change what a command prints (and every HITRACK_* one)
_ENV = (
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_CTYPE",
    "LC_MESSAGES",
    "NO_COLOR",
    "FORCE_COLOR",
    "COLORTERM",
    "COLUMNS",
    "LINES",
    "TERM",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "GITHUB_ACTIONS",
)
_MAGIC = b"hitrack-memo-2\n"

_pending: str | None = None
"""The key of this run, when its outcome may be stored."""
_argv: list[str] = []
"""The command line of this run, to take the key again before storing."""


def parse(argv: list[str]) -> tuple[str, str | None] | None:
    """(what, --data value) when this command line is replayable, with the data option read
    by the CLI's own rules; None for anything the replay does not fully understand.

    `what` is "help" for a help screen, else the command. The rules are Click's: a long
    option takes its value as `--opt=V` or from the next argument, a short one as `-oV` or
    from the next argument (even when that starts with a dash), the last of a repeated
    option wins, and `--` ends the options.
    """
    if not argv or argv[0] in _HELP:
        return "help", None
    command, rest = argv[0], argv[1:]
    if command not in PURE_COMMANDS:
        return ("help", None) if command in COMMANDS and rest in (["--help"], ["-h"]) else None
    takes_value, most_positionals = PURE_COMMANDS[command]
    data: str | None = None
    positionals, help_asked, index = 0, False, 0
    while index < len(rest):
        arg = rest[index]
        index += 1
        name, value = arg, None
        if arg == "--":
            positionals += len(rest) - index
            break
        if arg in _HELP:
            help_asked = True
            continue
        if arg.startswith("--"):
            name, equals, attached = arg.partition("=")
            if equals:
                value = attached
        elif arg.startswith("-") and len(arg) > 1:
            name, attached = arg[:2], arg[2:]
            if attached:
                value = attached
        else:
            positionals += 1
            continue
        if name not in takes_value:
            return None  # an unknown option, or flags run together
        if value is None:
            if index >= len(rest):
                return None  # the CLI reports the missing value
            value = rest[index]
            index += 1
        if name in ("--data", "-d"):
            data = value
    if positionals > most_positionals:
        return None
    return ("help" if help_asked else command), data


def key(argv: list[str], environ: Mapping[str, str]) -> str | None:
    """Everything the output of `hitrack ARGV` depends on, or None when it is not replayable.

    The inputs are those of the dataset cache (`paths.fingerprint`: every data file's
    content and hitrack's code) and the command line, working directory, environment and
    terminal.
    """
    if "_HITRACK_COMPLETE" in environ:  # the shell asking for completions, not a command
        return None
    parsed = parse(argv)
    if parsed is None:
        return None
    from hitrack import __version__
    from hitrack.load import paths

    try:
        root = paths.data_dir(parsed[1], environ)[0]
        inputs = paths.fingerprint(root)
        tty = sys.stdout.isatty()
        width = os.get_terminal_size(sys.stdout.fileno()).columns if tty else 0
        cwd = os.getcwd()
        encoding = f"{sys.stdout.encoding}/{sys.stdout.errors}"
    except (OSError, ValueError, AttributeError, paths.DataDirError):
        return None
    if inputs is None:
        return None
    variables = [(name, environ.get(name)) for name in _ENV]
    variables += sorted((k, v) for k, v in environ.items() if k.startswith("HITRACK_"))
    parts = [
        __version__,
        inputs,
        cwd,
        repr(argv),
        repr(variables),
        f"tty={tty} width={width} encoding={encoding}",
    ]
    return "\n".join(parts)


#: commands whose options `remember` keeps (each has a `recalled` in its module)
RECALLED = frozenset({"status"})
_LINE_MAGIC = b"hitrack-line-1\n"


def line_key(argv: list[str], environ: Mapping[str, str]) -> str | None:
    """What the CLI's reading of `hitrack ARGV` depends on: the command line, the working
    directory, the environment and hitrack's code (not the data); None when it is not a
    line of a command in `RECALLED` that `parse` reads completely."""
    if "_HITRACK_COMPLETE" in environ:
        return None
    parsed = parse(argv)
    if parsed is None or parsed[0] not in RECALLED:
        return None
    from hitrack import __version__
    from hitrack.load import paths

    try:
        cwd = os.getcwd()
    except OSError:
        return None
    variables = [(name, environ.get(name)) for name in _ENV]
    variables += sorted((k, v) for k, v in environ.items() if k.startswith("HITRACK_"))
    return "\n".join([__version__, paths.code_digest().hex(), cwd, repr(argv), repr(variables)])


def remember(command: str, data: str | None, options: dict[str, object]) -> None:
    """Keep what the CLI made of this run's command line, for `recall`: the command, its
    --data option and the command's options as JSON values."""
    from hitrack.load import paths

    directory = paths.cache_dir(os.environ)
    key_text = line_key(_argv, os.environ) if directory is not None and _argv else None
    if directory is None or key_text is None:
        return
    import json

    call = json.dumps({"command": command, "data": data, "options": options})
    blob = _encode(_LINE_MAGIC, [key_text.encode("utf-8", "surrogateescape"), call.encode()])
    paths.write_private(directory, f"line-{paths.digest(key_text)[:32]}", blob)


def recall(argv: list[str]) -> tuple[str, str | None, object] | None:
    """What the CLI made of this command line in an earlier run (see `remember`): the
    command, its --data option and the options, still to be checked by the command; None
    when there is no such entry, or it is not of that shape."""
    from hitrack.load import paths

    directory = paths.cache_dir(os.environ)
    key_text = line_key(argv, os.environ) if directory is not None else None
    if directory is None or key_text is None:
        return None
    raw = paths.read_private(directory, f"line-{paths.digest(key_text)[:32]}")
    fields = None if raw is None else _decode(raw, _LINE_MAGIC, 2)
    if fields is None or fields[0] != key_text.encode("utf-8", "surrogateescape"):
        return None
    import json

    try:
        call = json.loads(fields[1].decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(call, dict) or set(call) != {"command", "data", "options"}:
        return None
    command, data = call["command"], call["data"]
    if command not in RECALLED or not (data is None or isinstance(data, str)):
        return None
    return command, data, call["options"]


def pending() -> bool:
    """Whether this run's output may be stored (it is replayable and the cache is on)."""
    return _pending is not None


def _name(key_text: str) -> str:
    from hitrack.load import paths

    return f"memo-{paths.digest(key_text)[:32]}"


def replay(argv: list[str]) -> int | None:
    """Write the remembered output of this invocation and return its exit code, or None."""
    global _pending, _argv
    from hitrack.load import paths

    directory = paths.cache_dir(os.environ)
    if directory is None:
        return None
    _argv = list(argv)
    key_text = key(argv, os.environ)
    if key_text is None:
        return None
    _pending = key_text
    raw = paths.read_private(directory, _name(key_text))
    fields = None if raw is None else _decode(raw, _MAGIC, 3)
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
    from hitrack.load import paths

    directory = paths.cache_dir(os.environ)
    if directory is None or key(_argv, os.environ) != _pending:
        return  # an input changed while the command ran: its output may be of either
    fields = [
        _pending.encode("utf-8", "surrogateescape"),
        stdout.encode("utf-8", "surrogateescape"),
        stderr.encode("utf-8", "surrogateescape"),
    ]
    paths.write_private(directory, _name(_pending), _encode(_MAGIC, fields))


def _encode(magic: bytes, fields: list[bytes]) -> bytes:
    """An entry: `magic`, then each field as its length and its bytes (see `_decode`)."""
    return magic + b"".join(b"%d\n" % len(f) + f for f in fields)


def _decode(raw: bytes, magic: bytes, count: int) -> list[bytes] | None:
    """The `count` length-prefixed fields of an entry that starts with `magic`, or None."""
    if not raw.startswith(magic):
        return None
    fields, at = [], len(magic)
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
    return fields if len(fields) == count else None
