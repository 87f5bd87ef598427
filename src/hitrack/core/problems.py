"""Problems found in data files, as values with a location, and the exit-code policy.

Every problem code is a stable kebab-case id. The table below is the reference: tests walk
`CODES` to make sure every code has a failing fixture under ``tests/fixtures/invalid``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Literal

Severity = Literal["error", "warning"]

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

#: code -> what it means. The message of each problem says what is allowed instead.
CODES: dict[str, str] = {
    # reading files
    "file-missing": "a required file (targets.yaml) is not there",
    "file-unreadable": "the file cannot be read (permissions, or it is not a regular file)",
    "file-too-large": "the file is over the size cap, or holds more lines or rows than one "
    "file may",
    "outside-data-dir": "a symbolic link points outside the data directory",
    "encoding": "the file is not UTF-8 (GBK, UTF-16 and binary files are refused)",
    # YAML
    "yaml-syntax": "the YAML cannot be parsed",
    "empty-file": "the file holds no YAML document",
    "multiple-documents": "the file holds more than one YAML document",
    "not-a-mapping": "the top of the file (or a record) is not a mapping",
    "too-deep": "the YAML nests deeper than any hitrack file needs",
    "duplicate-key": "a key appears twice in one mapping",
    "yaml-alias": "anchors and aliases are refused (they hide data and allow alias bombs)",
    "yaml-merge-key": "merge keys (<<) are refused",
    "yaml-tag": "explicit YAML tags (!!python/..., !foo) are refused",
    "full-width-character": "a full-width colon, comma, space or digit where YAML needs the "
    "ASCII one (a Chinese input method in full-width mode)",
    "ambiguous-number": "a number with a leading zero, which YAML 1.1 reads as octal",
    "csv-syntax": "a CSV actuals row cannot be read (its cell count differs from the header's)",
    # schema (field by field)
    "missing-field": "a required field is missing",
    "unknown-field": "a field that the schema does not have",
    "wrong-type": "a field has the wrong type (a string where a number belongs, ...)",
    "invalid-choice": "a field's value is not one of the allowed codes",
    "invalid-value": "a field's value is out of range or malformed",
    "invalid-id": "an id is not kebab-case",
    "invalid-period": "a period is not a year (2019) or a quarter (2020-Q2)",
    "unknown-unit": "a unit neither hitrack nor the plan (plan.units) knows",
    "not-a-number": "a number was written as text (quoted, or in Chinese numerals)",
    "not-finite": "NaN or infinity where a number belongs",
    "hidden-character": "a name, note or quote holds a control, bidi or invisible character",
    # cross-field and cross-file rules (checks.py)
    "duplicate-id": "two targets, platforms, categories, sections or zones share an id",
    "target-fields": "a target lacks a field its kind or comparator needs, or has one it must not",
    "unit-mismatch": "a unit that cannot be converted to the target's unit",
    "unit-declaration": (
        "a unit of plan.units is declared twice, redefines a built-in unit, or is not exactly "
        "one of a new dimension, a counting word or a multiple of a known unit"
    ),
    "unknown-target": "an actual value names a target that does not exist",
    "unknown-zone": "a zone that the plan does not list",
    "unknown-reference": "a target's `against` names no series of `references`",
    "unknown-owner": "a target's owner that plan.owners does not list",
    "unknown-section": "a target's section that plan.sections does not list",
    "owner-not-in-quote": "an owner's name is not in the target's owners_quote",
    "unknown-category": "a platform category that platforms.yaml does not define",
    "platform-fields": "a platform's designation date lacks its source, or a source has no date",
    "duplicate-period": "two actuals files report the same period",
    "period-mismatch": "an actuals file's period differs from its file name",
    "period-out-of-range": "a period outside the plan window",
    "plan-window": "the plan's start is after its deadline, or a target's start or deadline is "
    "outside it (or its start after its deadline)",
    "duplicate-actual": "one period reports the same target (and zone) twice",
    "actual-fields": "an actual value lacks the fields its target's kind needs",
    "negative-value": "a negative count or amount",
    "register-count": "the register disagrees with a count its source declares",
    "number-not-in-quote": "a target's number cannot be found in its source quote",
    "quote-disagrees": "a target's comparator, unit or kind contradicts the words of its quote "
    "(突破 read as lt, 亿元 written as 万元); a warning where it reads more than the quote "
    "states (达到 alone, a bare number) and records no reading",
    "quote-not-in-source": "a quote is not in the plan's source document (plan.source)",
    "source-untraced": "the plan's source document cannot be traced: missing, not UTF-8, "
    "unreadable, or so repetitive that tracing stopped at its work budget (a warning)",
    "source-refused": "the source document is not a regular file inside the data directory "
    "(a symbolic link, FIFO or device on the way) or is over the size cap",
    "source-changed": "the source document's SHA-256 differs from plan.source_sha256",
    "plan-changed": "compared with the base (`check --base`), the change edits the plan "
    "(targets, thresholds, platforms, source), not only the data (a warning)",
    "no-register": "a register target but no platforms.yaml",
    # plausibility (plausible.py): warnings, silenced by a value's `confirmed`
    "unit-scale": "a value about 10,000 or 100,000,000 times off its other periods or its "
    "target: a 万/亿 slip (a warning)",
    "percent-as-fraction": "a percentage written as a fraction, 0.368 for 36.8% (a warning)",
    "share-over-100": "a share (a ratio target) over 100% (a warning)",
    "fractional-count": "a count that is not a whole number, 47.5家 (a warning)",
    "implausible-jump": "a value more than plausibility.jump times off its other periods "
    "(a warning)",
    "ytd-decrease": "a year-to-date amount that falls from one period to a later one of the "
    "same year (a warning)",
    "date-in-future": "a reported date or a milestone's date after today (a warning)",
    "reported-early": "a value reported on or before the last day of its period (a warning)",
    "unread-file": "a file in actuals/ that hitrack does not read (a warning: not .yaml or .csv)",
}


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One finding in one file, with its 1-based line and column (0 when unknown)."""

    file: str
    """Path of the file, relative to the data directory where possible."""
    line: int
    """1-based line; 0 when the problem concerns the whole file."""
    col: int
    """1-based column; 0 when unknown."""
    code: str
    """Stable kebab-case id, one of `CODES`."""
    message: str
    """What is wrong and what is allowed instead."""
    severity: Severity = "error"
    """`error` fails `check`; `warning` fails it only with `--strict`."""
    more: int = 0
    """On the summary problem (line 0) of a group that a `Collector` cut: how many more
    problems of this code in this file were found and not kept. `capped` words it."""

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a programming error, caught by the test suite
            raise ValueError(f"unknown problem code {self.code!r}")


PER_CODE_AND_FILE = 100
"""Problems of one code in one file that are listed; the rest are counted in one line."""


def capped(problems: Iterable[Problem], more: Callable[[int, str], str]) -> list[Problem]:
    """At most `PER_CODE_AND_FILE` problems per code and file, in order; each cut group ends
    with one problem (at its file, line 0) whose message is `more(count, code)`. The count
    includes what a `Collector` counted and did not keep (its summary problems).

    A file that repeats one bad row a million times is reported in a few kB, not 80 MB.
    """
    kept: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    uncounted: dict[tuple[str, str], int] = {}
    severity: dict[tuple[str, str], Severity] = {}
    """The summary's: its group's first problem's, or error if any it counts is one."""
    for problem in problems:
        key = (problem.file, problem.code)
        if problem.more:
            uncounted[key] = uncounted.get(key, 0) + problem.more
            if problem.severity == "error" or key not in seen:
                severity[key] = problem.severity
            continue
        count = seen[key] = seen.get(key, 0) + 1
        if count <= PER_CODE_AND_FILE:
            kept.append(problem)
            if count == 1 and severity.get(key) != "error":
                severity[key] = problem.severity
    groups = [*seen, *(key for key in uncounted if key not in seen)]
    for key in groups:
        rest = max(0, seen.get(key, 0) - PER_CODE_AND_FILE) + uncounted.get(key, 0)
        if rest:
            file, code = key
            kept.append(Problem(file, 0, 0, code, more(rest, code), severity[key]))
    return kept


class Collector:
    """Problems as they are found, keeping at most `limit` of each code in each file (the
    first found) and only counting the rest, so that a file of a million bad rows holds
    the memory of a hundred problems, not of a million; the counts stay exact.

    A producer of many problems may ask `full` before it builds one (finding the line of
    a problem costs more than the check) and `count` it instead.
    """

    def __init__(self, limit: int = PER_CODE_AND_FILE) -> None:
        self.limit = limit
        self._kept: list[Problem] = []
        self._sizes: dict[tuple[str, str], int] = {}
        self._cut: dict[tuple[str, str], tuple[int, bool]] = {}
        """Per group: how many were not kept, and whether any of those was an error."""

    def full(self, file: str, code: str) -> bool:
        """Whether a problem of `code` in `file` would only be counted."""
        return self._sizes.get((file, code), 0) >= self.limit

    def count(self, file: str, code: str, severity: Severity = "error", number: int = 1) -> None:
        """Count `number` problems that are not kept."""
        done, error = self._cut.get((file, code), (0, False))
        self._cut[(file, code)] = (done + number, error or severity == "error")

    def append(self, problem: Problem) -> None:
        if problem.more:  # a summary of what another collector counted
            self.count(problem.file, problem.code, problem.severity, problem.more)
            return
        key = (problem.file, problem.code)
        size = self._sizes.get(key, 0)
        if size >= self.limit:
            self.count(problem.file, problem.code, problem.severity)
            return
        self._sizes[key] = size + 1
        self._kept.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    @property
    def stored(self) -> int:
        """How many problems are held (kept ones and one count per cut group)."""
        return len(self._kept) + len(self._cut)

    def problems(self) -> list[Problem]:
        """The kept problems, in the order found, then a summary problem (line 0, `more`
        set, an error if any problem it counts is one) for each group that was cut."""
        return [
            *self._kept,
            *(
                Problem(
                    file,
                    0,
                    0,
                    code,
                    f"and {number:,} more like this ({code})",
                    "error" if error else "warning",
                    more=number,
                )
                for (file, code), (number, error) in self._cut.items()
            ),
        ]


def exit_code(problems: Iterable[Problem], *, strict: bool = False) -> int:
    """0 when nothing counts against the data, 1 otherwise."""
    for problem in problems:
        if problem.severity == "error" or strict:
            return EXIT_FINDINGS
    return EXIT_CLEAN


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
