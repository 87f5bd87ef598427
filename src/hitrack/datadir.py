"""Which data directory a command reads: --data, $HITRACK_DATA, ./data, or the bundled plan."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from hitrack import paths
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
    path, bundled = paths.data_dir(option, os.environ if environ is None else environ)
    return DataDir(Path(path), bundled=bundled)
