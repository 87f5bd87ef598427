"""`hitrack status --periods`: one row per target, one column per reported period.

Each cell is the value reported for that period in the target's measured unit (the series
for growth targets, ✔/✘ for milestones), with `*` for a sample; JSON also gives the
status the target had as of each period. The models are hledger's `--budget -Y/-Q` and
Open SDG's table view.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from decimal import Decimal

from hitrack.core import model, periods
from hitrack.engine import progress
from hitrack.engine.kinds import kind_of, points_unit
from hitrack.engine.progress import Assessment
from hitrack.i18n import Lang, word
from hitrack.render import escape
from hitrack.render.status import (
    StatusReport,
    actual_words,
    headline,
    number,
    sample_banner,
    target_name,
    target_words,
)

SCHEMA = "hitrack.periods/v1"


@dataclasses.dataclass(frozen=True)
class Cell:
    period: str
    value: Decimal | None
    text: str
    """The value in words, `*` for a sample; "–" when the period reports none."""
    sample: bool
    status: str
    """The target's status as of this period."""
    count: Assessment | None = None
    """For a register target: its assessment as of this period, worded in the reader's
    language when shown."""


@dataclasses.dataclass(frozen=True)
class Row:
    assessment: Assessment
    """As of the matrix's last period."""
    cells: tuple[Cell, ...]


@dataclasses.dataclass(frozen=True)
class Matrix:
    dataset: model.Dataset
    as_of: str
    periods: tuple[str, ...]
    rows: tuple[Row, ...]
    zone: str | None = None


def reported_periods(dataset: model.Dataset, as_of: str) -> tuple[str, ...]:
    found = {file.period for _, file in dataset.actuals}
    limit = periods.sort_key(as_of)
    return tuple(sorted((p for p in found if periods.sort_key(p) <= limit), key=periods.sort_key))


def build(
    dataset: model.Dataset,
    as_of: str,
    assessments: Sequence[Assessment],
    zone: str | None,
    *,
    statuses: bool = True,
) -> Matrix:
    """The matrix of the assessments' targets over the periods reported up to `as_of`.

    With `statuses`, each cell also holds the target's status as of its period (one
    assessment per target and period); without, only milestones and registers are assessed
    per period (their cells are what the assessment says) and the others' cells come from
    the series already assessed, with an empty status."""
    columns = reported_periods(dataset, as_of)
    rows = []
    for a in assessments:
        cells = []
        per_period = statuses or not kind_of(a.target).numeric
        for period in columns:
            then = None
            if per_period:
                then = progress.assess_target(dataset, a.target, period, a.zone or zone)
            status = then.status if then is not None else ("no_data" if statuses else "")
            cells.append(_cell(a, then, period, status))
        rows.append(Row(a, tuple(cells)))
    return Matrix(dataset, as_of, columns, tuple(rows), zone)


def _cell(a: Assessment, then: Assessment | None, period: str, status: str) -> Cell:
    point = next((p for p in reversed(a.points) if p.period == period), None)
    if point is not None:
        unit = points_unit(a.target, a.unit)
        text = number(point.value, unit) + (" *" if point.sample else "")
        due = next((i for i in a.interim if i.period == period and i.met is not None), None)
        if due is not None:
            # An interim value of the target's path, judged: 42 (✓40), 46 (✗48).
            text += f" ({'✓' if due.met else '✗'}{number(due.value, unit)})"
        if period in a.missed_years:
            text += " ✗"  # a year a target held (or moving) every year missed
        return Cell(period, point.value, text, point.sample, status)
    kind = kind_of(a.target)
    if then is not None and then.period == period and kind.counted:
        text = actual_words(then, "en", with_period=False)
        return Cell(period, then.actual, text, then.sample, status, count=then)
    if then is not None and then.period == period and kind.flag:
        return Cell(period, then.actual, _done(then), then.sample, status)
    return Cell(period, None, "–", False, status)


def _text(cell: Cell, lang: Lang) -> str:
    if cell.count is not None:
        return actual_words(cell.count, lang, with_period=False)
    return cell.text


def _done(then: Assessment) -> str:
    text = "✔" if then.done else "✘"
    return text + (" *" if then.sample else "")


def last_periods(matrix: Matrix, count: int) -> Matrix:
    """The matrix with only its last `count` periods (a page has room for so many)."""
    if len(matrix.periods) <= count:
        return matrix
    rows = tuple(dataclasses.replace(row, cells=row.cells[-count:]) for row in matrix.rows)
    return dataclasses.replace(matrix, periods=matrix.periods[-count:], rows=rows)


def header(matrix: Matrix, lang: Lang) -> list[str]:
    return [word("name", lang), word("target", lang), *matrix.periods]


def rows(matrix: Matrix, lang: Lang) -> list[list[str]]:
    """The cells as shown: name, the target in words, then each period's value."""
    return [
        [
            target_name(row.assessment, lang),
            target_words(row.assessment.target, lang),
            *(_text(cell, lang) for cell in row.cells),
        ]
        for row in matrix.rows
    ]


def _title(matrix: Matrix, lang: Lang) -> tuple[str, str]:
    report = StatusReport(
        matrix.dataset, matrix.as_of, [r.assessment for r in matrix.rows], matrix.zone
    )
    title, when = headline(report, lang)
    return title, when + "\n" + sample_banner(report, lang) if sample_banner(report, lang) else when


def render_table(matrix: Matrix, lang: Lang) -> str:
    from tabulate import tabulate

    title, when = _title(matrix, lang)
    cells = [[escape.terminal(c) for c in row] for row in rows(matrix, lang)]
    titles = [escape.terminal(h) for h in header(matrix, lang)]
    body = tabulate(cells, titles, tablefmt="simple", disable_numparse=True)
    return "\n".join(
        [escape.terminal(title), *map(escape.terminal, when.split("\n")), "", body, ""]
    )


def render_markdown(matrix: Matrix, lang: Lang) -> str:
    from hitrack.render.markdown import table

    title, when = _title(matrix, lang)
    lines = [f"### {escape.markdown(title)}", ""]
    lines += [escape.markdown(line) for line in when.split("\n")]
    return "\n".join([*lines, "", table(header(matrix, lang), rows(matrix, lang))]) + "\n"


def render_csv(matrix: Matrix, lang: Lang) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")

    safe = escape.spreadsheet
    writer.writerow(["id", *(safe(h) for h in header(matrix, lang))])
    for row, cells in zip(matrix.rows, rows(matrix, lang), strict=True):
        writer.writerow([row.assessment.target.id, *(safe(c) for c in cells)])
    return "\ufeff" + out.getvalue()  # with a BOM, as status --format csv and export


def render_json(matrix: Matrix, lang: Lang) -> str:
    document = {
        "schema": SCHEMA,
        "plan": matrix.dataset.plan.id,
        "as_of": matrix.as_of,
        "zone": matrix.zone,
        "periods": list(matrix.periods),
        "targets": [
            {
                "id": row.assessment.target.id,
                "zone": row.assessment.zone,
                "name": row.assessment.target.name,
                "name_en": row.assessment.target.name_en,
                "unit": row.assessment.unit,
                "cells": [
                    {
                        "period": cell.period,
                        "value": None if cell.value is None else str(cell.value),
                        "sample": cell.sample,
                        "status": cell.status,
                    }
                    for cell in row.cells
                ],
            }
            for row in matrix.rows
        ],
    }
    return str(escape.json_document(json.dumps(document, ensure_ascii=False, indent=2))) + "\n"


FORMATS = {
    "table": render_table,
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
}
