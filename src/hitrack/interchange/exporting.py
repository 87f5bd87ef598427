"""Targets with their latest reported value, gap and status, as CSV, xlsx or JSON.

One row per target (per zone, for targets that apply to each zone; a plan-wide total
reported zone by zone also gets a row per zone, with the zone's part, not judged). A row
carries the value as reported (`value` and `unit`, or `numerator` and `denominator` for a
share, and `period`: what `hitrack import` reads back) and the assessment (`measure` in
the target's terms, e.g. the growth rate, `gap`, `percent`, `status`). The header words
are the import's column names, so an export imports as is.

Cells are made safe for spreadsheets: in CSV a text starting with = + - @ gets a leading
apostrophe (CSV injection); in xlsx every text cell is stored as text, never a formula.
Numbers stay numbers.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hitrack.core import model
from hitrack.core.statuses import Status
from hitrack.engine import progress, references
from hitrack.engine.kinds import kind_of, points_unit, template_unit
from hitrack.i18n import Lang, pick, status_word, word
from hitrack.render import escape, grouping
from hitrack.render.status import target_words

if TYPE_CHECKING:
    from hitrack.render.period_matrix import Matrix

EXPORT_SCHEMA = "hitrack.export/v1"

#: key, Chinese header, English header. Import recognises the headers it needs by name.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "编号", "id"),
    ("name", "指标", "name"),
    ("name_en", "英文名称", "name_en"),
    ("kind", "类型", "kind"),
    ("plan_target", "规划目标", "plan_target"),
    ("plan_value", "目标值", "plan_value"),
    ("plan_unit", "目标单位", "plan_unit"),
    ("owners", "责任单位", "owners"),
    ("section", "章节", "section"),
    ("zone", "区域", "zone"),
    ("period", "期间", "period"),
    ("value", "数值", "value"),
    ("unit", "单位", "unit"),
    ("numerator", "分子", "numerator"),
    ("numerator_unit", "分子单位", "numerator_unit"),
    ("denominator", "分母", "denominator"),
    ("denominator_unit", "分母单位", "denominator_unit"),
    ("done", "完成", "done"),
    ("date", "完成日期", "date"),
    ("evidence", "佐证", "evidence"),
    ("measure", "测度", "measure"),
    ("measure_unit", "测度单位", "measure_unit"),
    ("gap", "差距", "gap"),
    ("percent", "完成度(%)", "percent"),
    ("status", "状态", "status"),
    ("sample", "示例", "sample"),
    ("source", "来源", "source"),
    ("reported", "报送日期", "reported"),
)
Cell = str | Decimal | bool | datetime.date | None


@dataclasses.dataclass(frozen=True)
class Export:
    dataset: model.Dataset
    as_of: str
    rows: tuple[dict[str, Cell], ...]
    periods: Matrix | None = None
    """Every target's value in each reported period (xlsx and JSON; the CSV stays one table
    that imports as is)."""

    @property
    def sample(self) -> bool:
        return any(row["sample"] for row in self.rows)


def build(dataset: model.Dataset, as_of: str | None, lang: Lang, *, periods: bool = True) -> Export:
    """`periods`: also the period matrix (xlsx and JSON show it; CSV does not)."""
    with progress.bulk():
        return _build(dataset, as_of or progress.latest_period(dataset), lang, periods)


def _build(dataset: model.Dataset, as_of: str, lang: Lang, periods: bool) -> Export:
    reported = _reported_index(dataset)
    rows = []
    for target in dataset.targets.targets:
        zones: Sequence[str | None] = [None]
        if target.zone_scope == "each" and dataset.plan.zones:
            zones = [z.id for z in dataset.plan.zones]
        # A row shows no projection (`COLUMNS`): the statuses are told without one.
        with progress.only_statuses():
            for zone in zones:
                assessment = progress.assess(dataset, target, as_of, zone)
                rows.append(_row(assessment, lang, reported))
        if zones == [None]:
            rows += _zone_parts(dataset, target, as_of, lang, reported)
    rows += [_reference_row(dataset, r, as_of, lang, reported) for r in dataset.targets.references]
    _fill_responsible(dataset, rows, lang)
    if not periods:
        return Export(dataset, as_of, tuple(rows))
    from hitrack.render import period_matrix

    assessments = progress.assess_all(dataset, as_of)
    matrix = period_matrix.build(dataset, as_of, assessments, None, statuses=False)
    return Export(dataset, as_of, tuple(rows), matrix)


def _zone_parts(
    dataset: model.Dataset, target: model.Target, as_of: str, lang: Lang, reported: _Reported
) -> list[dict[str, Cell]]:
    """The zones' own values of a plan-wide target, as reported; a zone's part of a total
    is not held against the total's target, so the assessment columns stay empty."""
    parts = []
    for zone in dataset.plan.zones:
        assessment = progress.assess(dataset, target, as_of, zone.id)
        if (assessment.period, target.id, zone.id) not in reported:
            continue
        row = _row(assessment, lang, reported)
        row.update(gap=None, percent=None, status=None)
        parts.append(row)
    return parts


#: (period, target, zone) -> the first value so reported, with its file
_Reported = dict[tuple[str, str, "str | None"], tuple[model.ActualsFile, model.ActualValue]]


def _reported_index(dataset: model.Dataset) -> _Reported:
    """The value behind each (period, target, zone), as reported: the first in file order,
    built once per export (looking each row up in its period's file was quadratic)."""
    index: _Reported = {}
    for _, actuals in dataset.actuals:
        period = actuals.period
        for value in actuals.values:
            index.setdefault((period, value.target, value.zone), (actuals, value))
    return index


def _reference_row(
    dataset: model.Dataset,
    reference: model.Reference,
    as_of: str,
    lang: Lang,
    reported: _Reported,
) -> dict[str, Cell]:
    """A reference series' latest value as reported (kind `reference`): not judged, and read
    back by import like a target's."""
    series = references.as_target(reference)
    points, _ = progress.series(dataset, series, None, as_of)
    latest = points[-1].period if points else None
    shown = progress.Assessment(
        target=series,
        zone=None,
        as_of=as_of,
        deadline=as_of,
        status=Status.NO_DATA,
        period=latest,
        unit=reference.unit,
        actual=points[-1].value if points else None,
    )
    row = _row(shown, lang, reported)
    row.update(kind="reference", plan_target=None, status=None, sample=bool(row["sample"]))
    return row


def _fill_responsible(dataset: model.Dataset, rows: list[dict[str, Cell]], lang: Lang) -> None:
    """Each target row's owners (with their roles) and section, in words."""
    plan = dataset.plan
    targets = {t.id: t for t in dataset.targets.targets}
    for row in rows:
        target = targets.get(str(row["id"]))
        if target is None:
            continue
        if target.owners:
            row["owners"] = grouping.owners_text(plan, target, lang)
        if target.section:
            row["section"] = grouping.section_text(plan, target, lang)


def _row(a: progress.Assessment, lang: Lang, reported: _Reported) -> dict[str, Cell]:
    t = a.target
    found = reported.get((a.period, t.id, a.zone)) if a.period is not None else None
    row: dict[str, Cell] = {key: None for key, _, _ in COLUMNS}
    row.update(
        id=t.id,
        name=t.name,
        name_en=t.name_en,
        kind=t.kind,
        plan_target=target_words(t, lang),
        plan_value=t.value,
        plan_unit=t.unit,
        zone=a.zone,
        period=a.period,
        measure=None if kind_of(t).flag else a.actual,
        measure_unit=None if a.unit == "zones" else a.unit,
        gap=a.gap,
        percent=None if a.percent is None else _round(a.percent),
        status=status_word(a.status, lang),
        sample=a.sample,
        source=a.source,
        reported=a.reported,
    )
    if found is not None:
        actuals, value = found
        row.update(
            value=value.value,
            unit=value.unit,
            numerator=value.numerator.value if value.numerator else None,
            numerator_unit=value.numerator.unit if value.numerator else None,
            denominator=value.denominator.value if value.denominator else None,
            denominator_unit=value.denominator.unit if value.denominator else None,
            done=value.done,
            date=value.date,
            evidence=value.evidence,
            sample=actuals.sample if value.sample is None else value.sample,
            source=value.source or actuals.source,
            reported=value.reported or actuals.reported,
        )
    for key in ("measure", "gap"):
        number = row[key]
        if isinstance(number, Decimal):
            row[key] = _round(number)
    return row


def _round(number: Decimal) -> Decimal:
    """Derived figures (rates, gaps) to 6 decimals: exact enough, and short in a cell."""
    return number.quantize(Decimal("0.000001")).normalize() if number.adjusted() < 12 else number


def headers(lang: Lang) -> list[str]:
    return [pick(lang, zh, en) for _, zh, en in COLUMNS]


# ------------------------------------------------------------------------------ formats


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def render_csv(export: Export, lang: Lang) -> bytes:
    return _csv(headers(lang), [key for key, _, _ in COLUMNS], export.rows)


def _csv(header: Sequence[str], keys: Sequence[str], rows: Iterable[Mapping[str, Cell]]) -> bytes:
    """UTF-8 with a BOM, which Excel and WPS need to show Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        cells = []
        for key in keys:
            value = row[key]
            text = _text(value)
            if isinstance(value, str):
                text = escape.spreadsheet(text)
            cells.append(text)
        writer.writerow(cells)
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def render_json(export: Export, lang: Lang) -> bytes:
    plan = export.dataset.plan
    document = {
        "schema": EXPORT_SCHEMA,
        "plan": {"id": plan.id, "title": plan.title, "document_number": plan.document_number},
        "as_of": export.as_of,
        "sample": export.sample,
        "rows": [
            {key: (None if row[key] is None else _json(row[key])) for key, _, _ in COLUMNS}
            for row in export.rows
        ],
    }
    if export.periods is not None:
        document["periods"] = _periods_json(export.periods)
    return escape.json_text(document).encode("utf-8")


def _periods_json(matrix: Matrix) -> dict[str, Any]:
    return {
        "periods": list(matrix.periods),
        "targets": [
            {
                "id": row.assessment.target.id,
                "zone": row.assessment.zone,
                "unit": row.assessment.unit,
                "cells": [
                    {
                        "period": cell.period,
                        "value": None if cell.value is None else _text(cell.value),
                        "sample": cell.sample,
                    }
                    for cell in row.cells
                ],
            }
            for row in matrix.rows
        ],
    }


def _json(value: Cell) -> Any:
    if isinstance(value, bool):
        return value
    return _text(value)


def render_xlsx(export: Export, lang: Lang) -> bytes:
    """A header row (frozen), number and date formats, column widths; a sample note row and
    a notes sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = word("sheet_targets", lang)
    header_row = 1
    if export.sample:
        sheet.cell(1, 1, word("sample_banner", lang)).font = Font(bold=True, color="C00000")
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
        header_row = 2
    widths = [_width(h) for h in headers(lang)]
    for col, title in enumerate(headers(lang), 1):
        cell = sheet.cell(header_row, col, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for offset, row in enumerate(export.rows, 1):
        for col, (key, _, _) in enumerate(COLUMNS, 1):
            _put(sheet.cell(header_row + offset, col), row[key])
            widths[col - 1] = max(widths[col - 1], _width(_text(row[key])))
    sheet.freeze_panes = f"A{header_row + 1}"
    from openpyxl.utils import get_column_letter

    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, 50)
    if export.periods is not None and export.periods.periods:
        _periods_sheet(workbook.create_sheet(word("periods_sheet", lang)), export.periods, lang)
    _notes(workbook.create_sheet(word("sheet_notes", lang)), export, lang)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _periods_sheet(sheet: Any, matrix: Matrix, lang: Lang) -> None:
    """One row per target, one column per period: numbers as numbers, a sample in italics
    and orange (the first row says so), a milestone as ✔/✘."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from hitrack.render import period_matrix

    titles = ["id", *period_matrix.header(matrix, lang)]
    titles.insert(3, word("unit", lang))
    sheet.cell(1, 1, word("periods_sample_note", lang)).font = Font(italic=True, color="C05000")
    for col, title in enumerate(titles, 1):
        sheet.cell(2, col, escape.xlsx(title)).font = Font(bold=True)
    texts = period_matrix.rows(matrix, lang)
    widths = [_width(t) for t in titles]
    for number, (row, shown) in enumerate(zip(matrix.rows, texts, strict=True), 3):
        a = row.assessment
        unit = points_unit(a.target, a.unit)
        head = [a.target.id, shown[0], shown[1], unit or ""]
        for col, text in enumerate(head, 1):
            _put(sheet.cell(number, col), text)
            widths[col - 1] = max(widths[col - 1], _width(text))
        for col, (cell, text) in enumerate(zip(row.cells, shown[2:], strict=True), 5):
            target = sheet.cell(number, col)
            if cell.value is not None and not kind_of(a.target).flag:
                _put(target, cell.value)
            elif cell.value is not None or text != "–":
                _put(target, text.removesuffix(" *"))
            if cell.sample:
                target.font = Font(italic=True, color="C05000")
    sheet.freeze_panes = "C3"
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, 40)


def _put(cell: Any, value: Cell) -> None:
    if value is None:
        return
    if isinstance(value, str):
        cell.value = escape.xlsx(value)
        cell.data_type = "s"  # openpyxl would store text starting with = as a formula
        return
    cell.value = value
    if isinstance(value, Decimal):
        cell.number_format = "#,##0" if value == value.to_integral_value() else "#,##0.0#####"
    elif isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"


def _notes(sheet: Any, export: Export, lang: Lang) -> None:
    plan = export.dataset.plan
    lines = [
        plan.title,
        plan.document_number or "",
        f"{word('as_of', lang)} {export.as_of}",
        word("sample_banner", lang) if export.sample else "",
        "hitrack export",
    ]
    for number, line in enumerate(filter(None, lines), 1):
        cell = sheet.cell(number, 1, escape.xlsx(line))
        cell.data_type = "s"
    sheet.column_dimensions["A"].width = 80


def _width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


RENDERERS = {"csv": render_csv, "json": render_json, "xlsx": render_xlsx}


# ---------------------------------------------------------------------------- template

#: key, Chinese header, English header of the sheet to fill in (`export --template`). The
#: reference column's header names no import role, so import leaves it alone.
TEMPLATE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "编号", "id"),
    ("name", "指标", "name"),
    ("zone", "区域", "zone"),
    ("unit", "单位", "unit"),
    ("previous", "上期值（{period}）", "previous ({period})"),
    ("period", "期间", "period"),
    ("value", "数值", "value"),
    ("done", "完成", "done"),
    ("date", "完成日期", "date"),
    ("evidence", "佐证", "evidence"),
)


@dataclasses.dataclass(frozen=True)
class Template:
    """The sheet a statistics office fills in for `period`: a row per target (per zone for
    targets of each zone), the last value before `period` for reference, and an empty
    value column that `hitrack import --period PERIOD` reads back."""

    dataset: model.Dataset
    period: str
    previous: str | None
    """The latest period before `period` with values (the reference column's)."""
    rows: tuple[dict[str, Cell], ...]

    @property
    def sample(self) -> bool:
        return False


def build_template(dataset: model.Dataset, period: str, lang: Lang) -> Template:
    from hitrack.core import periods

    key = periods.sort_key(period)
    earlier = [(rel, a) for rel, a in dataset.actuals if periods.sort_key(a.period) < key]
    last: dict[tuple[str, str | None], tuple[str, model.ActualValue]] = {}
    for _, actuals in earlier:  # in period order: the latest wins
        for value in actuals.values:
            last[(value.target, value.zone)] = (actuals.period, value)
    previous = earlier[-1][1].period if earlier else None
    rows: list[dict[str, Cell]] = []
    for target in dataset.targets.targets:
        if kind_of(target).counted:
            continue  # counted from platforms.yaml
        zones: Sequence[str | None] = [None]
        if target.zone_scope == "each" and dataset.plan.zones:
            zones = [z.id for z in dataset.plan.zones]
        elif target.zone is not None:
            zones = [target.zone]
        for zone in zones:
            reported = last.get((target.id, zone))
            rows.append(_template_row(target, zone, period, reported, lang))
    return Template(dataset, period, previous, tuple(rows))


def _template_row(
    target: model.Target,
    zone: str | None,
    period: str,
    reported: tuple[str, model.ActualValue] | None,
    lang: Lang,
) -> dict[str, Cell]:
    name = pick(lang, target.name, target.name_en)
    row: dict[str, Cell] = {key: None for key, _, _ in TEMPLATE_COLUMNS}
    row.update(id=target.id, name=name, zone=zone, period=period)
    value = reported[1] if reported else None
    if kind_of(target).flag:
        row["previous"] = None if value is None else value.done
        return row
    unit = template_unit(target)
    if value is not None and value.value is not None and value.unit is not None:
        row["previous"], unit = value.value, value.unit
    elif value is not None and value.numerator is not None and value.denominator is not None:
        share = value.numerator.value * 100 / value.denominator.value
        row["previous"], unit = round(share, 6).normalize(), "%"
    row["unit"] = unit
    return row


def template_headers(template: Template, lang: Lang) -> list[str]:
    shown = template.previous or "–"
    return [pick(lang, zh, en).format(period=shown) for _, zh, en in TEMPLATE_COLUMNS]


def render_template_csv(template: Template, lang: Lang) -> bytes:
    keys = [key for key, _, _ in TEMPLATE_COLUMNS]
    return _csv(template_headers(template, lang), keys, template.rows)


def render_template_xlsx(template: Template, lang: Lang) -> bytes:
    """The header row frozen and bold; the value column's cells left empty for the office."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = template.period
    titles = template_headers(template, lang)
    widths = [_width(title) for title in titles]
    fill = PatternFill("solid", fgColor="FFF2CC")
    for col, title in enumerate(titles, 1):
        sheet.cell(1, col, title).font = Font(bold=True)
    for number, row in enumerate(template.rows, 2):
        for col, (key, _, _) in enumerate(TEMPLATE_COLUMNS, 1):
            cell = sheet.cell(number, col)
            _put(cell, row[key])
            if key in ("value", "done", "date", "evidence"):
                cell.fill = fill  # the cells to fill in
            widths[col - 1] = max(widths[col - 1], _width(_text(row[key])))
    sheet.freeze_panes = "A2"
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, 50)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


TEMPLATE_RENDERERS = {"csv": render_template_csv, "xlsx": render_template_xlsx}
