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

import bisect
import dataclasses
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from hitrack.core.problems import said

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
        return Source(name, None, said("source-not-a-file-name"), refused=True)
    try:
        raw = read_document(data_dir, name)
    except _Refused as err:
        return Source(name, None, err.args[0], refused=True)
    except _Untraced as err:
        return Source(name, None, err.args[0])
    digest = _sha256(raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Source(name, None, said("source-not-utf-8"), sha256=digest)
    if "\0" in text:
        return Source(name, None, said("source-nul-bytes"), sha256=digest)
    return Source(name, compact(text), sha256=digest)


def _sha256(raw: bytes) -> str:
    try:  # the module hashlib takes it from, without OpenSSL's start-up (a few ms)
        from _sha2 import sha256  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
        except ImportError:  # pragma: no cover - a Python built without them
            from hashlib import sha256
    return str(sha256(raw).hexdigest())


def read_document(data_dir: DataDir, name: str) -> bytes:
    """The bytes of `sources/name`; `_Refused` or `_Untraced` when they cannot be had."""
    # A git revision's tree (`gitdata.TreeDir`) exists only once its module is imported;
    # a data directory on disk does not import it (and subprocess with it).
    gitdata = sys.modules.get("hitrack.load.gitdata")
    if gitdata is not None and isinstance(data_dir, gitdata.TreeDir):
        return _read_from_tree(data_dir, f"{FOLDER}/{name}")
    return _read_from_disk(os.fspath(data_dir.path), (FOLDER, name))


def _read_from_tree(tree: TreeDir, rel: str) -> bytes:
    from hitrack.load.yamlload import LoadError

    if not tree.exists(rel):
        raise _Untraced(said("source-not-found", folder=FOLDER))
    if rel in tree.too_large or len(tree.blobs.get(rel, b"")) > MAX_BYTES:
        raise _Refused(said("source-over-cap", mb=MAX_BYTES // (1024 * 1024)))
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
        raise _Untraced(said("source-dir-unreadable", reason=err.strerror)) from None
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
                raise _Untraced(said("source-not-found", folder=FOLDER)) from None
            except (OSError, ValueError) as err:
                raise _Untraced(
                    said("source-step-unreadable", path=shown, reason=_why(err))
                ) from None
            step = "/".join(parts[: index + 1])
            if stat.S_ISLNK(info.st_mode):
                raise _Refused(said("source-link", path=step))
            if not last:
                if not stat.S_ISDIR(info.st_mode):
                    raise _Refused(said("source-not-a-folder", path=step))
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
        raise _Refused(said("source-not-regular"))
    if info.st_size > MAX_BYTES:
        raise _Refused(said("source-over-cap", mb=MAX_BYTES // (1024 * 1024)))
    flags = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _NOCTTY | _BINARY
    try:
        handle = os.open(part, flags, dir_fd=folder) if folder is not None else os.open(path, flags)
    except OSError as err:
        raise _Untraced(said("source-unreadable", reason=_why(err))) from None
    try:
        opened = os.fstat(handle)
        # Swapped between the check and the open: refuse rather than read something else.
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (
            info.st_dev,
            info.st_ino,
        ):
            raise _Refused(said("source-swapped"))
        chunks, size = [], 0
        while chunk := os.read(handle, 1 << 20):
            size += len(chunk)
            if size > MAX_BYTES:
                raise _Refused(said("source-over-cap", mb=MAX_BYTES // (1024 * 1024)))
            chunks.append(chunk)
    except OSError as err:
        raise _Untraced(said("source-unreadable", reason=_why(err))) from None
    finally:
        os.close(handle)
    return b"".join(chunks)


def _why(err: Exception) -> str:
    return (err.strerror if isinstance(err, OSError) else None) or str(err)


def first_difference(quote: str, text: str) -> int:
    """How many leading characters of compact `quote` occur together in `text`."""
    missing, _ = Tracer(text).misses([quote])
    return len(quote) if quote not in missing else missing[quote] or 0


TRACE_BUDGET = 2_000_000
"""Units of work quote tracing may spend on one document (well under a second): one unit
for each anchor position collected or compared, `len(text) // 32` for each pass over the
document. Past it, tracing stops and the caller says so."""

DETAIL_BUDGET = 1_000_000
"""The same for finding where each wrong quote departs from the document."""

DETAIL_BATCH = 128
"""Wrong quotes whose anchors are collected in one pass."""

SAMPLE = 1 << 18
"""How many characters of the document are counted to choose anchors."""


class TracingStopped(Exception):
    """Tracing the quotes would take more than the work budget."""


class Tracer:
    """Finds compact quotes in a compact document in time linear in the two.

    `quote in text` scans the whole document for each quote that is not in it, and a binary
    search for where the quote departs from the document scans it many times more: 2,000
    wrong quotes against a 15 MB document took a minute. Instead, each quote is looked up
    from one anchor, its rarest character (frequencies counted once, on an evenly spread
    sample of the document); the positions of every anchor are collected in one pass over
    the document (a regular expression of one character class, run in C), and only those
    positions are compared with `str.startswith`. Every step counts against `budget`
    (`work`); a document that defeats the anchors (a few characters repeated over and over,
    so that every position is a candidate) raises `TracingStopped` instead of running on.
    """

    def __init__(
        self, text: str, budget: int | None = None, detail_budget: int | None = None
    ) -> None:
        from collections import Counter

        self.text = text
        self.budget = TRACE_BUDGET if budget is None else budget
        self.detail_budget = DETAIL_BUDGET if detail_budget is None else detail_budget
        self.work = 0
        """Units spent so far (see `TRACE_BUDGET`)."""
        self.passes = 0
        """Passes over the whole document so far."""
        self._step = max(1, len(text) // SAMPLE) | 1  # odd: a text of period 2 is sampled whole
        self._counts = Counter(text[:: self._step])
        self._positions: dict[str, list[int]] = {}

    def misses(self, quotes: Iterable[str]) -> tuple[dict[str, int | None], bool]:
        """The quotes that are not in the text, each with how many of its leading characters
        are (None when that was not found within the budget; see `departures`), and whether
        every quote was traced (False: the budget ran out, and the quotes not yet traced are
        left out)."""
        missing, complete = self.missing(quotes)
        return self.departures(missing), complete

    def missing(self, quotes: Iterable[str]) -> tuple[list[str], bool]:
        """The quotes (distinct, in order) that are not in the text, and whether every quote
        was traced (False: the budget ran out, and the quotes not yet traced are left out)."""
        unique = list(dict.fromkeys(quote for quote in quotes if quote))
        missing: list[str] = []
        try:
            self._index({self._anchor(quote)[0] for quote in unique})
            for quote in unique:
                if not self._starts(quote, first_only=True):
                    missing.append(quote)
        except TracingStopped:
            return missing, False
        return missing, True

    def departures(self, wrong: Iterable[str]) -> dict[str, int | None]:
        """How many leading characters of each quote (none of them in the text) are in the
        text: the detail of a message, with a budget of its own (`detail_budget`), spent in
        the order of `wrong`; past it, the rest are None. The quotes go in batches, one pass
        over the text each."""
        found: dict[str, int | None] = dict.fromkeys(wrong)
        self.budget = self.work + self.detail_budget
        common = len(self.text) // 256 // self._step + 1
        order = list(found)
        try:
            for first in range(0, len(order), DETAIL_BATCH):
                batch = order[first : first + DETAIL_BATCH]
                anchors = {char for quote in batch for char in self._prefix_anchors(quote)}
                self._index({char for char in anchors if self._rarity(char) <= common})
                for quote in batch:
                    found[quote] = self._longest_prefix(quote)
        except TracingStopped:
            pass
        return found

    def _spend(self, units: int) -> None:
        self.work += units
        if self.work > self.budget:
            raise TracingStopped

    def _rarity(self, char: str) -> int:
        return self._counts.get(char, 0)

    def _anchor(self, quote: str) -> tuple[str, int]:
        """The rarest character of `quote` (the first of equals) and its offset."""
        offset = min(range(len(quote)), key=lambda index: self._rarity(quote[index]))
        return quote[offset], offset

    def _prefix_anchors(self, quote: str) -> Iterator[str]:
        """The anchor of each prefix of `quote` (the rarest character so far)."""
        least = None
        for char in quote:
            rarity = self._rarity(char)
            if least is None or rarity < least:
                least = rarity
                yield char

    def _index(self, chars: set[str]) -> None:
        """Collect the positions of `chars` in one pass over the text."""
        chars = chars - self._positions.keys()
        if not chars:
            return
        # The sample tells about how many positions there are: a pass that would be stopped
        # is not started.
        expected = sum(map(self._rarity, chars)) * self._step
        if self.work + len(self.text) // 32 + expected > self.budget:
            raise TracingStopped
        self.passes += 1
        self._spend(len(self.text) // 32)
        found: dict[str, list[int]] = {char: [] for char in chars}
        pattern = re.compile("[" + "".join(re.escape(char) for char in sorted(chars)) + "]")
        left = self.budget - self.work
        for count, match in enumerate(pattern.finditer(self.text)):
            if count >= left:
                self._spend(count + 1)
            found[match.group()].append(match.start())
        self._spend(sum(map(len, found.values())))
        self._positions.update(found)

    def _starts(self, quote: str, *, first_only: bool) -> list[int]:
        """Where `quote` starts in the text (only the first place when `first_only`)."""
        char, offset = self._anchor(quote)
        if char not in self._positions:
            self._index({char})
        positions = self._positions[char]
        first = bisect.bisect_left(positions, offset)
        unit = 1 + len(quote) // 256  # startswith compares up to the whole quote
        text = self.text
        if not first_only:
            self._spend((len(positions) - first) * unit)
            return [p - offset for p in positions[first:] if text.startswith(quote, p - offset)]
        affordable = max(0, (self.budget - self.work) // unit)
        for examined, position in enumerate(positions[first : first + affordable], 1):
            if text.startswith(quote, position - offset):
                self._spend(examined * unit)
                return [position - offset]
        self._spend((len(positions) - first) * unit)
        return []

    def _longest_prefix(self, quote: str) -> int:
        """How many leading characters of `quote` (which is not in the text) are."""
        low, high = 0, len(quote)  # quote[:low] is in the text, quote[:high] is not
        starts: list[int] | None = None  # where quote[:low] starts, once known
        text = self.text
        while low + 1 < high:
            middle = (low + high) // 2
            prefix = quote[:middle]
            if starts is not None:
                # Every place of a longer prefix is a place of the shorter one.
                self._spend(len(starts) * (1 + middle // 256))
                found = [start for start in starts if text.startswith(prefix, start)]
            elif self._anchor(prefix)[0] in self._positions:
                found = self._starts(prefix, first_only=False)
            else:
                # Only common characters: if the prefix is there at all, it is found early.
                if self.budget - self.work < len(text) // 32:
                    raise TracingStopped
                at = text.find(prefix)
                self._spend((len(text) if at < 0 else at) // 32 + 1)
                if at >= 0:
                    low = middle
                else:
                    high = middle
                continue
            if found:
                low, starts = middle, found
            else:
                high = middle
        return low
