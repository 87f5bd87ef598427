"""`hitrack report`: the summary for a progress meeting (markdown or Word), with its charts."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hitrack.commands.common import (
    Outcome,
    bundled_note,
    escape_terminal,
    load_for_zone,
)
from hitrack.core.periods import Period
from hitrack.core.problems import (
    EXIT_CLEAN,
    EXIT_USAGE,
)
from hitrack.i18n import Lang, os_reason, pick, word
from hitrack.load.datadir import DataDir

if TYPE_CHECKING:
    from pathlib import Path

    from hitrack.core.model import Dataset


@dataclasses.dataclass(frozen=True)
class ReportOptions:
    as_of: Period | None = None
    since: Period | None = None
    lang: Lang = "zh"
    output: str | None = None
    force: bool = False
    charts: str | None = None
    zone: str | None = None
    """One zone (id or name) of a multi-zone plan."""
    today: datetime.date | None = None
    """The date days-to-deadline count from; None: today."""
    fmt: str = "markdown"
    """markdown, or docx (a Word document; needs -o and the `word` extra)."""
    by: str | None = None
    """owner or section: the targets table grouped, each group with its counts."""
    owner: str | None = None
    """Only the targets this owner (id or name) leads or cooperates on."""
    section: str | None = None
    """Only the targets of this section (id or title) of the plan."""


def report(data_dir: DataDir, options: ReportOptions) -> Outcome:
    """The markdown summary for a progress meeting, to stdout or atomically to a file."""
    from hitrack.core import periods
    from hitrack.engine import changes, progress

    if options.fmt == "docx":
        if options.output is None:
            return Outcome("", word("report_docx_needs_output", options.lang) + "\n", EXIT_USAGE)
        try:
            import docx  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
        except ImportError:
            return Outcome("", word("report_docx_needs_word", options.lang) + "\n", EXIT_USAGE)
    loaded = load_for_zone(data_dir, options.zone, options.lang)
    if isinstance(loaded, Outcome):
        return loaded
    dataset, zone = loaded
    from hitrack.render import grouping

    lacking = grouping.lacking(dataset.plan, options.by)
    if lacking:
        return Outcome("", lacking, EXIT_USAGE)
    picked = grouping.pick(dataset.plan, options.owner, options.section, options.lang)
    if isinstance(picked, str):
        return Outcome("", escape_terminal(picked), EXIT_USAGE)
    as_of = options.as_of or progress.latest_period(dataset)
    since = options.since or changes.previous_period(dataset, as_of)
    if since is not None and periods.sort_key(since) >= periods.sort_key(as_of):
        message = word("report_since_order", options.lang).format(
            since=repr(since), as_of=repr(as_of)
        )
        message += "\n"
        return Outcome("", message, EXIT_USAGE)
    with progress.bulk():
        after = grouping.only(progress.assess_all(dataset, as_of, zone), *picked)
        before = grouping.only(progress.assess_all(dataset, since, zone), *picked) if since else []
    files = _report_files(dataset, after, options)
    from hitrack.render.report import Report, render_report

    content = Report(
        dataset=dataset,
        as_of=as_of,
        assessments=after,
        since=since,
        changes=changes.compare(before, after),
        today=options.today or datetime.date.today(),
        charts=files.links,
        zone=zone,
        by=options.by,
    )
    note = bundled_note(data_dir, options.lang)
    if options.fmt == "docx" and options.output is not None:
        from hitrack.render.word_report import render_docx

        document = render_docx(content, options.lang, _png_converter())
        files.writes.append((Path(options.output), document))
        outcome = _write_report_files(files.writes, options.force, note, "", False, options.lang)
        if outcome.code == EXIT_CLEAN:
            outcome.stderr = files.note + outcome.stderr
        return outcome
    text = render_report(content, options.lang)
    if options.output is None and not files.writes:
        return Outcome(text, note)
    if options.output is not None:
        files.writes.append((Path(options.output), text.encode("utf-8")))
    outcome = _write_report_files(
        files.writes, options.force, note, text, options.output is None, options.lang
    )
    if outcome.code == EXIT_CLEAN:
        outcome.stderr = files.note + outcome.stderr
    return outcome


@dataclasses.dataclass
class _ReportFiles:
    links: list[Any] = dataclasses.field(default_factory=list)
    writes: list[tuple[Path, bytes]] = dataclasses.field(default_factory=list)
    note: str = ""


def _report_files(dataset: Dataset, assessments: list[Any], options: ReportOptions) -> _ReportFiles:
    """The chart files to write (SVG, and PNG when the charts extra is installed) and the
    links to them, relative to the report's directory."""
    import os

    files = _ReportFiles()
    if options.charts is None:
        return files
    from hitrack.render.charts import render_charts
    from hitrack.render.report import ChartLink

    directory = Path(options.charts)
    base = Path(options.output).parent if options.output else Path()
    to_png = _png_converter()
    if to_png is None:
        files.note = word("report_png_hint", options.lang) + "\n"
    for chart in render_charts(dataset, assessments, options.lang):
        path = directory / chart.name
        relative = Path(os.path.relpath(path, base)).as_posix()
        files.links.append(ChartLink(chart.caption, relative, chart.target))
        files.writes.append((path, chart.svg.encode("utf-8")))
        if to_png is not None:
            files.writes.append((path.with_suffix(".png"), to_png(chart.svg)))
    return files


def _png_converter() -> Any:
    """SVG text -> PNG bytes with cairosvg (the `charts` extra), or None when missing."""
    try:
        import cairosvg  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except (ImportError, OSError):  # OSError: the cairo library itself is missing
        return None

    def convert(svg: str) -> bytes:
        return bytes(cairosvg.svg2png(bytestring=svg.encode("utf-8")))

    return convert


def _write_report_files(
    writes: list[tuple[Path, bytes]],
    force: bool,
    note: str,
    text: str,
    to_stdout: bool,
    lang: Lang,
) -> Outcome:
    from hitrack.load.atomic import Exists, write_file

    existing = [str(path) for path, _ in writes if path.exists()]
    if existing and not force:
        more = len(existing) - 1
        key = "report_exist_more" if more else "report_exists"
        message = word(key, lang).format(path=existing[-1], more=more, n=more + 1)
        return Outcome("", note + message + "\n", EXIT_USAGE)
    try:
        for path, data in writes:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_file(path, data, force=force)
    except Exists as err:
        message = word("report_exists", lang).format(path=err)
        return Outcome("", f"{note}{message}\n", EXIT_USAGE)
    except OSError as err:
        where = err.filename or word("report_the_output", lang)
        reason = os_reason(err.strerror, lang)
        message = word("report_cannot_write", lang).format(where=where, reason=reason)
        return Outcome("", f"{note}{message}\n", EXIT_USAGE)
    charts = len(writes) - (not to_stdout)
    written = [str(writes[-1][0])] if not to_stdout else []
    if charts:
        written.append(word("report_chart_files", lang).format(n=charts, where=writes[0][0].parent))
    wrote = word("report_wrote", lang).format(what=pick(lang, "，", ", ").join(written))
    return Outcome(text if to_stdout else "", f"{note}{wrote}\n")
