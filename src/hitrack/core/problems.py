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


#: message key -> the English template of a problem's message, with `{named}` parameters.
#: A message built with `said` carries its key and parameters, so that `i18n` can say it in
#: Chinese (`i18n.PROBLEM_MESSAGES` pairs each template with its Chinese); `Problem.message`
#: stays this English text, the one `check --format json` and CI consumers read.
MESSAGES: dict[str, str] = {
    "unit-undeclared": (
        "unknown unit {text}; use one of {known}, or declare it in plan.units (a new "
        "`dimension`, `count: true`, or `equals: {{value, unit}}` of a known unit)"
    ),
    "unit-one-way": (
        "a declared unit is exactly one of: a new `dimension` (件/万人), a counting word "
        "(`count: true`: 所, 台套) or a multiple of a known unit (`equals: {{value, unit}}`)"
    ),
    "unit-builtin": (
        "{symbol} is a unit hitrack knows; a plan may only declare a built-in counting word "
        "equal to another (个 as 家: `equals: {{value: 1, unit: 家}}`)"
    ),
    "unit-twice": "{symbol} is declared twice",
    "unit-equals-unknown": (
        "{unit} is not a unit known here: `equals` names a built-in unit or one declared above "
        "this one"
    ),
    "unit-equals-positive": "`equals.value` must be above zero",
    "unit-dimension-taken": (
        "dimension {dimension} already has its unit; declare this one as `equals: {{value, "
        "unit}}` of it"
    ),
    "register-level-both": (
        "give `level` (exactly this level) or `min_level` (this level or above), not both"
    ),
    "register-min-unspecified": (
        "`min_level` orders national > provincial > municipal; unspecified has no rank"
    ),
    "register-new-undated": (
        "the target counts platforms new in its window (`new: true`), but {count} matching "
        "platforms have no `designated` date: {ids}; give each its date of designation and its "
        "source"
    ),
    "platform-no-source": (
        "{id}: a `designated` date needs `designated_source` (the notice of designation or its "
        "document number), or `sample: true` for an illustrative date"
    ),
    "platform-no-date": (
        "{id}: `designated_source` cites the date in `designated`; give it (YYYY-MM-DD)"
    ),
    "against-kind": "a {kind} target cannot be compared `against` a reference; {which} can",
    "against-comparator": (
        "a target `against` a reference compares with gt, gte, lt or lte (高于: gt, 不低于: gte)"
    ),
    "against-field": (
        "a target `against` a reference takes its level from the reference, not `{name}`; give "
        "how far above or below it as `margin`"
    ),
    "against-margin-negative": "`margin` must not be negative: the comparator says which way",
    "against-unit": (
        "reference {id} is in {unit}, which cannot convert to the target's {target_unit}"
    ),
    "margin-without-against": "`margin` belongs to targets compared `against` a reference",
    "reference-unknown": "reference {name} is not in `references`; known: {known}",
    "reference-none": "reference {name} is not in `references`: targets.yaml lists none",
    "reference-is-target": (
        "reference id {id} is also a target's; the values of both would share it"
    ),
    "more-like-this": "and {count} more like this ({code})",
    # reading files
    "file-missing": "no targets.yaml in the data directory; create it (see `hitrack init`)",
    "outside-data-dir": "the file is a symbolic link (or lies in a linked folder) pointing "
    "outside the data directory; copy the file in instead",
    "not-a-file": "a directory; it must be a data file",
    "not-regular": "not a regular file; it must be a data file",
    "link-loop": "a symbolic link that loops; remove it",
    "cannot-read": "cannot read the file: {reason}",
    "file-too-large": "the file is {size} bytes; the cap is {cap} (split it, or use a "
    "CSV actuals file for bulk data)",
    "utf-16": "the file is UTF-16; save it as UTF-8 (in Excel/WPS: 'CSV UTF-8')",
    "nul-bytes": "the file holds NUL bytes: it is binary, not YAML text",
    "not-utf-8": "it is not UTF-8; save the file as UTF-8",
    "gbk": "it looks like GBK/GB18030; save the file as UTF-8",
    # YAML
    "yaml-alias": "anchors and aliases (&name, *name) are not allowed; write the value out",
    "key-not-text": "keys must be plain text",
    "yaml-merge-key": "merge keys (<<) are not allowed; write the keys out",
    "yaml-tag": "YAML tags such as {tag} are not allowed; remove it",
    "multiple-documents": "the file holds more than one YAML document (---); keep one",
    "empty-file": "the file is empty; it must hold a YAML mapping",
    "null-file": "the file holds only null; it must hold a mapping",
    "control-character": "YAML syntax: the control character {char} is not allowed; remove it",
    "yaml-syntax": "YAML syntax: {detail}",
    "duplicate-key": "duplicate key {key} (first at line {line}); keep one of them",
    "ambiguous-number": "{text} has a leading zero, which YAML 1.1 reads as octal; write "
    "{meant} or quote it",
    "full-width-colon": "a full-width colon '：' (U+FF1A) after {key}: YAML needs the ASCII "
    "colon and a space; type `{typed}: ` with the input method in half-width (English) mode / "
    "全角冒号“：”：请改为半角冒号“:”加空格",
    "full-width-comma": "a full-width comma '，' (U+FF0C) between fields: YAML needs the ASCII "
    "comma; type ', ' / 全角逗号“，”：请改为半角逗号“,”",
    "full-width-space": "an ideographic (full-width) space U+3000: YAML reads it as text, not "
    "as space; type an ordinary space / 全角空格：请改为半角空格",
    "full-width-yaml-digits": "full-width digits {text}: YAML reads them as text, not as a "
    "number; type {meant} / 全角数字“{written}”：请改为半角数字 {meant}",
    "too-deep": "the YAML nests deeper than {depth} levels; no hitrack file does",
    # fields (validation.py; `field:` before a key puts `{field}: ` before its template)
    "missing-field": "{field}: this required field is missing",
    "unknown-field": "{field}: unknown field; remove it",
    "unknown-field-suggest": "{field}: unknown field; did you mean {suggestion}?",
    "not-a-mapping": "{field}: expected a mapping of `key: value` lines",
    "file-not-a-mapping": "the file: expected a mapping of `key: value` lines",
    "invalid-choice": "{field} must be one of {expected}; got {got}",
    "wrong-type": "{field}: {msg}, got {got}",
    "invalid-value": "{field}: {msg}",
    # values (model.py)
    "expected-number": "expected a number, got {got}",
    "not-finite": "NaN and infinity are not allowed; write a number",
    "number-too-large": "{number} is too large (at most 18 digits)",
    "too-many-decimals": "{number} has more than 18 decimal places",
    "expected-count": "expected a whole number >= 0, got {got}",
    "expected-text": "expected text, got {got}; quote it",
    "empty-text": "must not be empty",
    "text-too-long": "is {length} characters long; at most {limit}",
    "invalid-id": "{text} is not a kebab-case id: use a-z, 0-9 and single hyphens (rd-spend)",
    "invalid-period": '{text} is not a period: write a year ("2019") or a quarter ("2020-Q2")',
    "expected-unit": "expected a unit as text, got {got}",
    "unknown-unit": "unknown unit {text}; use one of {known}",
    "expected-flag": "expected true or false, got {got}",
    "expected-date": "expected a date as YYYY-MM-DD, got {got}",
    "full-width-digits": "expected a number, got the full-width digits {text}: type {meant} in "
    "half-width digits, without quotes / 全角数字：请改为半角数字",
    "quoted-number": "expected a number, got the text {text}: remove the quotes",
    "number-with-unit": "expected a number, got {text}: write `value: {number}` and `unit: {unit}`",
    "chinese-numeral": "expected a number, got the Chinese numeral {text}: write {number}",
    "thousands-separator": "expected a number, got {text}: write it without thousands "
    "separators or quotes",
    "hidden-character": "character {at} is {what}; such characters hide or reorder text in "
    "review and in output: delete it (retype the text if unsure where it is)",
    # CSV (load/tabular.py)
    "csv-empty": "the file is empty; it must start with the header {header}",
    "column-twice": "column {column} appears twice",
    "unknown-column-suggest": "unknown column {column}; did you mean {suggestion}?",
    "unknown-csv-column": "unknown column {column}; columns: {known}",
    "header-lacks": "the header lacks the column {column}; it needs {header}",
    # cross-field and cross-file rules (engine/checks.py)
    "duplicate-id": "{what} id {id} is used twice (first at line {line}); ids must be unique",
    "unknown-owner": "owner {id} is not in plan.owners; known: {known}",
    "unknown-section": "section {id} is not in plan.sections; known: {known}",
    "unknown-zone": "zone {id} is not in plan.zones; known: {known}",
    "unknown-zone-none": "zone {id} is not in plan.zones (the plan has no zones)",
    "unknown-zone-platform": "zone {id} is not in plan.zones",
    "number-not-in-quote": "{field} {number} is not in the quote {quote}; "
    "copy the sentence that states it",
    "path-not-in-quote": "path {field} {number} ({period}: {value}) is not in the quote "
    "{quote}; copy the sentence that states each interim value with its year",
    "stated-not-in-quote": "stated level {number} is not in the quote {quote}; "
    "copy the sentence that states it",
    "baseline-not-in-quote": "baseline value {number} is not in the quote {quote}",
    "count-not-in-quote": "count {number} is not in the quote {quote}",
    "quote-differs": "the quote is not in the source {source} (compared without whitespace): "
    "it matches up to {matched}, then differs at {differs}; copy the words exactly from the "
    "source",
    "quote-not-in-source": "the quote is not in the source {source} (compared without "
    "whitespace): not even its first character is there; copy the words exactly from the source",
    "quote-not-found": "the quote is not in the source {source} (compared without "
    "whitespace); copy the words exactly from the source",
    "no-register": "a register target needs a platforms.yaml in the data directory",
    "unknown-category": "category {id} is not defined in platforms.yaml; known: {known}",
    "period-mismatch": "period {period} differs from the file name {stem}; rename the file "
    "to {period}.yaml or fix the period",
    "duplicate-period": "period {period} is also reported in {file}; merge the two files",
    "period-out-of-range": "period {period} is outside the plan window {start}..{deadline}",
    "unknown-target": "no target has the id {id}",
    "unknown-target-suggest": "no target has the id {id}; did you mean {suggestion}?",
    "duplicate-actual": "{target} is reported twice for {period}; keep one value",
    "each-zone": "{target} applies to each zone; give the value's `zone`",
    "other-zone": "{target} belongs to zone {zone}; this value names {named}",
    "plan-start-late": "plan.start {start} is after plan.deadline {deadline}",
    "deadline-outside": "deadline {period} is outside the plan window {start}..{deadline}",
    "start-outside": "start {period} is outside the plan window {start}..{deadline}",
    "start-late": "start {period} is after the target's deadline {deadline}",
    "path-outside": "path period {period} is not inside the target's window {start}..{deadline}: "
    "an interim value falls after the start and before the deadline (the deadline's value is "
    "`value`)",
    "category-not-listed": "category {id} is not one of the categories: {known}",
    "register-count": "{title} declares {count} but the register lists {listed} matching "
    "platforms; add or re-categorise platforms",
    "unit-mismatch": "{unit} cannot be converted to {allowed} ({target})",
    "parts-not-divisible": "numerator in {numerator} and denominator in {denominator} cannot "
    "be divided",
    "negative-value": "{value} {unit}: a count or amount cannot be negative",
    "owner-not-in-quote": "owner {name} ({id}) is not named in the owners_quote {quote}; copy "
    "the words that name it",
    "unread-file": "hitrack reads only .yaml, .yml and .csv files here; bring a sheet in with "
    "`hitrack import`, or move the file out of actuals/",
    "actuals-not-a-folder": "actuals must be a folder of actuals files, not a file",
    # plausibility (engine/plausible.py)
    "done-in-future": "{target} is done on {date}, which is after today ({today}); report the "
    "date it was done, or `done: false` until it is",
    "reported-in-future": "reported on {date}, which is after today ({today}); write the date "
    "the figures were published (a typo in the year?)",
    "reported-early": "reported on {date}, but the period ends on {end}: figures for a period "
    "are published after it ends; check the year and the period",
    "fractional-count": "{number} {unit}: a count is a whole number; did you mean {low} or "
    "{high}? (add `confirmed: why` if the figure is an average)",
    "share-over-100": "{number}%: a share ({target}) cannot be over 100%; check the figure "
    "(a count or an amount in the share's column?)",
    "ytd-decrease": "{target} is reported year to date: {after} in {later} is less than "
    "{before} in {earlier} of the same year; a year-to-date amount cannot fall (is one of them "
    "a single quarter's figure?)",
    # the data directory and options (usage errors, exit 2)
    "not-a-directory": "{what}: {path} is not a directory",
    "max-bytes": "HITRACK_MAX_BYTES: {text} is not a positive number of bytes",
    "no-data-dir": "no ./data directory here; name the data directory with --data",
    "side-not-a-directory": "{path} is not a directory",
    "dir-or-revision": "{path} is both a directory and a git revision; write ./{name} for "
    "the directory, or pass --rev to read BASE and HEAD as revisions only",
    "bad-period-option": "{option} {value}: write a year (2019) or a quarter (2020-Q2)",
    "bad-date-option": "{option} {value}: write a date as YYYY-MM-DD",
    # sheets (interchange/importing.py)
    "no-header": "found no header row (a column 指标/名称 or 编号/id and a column 数值/本期) and "
    "no row of target names; add a header row or say which header is which with --map",
    "unknown-row": "{label} is not a target, an alias (targets.yaml `aliases`) or a label of "
    "--map; map it to a target id or to null, or delete the row",
    "unknown-column": "column {label} is not a target or an alias; map it to a target id or to "
    "null with --map, or delete the column",
    "ambiguous-name": "{label} matches the targets {ids}; use the id",
    "sheet-period": "{text} is not a period; write 2020 or 2020-Q2",
    "sheet-zone": "{text} is not a zone of the plan; zones: {known}",
}


class Said(str):
    """An English message (a `str`, usable wherever one is) that remembers its template key
    and parameters; `Problem` keeps them in `key` and `params`."""

    key: str
    params: tuple[tuple[str, str], ...]

    def __new__(cls, key: str, params: tuple[tuple[str, str], ...]) -> Said:
        made = super().__new__(cls, template(MESSAGES, key, ": ").format(**dict(params)))
        made.key, made.params = key, params
        return made

    def __reduce__(self) -> tuple[object, ...]:
        return (Said, (self.key, self.params))


def template(table: dict[str, str], key: str, colon: str) -> str:
    """The template of `key` in `table`; `field:KEY` is KEY's after `{field}` and `colon`."""
    if key.startswith("field:"):
        return "{field}" + colon + table[key[len("field:") :]]
    return table[key]


def said(key: str, /, **params: object) -> Said:
    """The message of template `key` with its parameters (each put in text with `str`)."""
    return Said(key, tuple((name, str(value)) for name, value in params.items()))


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
    key: str = ""
    """The template of `message` in `MESSAGES` ("" for a message without one)."""
    params: tuple[tuple[str, str], ...] = ()
    """The template's parameters, by name."""

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a programming error, caught by the test suite
            raise ValueError(f"unknown problem code {self.code!r}")
        if isinstance(self.message, Said):  # kept as plain text, its key and parameters apart
            object.__setattr__(self, "key", self.message.key)
            object.__setattr__(self, "params", self.message.params)
            object.__setattr__(self, "message", str(self.message))


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
                    said("more-like-this", count=f"{number:,}", code=code),
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
