"""What each command does, as functions of typed options that return an `Outcome`.

The CLI only parses options into these calls and prints the outcome, so every command can
be tested without it. Heavy modules (Pydantic, Rich, tabulate) are imported inside the
functions that need them: `hitrack --help` and a cached `status` never pay for them.
"""

from __future__ import annotations

import dataclasses
import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hitrack.datadir import DataDir
from hitrack.i18n import Lang, word
from hitrack.problems import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, Problem, exit_code, has_errors

if TYPE_CHECKING:
    from pathlib import Path

    from hitrack.loader import Loaded
    from hitrack.model import Dataset


@dataclasses.dataclass
class Outcome:
    stdout: str = ""
    stderr: str = ""
    code: int = EXIT_CLEAN


def load_checked(data_dir: DataDir, *, file_cache: bool = False) -> tuple[Loaded, list[Problem]]:
    """Load the data directory and run every rule on it (`file_cache`: see `load_dataset`)."""
    from hitrack.checks import run_checks
    from hitrack.loader import load_dataset

    loaded = load_dataset(data_dir, file_cache=True) if file_cache else load_dataset(data_dir)
    return loaded, run_checks(loaded)


def load_for_reading(data_dir: DataDir) -> tuple[Dataset | None, list[Problem]]:
    """The dataset for a reading command, from the cache when no data file changed."""
    from hitrack import cache

    # Taken before loading and again after: a dataset read while a file changed is not kept.
    key = cache.fingerprint(data_dir.path)
    hit = cache.load(data_dir.path, data_dir.bundled, key)
    if hit is not None:
        return hit
    if key is not None and cache.cache_dir() is not None:
        loaded, problems = load_checked(data_dir, file_cache=True)
    else:
        loaded, problems = load_checked(data_dir)
    dataset = loaded.dataset
    unchanged = key is not None and cache.fingerprint(data_dir.path) == key
    if dataset is not None and not has_errors(problems) and unchanged:
        cache.store(data_dir.path, data_dir.bundled, dataset, problems, key)
    return loaded.dataset, problems


def bundled_note(data_dir: DataDir, lang: Lang) -> str:
    return word("bundled_note", lang) + "\n" if data_dir.bundled else ""


def check(
    data_dir: DataDir,
    fmt: str,
    *,
    strict: bool,
    lang: Lang,
    step_summary: str | None = None,
    base: str | None = None,
) -> Outcome:
    """`step_summary`: a file ($GITHUB_STEP_SUMMARY) to append a markdown summary to.
    `base`: a git revision; a change to the plan since it is a `plan-changed` warning."""
    from hitrack.render.problems import FORMATS

    loaded, problems = load_checked(data_dir)
    if base is not None:
        found = _plan_changes(data_dir, loaded, base)
        if isinstance(found, Outcome):
            return found
        problems = sorted([*problems, *found], key=lambda p: (p.file, p.line, p.col, p.code))
    rendered = FORMATS[fmt]().render(capped_problems(problems, lang), loaded.file_count, lang)
    notes = bundled_note(data_dir, lang)
    if step_summary:
        notes += append_step_summary(step_summary, problems, loaded.file_count, lang)
    return Outcome(rendered, notes, exit_code(problems, strict=strict))


def _plan_changes(data_dir: DataDir, loaded: Loaded, base: str) -> list[Problem] | Outcome:
    """The `plan-changed` warnings of `check --base`, or the outcome of a git error. `base`
    is a revision, or a directory when written `./DIR`, `../DIR` or `/DIR`."""
    from pathlib import Path

    from hitrack import gitdata
    from hitrack.checks import check_plan_unchanged
    from hitrack.loader import load_dataset
    from hitrack.render import escape

    if base in (".", "..") or base.startswith(PATH_PREFIXES):  # a directory, as in `diff`
        if not Path(base).is_dir():
            message = f"hitrack: check --base: {escape.terminal(repr(base))} is not a directory\n"
            return Outcome("", message, EXIT_USAGE)
        return check_plan_unchanged(load_dataset(DataDir(Path(base))), loaded, base)
    try:
        top = gitdata.toplevel(data_dir.path)
        inside = gitdata.relative_path(top, data_dir.path)
        commit = gitdata.resolve(top, base)
        label = f"{base} ({commit[:12]})"
        tree = gitdata.read_tree(top, commit, inside, f"{base}:{inside}", data_dir.max_bytes)
    except gitdata.NoDataDir:  # the change adds the data directory: all of the plan is new
        return check_plan_unchanged(None, loaded, label)
    except gitdata.GitError as err:
        return Outcome("", f"hitrack: check --base: {escape.terminal(str(err))}\n", EXIT_USAGE)
    return check_plan_unchanged(load_dataset(tree), loaded, label)


def append_step_summary(path: str, problems: list[Problem], files: int, lang: Lang) -> str:
    """Append the check's markdown summary to `path`; a message for stderr if that failed.

    A summary that cannot be written does not change the check's verdict, but says so.
    """
    from pathlib import Path

    from hitrack.render.problems import SUMMARY_LIMIT, render_step_summary

    target = Path(path)
    try:
        # The file is per step: what this step wrote before counts against the limit.
        used = target.stat().st_size if target.exists() else 0
        budget = SUMMARY_LIMIT - used - 1024
        if budget < 4096:
            return f"hitrack: {path}: the step summary is nearly full; no summary written\n"
        text = render_step_summary(problems, files, lang, budget)
        with target.open("a", encoding="utf-8") as stream:
            stream.write("\n" + text)
    except OSError as err:
        return f"hitrack: cannot write the step summary to {path}: {err.strerror or err}\n"
    return ""


def capped_problems(problems: list[Problem], lang: Lang) -> list[Problem]:
    """The problems to show: at most `PER_CODE_AND_FILE` of each code in each file."""
    from hitrack.problems import capped

    return capped(
        problems, lambda count, code: word("more_like_this", lang).format(count=count, code=code)
    )


def problems_outcome(data_dir: DataDir, problems: list[Problem], lang: Lang) -> Outcome:
    """The outcome of a command that cannot run because the data has errors."""
    from hitrack.render.problems import TextFormat

    errors = capped_problems([p for p in problems if p.severity == "error"], lang)
    text = TextFormat().render(errors, 0, lang)
    return Outcome("", bundled_note(data_dir, lang) + text, EXIT_FINDINGS)


def platforms(
    data_dir: DataDir, fmt: str, filters: dict[str, str | None], lang: Lang, width: int | None
) -> Outcome:
    from hitrack import register
    from hitrack.render.platforms import FORMATS

    loaded, problems = load_checked(data_dir)
    if has_errors(problems) or loaded.dataset is None:
        return problems_outcome(data_dir, problems, lang)
    if loaded.dataset.platforms is None:
        message = "this data directory has no platforms.yaml\n"
        return Outcome("", bundled_note(data_dir, lang) + message, EXIT_USAGE)
    selection = register.select(loaded.dataset.platforms, **filters)
    unknown = register.unknown_filter(loaded.dataset.platforms, filters.get("category"))
    if unknown:
        return Outcome("", bundled_note(data_dir, lang) + f"hitrack: {unknown}\n", EXIT_USAGE)
    text = FORMATS[fmt]().render(loaded.dataset.platforms, selection, lang, width)
    return Outcome(text, bundled_note(data_dir, lang), EXIT_CLEAN)


def schema(which: str) -> Outcome:
    from pydantic import TypeAdapter

    from hitrack import model
    from hitrack.render import escape

    classes: dict[str, Any] = {
        "targets": model.TargetsFile,
        "platforms": model.PlatformsFile,
        "actuals": model.ActualsFile,
    }
    from hitrack.schema_zh import add_chinese

    with model.documented():
        document = TypeAdapter(classes[which]).json_schema()
    document = add_chinese(document, classes[which].__name__)
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://hitrack.invalid/schema/v1/{which}.json",
        **document,
    }
    return Outcome(escape.json_text(document))


def write(outcome: Outcome) -> int:
    try:
        if outcome.stderr:
            sys.stderr.write(outcome.stderr)
        if outcome.stdout:
            sys.stdout.write(outcome.stdout)
            sys.stdout.flush()
    except BrokenPipeError:  # `hitrack status | head`
        pass
    return outcome.code


@dataclasses.dataclass(frozen=True)
class StatusOptions:
    fmt: str = "table"
    as_of: str | None = None
    sort: str = "plan"
    zone: str | None = None
    explain: str | None = None
    lang: Lang = "en"
    width: int | None = None
    by: str | None = None
    """"zone": one block per zone, then the roll-up."""
    periods: bool = False
    """The period matrix: a column per reported period."""
    owner: str | None = None
    """Only the targets this owner (id or name) leads or cooperates on."""
    section: str | None = None
    """Only the targets of this section (id or title) of the plan."""


SORTS = ("plan", "id", "status", "gap")


def status(data_dir: DataDir, options: StatusOptions) -> Outcome:
    from hitrack import progress, tokens

    if options.as_of is not None and not tokens.is_period(options.as_of):
        return Outcome(
            "",
            f"hitrack: --as-of {options.as_of!r}: write a year (2019) or a quarter (2020-Q2)\n",
            EXIT_USAGE,
        )
    loaded = _load_for_zone(data_dir, options.zone, options.lang)
    if isinstance(loaded, Outcome):
        return loaded
    dataset, zone = loaded
    as_of = options.as_of or progress.latest_period(dataset)
    if options.explain is not None:
        return _explain(dataset, options.explain, as_of, zone, options.lang)
    from hitrack import grouping

    picked = grouping.pick(dataset.plan, options.owner, options.section)
    if isinstance(picked, str):
        return Outcome("", escape_terminal(picked), EXIT_USAGE)
    if options.by == "zone":
        return _status_by_zone(data_dir, dataset, options, as_of, zone)
    lacking = grouping.lacking(dataset.plan, options.by)
    if lacking:
        return Outcome("", lacking, EXIT_USAGE)
    with progress.bulk():
        assessments = _sorted(progress.assess_all(dataset, as_of, zone), options.sort)
    assessments = grouping.only(assessments, *picked)
    if options.by in grouping.GROUPINGS:
        from hitrack.render.groups import FORMATS as GROUP_FORMATS
        from hitrack.render.groups import GroupBlocks
        from hitrack.render.status import StatusReport

        blocks = GroupBlocks(
            options.by,
            grouping.groups_of(options.by, dataset.plan, assessments),
            StatusReport(dataset, as_of, assessments, zone),
        )
        text = GROUP_FORMATS[options.fmt]().render(blocks, options.lang, options.width)
        return Outcome(text, bundled_note(data_dir, options.lang), EXIT_CLEAN)
    if options.periods:
        from hitrack.render import period_matrix

        matrix = period_matrix.build(dataset, as_of, assessments, zone)
        text = period_matrix.FORMATS[options.fmt](matrix, options.lang)
        return Outcome(text, bundled_note(data_dir, options.lang), EXIT_CLEAN)
    from hitrack.render.status import FORMATS, StatusReport

    report = StatusReport(dataset, as_of, assessments, zone)
    text = FORMATS[options.fmt]().render(report, options.lang, options.width)
    return Outcome(text, bundled_note(data_dir, options.lang), EXIT_CLEAN)


def escape_terminal(text: str) -> str:
    """A message that quotes data, made safe for the terminal (its last line break kept)."""
    from hitrack.render import escape

    return escape.terminal(text.rstrip("\n")) + "\n"


def _status_by_zone(
    data_dir: DataDir, dataset: Dataset, options: StatusOptions, as_of: str, zone: str | None
) -> Outcome:
    """`status --by zone`: a block per zone (or only the --zone one), then the roll-up."""
    from hitrack import progress
    from hitrack.render.by_zone import FORMATS, ZoneBlocks
    from hitrack.render.status import StatusReport

    if not dataset.plan.zones:
        return Outcome(
            "", "hitrack: --by zone: this plan lists no zones (plan.zones)\n", EXIT_USAGE
        )
    from hitrack import grouping

    picked = grouping.pick(dataset.plan, options.owner, options.section)
    assert not isinstance(picked, str)  # checked by `status`
    with progress.bulk():
        per_zone = progress.assess_by_zone(dataset, as_of, None if zone is None else [zone])
        total = _sorted(progress.assess_all(dataset, as_of), options.sort)
    blocks = ZoneBlocks(
        zones=[
            (
                z,
                StatusReport(
                    dataset, as_of, grouping.only(_sorted(found, options.sort), *picked), z.id
                ),
            )
            for z, found in per_zone
        ],
        total=StatusReport(dataset, as_of, grouping.only(total, *picked)),
    )
    text = FORMATS[options.fmt]().render(blocks, options.lang, options.width)
    return Outcome(text, bundled_note(data_dir, options.lang), EXIT_CLEAN)


def _load_for_zone(
    data_dir: DataDir, option: str | None, lang: Lang
) -> tuple[Dataset, str | None] | Outcome:
    """The dataset and the zone `--zone` names, or the outcome that stops the command."""
    dataset, problems = load_for_reading(data_dir)
    if has_errors(problems) or dataset is None:
        return problems_outcome(data_dir, problems, lang)
    zone = _zone(dataset, option)
    if isinstance(zone, Outcome):
        return zone
    return dataset, zone


def _zone(dataset: Any, option: str | None) -> str | Outcome | None:
    """The zone id an option names (by id or by name), or a usage error."""
    if option is None:
        return None
    for zone in dataset.plan.zones:
        if option in (zone.id, zone.name, zone.name_en) or zone.name.startswith(option):
            return str(zone.id)
    known = ", ".join(f"{z.id} ({z.name})" for z in dataset.plan.zones) or "none"
    return Outcome(
        "", f"hitrack: --zone {option!r} is not a zone of this plan; zones: {known}\n", EXIT_USAGE
    )


def _sorted(assessments: list[Any], key: str) -> list[Any]:
    from hitrack.progress import SEVERITY

    if key == "id":
        return sorted(assessments, key=lambda a: a.target.id)
    if key == "status":
        return sorted(assessments, key=lambda a: SEVERITY[a.status])
    if key == "gap":
        # Largest share still to go first; met and unknown targets last.
        def remaining(a: Any) -> Any:
            from decimal import Decimal

            if a.percent is None:
                return Decimal("Infinity")
            return a.percent

        return sorted(assessments, key=remaining)
    return assessments


def _explain(dataset: Any, target_id: str, as_of: str, zone: str | None, lang: Lang) -> Outcome:
    import difflib

    from hitrack import grouping, progress
    from hitrack.i18n import reason_words, step_words
    from hitrack.render import escape
    from hitrack.render.status import READING_MARK, status_words, target_words

    targets = {t.id: t for t in dataset.targets.targets}
    if target_id not in targets:
        close = difflib.get_close_matches(target_id, list(targets), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; targets: {', '.join(targets)}"
        return Outcome("", f"hitrack: --explain: no target {target_id!r}{hint}\n", EXIT_USAGE)
    target = targets[target_id]
    result = progress.assess_target(dataset, target, as_of, zone)
    if result is None:
        message = f"hitrack: --explain: {target_id} belongs to zone {target.zone}, not {zone}"
        return Outcome("", escape.terminal(message) + "\n", EXIT_USAGE)
    by = target_words(target, lang) + word("explain_by", lang).format(deadline=result.deadline)
    lines = [
        f"{target.id}: {target.name} / {target.name_en}",
        f"{word('explain_target', lang)}{by} ({target.kind}, {target.comparator or 'milestone'})",
        f"{word('explain_quote', lang)}「{target.quote}」",
        *grouping.explain_lines(dataset.plan, target, lang),
        *(
            [f"{READING_MARK} {word('explain_reading', lang)}{target.note}"]
            if target.reading
            else []
        ),
        f"{word('explain_as_of', lang)}{as_of}"
        + (word("explain_zone", lang).format(zone=zone) if zone else ""),
    ]
    # Each step and reason ends with its rule code, as README's method section names it.
    lines += [
        f"{n}. {step_words(*step, lang)} [{step[0]}]" for n, step in enumerate(result.steps, 1)
    ]
    reason = ""
    if result.reason_code:
        words = reason_words(result.reason_code, result.reason_params, lang)
        reason = f"（{words}）" if lang == "zh" else f" ({words})"
        reason += f" [{result.reason_code}]"
    lines.append(f"=> {status_words(result.status, lang)}{reason}")
    if result.sample:
        lines.append(word("explain_sample", lang))
    return Outcome("\n".join(escape.terminal(line) for line in lines) + "\n")


# ----------------------------------------------------------------------------- report


@dataclasses.dataclass(frozen=True)
class ReportOptions:
    as_of: str | None = None
    since: str | None = None
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


DOCX_HINT = "hitrack: --format docx needs python-docx: pip install 'hitrack-plan[word]'\n"
PNG_HINT = "hitrack: PNG charts need `pip install 'hitrack[charts]'`; wrote the SVG charts only\n"


def report(data_dir: DataDir, options: ReportOptions) -> Outcome:
    """The markdown summary for a progress meeting, to stdout or atomically to a file."""
    from hitrack import changes, periods, progress, tokens

    for name, value in (("--as-of", options.as_of), ("--since", options.since)):
        if value is not None and not tokens.is_period(value):
            message = f"hitrack: {name} {value!r}: write a year (2019) or a quarter (2020-Q2)\n"
            return Outcome("", message, EXIT_USAGE)
    if options.fmt == "docx":
        if options.output is None:
            return Outcome("", "hitrack: --format docx needs -o FILE.docx\n", EXIT_USAGE)
        try:
            import docx  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
        except ImportError:
            return Outcome("", DOCX_HINT, EXIT_USAGE)
    loaded = _load_for_zone(data_dir, options.zone, options.lang)
    if isinstance(loaded, Outcome):
        return loaded
    dataset, zone = loaded
    from hitrack import grouping

    lacking = grouping.lacking(dataset.plan, options.by)
    if lacking:
        return Outcome("", lacking, EXIT_USAGE)
    picked = grouping.pick(dataset.plan, options.owner, options.section)
    if isinstance(picked, str):
        return Outcome("", escape_terminal(picked), EXIT_USAGE)
    as_of = options.as_of or progress.latest_period(dataset)
    since = options.since or changes.previous_period(dataset, as_of)
    if since is not None and periods.sort_key(since) >= periods.sort_key(as_of):
        message = f"hitrack: --since {since!r} must be earlier than the as-of period {as_of!r}\n"
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
        outcome = _write_report_files(files.writes, options.force, note, "", False)
        if outcome.code == EXIT_CLEAN:
            outcome.stderr = files.note + outcome.stderr
        return outcome
    text = render_report(content, options.lang)
    if options.output is None and not files.writes:
        return Outcome(text, note)
    if options.output is not None:
        files.writes.append((Path(options.output), text.encode("utf-8")))
    outcome = _write_report_files(files.writes, options.force, note, text, options.output is None)
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
        files.note = PNG_HINT
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
    writes: list[tuple[Path, bytes]], force: bool, note: str, text: str, to_stdout: bool
) -> Outcome:
    from hitrack.atomic import Exists, write_file

    existing = [str(path) for path, _ in writes if path.exists()]
    if existing and not force:
        more = f" and {len(existing) - 1} more files" if len(existing) > 1 else ""
        verb = "exist" if more else "exists"
        message = f"hitrack: {existing[-1]}{more} {verb}; pass --force to overwrite\n"
        return Outcome("", note + message, EXIT_USAGE)
    try:
        for path, data in writes:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_file(path, data, force=force)
    except Exists as err:
        return Outcome("", f"{note}hitrack: {err} exists; pass --force to overwrite\n", EXIT_USAGE)
    except OSError as err:
        where = err.filename or "the output"
        return Outcome("", f"{note}hitrack: cannot write {where}: {err.strerror}\n", EXIT_USAGE)
    charts = len(writes) - (not to_stdout)
    written = [str(writes[-1][0])] if not to_stdout else []
    written += [f"{charts} chart files in {writes[0][0].parent}"] if charts else []
    return Outcome(text if to_stdout else "", f"{note}hitrack: wrote {', '.join(written)}\n")


# ----------------------------------------------------------------------------- diff, init


@dataclasses.dataclass(frozen=True)
class DiffOptions:
    base: str | None = None
    """A revision or a directory; default: the merge base with the default branch."""
    head: str | None = None
    """A revision or a directory; default: the working tree (the data directory)."""
    data: str | None = None
    """The --data option: the data directory, also its path inside the repository."""
    fmt: str = "text"
    lang: Lang = "en"
    rev: bool = False
    """--rev: BASE and HEAD are git revisions, never directories."""


#: How an argument names a directory beyond doubt: no git revision starts like this.
PATH_PREFIXES = ("./", "../", "/")


def diff(options: DiffOptions) -> Outcome:
    from hitrack import datadiff, gitdata
    from hitrack.datadir import DataDirError
    from hitrack.render import escape
    from hitrack.render.diff import FORMATS, DiffReport
    from hitrack.source import load_source

    try:
        sides = _diff_sides(options)
    except (gitdata.GitError, DataDirError) as err:
        return Outcome("", f"hitrack: diff: {escape.terminal(str(err))}\n", EXIT_USAGE)
    datasets = []
    messages = []
    for label, data_dir in sides:
        loaded, problems = load_checked(data_dir)
        if has_errors(problems) or loaded.dataset is None:
            outcome = problems_outcome(data_dir, problems, options.lang)
            shown = escape.terminal(label)
            messages.append(f"hitrack: diff: {shown} has errors:\n{outcome.stderr}")
        datasets.append(loaded.dataset)
    if messages:
        return Outcome("", "".join(messages), EXIT_FINDINGS)
    before, after = datasets
    assert before is not None and after is not None
    documents = [
        load_source(data_dir, dataset.plan.source)
        for (_, data_dir), dataset in zip(sides, (before, after), strict=True)
    ]
    changes = datadiff.source_changes(documents[0], documents[1])
    report = DiffReport(datadiff.compute_diff(before, after, changes), sides[0][0], sides[1][0])
    return Outcome(FORMATS[options.fmt]().render(report, options.lang))


def _diff_sides(options: DiffOptions) -> list[tuple[str, DataDir]]:
    """(label, data directory) of BASE and HEAD: a directory (see `_is_directory`), else a
    git revision, read into memory."""
    from pathlib import Path

    from hitrack import gitdata
    from hitrack.datadir import DataDirError, find_data_dir

    sides: list[tuple[str, DataDir]] = []
    repo: tuple[Path, Any] | None = None
    for index, side in enumerate((options.base, options.head)):
        if side is not None and _is_directory(side, options):
            sides.append((side, DataDir(Path(side))))
            continue
        work = find_data_dir(options.data)
        if work.bundled:
            raise DataDirError("no ./data directory here; name the data directory with --data")
        if side is None and index == 1:
            sides.append((word("working_tree", options.lang), work))
            continue
        if repo is None:
            top = gitdata.toplevel(work.path)
            repo = (top, gitdata.relative_path(top, work.path))
        top, inside = repo
        if side is None:
            name, commit = gitdata.default_base(top)
        else:
            name, commit = side, gitdata.resolve(top, side)
        label = f"{name} ({commit[:12]})"
        tree = gitdata.read_tree(top, commit, inside, f"{name}:{inside}", work.max_bytes)
        sides.append((label, tree))
    return sides


def _is_directory(side: str, options: DiffOptions) -> bool:
    """Whether a BASE or HEAD argument names a data directory rather than a revision.

    With --rev none is. `./x`, `../x`, `/x` and `.` are directories. Otherwise an
    argument that is an existing directory *and* a revision is ambiguous, as in git: a pull
    request could add a folder `origin/main/` holding the old data to make `hitrack diff
    origin/main` compare with it.
    """
    from pathlib import Path

    from hitrack import gitdata
    from hitrack.datadir import DataDirError, find_data_dir

    if options.rev:
        return False
    if side in (".", "..") or side.startswith(PATH_PREFIXES):
        if not Path(side).is_dir():
            raise DataDirError(f"{side!r} is not a directory")
        return True
    if not Path(side).is_dir():
        return False
    try:
        work = find_data_dir(options.data)
        if work.bundled:
            return True
        gitdata.resolve(gitdata.toplevel(work.path), side)
    except (gitdata.GitError, DataDirError):
        return True
    raise DataDirError(
        f"{side!r} is both a directory and a git revision; write ./{side} for the directory, "
        f"or pass --rev to read BASE and HEAD as revisions only"
    )


def init(directory: str, lang: Lang, start: int | None = None) -> Outcome:
    """Scaffold a tracking repository in `directory`; exit 0 when a file was created, 1 when
    every file already existed (nothing to do), 2 when one could not be written."""
    from pathlib import Path

    from hitrack import scaffold
    from hitrack.render import escape

    root = Path(directory)
    if root.exists() and not root.is_dir():
        message = f"hitrack: init: {directory!r} exists and is not a directory\n"
        return Outcome("", message, EXIT_USAGE)
    try:
        result = scaffold.write_scaffold(root, scaffold.plan_files(start))
    except OSError as err:
        where = escape.terminal(str(err.filename or directory))
        return Outcome("", f"hitrack: init: cannot write {where}: {err.strerror}\n", EXIT_USAGE)
    shown = escape.terminal(str(root))
    lines = [f"{word('created', lang)}: {shown}/{path}" for path in result.created]
    lines += [f"{word('skipped_existing', lang)}: {shown}/{path}" for path in result.skipped]
    if result.created:
        lines.append(word("init_next", lang).format(escape.terminal(str(root / "data"))))
    code = EXIT_CLEAN if result.created else EXIT_FINDINGS
    return Outcome("\n".join(lines) + "\n", "", code)


def draft(plan: str, out: str, dry_run: bool, lang: Lang) -> Outcome:
    """`hitrack draft`: write (or with `dry_run` print) a draft data directory."""
    from hitrack import draft as drafting
    from hitrack.render import escape

    try:
        result = drafting.draft_plan(drafting.load_document(Path(plan)))
    except drafting.DraftError as err:
        return Outcome("", f"hitrack: draft: {escape.terminal(str(err))}\n", EXIT_USAGE)
    files = drafting.draft_files(result)
    root = Path(out)
    summary = word("draft_summary", lang).format(
        targets=len(result.targets),
        review=sum(1 for t in result.targets if t.review),
        skipped=len(result.skipped),
    )
    if dry_run:
        shown = [f"==> {escape.terminal(str(root / name))} <==\n{body}" for name, body in files[:1]]
        shown += [f"==> {escape.terminal(str(root / name))} <==" for name, _ in files[1:]]
        return Outcome("\n".join([*shown, summary]) + "\n", "", EXIT_CLEAN)
    taken = [name for name, _ in files if (root / name).exists() or (root / name).is_symlink()]
    if taken:
        lines = [
            f"{word('skipped_existing', lang)}: {escape.terminal(str(root / n))}" for n in taken
        ]
        return Outcome("\n".join(lines) + "\n", word("draft_exists", lang) + "\n", EXIT_FINDINGS)
    try:
        for name, body in files:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as stream:
                stream.write(body)
    except OSError as err:
        where = escape.terminal(str(err.filename or out))
        return Outcome("", f"hitrack: draft: cannot write {where}: {err.strerror}\n", EXIT_USAGE)
    lines = [f"{word('created', lang)}: {escape.terminal(str(root / n))}" for n, _ in files]
    lines.append(summary)
    lines.append(word("draft_next", lang).format(escape.terminal(str(root))))
    return Outcome("\n".join(lines) + "\n", "", EXIT_CLEAN)
