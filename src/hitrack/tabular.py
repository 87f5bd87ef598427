"""CSV actuals: `actuals/*.csv`, one row per value, for statistics systems that export tables.

The header names the columns, in any order: `target,zone,period,value,unit,source,reported`
are required, `sample,note` optional. Cells are validated by the same markers as YAML
actuals, so every message and problem code is the same; a problem points at the row's line
and the column where the bad cell starts.

Speed: a million rows must check in a fraction of the time YAML takes. A file without
quotes, blank lines or unusual cells (the common export) is read column by column: split at
commas in one go, each distinct text of a column validated once, records made by C-level
iteration. Any other file is read row by row with the csv module; a row whose every text
cell has been seen valid before is built directly, and any other row goes through the
Pydantic validator, which also yields its exact problems. Both readers build the same
records (tests compare them). Values are parsed with `Decimal`, never `float`.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import io
import re
from array import array
from collections import deque
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import cache
from itertools import groupby, repeat
from pathlib import Path
from typing import Any

from hitrack import model, yamlload
from hitrack.loader import SourceFile, problem_from_error
from hitrack.problems import Problem

REQUIRED = ("target", "zone", "period", "value", "unit", "source", "reported")
OPTIONAL = ("sample", "note")
COLUMNS = REQUIRED + OPTIONAL
GROUP_MARK = "#"
"""Joins a CSV file's name and a period into the key of one period's values."""

_PLAIN_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_LIMIT = Decimal("1e18")
_FLAGS: dict[str, bool | None] = {"": None, "true": True, "false": False}
_FLAGS.update({"TRUE": True, "FALSE": False, "True": True, "False": False})


@dataclasses.dataclass
class _Text:
    """The file's lines, read again only when a problem needs a column."""

    path: Path
    lines: list[str] | None = None

    def column(self, line: int, index: int) -> int:
        if self.lines is None:
            try:
                self.lines = yamlload.decode(self.path.read_bytes()).splitlines()
            except (OSError, yamlload.LoadError):
                self.lines = []
        if not 0 < line <= len(self.lines):
            return 1
        return _cell_start(self.lines[line - 1], index)


def _cell_start(text: str, index: int) -> int:
    """The 1-based column where cell `index` of a CSV line starts."""
    cell, quoted = 0, False
    for position, char in enumerate(text):
        if cell == index:
            return position + 1
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            cell += 1
    return len(text) + 1 if cell == index else 1


@dataclasses.dataclass
class TableSource(SourceFile):
    """Rows of a CSV file; paths are ("values", row, column) like a YAML actuals file's."""

    header: Sequence[str] = ()
    rows: Sequence[int] = ()
    """The line each row starts on."""
    text: _Text | None = None

    def at(self, *path: Any) -> tuple[int, int]:
        parts = list(path)
        if parts[:1] == ["values"]:
            parts.pop(0)
        if parts and parts[0] in self.header:  # a field of the only row
            parts = [0, *parts]
        if not parts or not isinstance(parts[0], int) or not 0 <= parts[0] < len(self.rows):
            return (1, 1) if self.rows else (0, 0)
        line = self.rows[parts[0]]
        field = str(parts[1]) if len(parts) > 1 else ""
        if field not in self.header or self.text is None:
            return line, 1
        return line, self.text.column(line, list(self.header).index(field))


@dataclasses.dataclass
class Loaded:
    """One period's values of a CSV file, keyed by `name#period`, and the file's problems."""

    groups: dict[str, tuple[model.ActualsFile, TableSource]]
    problems: list[Problem]


def load_actuals(path: Path, rel: str, name: str, *, max_bytes: int) -> Loaded:
    """Read and validate a CSV actuals file; never raises for bad input."""
    try:
        text = yamlload.read_text(path, max_bytes)
    except yamlload.LoadError as err:
        return Loaded({}, [Problem(name, err.line, err.col, err.code, err.message)])
    try:
        header, rows, rest = _split(text)
    except yamlload.LoadError as err:
        return Loaded({}, [Problem(name, err.line, err.col, err.code, err.message)])
    if header is None:
        message = f"the file is empty; it must start with the header {','.join(REQUIRED)}"
        return Loaded({}, [Problem(name, 1, 0, "empty-file", message)])
    header = [cell.strip() for cell in header]
    problems = list(_header_problems(header, name))
    if problems:
        return Loaded({}, problems)
    reading = _Reading(rel, name, header, _Text(path))
    if rest is not None and reading.read_columns(rest):
        return Loaded(reading.groups(), reading.problems)
    try:
        reading.read(rows)
    except yamlload.LoadError as err:
        reading.problems.append(Problem(name, err.line, err.col, err.code, err.message))
    return Loaded(reading.groups(), reading.problems)


def _split(text: str) -> tuple[list[str] | None, Iterator[tuple[int, list[str]]], str | None]:
    """The header, an iterator of (line, cells) for each further row, and for a file without
    quotes the text of those rows.

    Without a quote character anywhere, CSV is exactly lines split at commas, and `str.split`
    does that several times faster than the csv module; quoted files go through the module.
    """
    if '"' not in text:
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        first, _, rest = text.partition("\n")
        if not first:
            return None, iter(()), None
        rows = (
            (number, line.split(",")) for number, line in enumerate(rest.split("\n"), 2) if line
        )
        return first.split(","), rows, rest
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as err:
        raise yamlload.LoadError("csv-syntax", f"CSV: {err}", 1, 1) from None
    return header, _quoted_rows(reader), None


def _quoted_rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
    previous = reader.line_num
    try:
        for cells in reader:
            if cells:
                yield previous + 1, cells
            previous = reader.line_num
    except csv.Error as err:
        raise yamlload.LoadError(
            "csv-syntax", f"CSV: {err}; the rows after it were not read", previous + 1, 1
        ) from None


def _header_problems(header: list[str], name: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, column in enumerate(header):
        at = _cell_start(",".join(header), index)
        if column in seen:
            yield Problem(name, 1, at, "duplicate-key", f"column {column!r} appears twice")
        elif column not in COLUMNS:
            close = difflib.get_close_matches(column, COLUMNS, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; columns: {','.join(COLUMNS)}"
            yield Problem(name, 1, at, "unknown-field", f"unknown column {column!r}{hint}")
        seen.add(column)
    for column in REQUIRED:
        if column not in seen:
            yield Problem(
                name,
                1,
                1,
                "missing-field",
                f"the header lacks the column {column!r}; it needs {','.join(REQUIRED)}",
            )


_FIELDS = tuple(f.name for f in dataclasses.fields(model.ActualValue))
_SHORT_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?").fullmatch
"""The common notation, which with at most 18 characters is always within range."""
_COLUMN_TYPES: dict[str, tuple[Any, bool]] = {
    "target": (model.Id, False),
    "zone": (model.Id, True),
    "unit": (model.UnitSymbol, False),
    "source": (model.Text, True),
    "reported": (model.Date, True),
    "note": (model.Text, True),
}
"""The columns validated as a set of distinct texts, with whether a cell may be empty."""


class _Unusual(Exception):
    """A cell the column-wise reader leaves to the row-by-row one."""


class _Meaning(dict[str, Any]):
    """What each distinct text of a column means, validated the first time it is looked up."""

    def __init__(self, kind: Any, optional: bool) -> None:
        super().__init__()
        self.kind, self.optional = kind, optional

    def __missing__(self, text: str) -> Any:
        from pydantic import ValidationError

        if not text:
            if not self.optional:
                raise _Unusual
            self[text] = None
            return None
        try:
            value = _adapter(self.kind).validate_python(text)
        except ValidationError:
            raise _Unusual from None
        self[text] = value
        return value


@cache
def _adapter(kind: Any) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


_EMPTY_RECORD = dict.fromkeys(_FIELDS)


class _Reading:
    """The state of reading one file: known-good cells, rows per period, problems."""

    def __init__(self, rel: str, name: str, header: list[str], text: _Text) -> None:
        self.rel, self.name, self.header, self.text = rel, name, header, text
        self.problems: list[Problem] = []
        self.values: dict[str, list[model.ActualValue]] = {}
        self.lines: dict[str, array[int]] = {}
        self.ids: set[str] = set()
        self.zones: set[str] = {""}
        self.units: set[str] = set()
        self.texts: set[str] = {""}
        self.dates: dict[str, Any] = {"": None}
        self.periods: set[str] = set()

    def read_columns(self, rest: str) -> bool:
        """Build every row column by column, when every cell is valid; else False.

        The rows' text is split at commas in one go and sliced into columns; each distinct
        text of a column is validated once, on first sight (`_Meaning`), and the records are
        made by C-level iteration (map, zip) and one comprehension. A file with any invalid
        or unusual cell (blank line, wrong cell count, a number in another notation) returns
        False untouched and goes through `read`, which reports the problems row by row.
        """
        rest = rest.removesuffix("\n")
        if not rest:
            return True
        lines = rest.split("\n")
        width = len(self.header)
        if "" in lines or set(map(str.count, lines, repeat(","))) != {width - 1}:
            return False
        cells = rest.replace("\n", ",").split(",")
        columns = {name: cells[index::width] for index, name in enumerate(self.header)}
        del cells, lines
        numbers = columns["value"]
        if not all(map(_SHORT_DECIMAL, numbers)) or max(map(len, numbers)) > 18:
            return False
        try:
            return self._build(columns)
        except (_Unusual, KeyError):
            return False

    def _build(self, columns: dict[str, list[str]]) -> bool:
        periods = _Meaning(model.Period, optional=False)
        runs = [(periods[text], len(list(run))) for text, run in groupby(columns["period"])]
        meanings: dict[str, Any] = {}
        for column, (kind, optional) in _COLUMN_TYPES.items():
            if column in columns:
                meanings[column] = map(_Meaning(kind, optional).__getitem__, columns[column])
            else:
                meanings[column] = repeat(None)
        meanings["sample"] = map(_FLAGS.__getitem__, columns.get("sample", ()))
        cells = zip(
            meanings["target"],
            meanings["zone"],
            map(Decimal, columns["value"]),
            meanings["unit"],
            meanings["source"],
            meanings["reported"],
            strict=False,
        )
        # Each record's attribute dictionary holds the fields a CSV row sets; the others
        # (numerator, done, ...) read as their dataclass default, None, from the class. Half
        # the memory of a full dictionary, and a test compares the records with YAML's.
        fields = [
            {
                "target": target,
                "zone": zone,
                "value": value,
                "unit": unit,
                "source": source,
                "reported": reported,
            }
            for target, zone, value, unit, source, reported in cells
        ]
        for column in ("sample", "note"):
            if column in columns:
                deque(map(dict.__setitem__, fields, repeat(column), meanings[column]), maxlen=0)
        records = list(map(object.__new__, repeat(model.ActualValue, len(fields))))
        deque(map(object.__setattr__, records, repeat("__dict__"), fields), maxlen=0)
        start = 0
        for period, size in runs:
            stop = start + size
            self.values.setdefault(period, []).extend(records[start:stop])
            self.lines.setdefault(period, array("L")).extend(range(start + 2, stop + 2))
            start = stop
        return True

    def read(self, rows: Iterator[tuple[int, list[str]]]) -> None:
        header = self.header
        width = len(header)
        pick = {column: header.index(column) for column in header}
        t, z, p, v, u, s, r = (pick[c] for c in REQUIRED)
        flag = pick.get("sample")
        note = pick.get("note")
        ids, zones, units, texts, dates, periods = (
            self.ids,
            self.zones,
            self.units,
            self.texts,
            self.dates,
            self.periods,
        )
        plain, limit, new = _PLAIN_NUMBER.fullmatch, _LIMIT, object.__new__
        record_class, empty, flags = model.ActualValue, _EMPTY_RECORD, _FLAGS
        values, lines = self.values, self.lines
        for line, cells in rows:
            if len(cells) != width:
                self._wrong_width(cells, line)
                continue
            number = cells[v]
            period = cells[p]
            if (
                cells[t] in ids
                and cells[z] in zones
                and cells[u] in units
                and cells[s] in texts
                and cells[r] in dates
                and period in periods
                and plain(number)
                and (flag is None or cells[flag] in flags)
                and (note is None or cells[note] in texts)
            ):
                value = Decimal(number)
                if -limit < value < limit:
                    record = new(record_class)
                    fields = record.__dict__
                    fields.update(empty)
                    fields["target"] = cells[t]
                    fields["zone"] = cells[z] or None
                    fields["value"] = value
                    fields["unit"] = cells[u]
                    fields["source"] = cells[s] or None
                    fields["reported"] = dates[cells[r]]
                    if note is not None:
                        fields["note"] = cells[note] or None
                    if flag is not None:
                        fields["sample"] = flags[cells[flag]]
                    values[period].append(record)
                    lines[period].append(line)
                    continue
            self._slow_row(cells, line)

    def _wrong_width(self, cells: list[str], line: int) -> None:
        self.problems.append(
            Problem(
                self.name,
                line,
                1,
                "csv-syntax",
                f"the row has {len(cells)} cells but the header has {len(self.header)}; "
                "quote cells that contain commas",
            )
        )

    def _slow_row(self, cells: list[str], line: int) -> None:
        """Validate one row field by field; remember its cells when they are all valid."""
        from pydantic import ValidationError

        row = dict(zip(self.header, cells, strict=True))
        source = TableSource(
            self.name, None, header=self.header, rows=array("L", [line]), text=self.text
        )
        found: list[Problem] = []
        period = row.pop("period")
        if not period.strip():
            message = "period: this required field is missing"
            found.append(source.problem(("period",), "missing-field", message))
        else:
            try:
                _adapter(model.Period).validate_python(period)
            except ValidationError as err:
                for error in err.errors(include_url=False, include_context=True):
                    found.append(problem_from_error({**error, "loc": ("period",)}, source))
        record: dict[str, Any] = {k: c for k, c in row.items() if c.strip()}
        if "value" in record and _PLAIN_NUMBER.fullmatch(record["value"].strip()):
            record["value"] = Decimal(record["value"].strip())
        if "sample" in record:
            record["sample"] = _FLAGS.get(record["sample"].strip().lower(), record["sample"])
        try:
            value = _adapter(model.ActualValue).validate_python(record)
        except ValidationError as err:
            for error in err.errors(include_url=False, include_context=True):
                found.append(problem_from_error(error, source))
        if found:
            self.problems.extend(found)
            return
        self._remember(row, period, value)
        self.values.setdefault(period, []).append(value)
        self.lines.setdefault(period, array("L")).append(line)

    def _remember(self, row: dict[str, str], period: str, value: model.ActualValue) -> None:
        """Cells the fast path may accept from now on: those it would build the same way."""
        if row["target"] == value.target:
            self.ids.add(value.target)
        if row["zone"] == (value.zone or ""):
            self.zones.add(row["zone"])
        if row["unit"] == value.unit:
            self.units.add(value.unit)
        for column, text in (("source", value.source), ("note", value.note)):
            if row.get(column, "") == (text or ""):
                self.texts.add(text or "")
        self.dates[row["reported"]] = value.reported
        self.periods.add(period)
        self.values.setdefault(period, [])
        self.lines.setdefault(period, array("L"))

    def groups(self) -> dict[str, tuple[model.ActualsFile, TableSource]]:
        result = {}
        for period, values in self.values.items():
            if not values:
                continue
            record = model.ActualsFile(schema="hitrack/v1", period=period, values=tuple(values))
            source = TableSource(
                self.name, None, header=self.header, rows=self.lines[period], text=self.text
            )
            result[f"{self.rel}{GROUP_MARK}{period}"] = (record, source)
        return result
