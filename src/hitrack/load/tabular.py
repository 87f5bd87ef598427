"""CSV actuals: `actuals/*.csv`, one row per value, for statistics systems that export tables.

The header names the columns, in any order: `target,zone,period,value,unit,source,reported`
are required, `sample,note` optional. Cells are validated by the same markers as YAML
actuals, so every message and problem code is the same; a problem points at the row's line
and the column where the bad cell starts.

Speed: a million rows must check in a tenth of the time YAML takes. A file without quotes,
blank lines or unusual cells (the common export) is read column by column, a chunk of lines
at a time: split at commas in one go, each distinct text of a column validated once. Any
other file is read row by row (with the csv module when quoted); a row whose every cell has
been seen valid before is taken directly, and any other row goes through the Pydantic
validator, which also yields its exact problems. Both readers keep the values as columns
(`model.ValueColumns`), which the checks read without a record per value, and give equal
values (tests compare them). Numbers are exact: `Decimal`, never `float`.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import io
import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from functools import cache
from itertools import chain, groupby, repeat
from pathlib import Path
from typing import Any

from hitrack.core import model
from hitrack.core.problems import Collector, Problem, said
from hitrack.load import yamlload
from hitrack.load.validation import SourceFile, problem_from_error

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

    read: Callable[[], str]
    lines: list[str] | None = None

    def column(self, line: int, index: int) -> int:
        if self.lines is None:
            try:
                self.lines = self.read().splitlines()
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


#: Rows a CSV actuals file may hold (a year of a province's quarterly figures, 180 zones x
#: 100 indicators x 4 quarters, is 72,000); a longer file is refused before it is read.
MAX_ROWS = 250_000


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
    return read_actuals(text, rel, name, lambda: yamlload.read_text(path, max_bytes))


def read_actuals(text: str, rel: str, name: str, reread: Callable[[], str]) -> Loaded:
    """Validate the text of a CSV actuals file; `reread` gives the text again when a problem
    needs a column (the text itself is not kept)."""
    try:
        yamlload.check_items(text, MAX_ROWS, commas=False)
        header, rows, rest = _split(text)
    except yamlload.LoadError as err:
        return Loaded({}, [Problem(name, err.line, err.col, err.code, err.message)])
    if header is None:
        message = said("csv-empty", header=",".join(REQUIRED))
        return Loaded({}, [Problem(name, 1, 0, "empty-file", message)])
    header = [cell.strip() for cell in header]
    problems = list(_header_problems(header, name))
    if problems:
        return Loaded({}, problems)
    reading = _Reading(rel, name, header, _Text(reread))
    if rest is not None and reading.read_columns(rest):
        return Loaded(reading.groups(), reading.problems.problems())
    try:
        reading.read(rows)
    except yamlload.LoadError as err:
        reading.problems.append(Problem(name, err.line, err.col, err.code, err.message))
    return Loaded(reading.groups(), reading.problems.problems())


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
        return first.split(","), _plain_rows(rest), rest
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as err:
        raise yamlload.LoadError("csv-syntax", said("csv-error", detail=err), 1, 1) from None
    return header, _quoted_rows(reader), None


def _plain_rows(rest: str) -> Iterator[tuple[int, list[str]]]:
    # A generator, so that the column reader never pays for these lines; by chunks, so that
    # a million lines are never all held at once.
    number = 2
    for chunk in _chunks(rest):
        for line in chunk.split("\n"):
            if line:
                yield number, line.split(",")
            number += 1


def _quoted_rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
    previous = reader.line_num
    try:
        for cells in reader:
            if cells:
                yield previous + 1, cells
            previous = reader.line_num
    except csv.Error as err:
        raise yamlload.LoadError(
            "csv-syntax", said("csv-error-rest", detail=err), previous + 1, 1
        ) from None


def _header_problems(header: list[str], name: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, column in enumerate(header):
        at = _cell_start(",".join(header), index)
        if column in seen:
            yield Problem(name, 1, at, "duplicate-key", said("column-twice", column=repr(column)))
        elif column not in COLUMNS:
            close = difflib.get_close_matches(column, COLUMNS, n=1, cutoff=0.6)
            message = (
                said("unknown-column-suggest", column=repr(column), suggestion=repr(close[0]))
                if close
                else said("unknown-csv-column", column=repr(column), known=",".join(COLUMNS))
            )
            yield Problem(name, 1, at, "unknown-field", message)
        seen.add(column)
    for column in REQUIRED:
        if column not in seen:
            yield Problem(
                name,
                1,
                1,
                "missing-field",
                said("header-lacks", column=repr(column), header=",".join(REQUIRED)),
            )


_SHORT_DECIMALS = re.compile(r"(?:-?[0-9]{1,18}(?:\.[0-9]+)?\n)*").fullmatch
"""Numbers, each followed by a line break, in the common notation and within range (at
most 18 integer digits: below 1e18). One match over a chunk's joined column is several
times faster than a match per cell. No possessive quantifiers (Python 3.11+ only): a digit
run can only end at `.` or a line break, so backtracking stays within one line."""
_CHUNK = 1 << 16
"""Characters of rows read at a time. A chunk's cells are made, looked up and let go while
they are still in the processor's cache: measured twice as fast as whole files at 1M rows,
where reading each cell again costs a trip to memory."""


def _chunks(text: str) -> Iterator[str]:
    """`text` in pieces of whole lines, each without its last line break."""
    start, end = 0, len(text) - text.endswith("\n")
    while start < end:
        stop = text.find("\n", start + _CHUNK, end)
        if stop < 0:
            stop = end
        yield text[start:stop]
        start = stop + 1


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


_ROW_FIELDS = ("target", "zone", "value", "unit", "source", "reported", "sample", "note")
"""The fields a CSV row can set, in the order the row reader keeps them."""
_MISSING: Any = object()


class _Reading:
    """The state of reading one file: known-good cells, rows per period, problems."""

    def __init__(self, rel: str, name: str, header: list[str], text: _Text) -> None:
        self.rel, self.name, self.header, self.text = rel, name, header, text
        self.problems = Collector()
        """The first problems of each code (see problems.Collector), and counts."""
        self.rows: dict[str, list[tuple[Any, ...]]] = {}
        """Per period, the row reader's values, as tuples of `_ROW_FIELDS`."""
        self.lines: dict[str, array[int]] = {}
        """Per period, the lines of those rows."""
        self.columns: dict[str, tuple[model.ValueColumns, Sequence[int]]] = {}
        """Per period, the column reader's values and their lines."""
        # What each text already found valid means, one shared object per distinct text.
        self.ids: dict[str, str] = {}
        self.zones: dict[str, str | None] = {"": None}
        self.units: dict[str, str] = {}
        self.texts: dict[str, str | None] = {"": None}
        self.dates: dict[str, Any] = {"": None}
        self.periods: set[str] = set()

    def read_columns(self, rest: str) -> bool:
        """Build every row column by column, when every cell is valid; else False.

        The rows' text is read a chunk of lines at a time: a chunk is split at commas in
        one go and sliced into columns, and each cell is looked up among the distinct texts
        of its column, each validated once, on first sight (`_Meaning`). A file with any
        invalid or unusual cell (blank line, wrong cell count, a number in another
        notation) returns False untouched and goes through `read`, which reports the
        problems row by row.
        """
        width = len(self.header)
        convert: list[Any] = []
        for column in self.header:
            if column == "value":
                convert.append(None)
            elif column == "sample":
                convert.append(_FLAGS.__getitem__)
            elif column == "period":
                convert.append(_Meaning(model.Period, optional=False).__getitem__)
            else:
                convert.append(_Meaning(*_COLUMN_TYPES[column]).__getitem__)
        cells_of: list[list[Any]] = [[] for _ in self.header]
        try:
            for chunk in _chunks(rest):
                lines = chunk.split("\n")
                if "" in lines or set(map(str.count, lines, repeat(","))) != {width - 1}:
                    return False
                cells = chunk.replace("\n", ",").split(",")
                for index, meaning in enumerate(convert):
                    texts = cells[index::width]
                    if meaning is None:
                        if not _SHORT_DECIMALS("\n".join(texts) + "\n"):
                            return False
                        cells_of[index].extend(texts)  # made Decimal when read
                    else:
                        cells_of[index].extend(map(meaning, texts))
        except (_Unusual, KeyError):
            return False
        self._build(dict(zip(self.header, cells_of, strict=True)))
        return True

    def _build(self, fields: dict[str, list[Any]]) -> None:
        """Split the rows' fields into one `ValueColumns` per period."""
        spans: dict[str, list[tuple[int, int]]] = {}
        start = 0
        for period, run in groupby(fields.pop("period")):
            stop = start + len(list(run))
            spans.setdefault(period, []).append((start, stop))
            start = stop
        for period, parts in spans.items():
            if len(parts) == 1:
                first, last = parts[0]
                whole = first == 0 and last == start
                part: dict[str, Sequence[Any]] = {
                    k: cells if whole else cells[first:last] for k, cells in fields.items()
                }
                lines: Sequence[int] = range(first + 2, last + 2)
            else:
                part = {
                    k: list(chain.from_iterable(cells[a:b] for a, b in parts))
                    for k, cells in fields.items()
                }
                runs = (range(a + 2, b + 2) for a, b in parts)
                lines = array("L", chain.from_iterable(runs))
            part["value"] = model.DecimalTexts(part["value"])
            self.columns[period] = (model.ValueColumns(part), lines)

    def read(self, rows: Iterator[tuple[int, list[str]]]) -> None:
        """Read row by row: a row whose every cell has been seen valid is taken as it is,
        any other goes through `_slow_row`. Values are kept as tuples, not records."""
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
        plain, limit, flags, missing = _PLAIN_NUMBER.fullmatch, _LIMIT, _FLAGS, _MISSING
        kept, lines = self.rows, self.lines
        for line, cells in rows:
            if len(cells) != width:
                self._wrong_width(cells, line)
                continue
            number, period = cells[v], cells[p]
            target, zone, unit = (
                ids.get(cells[t]),
                zones.get(cells[z], missing),
                units.get(cells[u]),
            )
            source, reported = texts.get(cells[s], missing), dates.get(cells[r], missing)
            sample = None if flag is None else flags.get(cells[flag], missing)
            remark = None if note is None else texts.get(cells[note], missing)
            if (
                target is not None
                and unit is not None
                and zone is not missing
                and source is not missing
                and reported is not missing
                and sample is not missing
                and remark is not missing
                and period in periods
                and plain(number)
            ):
                value = Decimal(number)
                if -limit < value < limit:
                    kept[period].append(
                        (target, zone, value, unit, source, reported, sample, remark)
                    )
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
                said("row-width", cells=len(cells), header=len(self.header)),
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
            message = said("missing-field", field="period")
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
        self.rows[period].append(tuple(getattr(value, field) for field in _ROW_FIELDS))
        self.lines[period].append(line)

    def _remember(self, row: dict[str, str], period: str, value: model.ActualValue) -> None:
        """Cells the fast path may accept from now on: those it would build the same way."""
        if row["target"] == value.target:
            self.ids[value.target] = value.target
        if row["zone"] == (value.zone or ""):
            self.zones[row["zone"]] = value.zone
        if value.unit is not None and row["unit"] == value.unit:
            self.units[value.unit] = value.unit
        for column, text in (("source", value.source), ("note", value.note)):
            if row.get(column, "") == (text or ""):
                self.texts[text or ""] = text
        self.dates[row["reported"]] = value.reported
        self.periods.add(period)
        self.rows.setdefault(period, [])
        self.lines.setdefault(period, array("L"))

    def groups(self) -> dict[str, tuple[model.ActualsFile, TableSource]]:
        found = dict(self.columns)
        present = [field for field in _ROW_FIELDS if field not in OPTIONAL or field in self.header]
        for period, rows in self.rows.items():
            if rows:
                cells = dict(zip(_ROW_FIELDS, map(list, zip(*rows, strict=True)), strict=True))
                values = model.ValueColumns({field: cells[field] for field in present})
                found[period] = (values, self.lines[period])
        result = {}
        for period, (values, lines) in found.items():
            record = model.ActualsFile(schema="hitrack/v1", period=period, values=values)
            source = TableSource(self.name, None, header=self.header, rows=lines, text=self.text)
            result[f"{self.rel}{GROUP_MARK}{period}"] = (record, source)
        return result
