"""A sheet and the targets -> the values it reports for one period, and what they change.

Pure: it reads nothing from disk. Two layouts are understood:

- **rows**: one target per row, under a header row naming its columns (指标/名称/项目 or
  编号/id for the target, 数值/本期/实际 for the value, 单位 for the unit, and optionally
  期间, 区域, 完成 (milestones), 完成日期, 佐证, 示例, 来源, 报送日期). `hitrack export`
  writes this layout.
- **columns**: one target per column, the header row holding target names with their unit
  (成交额（万元）), one data row per period or zone.

A target is found by its id, its Chinese name, its English name or one of its `aliases`,
compared after normalisation (full-width forms, spaces, numbering such as 1、 or （二）,
a unit in brackets). A mapping file (--map) names other labels, skips rows, or says which
header is which column.

A value's unit is, in this order: the unit written in the value cell (2.1亿元), the unit
column, the unit in the row's label, the unit in the value column's header (本期（万元）).
Without any, a count or percentage takes the target's unit; an amount of money never
does, because 万元 and 亿元 differ ten-thousandfold.

Every problem is a `Finding` located at its cell. Codes:
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Literal

from hitrack.core import model, tokens, units
from hitrack.core.problems import said
from hitrack.engine import references
from hitrack.engine.kinds import allowed_units, kind_of
from hitrack.i18n import Lang, say
from hitrack.interchange import cells
from hitrack.interchange.sheets import Sheet

CODES: dict[str, str] = {
    "no-header": "no header row and no row of target names was found",
    "unknown-row": "a row or column with a value names no target; map it (--map) or delete it",
    "ambiguous-name": "a label matches more than one target; use the target's id or --map",
    "duplicate-row": "two rows give different values for the same target (and zone)",
    "not-a-number": "a value cell is not a number (text, a Chinese numeral, 'N/A')",
    "not-a-flag": "a 完成/done cell is not yes or no",
    "not-a-date": "a date cell is not a date",
    "unknown-unit": "a unit cell names a unit hitrack does not know",
    "unit-mismatch": "a unit that cannot be converted to the target's, or two units that differ",
    "no-unit": "an amount of money without a unit anywhere in the sheet",
    "formula-no-value": "a formula cell without a stored result (never opened in Excel or WPS)",
    "unknown-zone": "a 区域/zone cell names no zone of the plan",
    "invalid-period": "a 期间/period cell is not a period",
    "register-target": "a value for a target counted from platforms.yaml",
    "invalid-map": "the mapping file (--map) is malformed or names an unknown target",
}
__doc__ = (__doc__ or "") + "".join(f"\n- `{k}`: {v}" for k, v in CODES.items())


@dataclasses.dataclass(frozen=True, order=True)
class Finding:
    """A problem in the sheet (or in the data as the import would leave it)."""

    where: str
    """统计表.xlsx!Sheet1!C7, or for CSV file:row:column."""
    code: str
    message: str

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: Lang) -> str:
        """The finding as a line, its message in `lang`."""
        return f"{self.where}: error: {say(self.message, lang)} [{self.code}]"


@dataclasses.dataclass(frozen=True)
class Reading:
    """One value read from the sheet for one target (and zone)."""

    target: model.Target
    where: str
    """The value's cell."""
    zone: str | None = None
    value: Decimal | None = None
    unit: str | None = None
    done: bool | None = None
    date: datetime.date | None = None
    evidence: str | None = None
    sample: bool | None = None
    """From a 示例/sample column; None when the sheet has none (real values)."""
    source: str | None = None
    reported: datetime.date | None = None
    numerator: tuple[Decimal, str] | None = None
    """For a share: (value, unit) of the numerator, instead of value."""
    denominator: tuple[Decimal, str] | None = None
    assumed_unit: bool = False
    """True when the sheet gives no unit and the target's (a count or %) was taken."""


ChangeKind = Literal["added", "changed", "unchanged"]


@dataclasses.dataclass(frozen=True)
class Change:
    kind: ChangeKind
    reading: Reading
    old: model.ActualValue | None = None
    index: int | None = None
    """The position of `old` in the period file's values."""


@dataclasses.dataclass(frozen=True)
class Mapping:
    """What a --map file says: other labels for targets, and which header is which column."""

    labels: dict[str, str | None] = dataclasses.field(default_factory=dict)
    """name_key(label) -> target id, or None to skip the row or column."""
    columns: dict[str, str] = dataclasses.field(default_factory=dict)
    """role -> name_key(header)."""


@dataclasses.dataclass(frozen=True)
class SheetValues:
    readings: tuple[Reading, ...]
    findings: tuple[Finding, ...]
    skipped: tuple[str, ...]
    """What was deliberately not imported, for the summary (other periods, empty cells)."""
    other_periods: tuple[str, ...] = ()
    """The periods of the rows that were left out for being of another period."""


# Header words, compared with name_key(). Export writes the first of each pair of lists.
ROLES: dict[str, tuple[str, ...]] = {
    "id": ("编号", "id", "目标编号", "target", "target_id"),
    "name": ("指标", "name", "指标名称", "项目", "名称", "指标项", "项目名称", "主要指标"),
    "value": ("数值", "value", "本期", "本期数", "本期值", "实际", "实际值", "完成值", "完成数"),
    "unit": ("单位", "unit", "计量单位"),
    "numerator": ("分子", "numerator"),
    "numerator_unit": ("分子单位", "numerator_unit"),
    "denominator": ("分母", "denominator"),
    "denominator_unit": ("分母单位", "denominator_unit"),
    "period": ("期间", "period", "时期", "年份", "年度", "统计期"),
    "zone": ("区域", "zone", "地区", "园区"),
    "done": ("完成", "done", "是否完成", "完成情况"),
    "date": ("完成日期", "date", "日期"),
    "evidence": ("佐证", "evidence", "佐证材料", "依据"),
    "sample": ("示例", "sample", "示例数据"),
    "source": ("来源", "source", "数据来源"),
    "reported": ("报送日期", "reported", "上报日期"),
}
_ROLE_OF = {cells.name_key(word): role for role, words in ROLES.items() for word in words}
# Value headers that are not the period's own value: growth on last year and the like.
_NOT_VALUE = ("同比", "比上年", "上年", "去年", "增长率", "增减", "目标", "计划")
_VALUE_HINTS = ("本期", "数值", "实际", "完成数", "完成值", "本年", "累计")
_HEADER_SEARCH = 30


# ----------------------------------------------------------------------------- matching


class Matcher:
    """Labels -> targets, by id, names and aliases, and the mapping file."""

    def __init__(self, targets: Iterable[model.Target], mapping: Mapping) -> None:
        self.by_id = {t.id: t for t in targets}
        self.index: dict[str, set[str]] = {}
        for target in self.by_id.values():
            for label in (target.id, target.name, target.name_en, *target.aliases):
                self.index.setdefault(cells.name_key(label), set()).add(target.id)
                bare, _ = cells.split_label(label)
                self.index.setdefault(cells.name_key(bare), set()).add(target.id)
        self.mapping = mapping

    def match(self, label: str) -> tuple[model.Target | None, str | None, bool]:
        """(target, unit written in the label, skip?); target None and not skip: unknown."""
        key = cells.name_key(label)
        bare, unit = cells.split_label(label)
        for candidate in (key, cells.name_key(bare)):
            if candidate in self.mapping.labels:
                target_id = self.mapping.labels[candidate]
                if target_id is None:
                    return None, unit, True
                return self.by_id[target_id], unit, False
        for candidate in (key, cells.name_key(bare)):
            ids = self.index.get(candidate, set())
            if len(ids) == 1:
                return self.by_id[next(iter(ids))], unit, False
            if len(ids) > 1:
                raise _Ambiguous(sorted(ids))
        return None, unit, False


class _Ambiguous(Exception):
    def __init__(self, ids: list[str]) -> None:
        super().__init__(", ".join(ids))
        self.ids = ids


# ----------------------------------------------------------------------------- reading


def read_values(
    sheet: Sheet, dataset: model.Dataset, period: str, mapping: Mapping | None = None
) -> SheetValues:
    """The values `sheet` reports for `period`, and every problem, located at its cell."""
    reader = _Reader(sheet, dataset, period, mapping or Mapping())
    reader.run()
    for period, count in sorted(reader.other_periods.items()):
        reader.skipped.append(said("skipped-rows", count=count, period=period))
    return SheetValues(
        tuple(reader.readings),
        tuple(sorted(reader.findings)),
        tuple(reader.skipped),
        tuple(sorted(reader.other_periods, key=_period_order)),
    )


def _role(header: Any, mapping: Mapping) -> str | None:
    if cells.is_blank(header):
        return None
    key = cells.name_key(cells.text(header))
    for mapped_role, mapped in mapping.columns.items():
        if key == mapped:
            return mapped_role
    bare = cells.name_key(cells.split_label(cells.text(header))[0])
    role = _ROLE_OF.get(key) or _ROLE_OF.get(bare)
    if (
        role is None
        and any(h in bare for h in _VALUE_HINTS)
        and not any(n in bare for n in _NOT_VALUE)
    ):
        return "value"
    return role


class _Reader:
    def __init__(self, sheet: Sheet, dataset: model.Dataset, period: str, mapping: Mapping):
        self.sheet = sheet
        self.dataset = dataset
        self.table = dataset.plan.unit_table
        self.period = period
        self.mapping = mapping
        # A reference series' values are read like a target's (engine/references.py).
        series = [references.as_target(r) for r in dataset.targets.references]
        self.matcher = Matcher([*dataset.targets.targets, *series], mapping)
        self.readings: list[Reading] = []
        self.findings: list[Finding] = []
        self.skipped: list[str] = []
        self.seen: dict[tuple[str, str | None], Reading] = {}
        self.other_periods: dict[str, int] = {}

    def find(self, where: str, code: str, message: str) -> None:
        self.findings.append(Finding(where, code, message))

    def run(self) -> None:
        rows = self.sheet.rows[:_HEADER_SEARCH]
        for position, (number, cells_) in enumerate(rows):
            columns = self._roles(cells_)
            if ("id" in columns or "name" in columns) and ("value" in columns or "done" in columns):
                above = rows[position - 1][1] if position else ()
                self._by_rows(number, cells_, above, columns)
                return
        for number, cells_ in rows:
            if self._target_columns(number, cells_):
                self._by_columns(number, cells_)
                return
        first = self.sheet.rows[0][0] if self.sheet.rows else 1
        self.find(
            self.sheet.where(first, 1),
            "no-header",
            said("no-header"),
        )

    def _roles(self, row: tuple[Any, ...]) -> dict[str, int]:
        """role -> 1-based column; the first column of each role wins."""
        found: dict[str, int] = {}
        for col, header in enumerate(row, 1):
            role = _role(header, self.mapping)
            if role is not None:
                found.setdefault(role, col)
        return found

    # ------------------------------------------------------------------- row layout

    def _by_rows(
        self,
        header_row: int,
        header: tuple[Any, ...],
        above: tuple[Any, ...],
        roles: dict[str, int],
    ) -> None:
        header_unit = None
        if "value" in roles:
            col = roles["value"]
            for label in (_cell(header, col), _cell(above, col)):
                if not cells.is_blank(label):
                    header_unit = header_unit or cells.split_label(cells.text(label))[1]
        for number, row in self.sheet.rows:
            if number <= header_row:
                continue
            self._row(number, row, roles, header_unit)

    def _row(
        self, number: int, row: tuple[Any, ...], roles: dict[str, int], header_unit: str | None
    ) -> None:
        def get(role: str) -> Any:
            return _cell(row, roles[role]) if role in roles else None

        where = self.sheet.where
        texts = {cells.text(c) for c in row if not cells.is_blank(c)}
        if len(texts) == 1 and len(row) > 1 and not cells.is_blank(get("value")):
            return  # a title or note merged across the table
        has_value = any(
            not cells.is_blank(get(r)) or (number, roles.get(r, 0)) in self.sheet.formulas
            for r in ("value", "done", "numerator")
        )
        label_col = roles.get("id", roles.get("name", 1))
        label = get("id") if not cells.is_blank(get("id")) else get("name")
        if "id" in roles and cells.is_blank(get("id")):
            label_col = roles.get("name", label_col)
        if cells.is_blank(label):
            if has_value:
                self.find(where(number, label_col), "unknown-row", "a value without a name")
            return
        try:
            target, label_unit, skip = self.matcher.match(cells.text(label))
        except _Ambiguous as err:
            self.find(
                where(number, label_col),
                "ambiguous-name",
                said("ambiguous-name", label=repr(cells.text(label)), ids=", ".join(err.ids)),
            )
            return
        if skip:
            return
        if not self._in_period(number, get("period"), roles.get("period", 0)):
            return
        if target is None:
            if has_value:
                self.find(
                    where(number, label_col),
                    "unknown-row",
                    said("unknown-row", label=repr(cells.text(label))),
                )
            return
        if not has_value:
            self.skipped.append(
                said("skipped-empty", target=target.id, cell=where(number, roles.get("value", 1)))
            )
            return
        zone = self._zone(number, get("zone"), roles.get("zone", 0))
        if zone is False:
            return
        fields = self._fields(number, row, roles)
        if fields is None:
            return
        if kind_of(target).shares and not cells.is_blank(get("numerator")):
            share = self._share(target, zone, number, row, roles, fields)
            if share is not None:
                self._add(share)
            return
        cell = (number, roles.get("value", roles.get("done", 1)))
        self._reading(
            target, zone, cell, get("value"), [get("unit"), label_unit, header_unit], fields
        )

    def _in_period(self, number: int, value: Any, col: int) -> bool:
        if cells.is_blank(value):
            return True
        period = parse_period(value)
        if period is None:
            self.find(
                self.sheet.where(number, col),
                "invalid-period",
                said("sheet-period", text=repr(cells.text(value))),
            )
            return False
        if period != self.period:
            self.other_periods[period] = self.other_periods.get(period, 0) + 1
            return False
        return True

    def _zone_ids(self) -> dict[str | None, str]:
        """A zone's id by its id, name or English name (the first zone that has it), made
        once: looking through every zone for every row was quadratic."""
        ids: dict[str | None, str] | None = getattr(self, "_zone_index", None)
        if ids is None:
            ids = {}
            for zone in self.dataset.plan.zones:
                for key in (zone.id, cells.normalise(zone.name), zone.name_en):
                    ids.setdefault(key, zone.id)
            self._zone_index = ids
        return ids

    def _zone(self, number: int, value: Any, col: int) -> str | Literal[False] | None:
        if cells.is_blank(value):
            return None
        text = cells.normalise(cells.text(value))
        found = self._zone_ids().get(text)
        if found is not None:
            return found
        known = ", ".join(f"{z.id} ({z.name})" for z in self.dataset.plan.zones) or "none"
        self.find(
            self.sheet.where(number, col),
            "unknown-zone",
            said("sheet-zone", text=repr(text), known=known),
        )
        return False

    def _fields(
        self, number: int, row: tuple[Any, ...], roles: dict[str, int]
    ) -> dict[str, Any] | None:
        """The optional columns of a row, parsed; None when one of them is wrong."""
        parsers: dict[str, tuple[str, Any]] = {
            "done": ("not-a-flag", cells.flag),
            "sample": ("not-a-flag", cells.flag),
            "date": ("not-a-date", cells.date),
            "reported": ("not-a-date", cells.date),
            "evidence": ("", cells.text),
            "source": ("", cells.text),
        }
        fields: dict[str, Any] = {}
        ok = True
        for role, (code, parse) in parsers.items():
            value = _cell(row, roles[role]) if role in roles else None
            if cells.is_blank(value):
                continue
            try:
                fields[role] = parse(value)
            except cells.CellError as err:
                self.find(self.sheet.where(number, roles[role]), code, err.message)
                ok = False
        return fields if ok else None

    def _reading(
        self,
        target: model.Target,
        zone: str | None,
        cell: tuple[int, int],
        raw: Any,
        unit_hints: list[Any],
        fields: dict[str, Any],
    ) -> None:
        where = self.sheet.where(*cell)
        if kind_of(target).counted:
            self.find(
                where,
                "register-target",
                said("sheet-counted", target=target.id),
            )
            return
        if cell in self.sheet.formulas:
            self.find(
                where,
                "formula-no-value",
                said("formula-no-value", formula=self.sheet.formulas[cell]),
            )
            return
        if kind_of(target).flag:
            reading = self._milestone(target, zone, where, raw, fields)
        else:
            reading = self._number(target, zone, where, raw, unit_hints, fields)
        if reading is not None:
            self._add(reading)

    def _milestone(
        self,
        target: model.Target,
        zone: str | None,
        where: str,
        raw: Any,
        fields: dict[str, Any],
    ) -> Reading | None:
        done = fields.get("done")
        if done is None:
            try:
                done = cells.flag(raw)
            except cells.CellError as err:
                self.find(
                    where, "not-a-flag", said("sheet-milestone", target=target.id, why=err.message)
                )
                return None
        return Reading(
            target,
            where,
            zone,
            done=done,
            date=fields.get("date"),
            evidence=fields.get("evidence"),
            sample=fields.get("sample"),
            source=fields.get("source"),
            reported=fields.get("reported"),
        )

    def _number(
        self,
        target: model.Target,
        zone: str | None,
        where: str,
        raw: Any,
        unit_hints: list[Any],
        fields: dict[str, Any],
    ) -> Reading | None:
        try:
            value, written = cells.number(raw)
        except cells.CellError as err:
            self.find(where, "not-a-number", err.message)
            return None
        unit_cell, *others = unit_hints
        column_unit = None
        if not cells.is_blank(unit_cell):
            column_unit = cells.unit_of(cells.text(unit_cell), self.table)
            if column_unit is None:
                known = ", ".join(self.table)
                self.find(
                    where,
                    "unknown-unit",
                    said("sheet-unknown-unit", unit=repr(cells.text(unit_cell)), known=known),
                )
                return None
        if written and column_unit and written != column_unit:
            self.find(
                where,
                "unit-mismatch",
                said("sheet-units-differ", written=written, column=column_unit),
            )
            return None
        unit = written or column_unit or next((u for u in others if u), None)
        allowed = allowed_units(target)
        assumed = False
        if unit is None:
            own = allowed[0]
            if units.unit(own, self.table).dimension == "money":
                self.find(
                    where,
                    "no-unit",
                    said("sheet-no-unit", target=target.id, value=value),
                )
                return None
            unit, assumed = own, True
        if not any(units.compatible(unit, a, self.table) for a in allowed):
            self.find(
                where,
                "unit-mismatch",
                said(
                    "sheet-unit-mismatch", target=target.id, allowed=" or ".join(allowed), unit=unit
                ),
            )
            return None
        return Reading(
            target,
            where,
            zone,
            value=value,
            unit=unit,
            sample=fields.get("sample"),
            source=fields.get("source"),
            reported=fields.get("reported"),
            assumed_unit=assumed,
        )

    def _share(
        self,
        target: model.Target,
        zone: str | None,
        number: int,
        row: tuple[Any, ...],
        roles: dict[str, int],
        fields: dict[str, Any],
    ) -> Reading | None:
        """A share given as numerator and denominator, each with its unit."""
        parts = []
        for part in ("numerator", "denominator"):
            col = roles.get(part, roles["numerator"])
            where = self.sheet.where(number, col)
            try:
                value, written = cells.number(_cell(row, col))
            except cells.CellError as err:
                self.find(where, "not-a-number", said("sheet-part", part=part, why=err.message))
                return None
            unit_cell = _cell(row, roles.get(f"{part}_unit", 0))
            unit = written or (
                None if cells.is_blank(unit_cell) else cells.unit_of(str(unit_cell), self.table)
            )
            if unit is None:
                self.find(where, "no-unit", said("sheet-part-unit", target=target.id, part=part))
                return None
            parts.append((value, unit))
        return Reading(
            target,
            self.sheet.where(number, roles["numerator"]),
            zone,
            numerator=parts[0],
            denominator=parts[1],
            sample=fields.get("sample"),
            source=fields.get("source"),
            reported=fields.get("reported"),
        )

    def _add(self, reading: Reading) -> None:
        key = (reading.target.id, reading.zone)
        first = self.seen.get(key)
        if first is None:
            self.seen[key] = reading
            self.readings.append(reading)
        elif not same_value(first, reading, self.table):
            self.find(
                reading.where,
                "duplicate-row",
                said("duplicate-row", target=reading.target.id, first=first.where),
            )

    # ---------------------------------------------------------------- column layout

    def _target_columns(self, number: int, row: tuple[Any, ...]) -> bool:
        for header in row:
            if cells.is_blank(header):
                continue
            try:
                target, _, _ = self.matcher.match(cells.text(header))
            except _Ambiguous:
                return True
            if target is not None:
                return True
        return False

    def _by_columns(self, header_row: int, header: tuple[Any, ...]) -> None:
        roles = self._roles(header)
        data = [(n, r) for n, r in self.sheet.rows if n > header_row]
        if "period" in roles:
            data = [
                (n, r)
                for n, r in data
                if self._in_period(n, _cell(r, roles["period"]), roles["period"])
            ]
        elif len(data) > 1 and "zone" not in roles:
            self.find(
                self.sheet.where(data[1][0], 1),
                "invalid-period",
                said("sheet-no-period-column", period=self.period),
            )
            return
        for col, label in enumerate(header, 1):
            if cells.is_blank(label) or col in roles.values():
                continue
            try:
                target, label_unit, skip = self.matcher.match(cells.text(label))
            except _Ambiguous as err:
                self.find(
                    self.sheet.where(header_row, col),
                    "ambiguous-name",
                    said("ambiguous-name", label=repr(cells.text(label)), ids=", ".join(err.ids)),
                )
                continue
            for number, row in data:
                raw = _cell(row, col)
                if skip or (cells.is_blank(raw) and (number, col) not in self.sheet.formulas):
                    continue
                if target is None:
                    self.find(
                        self.sheet.where(header_row, col),
                        "unknown-row",
                        said("unknown-column", label=repr(cells.text(label))),
                    )
                    break
                zone = self._zone(number, _cell(row, roles.get("zone", 0)), roles.get("zone", 0))
                if zone is False:
                    continue
                self._reading(target, zone, (number, col), raw, [None, label_unit], {})


def _cell(row: tuple[Any, ...], col: int) -> Any:
    return row[col - 1] if 0 < col <= len(row) else None


_QUARTER = re.compile(
    r"([0-9]{4})[ ]?(?:-|年)?[ ]?(?:Q|第)?[ ]?([1-4一二三四])[ ]?(?:季度|季)?\Z", re.I
)
_CN_QUARTER = {"一": "1", "二": "2", "三": "3", "四": "4"}


def parse_period(value: Any) -> str | None:
    """2020, 2020年, 2020-Q2, 2020Q2, 2020年第二季度 -> the period, else None."""
    text = cells.normalise(cells.text(value)).removesuffix("年度").removesuffix("年")
    if tokens.is_period(text):
        return text
    match = _QUARTER.match(text)
    if match:
        return f"{match[1]}-Q{_CN_QUARTER.get(match[2], match[2])}"
    return None


# ----------------------------------------------------------------------------- changes


def same_value(a: Reading, b: Reading, table: units.Table = units.UNITS) -> bool:
    if a.value is not None and b.value is not None and a.unit and b.unit:
        if not units.compatible(b.unit, a.unit, table):
            return False
        return units.convert(b.value, b.unit, a.unit, table) == a.value
    fields = ("value", "numerator", "denominator", "done", "date", "evidence")
    return all(getattr(a, name) == getattr(b, name) for name in fields)


def plan_changes(
    readings: Iterable[Reading],
    existing: model.ActualsFile | None,
    table: units.Table = units.UNITS,
) -> list[Change]:
    """Each reading as added, changed or unchanged against the period's file."""
    index: dict[tuple[str, str | None], tuple[int, model.ActualValue]] = {}
    if existing is not None:
        for position, value in enumerate(existing.values):
            index.setdefault((value.target, value.zone), (position, value))
    changes = []
    for reading in readings:
        found = index.get((reading.target.id, reading.zone))
        if found is None:
            changes.append(Change("added", reading))
            continue
        position, old = found
        assert existing is not None
        kind: ChangeKind = "unchanged" if _unchanged(reading, old, existing, table) else "changed"
        changes.append(Change(kind, reading, old, position))
    return changes


def _unchanged(
    reading: Reading,
    old: model.ActualValue,
    file: model.ActualsFile,
    table: units.Table = units.UNITS,
) -> bool:
    old_sample = file.sample if old.sample is None else old.sample
    if bool(reading.sample) != old_sample:
        return False
    if kind_of(reading.target).flag:
        return all(
            new is None or new == current
            for new, current in (
                (reading.done, old.done),
                (reading.date, old.date),
                (reading.evidence, old.evidence),
            )
        )
    if reading.numerator is not None and reading.denominator is not None:
        return (
            old.numerator is not None
            and old.denominator is not None
            and _same_quantity(reading.numerator, old.numerator, table)
            and _same_quantity(reading.denominator, old.denominator, table)
        )
    if old.value is None or old.unit is None or reading.value is None or reading.unit is None:
        return False
    if not units.compatible(reading.unit, old.unit, table):
        return False
    return units.convert(reading.value, reading.unit, old.unit, table) == old.value


def _same_quantity(
    new: tuple[Decimal, str], old: model.Quantity, table: units.Table = units.UNITS
) -> bool:
    value, unit = new
    return units.compatible(unit, old.unit, table) and (
        units.convert(value, unit, old.unit, table) == old.value
    )


def describe(value: model.ActualValue | Reading | None) -> str:
    """A value in a change table: 21000 万元, done 2020-05-28, –."""
    if value is None:
        return "–"
    if value.done is not None:
        text = "done" if value.done else "not done"
        return text + (f" {value.date.isoformat()}" if value.date else "")
    if isinstance(value, model.ActualValue) and value.numerator and value.denominator:
        numerator, denominator = value.numerator, value.denominator
        return f"{numerator.value:f} {numerator.unit} / {denominator.value:f} {denominator.unit}"
    if isinstance(value, Reading) and value.numerator and value.denominator:
        (top, top_unit), (bottom, bottom_unit) = value.numerator, value.denominator
        return f"{top:f} {top_unit} / {bottom:f} {bottom_unit}"
    if value.value is None:
        return "–"
    return f"{value.value:f} {value.unit or ''}".strip()


def _period_order(period: str) -> tuple[int, int, int]:
    from hitrack.core import periods

    return periods.sort_key(period)
