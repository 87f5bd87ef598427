"""The `hitrack` executable: replay an unchanged read-only command, else run the CLI.

Imports nothing but `memo` before it knows whether the full CLI is needed (see memo.py).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TextIO


class _Tee:
    """A text stream that also keeps what is written to it, so the output can be stored."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        written = self._stream.write(text)  # raises first for bytes: click probes with b""
        self.parts.append(text)
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _recalled(data: str | None, fields: object, argv: list[str]) -> Callable[[], None] | None:
    """A function running `status` with the options an earlier run's CLI made of this
    line (`memo.recall`), without Typer; None when they are not options hitrack makes, or
    the data directory is not found (the CLI then says so)."""
    from hitrack.commands import status
    from hitrack.load.datadir import DataDirError, find_data_dir

    options = status.recalled(fields)
    if options is None:
        return None
    try:
        data_dir = find_data_dir(data)
    except DataDirError:
        return None

    def run() -> None:
        from hitrack.commands.common import failure, finish

        try:
            code = finish(status.status(data_dir, options), quiet=False)
        except (KeyboardInterrupt, Exception) as err:  # as the CLI does
            from hitrack.i18n import argv_lang

            code = failure(err, argv_lang(argv))
        sys.exit(code)

    return run


def main() -> None:
    from hitrack import memo, streams

    streams.fit(sys.stdout)
    streams.fit(sys.stderr)
    argv = sys.argv[1:]
    replayed = memo.replay(argv)
    if replayed is not None:
        sys.exit(replayed)
    call = memo.recall(argv)  # only `status` is recalled (memo.RECALLED)
    recalled = _recalled(call[1], call[2], argv) if call is not None else None
    if recalled is not None:
        run = recalled
    else:
        from hitrack.cli import main as run

    if not memo.pending():
        run()
        return
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err
    code: Any = 0
    try:
        run()
    except SystemExit as exit_:
        code = exit_.code
        raise
    finally:
        sys.stdout, sys.stderr = out._stream, err._stream
        if code in (0, None):
            memo.store("".join(out.parts), "".join(err.parts))
