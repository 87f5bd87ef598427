"""Which data directory a command reads: --data, $HITRACK_DATA, ./data, or the bundled plan;
and how its files are listed and read.

A `DataDir` is a directory on disk. `gitdata.TreeDir` is the same interface over a git
revision read into memory: the loader and the source reader only ever go through
`exists`, `is_dir`, `is_link`, `names` and `read_text`/`read_bytes`, so a revision is never
written to disk.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING

from hitrack.core import tokens
from hitrack.core.problems import said
from hitrack.load import paths
from hitrack.load.paths import DEFAULT_MAX_BYTES, DataDirError

if TYPE_CHECKING:
    from hitrack.core.problems import Problem

__all__ = ["DEFAULT_MAX_BYTES", "DataDir", "DataDirError", "bundled_path", "find_data_dir"]


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

    # ------------------------------------------------------------------ reading
    # `rel` is always a relative path with `/` separators, built by the loader from fixed
    # names and the entries `names` lists.

    def exists(self, rel: str) -> bool:
        """Whether anything (a dangling link too) is at `rel`."""
        return os.path.lexists(self.path / rel)

    def is_dir(self, rel: str) -> bool:
        return (self.path / rel).is_dir()

    def is_link(self, rel: str) -> bool:
        return (self.path / rel).is_symlink()

    def names(self, folder: str) -> list[str]:
        """The entries of `folder`, sorted; [] when it is not a directory."""
        try:
            return sorted(entry.name for entry in (self.path / folder).iterdir())
        except OSError:
            return []

    def tree_problems(self) -> tuple[Problem, ...]:
        """Problems found listing the files (a git revision's refused entries)."""
        return ()

    def read_text(self, rel: str) -> str:
        """The UTF-8 text of a data file; `yamlload.LoadError` when it cannot be read."""
        from hitrack.load import yamlload

        self._check_file(rel)
        return yamlload.read_text(self.path / rel, self.max_bytes)

    def _check_file(self, rel: str) -> None:
        """A `yamlload.LoadError` unless `rel` is a regular file inside the directory.

        Checked on the resolved path, not only on links: a linked `actuals/` directory
        escapes just as well as a linked file.
        """
        from hitrack.load.yamlload import LoadError

        path = self.path / rel
        try:
            if not path.resolve().is_relative_to(self.path.resolve()):
                raise LoadError("outside-data-dir", said("outside-data-dir"))
            if not path.is_file():
                what = "not-a-file" if path.is_dir() else "not-regular"
                raise LoadError("file-unreadable", said(what))
        except RuntimeError:  # Python < 3.13 reports a symbolic-link loop this way
            raise LoadError("file-unreadable", said("link-loop")) from None
        except OSError as err:
            raise LoadError("file-unreadable", said("cannot-read", reason=err.strerror)) from None


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
        raise DataDirError(said("max-bytes", text=repr(text)))
    return int(text)
