"""Renderers for `hitrack status`: table, json, markdown and csv, by name in `FORMATS`.

All four start from the same assessments; `rows` turns them into display strings once, in
the chosen language, so the formats cannot disagree.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Sequence, Set
from decimal import ROUND_FLOOR, Decimal
from typing import Any, Protocol

from hitrack.core import model
from hitrack.core.statuses import Status
from hitrack.engine.kinds import kind_of
from hitrack.engine.progress import Assessment, format_decimal
from hitrack.i18n import Lang, named, pick, reason_words, status_word, word
from hitrack.render import escape

STATUS_SCHEMA = "hitrack.status/v1"

SYMBOLS = {status.value: status.symbol for status in Status}
COLOURS = {status.value: status.colour for status in Status}


@dataclasses.dataclass(frozen=True)
class StatusReport:
    """What every status format renders."""

    dataset: model.Dataset
    as_of: str
    assessments: Sequence[Assessment]
    zone: str | None = None


class StatusFormat(Protocol):
    def render(self, report: StatusReport, lang: Lang, width: int | None) -> str: ...


# ------------------------------------------------------------------------ words


def number(value: Decimal | None, unit: str | None = None) -> str:
    if value is None:
        return "–"
    return f"{format_decimal(value)}{unit_suffix(unit)}"


def unit_suffix(unit: str | None) -> str:
    if not unit or unit == "zones":
        return ""
    return unit if unit in ("%",) or not unit.isascii() else f" {unit}"


READING_MARK = "†"
"""Follows a target that is a reading of its quote, not the document's words (`reading`)."""


def target_words(target: model.Target, lang: Lang) -> str:
    """The target in its own words: 「>55家」, 「≈15±1%†」, 「1–2个」, 「≥2倍」, 「建成」; a
    reading carries READING_MARK wherever it is shown."""
    text = _plain_target_words(target, lang)
    return text + READING_MARK if target.reading else text


def _plain_target_words(target: model.Target, lang: Lang) -> str:
    unit = target.unit or ""
    kind = kind_of(target)
    if kind.flag:
        return word("milestone_done", lang)
    if target.comparator == "between":
        return f"{number(target.low)}–{number(target.high)}{unit_suffix(unit)}"
    if target.comparator in model.DIRECTIONS:
        every = word("every_year", lang) if target.every_period else ""
        return word(f"direction_{target.comparator}", lang) + every
    sign = model.COMPARATOR_SIGNS.get(target.comparator or "", "")
    if target.against is not None:
        text = f"{sign}{word('reference_level', lang)}"
        if target.margin:
            margin = difference(target.margin, unit, lang).strip()
            text += word("reference_margin", lang).format(margin=margin)
        return text
    text = f"{sign}{number(target.value)}"
    if target.comparator == "approx" and target.tolerance is not None:
        text += f"±{number(target.tolerance)}"
    text += unit_suffix(unit)
    if kind.suffix:
        text += word(kind.suffix, lang)
    if kind.prefix:
        text = word(kind.prefix, lang) + text
    baseline = target.baseline
    if kind.multiple and baseline is not None and target.value is not None:
        text += f" (={number(baseline.value * target.value, baseline.unit)})"
        if target.stated is not None:
            sign = model.COMPARATOR_SIGNS[target.stated.comparator]
            joined = pick(lang, "且", " and ")
            text += f"{joined}{sign}{number(target.stated.value, target.stated.unit)}"
    if target.every_period:
        text += word("every_year", lang)
    return text


def difference(value: Decimal, unit: str | None, lang: Lang) -> str:
    """A difference in the unit of `value`; between two percentages, percentage points."""
    if unit == "%":
        return f"{format_decimal(value)}" + word("points_suffix", lang)
    return number(value, unit)


def gap_words(a: Assessment, lang: Lang) -> str:
    if kind_of(a.target).flag or a.gap is None or a.actual is None:
        return "–"
    if a.reference is not None:
        margin = a.actual - a.reference
        shown = ("+" if margin > 0 else "") + difference(margin, a.unit, lang).strip()
        return word("margin_words", lang).format(margin=shown)
    if not a.met and a.exceeded and a.target.upper_binds:
        over = difference(a.gap, a.unit, lang)
        return word("above_ceiling", lang).format(over=over)
    if a.met:
        if a.exceeded:
            return word("above_range", lang)
        return "—"
    gap = difference(a.gap, a.unit, lang)
    return word("gap_remaining", lang).format(remaining=word("remaining", lang), gap=gap)


def actual_words(a: Assessment, lang: Lang, *, with_period: bool = True) -> str:
    if kind_of(a.target).flag:
        if a.done is None:
            return "–"
        text = word("done" if a.done else "not_done", lang)
    elif a.actual is None:
        return "–"
    elif a.unit == "zones":
        total = number(a.required)
        text = f"{number(a.actual)}/{total} {word('zones_met', lang)}"
    else:
        text = number(a.actual, a.unit)
    if a.reference is not None:
        text += word("versus_reference", lang).format(reference=number(a.reference, a.unit))
    if a.period and with_period:
        text += f" ({a.period})"
    if a.sample:
        text += " *"
    return text


def pace_words(a: Assessment, lang: Lang) -> str:
    if a.pace is None:
        return "–"
    if a.pace == 0:
        return word("on_pace", lang)
    key = "ahead" if a.pace > 0 else "behind"
    return f"{word(key, lang)} {difference(abs(a.pace), a.unit, lang)}"


def percent_words(percent: Decimal | None) -> str:
    """Whole percent, rounded down: 99.9% of the way is not yet 100%."""
    if percent is None:
        return "–"
    return f"{int(percent.to_integral_value(rounding=ROUND_FLOOR))}%"


def bar(percent: Decimal | None, cells: int = 10) -> str:
    if percent is None:
        return "–"
    share = max(Decimal(0), min(Decimal(1), percent / 100))
    filled = int((share * cells).to_integral_value(rounding=ROUND_FLOOR))
    return "█" * filled + "░" * (cells - filled) + f" {percent_words(percent)}"


def status_words(status: str, lang: Lang) -> str:
    return f"{SYMBOLS[status]} {status_word(status, lang)}"


def target_name(a: Assessment, lang: Lang) -> str:
    name = pick(lang, a.target.name, a.target.name_en)
    return f"{name} [{a.zone}]" if a.zone else name


def header(lang: Lang) -> list[str]:
    keys = ("name", "target", "actual", "gap", "progress", "pace", "status")
    return [word(key, lang) for key in keys]


def rows(report: StatusReport, lang: Lang) -> list[list[str]]:
    return [
        [
            target_name(a, lang),
            target_words(a.target, lang),
            actual_words(a, lang),
            gap_words(a, lang),
            bar(a.percent),
            pace_words(a, lang),
            status_words(a.status, lang),
        ]
        for a in report.assessments
    ]


def headline(report: StatusReport, lang: Lang) -> tuple[str, str]:
    """The title line and the as-of line; data in either may hold line breaks of its own."""
    plan = report.dataset.plan
    title = named(lang, plan.title, plan.title_en)
    parts = [title]
    if plan.document_number:
        parts.append(plan.document_number)
    deadline = f"{word('deadline', lang)} {plan.deadline}"
    as_of = f"{word('as_of', lang)} {report.as_of}"
    zone = f" · {zone_name(report.dataset, report.zone, lang)}" if report.zone else ""
    return " · ".join(parts), f"{as_of} · {deadline}{zone}"


def zone_name(dataset: model.Dataset, zone: str, lang: Lang) -> str:
    """A zone's name in `lang`, with its id: 沈阳高新区 (shenyang)."""
    for known in dataset.plan.zones:
        if known.id == zone:
            name = named(lang, known.name, known.name_en)
            return f"{name} ({zone})"
    return zone


def reasons(report: StatusReport, lang: Lang) -> list[str]:
    """Why each target without a trend-based status has the status it has."""
    return [
        f"{target_name(a, lang)}: {reason_words(a.reason_code, a.reason_params, lang)}"
        for a in report.assessments
        if a.reason_code
    ]


def footnotes(report: StatusReport, lang: Lang) -> list[str]:
    """The reasons, then which targets are readings."""
    notes = reasons(report, lang)
    legend = reading_legend(report, lang)
    return [*notes, legend] if legend else notes


def reading_legend(report: StatusReport, lang: Lang) -> str:
    """「† …: names」 for the targets marked as readings, or "" when there are none."""
    names = list(
        dict.fromkeys(
            pick(lang, a.target.name, a.target.name_en)
            for a in report.assessments
            if a.target.reading
        )
    )
    if not names:
        return ""
    return f"{READING_MARK} {word('reading_legend', lang)}" + word("name_sep", lang).join(names)


def footnote(note: str) -> Any:
    """A note under a terminal table, indented on every line it wraps to."""
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text(escape.terminal(note), style="dim"), (0, 0, 0, 2), expand=False)


def has_samples(report: StatusReport) -> bool:
    return any(a.sample for a in report.assessments)


def sample_banner(report: StatusReport, lang: Lang) -> str:
    """How many of the values shown are samples; each of them carries `*`."""
    if not has_samples(report):
        return ""
    shown = sum(a.actual is not None or a.done is not None for a in report.assessments)
    n = sum(a.sample for a in report.assessments)
    text = word("sample_count_banner", lang).format(n=n, shown=max(n, shown))
    return text + word("sample_legend", lang)


# ------------------------------------------------------------------------ formats


#: Narrow terminals give these up, in this order, before target names get squeezed.
_NARROWING = ("bar", "pace", "period")
_MIN_NAME = 14
_WIDE_NAME = 28


def _table_columns(report: StatusReport, lang: Lang, drop: Set[str]) -> list[list[str]]:
    """Header and cells, column by column, without what `drop` names."""
    keys = ["name", "target", "actual", "gap", "progress", "pace", "status"]
    columns: dict[str, list[str]] = {key: [word(key, lang)] for key in keys}
    for a in report.assessments:
        columns["name"].append(target_name(a, lang))
        columns["target"].append(target_words(a.target, lang))
        columns["actual"].append(actual_words(a, lang, with_period="period" not in drop))
        columns["gap"].append(gap_words(a, lang))
        columns["progress"].append(percent_words(a.percent) if "bar" in drop else bar(a.percent))
        columns["pace"].append(pace_words(a, lang))
        columns["status"].append(status_words(a.status, lang))
    return [escaped for key in keys if key not in drop for escaped in [columns[key]]]


def _layout(report: StatusReport, lang: Lang, width: int) -> tuple[frozenset[str], int]:
    """The columns to leave out on a `width` screen, and the width left for target names.

    Names should fit whole (up to _WIDE_NAME cells): the bar and pace are given up for that,
    not the periods. When even that is not enough, the fewest columns go, in the order of
    _NARROWING, that leave names _MIN_NAME cells.
    """
    from rich.cells import cell_len

    layouts: list[tuple[frozenset[str], int, int]] = []
    drop: set[str] = set()
    for step in (None, *_NARROWING):
        if step:
            drop.add(step)
        columns = _table_columns(report, lang, drop)
        # Each column but the name: its widest cell, a cell of padding each side and one
        # for the rule between columns (the table's outer edges have no padding).
        others = sum(max(cell_len(cell) for cell in column) + 3 for column in columns[1:])
        longest = max(cell_len(name) for name in columns[0])
        layouts.append((frozenset(drop), width - others, longest))
    longest = layouts[0][2]
    for goal, candidates in ((min(longest, _WIDE_NAME), layouts[:3]), (_MIN_NAME, layouts)):
        for dropped, room, _ in candidates:
            if room >= goal:
                return dropped, room
    return layouts[-1][0], layouts[-1][1]


def print_targets(console: Any, report: StatusReport, lang: Lang, fit: StatusReport) -> bool:
    """Print the report's targets to fit the console: a table whose columns and widths are
    chosen for `fit` (the report itself, or all the blocks a view shows, so that every block
    has the same columns), or one target after another when no table fits. Only the name
    column folds; no other cell is ever cut. True when the targets were stacked."""
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    drop, name_width = _layout(fit, lang, console.width)
    if name_width < _MIN_NAME // 2:
        _stacked(console, report, lang)
        return True
    widths = [max(cell_len(cell) for cell in column) for column in _table_columns(fit, lang, drop)]
    columns = _table_columns(report, lang, drop)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for index, (column, natural) in enumerate(zip(columns, widths, strict=True)):
        # Only the name folds: the other columns keep the widest cell of `fit`, and the name
        # gets what they leave (`_layout` counts padding and rules exactly). Left to itself
        # Rich shrinks every column alike, which cut the status word at 80.
        table.add_column(
            escape.terminal(column[0]),
            no_wrap=index > 0,
            overflow="fold",
            min_width=min(name_width, _MIN_NAME) if index == 0 else natural,
            max_width=max(1, name_width) if index == 0 else None,
        )
    for row, assessment in enumerate(report.assessments, 1):
        cells = [Text(escape.terminal(column[row])) for column in columns]
        cells[-1].stylize(COLOURS[assessment.status])
        table.add_row(*cells)
    console.print(table)
    return False


def _stacked(console: Any, report: StatusReport, lang: Lang) -> None:
    """Too narrow for a table: each target's name, then its values on the next lines."""
    from rich.cells import cell_len
    from rich.text import Text

    for a in report.assessments:
        name = escape.terminal(target_name(a, lang))
        status = status_words(a.status, lang)
        line = Text(name, style="bold")
        if cell_len(name) + 2 + cell_len(status) <= console.width:
            line.append("  ")
            line.append(status, style=COLOURS[a.status])
            console.print(line)
        else:  # a long name: the status on a line of its own, never broken
            console.print(line)
            console.print(Text("  " + status, style=COLOURS[a.status]))
        values = [
            target_words(a.target, lang),
            actual_words(a, lang),
            gap_words(a, lang),
            percent_words(a.percent),
        ]
        console.print(Text("  " + escape.terminal(" · ".join(values))))
        if a.reason_code:
            why = reason_words(a.reason_code, a.reason_params, lang)
            console.print(Text("  " + escape.terminal(why), style="dim"))


def render_blocks(
    total: StatusReport,
    blocks: Sequence[tuple[Sequence[str], StatusReport]],
    lang: Lang,
    width: int | None,
    fit: StatusReport,
    counted: StatusReport | None = None,
) -> str:
    """The plan's heading once, then each block under its heading lines (the first bold,
    after "▸ "): its targets laid out for `fit` (all blocks together, so that every block
    has the same columns) and the reasons; the readings' legend at the end. The sample
    banner and the legend count `counted` (default: `fit`). The views by zone, owner and
    section are made of it."""
    counted = counted or fit
    from rich.text import Text

    from hitrack.render.terminal import make_console

    console = make_console(width)
    for line in headline(total, lang):
        console.print(Text(escape.terminal(line), style="bold"))
    banner = sample_banner(counted, lang)
    if banner:
        console.print(Text(banner, style="bold yellow"))
    for heading, report in blocks:
        console.print()
        title, *more = heading
        console.print(Text("▸ " + escape.terminal(title), style="bold"))
        for line in more:
            console.print(Text("  " + escape.terminal(line)))
        if not print_targets(console, report, lang, fit):
            for note in reasons(report, lang):
                console.print(footnote(note))
    legend = reading_legend(counted, lang)
    if legend:
        console.print(footnote(legend))
    return str(console.file.getvalue())


class TableFormat:
    """A Rich table; status in colour and as symbol and word, so it reads without colour.

    Narrow screens lose the progress bar, then pace, then the period beside each actual,
    before names are squeezed; cells fold rather than being cut, so no value (nor the `*`
    of a sample) is ever lost. Below the narrowest table, each target takes a few lines.
    """

    def render(self, report: StatusReport, lang: Lang, width: int | None) -> str:
        from rich.text import Text

        from hitrack.render.terminal import make_console

        console = make_console(width)
        for line in headline(report, lang):
            console.print(Text(escape.terminal(line), style="bold"))
        banner = sample_banner(report, lang)
        if banner:
            console.print(Text(banner, style="bold yellow"))
        if print_targets(console, report, lang, report):
            # stacked: the reasons are already under each target
            legend = reading_legend(report, lang)
            notes = [legend] if legend else []
        else:
            notes = footnotes(report, lang)
        for note in notes:
            console.print(footnote(note))
        return str(console.file.getvalue())


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else format_decimal(value, 6)


class JsonFormat:
    """`{"schema": "hitrack.status/v1", ...}`; exact decimals as strings."""

    def render(self, report: StatusReport, lang: Lang, width: int | None) -> str:
        plan = report.dataset.plan
        document = {
            "schema": STATUS_SCHEMA,
            "plan": {
                "id": plan.id,
                "title": plan.title,
                "title_en": plan.title_en,
                "document_number": plan.document_number,
                "issuer": plan.issuer,
                "start": plan.start,
                "deadline": plan.deadline,
            },
            "as_of": report.as_of,
            "zone": report.zone,
            "sample": has_samples(report),
            "targets": [self._target(a) for a in report.assessments],
        }
        return escape.json_text(document)

    @classmethod
    def _target(cls, a: Assessment) -> dict[str, Any]:
        found = cls._fields(a)
        t = a.target
        # Keys of the newer shapes only where a target has them, so existing output is kept.
        if t.every_period:
            found["every_period"] = True
        if t.path:
            found["interim"] = [
                {
                    "period": i.period,
                    "value": _decimal(i.value),
                    "actual": _decimal(i.actual),
                    "met": i.met,
                    "due": i.due,
                }
                for i in a.interim
            ]
        return found

    @staticmethod
    def _fields(a: Assessment) -> dict[str, Any]:
        t = a.target
        return {
            "id": t.id,
            "name": t.name,
            "name_en": t.name_en,
            "kind": t.kind,
            "comparator": t.comparator,
            "target": _decimal(t.value),
            "low": _decimal(t.low),
            "high": _decimal(t.high),
            "tolerance": _decimal(t.tolerance),
            "unit": a.unit or t.unit,
            "deadline": a.deadline,
            "zone": a.zone,
            "actual": _decimal(a.actual),
            "period": a.period,
            "required": _decimal(a.required),
            "gap": _decimal(a.gap),
            "percent": _decimal(a.percent),
            "expected": _decimal(a.expected),
            "pace": _decimal(a.pace),
            "projected": _decimal(a.projected),
            "ratio": _decimal(a.ratio),
            "status": a.status,
            "reason": (
                reason_words(a.reason_code, a.reason_params, "en") if a.reason_code else None
            ),
            "reason_code": a.reason_code,
            "met": a.met,
            "late": a.late,
            "done": a.done,
            "evidence": a.evidence,
            "sample": a.sample,
            "source": a.source,
            "reported": a.reported.isoformat() if a.reported else None,
            "quote": t.quote,
            "reading": t.reading,
            "note": t.note,
            "against": t.against,
            "reference": _decimal(a.reference),
            "margin": _decimal(
                None if a.reference is None or a.actual is None else a.actual - a.reference
            ),
        }


class MarkdownFormat:
    """A heading, the sample note, and a GitHub-flavoured table with every cell escaped."""

    def render(self, report: StatusReport, lang: Lang, width: int | None) -> str:
        from hitrack.render.markdown import table

        title, when = headline(report, lang)
        parts = [f"### {escape.markdown(title)}", "", escape.markdown(when)]
        banner = sample_banner(report, lang)
        if banner:
            parts += ["", f"> **{escape.markdown(banner)}**"]
        parts += ["", table(header(lang), rows(report, lang))]
        notes = footnotes(report, lang)
        if notes:
            parts += ["", *(f"- {escape.markdown(note)}" for note in notes)]
        return "\n".join(parts) + "\n"


class CsvFormat:
    """One row per target, plain numbers in the target's unit; safe to open in Excel. Like
    `export`'s CSV: UTF-8 with a BOM (Excel and WPS on Chinese Windows need it) and
    TRUE/FALSE; rows end in a line feed, which the text stream turns into the system's."""

    COLUMNS = (
        "id",
        "name",
        "name_en",
        "kind",
        "comparator",
        "target",
        "unit",
        "zone",
        "actual",
        "period",
        "gap",
        "percent",
        "pace",
        "projected",
        "status",
        "sample",
        "source",
        "reading",
    )

    def render(self, report: StatusReport, lang: Lang, width: int | None) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.COLUMNS)
        for a in report.assessments:
            record = JsonFormat._target(a)
            if a.target.comparator == "between":
                record["target"] = f"{record['low']}-{record['high']}"
            cells = [_csv_text(record.get(c)) for c in self.COLUMNS]
            writer.writerow([escape.spreadsheet(c) for c in cells])
        return "\ufeff" + out.getvalue()


def _csv_text(value: object) -> str:
    """A cell as `export` writes it: TRUE/FALSE as spreadsheets spell them, empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


FORMATS: dict[str, type[StatusFormat]] = {
    "table": TableFormat,
    "json": JsonFormat,
    "markdown": MarkdownFormat,
    "csv": CsvFormat,
}
