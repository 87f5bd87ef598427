"""The markdown summary of `hitrack report`, for a progress meeting. Pure: returns a string.

The cells and phrases come from the status renderers' helpers (`render.status`), so the
report and `hitrack status` always word and round a value the same way. Every piece of
data goes through `escape.markdown`; only the headings and emphasis are written raw.
"""

from __future__ import annotations

import dataclasses
import datetime
import urllib.parse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from hitrack.core import model, periods
from hitrack.core.statuses import Status
from hitrack.engine.changes import Change
from hitrack.engine.kinds import kind_of
from hitrack.engine.progress import STATUSES, Assessment, format_decimal, worst_first
from hitrack.i18n import Lang, pick, report_word, status_word, word
from hitrack.render import escape
from hitrack.render.status import (
    StatusReport,
    actual_words,
    bar,
    difference,
    footnotes,
    gap_words,
    headline,
    pace_words,
    sample_banner,
    status_words,
    target_name,
    target_words,
)

if TYPE_CHECKING:
    from hitrack.render.period_matrix import Matrix

_AT_RISK = (Status.DETERIORATION, Status.OFF_TRACK, Status.AT_RISK)


@dataclasses.dataclass(frozen=True)
class ChartLink:
    """A chart the report shows: its caption and its path relative to the report."""

    caption: str
    path: str
    target: str | None = None
    """The target a trend chart shows; None for the progress chart of all targets."""


@dataclasses.dataclass(frozen=True)
class Report:
    """Everything the report shows, computed before rendering."""

    dataset: model.Dataset
    as_of: str
    assessments: Sequence[Assessment]
    since: str | None
    """The period compared with; None when there is no earlier one."""
    changes: Sequence[Change]
    today: datetime.date
    charts: Sequence[ChartLink] = ()
    zone: str | None = None
    """The zone of a multi-zone plan the report is for; None: the whole plan."""
    by: str | None = None
    """owner or section: the targets table grouped, each group with its counts."""


def render_report(report: Report, lang: Lang) -> str:
    status = StatusReport(report.dataset, report.as_of, report.assessments, report.zone)
    sections = [
        _header(report, status, lang),
        _targets(report, lang),
        *_periods(report, lang),
        _changes(report, lang),
        _at_risk(report, lang),
        *_by_owner(report, lang),
        _register(report, lang),
        _provenance(report, lang),
        *_cited_baselines(report, lang),
        _method(report, lang),
    ]
    if any(chart.target for chart in report.charts):
        sections.append(_charts(report, lang))
    return "\n\n".join(sections) + "\n"


def _md(text: str) -> str:
    return escape.markdown(text)


def _heading(key: str, lang: Lang, **values: object) -> str:
    return "## " + _md(report_word(key, lang, **values))


def counts_line(assessments: Sequence[Assessment], lang: Lang) -> str:
    """ "11 项目标：2 项已完成，1 项按计划，…" / "11 targets: 2 achieved, 1 on track, …"."""
    total = report_word("targets_count", lang, n=len(assessments))
    parts = [
        report_word("count_item", lang, n=n, status=status_word(s, lang))
        for s in STATUSES
        if (n := sum(a.status == s for a in assessments))
    ]
    return pick(lang, f"{total}：{'，'.join(parts)}。", f"{total}: {', '.join(parts)}.")


def _header(report: Report, status: StatusReport, lang: Lang) -> str:
    title, when = headline(status, lang)
    when += f" · {report_word('report_date', lang)} {report.today.isoformat()}"
    lines = [f"# {_md(report_word('title', lang))}", "", f"**{_md(title)}**", "", _md(when)]
    banner = sample_banner(status, lang)
    if banner:
        lines += ["", f"> **{_md(banner)}**"]
    lines += ["", f"**{_md(counts_line(report.assessments, lang))}**"]
    return "\n".join(lines)


def _targets(report: Report, lang: Lang) -> str:

    header = [
        word("name", lang),
        word("target", lang),
        word("actual", lang),
        word("gap", lang),
        report_word("percent_achieved", lang),
        word("status", lang),
    ]
    text = _heading("targets_heading", lang) + "\n\n" + _grouped(report, header, lang)
    notes = footnotes(StatusReport(report.dataset, report.as_of, report.assessments), lang)
    if notes:
        text += "\n\n" + "\n".join(f"- {_md(note)}" for note in notes)
    overview = [_image(chart) for chart in report.charts if chart.target is None]
    return "\n\n".join([text, *overview])


def _target_rows(assessments: Sequence[Assessment], lang: Lang) -> list[list[str]]:
    return [
        [
            target_name(a, lang),
            target_words(a.target, lang),
            actual_words(a, lang),
            gap_words(a, lang),
            bar(a.percent),
            status_words(a.status, lang),
        ]
        for a in assessments
    ]


def _grouped(report: Report, header: list[str], lang: Lang) -> str:
    """The targets table, or with `by` one table per owner or section under its heading and
    roll-up (a target the owner cooperates on is marked so)."""
    from hitrack.i18n import group_word
    from hitrack.render.grouping import groups_of
    from hitrack.render.groups import rollup_words
    from hitrack.render.markdown import table

    if report.by is None:
        return table(header, _target_rows(report.assessments, lang))
    parts = []
    for group in groups_of(report.by, report.dataset.plan, report.assessments):
        rows = _target_rows(group.assessments, lang)
        for cells, role in zip(rows, group.roles or [None] * len(rows), strict=True):
            if role == "cooperating":
                cells[0] += f" [{group_word('cooperating', lang)}]"
        parts.append(
            f"### {_md(group.heading(lang))}\n\n**{_md(rollup_words(group, lang))}**\n\n"
            + table(header, rows)
        )
    return "\n\n".join(parts)


#: A report's period table shows at most this many periods, the latest (a printed page's
#: width); `status --periods` shows them all.
PERIODS_SHOWN = 8


def matrix_of(report: Report) -> Matrix | None:
    """The period matrix of the report's targets, or None when only one period reported
    (the targets table already says it all)."""
    from hitrack.render import period_matrix

    # The report shows the cells' values, not their statuses: no assessment per period
    # (it made `report` 8x slower at 100k values).
    matrix = period_matrix.build(
        report.dataset, report.as_of, report.assessments, report.zone, statuses=False
    )
    return matrix if len(matrix.periods) > 1 else None


def _periods(report: Report, lang: Lang) -> list[str]:
    from hitrack.render import period_matrix
    from hitrack.render.markdown import table

    matrix = matrix_of(report)
    if matrix is None:
        return []
    shown = period_matrix.last_periods(matrix, PERIODS_SHOWN)
    parts = [
        _heading("periods_heading", lang),
        "",
        table(period_matrix.header(shown, lang), period_matrix.rows(shown, lang)),
    ]
    if shown is not matrix:
        parts += ["", _md(report_word("periods_last", lang, n=PERIODS_SHOWN))]
    return ["\n".join(parts)]


def change_words(change: Change, lang: Lang) -> tuple[str, str]:
    """The target's name and what changed, in words (not escaped)."""
    before, after = change.before, change.after
    shown = after or before
    assert shown is not None
    name = target_name(shown, lang)
    if before is None:
        return name, report_word("new_target", lang)
    if after is None:
        return name, report_word("removed_target", lang)
    parts = []
    if change.new_value:
        values = f"{actual_words(before, lang)} → {actual_words(after, lang)}"
        parts.append(f"{report_word('new_value', lang)} {values}")
    if change.status_changed:
        statuses = f"{status_words(before.status, lang)} → {status_words(after.status, lang)}"
        parts.append(f"{report_word('status_change', lang)} {statuses}")
    move = change.gap_move
    if move:
        key = "narrowed" if move < 0 else "widened"
        gaps = f"{gap_words(before, lang)} → {gap_words(after, lang)}"
        amount = difference(abs(move), after.unit, lang)
        parts.append(
            f"{report_word('gap_change', lang)} {gaps} ({report_word(key, lang)} {amount})"
        )
    return name, word("list_sep", lang).join(parts)


def _changes(report: Report, lang: Lang) -> str:
    if report.since is None:
        heading = "## " + _md(report_word("changes_heading", lang, since="–"))
        return heading + "\n\n" + _md(report_word("changes_none_earlier", lang))
    heading = _heading("changes_heading", lang, since=report.since)
    lines = []
    for change in report.changes:
        if change.changed:
            name, what = change_words(change, lang)
            colon = word("label_colon", lang)
            lines.append(f"- **{_md(name)}**{colon}{_md(what)}")
    if not lines:
        lines = [_md(report_word("no_changes", lang, since=report.since))]
    return heading + "\n\n" + "\n".join(lines)


def days_words(deadline: str, as_of: str, lang: Lang) -> str:
    """Days from the end of the as-of period (the date the figures describe, not the date
    the report is written) to the end of the deadline period."""
    days = (periods.end_date(deadline) - periods.end_date(as_of)).days
    if days >= 0:
        return report_word("days_left", lang, n=days)
    return report_word("days_over", lang, n=-days)


def at_risk_table(report: Report, lang: Lang) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the targets that need attention, worst first (markdown and
    Word reports alike); no rows when none does."""
    risky = [a for a in worst_first(report.assessments) if a.status in _AT_RISK]
    header = [
        word("name", lang),
        word("status", lang),
        word("actual", lang),
        word("gap", lang),
        word("pace", lang),
        word("deadline", lang),
        report_word("days", lang),
    ]
    rows = [
        [
            target_name(a, lang),
            status_words(a.status, lang),
            actual_words(a, lang),
            gap_words(a, lang),
            pace_words(a, lang),
            a.deadline,
            days_words(a.deadline, report.as_of, lang),
        ]
        for a in risky
    ]
    return header, rows


def _at_risk(report: Report, lang: Lang) -> str:
    from hitrack.render.markdown import table

    heading = _heading("risk_heading", lang)
    header, rows = at_risk_table(report, lang)
    if not rows:
        return heading + "\n\n" + _md(report_word("no_risks", lang))
    return heading + "\n\n" + table(header, rows)


def _by_owner(report: Report, lang: Lang) -> list[str]:
    """The roll-up by owner (plan.owners): what each leads, by status; none without owners."""
    from hitrack.i18n import group_word
    from hitrack.render.grouping import by_owner
    from hitrack.render.groups import owners_table
    from hitrack.render.markdown import table

    if not report.dataset.plan.owners:
        return []
    head, body = owners_table(by_owner(report.dataset.plan, report.assessments), lang)
    heading = "## " + _md(group_word("by_owner_heading", lang))
    return [f"{heading}\n\n{table(head, body)}\n\n{_md(group_word('by_owner_note', lang))}"]


def _register(report: Report, lang: Lang) -> str:
    from hitrack.render.markdown import table
    from hitrack.render.platforms import summary_rows

    registry = report.dataset.platforms
    heading = _heading("register_heading", lang)
    if registry is None:
        return heading + "\n\n" + _md(report_word("no_register", lang))
    return heading + "\n\n" + table(*summary_rows(registry, registry.platforms, lang))


def _provenance(report: Report, lang: Lang) -> str:
    from hitrack.render.markdown import table

    header = [
        word("name", lang),
        word("period", lang),
        report_word("source", lang),
        report_word("reported", lang),
        report_word("sample", lang),
    ]
    rows = []
    for a in report.assessments:
        if kind_of(a.target).counted and a.actual is not None:
            rows.append([target_name(a, lang), "", report_word("register_source", lang), "", ""])
        elif a.period is not None:
            reported = a.reported.isoformat() if a.reported else "–"
            sample = report_word("yes" if a.sample else "no", lang)
            rows.append([target_name(a, lang), a.period, a.source or "–", reported, sample])
    heading = _heading("provenance_heading", lang)
    if not rows:
        return heading + "\n\n" + _md(report_word("no_values", lang))
    text = heading + "\n\n" + table(header, rows)
    samples = sum(a.sample for a in report.assessments)
    if samples:
        text += f"\n\n> **{_md(report_word('sample_note', lang, n=samples))}**"
    return text


def _cited_baselines(report: Report, lang: Lang) -> list[str]:
    """The baselines the plan does not state, each with its source; none: no section."""
    from hitrack.engine.progress import cited_source
    from hitrack.render.markdown import table

    rows = []
    for a in report.assessments:
        baseline = a.target.baseline
        if baseline is None or baseline.source is None or baseline.quote is not None:
            continue
        value = format_decimal(baseline.value) + (baseline.unit or a.target.unit or "")
        sample = report_word("yes" if baseline.sample else "no", lang)
        rows.append([target_name(a, lang), baseline.period, value, cited_source(baseline), sample])
    if not rows:
        return []
    header = [
        word("name", lang),
        word("period", lang),
        report_word("baseline", lang),
        report_word("source", lang),
        report_word("sample", lang),
    ]
    heading = _heading("cited_baselines_heading", lang)
    note = _md(report_word("cited_baselines_note", lang))
    return [f"{heading}\n\n{note}\n\n{table(header, rows)}"]


def method_words(dataset: model.Dataset, lang: Lang) -> str:
    """How status is assessed, with the plan's thresholds and method (not escaped)."""
    from hitrack.engine.progress import OPENSDG_BANDS

    thresholds = dataset.targets.thresholds
    opensdg = thresholds.method == "opensdg"
    on_track, at_risk = OPENSDG_BANDS if opensdg else (thresholds.on_track, thresholds.at_risk)
    return report_word(
        "method",
        lang,
        ratio=report_word("method_ratio_opensdg" if opensdg else "method_ratio", lang),
        on_track=format_decimal(on_track),
        at_risk=format_decimal(at_risk),
    )


def _method(report: Report, lang: Lang) -> str:
    text = method_words(report.dataset, lang)
    return _heading("method_heading", lang) + "\n\n" + _md(text)


def _charts(report: Report, lang: Lang) -> str:
    lines = [_image(chart) for chart in report.charts if chart.target]
    return _heading("charts_heading", lang) + "\n\n" + "\n\n".join(lines)


def _image(chart: ChartLink) -> str:
    return f"![{_md(chart.caption)}]({urllib.parse.quote(chart.path)})"
