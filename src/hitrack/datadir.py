"""Which data directory a command reads: --data, $HITRACK_DATA, ./data, or the bundled plan."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from hitrack import paths, tokens
from hitrack.paths import DataDirError

__all__ = ["DEFAULT_MAX_BYTES", "DataDir", "DataDirError", "bundled_path", "find_data_dir"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class DataDir:
    path: Path
    bundled: bool = False
    """True when no data directory was found and the plan shipped with hitrack is used."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Files over this size are refused unread."""

    def display(self, name: str) -> str:
        """How a file of this directory is named in messages."""
        if self.bundled:
            return f"<bundled>/{name}"
        return str(self.path / name) if str(self.path) != "." else name


def bundled_path() -> Path:
    return Path(paths.bundled_dir())


def find_data_dir(option: str | None, environ: dict[str, str] | None = None) -> DataDir:
    """--data, else $HITRACK_DATA, else ./data, else the bundled plan."""
    env = os.environ if environ is None else environ
    cap = _max_bytes(env.get("HITRACK_MAX_BYTES"))
    path, bundled = paths.data_dir(option, env)
    return DataDir(Path(path), bundled=bundled, max_bytes=cap)


def _max_bytes(text: str | None) -> int:
    """The file-size cap: $HITRACK_MAX_BYTES, for data repositories that need another one."""
    if not text:
        return DEFAULT_MAX_BYTES
    if not tokens.is_digits(text.strip()) or int(text) <= 0:
        raise DataDirError(f"HITRACK_MAX_BYTES: {text!r} is not a positive number of bytes")
    return int(text)
