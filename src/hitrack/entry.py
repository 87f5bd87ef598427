"""The `hitrack` executable: replay an unchanged read-only command, else run the CLI.

Imports nothing but `memo` before it knows whether the full CLI is needed (see memo.py).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
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


def main() -> None:
    from hitrack import memo, streams

    streams.fit(sys.stdout)
    streams.fit(sys.stderr)
    argv = sys.argv[1:]
    replayed = memo.replay(argv)
    if replayed is not None:
        sys.exit(replayed)
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
