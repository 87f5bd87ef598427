"""`hitrack report --format docx`: the meeting summary as a Word document (python-docx, the
`word` extra). Returns bytes.

It shows what the markdown report shows, worded by the same helpers (`render.report`,
`render.status`), in the fonts of Chinese government documents: 仿宋 for the body (宋体
where 仿宋 is missing), 黑体 for headings. Text from the data is made visible first
(`escape.terminal`): Word's XML cannot hold control characters, and a name must not reorder
the text. Charts come in as PNG images when the `charts` extra can draw them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from hitrack.i18n import Lang, report_word, word
from hitrack.render import escape
from hitrack.render.report import (
    PERIODS_SHOWN,
    Report,
    at_risk_table,
    change_words,
    counts_line,
    matrix_of,
    method_words,
)
from hitrack.render.status import (
    StatusReport,
    actual_words,
    gap_words,
    headline,
    percent_words,
    sample_banner,
    status_words,
    target_name,
    target_words,
)

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"


def _t(text: str) -> str:
    return escape.terminal(text)


def _fonts(style_or_run: Any, east_asia: str, size: float | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = style_or_run.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def render_docx(report: Report, lang: Lang, png: Callable[[str], bytes] | None = None) -> bytes:
    """The report as .docx bytes; `png` turns a chart's SVG into PNG bytes when available."""
    import docx
    from docx.shared import Cm, RGBColor

    document = docx.Document()
    document.core_properties.author = "hitrack"
    styles = document.styles
    _fonts(styles["Normal"], BODY_FONT, 12)
    for name, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 14)):
        _fonts(styles[name], HEADING_FONT, size)
        styles[name].font.color.rgb = RGBColor(0, 0, 0)
    status = StatusReport(report.dataset, report.as_of, report.assessments, report.zone)
    title, when = headline(status, lang)

    document.add_heading(_t(report_word("title", lang)), level=0)
    document.add_paragraph().add_run(_t(title)).bold = True  # with the 文号, when it has one
    document.add_paragraph(
        _t(f"{when} · {report_word('report_date', lang)} {report.today.isoformat()}")
    )
    banner = sample_banner(status, lang)
    if banner:
        run = document.add_paragraph().add_run(_t(banner))
        run.bold = True
        run.font.color.rgb = RGBColor(0x9A, 0x5B, 0x00)
    document.add_paragraph().add_run(_t(counts_line(report.assessments, lang))).bold = True

    document.add_heading(_t(report_word("targets_heading", lang)), level=1)
    _table(
        document,
        [
            word("name", lang),
            word("target", lang),
            word("actual", lang),
            word("gap", lang),
            report_word("percent_achieved", lang),
            word("status", lang),
        ],
        [
            [
                target_name(a, lang),
                target_words(a.target, lang),
                actual_words(a, lang),
                gap_words(a, lang),
                percent_words(a.percent),
                status_words(a.status, lang),
            ]
            for a in report.assessments
        ],
    )

    if png is not None:
        from hitrack.render.charts import progress_svg

        document.add_picture(io.BytesIO(png(progress_svg(report.assessments, lang))), Cm(16))

    matrix = matrix_of(report)
    if matrix is not None:
        from hitrack.render import period_matrix

        document.add_heading(_t(report_word("periods_heading", lang)), level=1)
        shown = period_matrix.last_periods(matrix, PERIODS_SHOWN)
        _table(document, period_matrix.header(shown, lang), period_matrix.rows(shown, lang))
        if shown is not matrix:
            document.add_paragraph(_t(report_word("periods_last", lang, n=PERIODS_SHOWN)))

    since = report.since
    document.add_heading(_t(report_word("changes_heading", lang, since=since or "–")), level=1)
    if since is None:
        document.add_paragraph(_t(report_word("changes_none_earlier", lang)))
    else:
        changed = [change_words(c, lang) for c in report.changes if c.changed]
        for name, what in changed:
            item = document.add_paragraph(style="List Bullet")
            item.add_run(_t(name)).bold = True
            item.add_run(_t(word("label_colon", lang) + what))
        if not changed:
            document.add_paragraph(_t(report_word("no_changes", lang, since=since)))

    document.add_heading(_t(report_word("risk_heading", lang)), level=1)
    header, rows = at_risk_table(report, lang)
    if not rows:
        document.add_paragraph(_t(report_word("no_risks", lang)))
    else:
        _table(document, header, rows)

    if report.dataset.plan.owners:
        from hitrack.i18n import group_word
        from hitrack.render.grouping import by_owner
        from hitrack.render.groups import owners_table

        document.add_heading(_t(group_word("by_owner_heading", lang)), level=1)
        _table(document, *owners_table(by_owner(report.dataset.plan, report.assessments), lang))
        document.add_paragraph(_t(group_word("by_owner_note", lang)))

    document.add_heading(_t(report_word("register_heading", lang)), level=1)
    registry = report.dataset.platforms
    if registry is None:
        document.add_paragraph(_t(report_word("no_register", lang)))
    else:
        from hitrack.render.platforms import summary_rows

        _table(document, *summary_rows(registry, registry.platforms, lang))

    document.add_heading(_t(report_word("provenance_heading", lang)), level=1)
    rows = [
        [
            target_name(a, lang),
            a.period,
            a.source or "–",
            a.reported.isoformat() if a.reported else "–",
            report_word("yes" if a.sample else "no", lang),
        ]
        for a in report.assessments
        if a.period is not None
    ]
    if rows:
        _table(
            document,
            [
                word("name", lang),
                word("period", lang),
                report_word("source", lang),
                report_word("reported", lang),
                report_word("sample", lang),
            ],
            rows,
        )
    else:
        document.add_paragraph(_t(report_word("no_values", lang)))
    samples = sum(a.sample for a in report.assessments)
    if samples:
        note = document.add_paragraph().add_run(_t(report_word("sample_note", lang, n=samples)))
        note.bold = True

    document.add_heading(_t(report_word("method_heading", lang)), level=1)
    document.add_paragraph(_t(method_words(report.dataset, lang)))
    if png is not None:
        _trend_pictures(document, report, lang, png)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _trend_pictures(document: Any, report: Report, lang: Lang, png: Callable[[str], bytes]) -> None:
    from docx.shared import Cm

    from hitrack.render.charts import trend, trend_svg

    pictures = [
        (a, data) for a in report.assessments if (data := trend(report.dataset, a)) is not None
    ]
    if not pictures:
        return
    document.add_heading(_t(report_word("charts_heading", lang)), level=1)
    for a, data in pictures:
        document.add_picture(io.BytesIO(png(trend_svg(data, a, lang))), Cm(14))
        caption = report_word("trend_chart", lang, name=target_name(a, lang))
        document.add_paragraph(_t(caption))


def _table(document: Any, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_t(text)).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = _t(text)
