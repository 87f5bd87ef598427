"""The command line: options -> a call in `commands` -> printed outcome -> exit code.

Nothing here reads YAML or computes; heavy imports happen inside the commands that need
them. Typer's Rich help is off: it would import Rich on every `--help`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, Any, NoReturn, Optional

import typer

from hitrack import __version__
from hitrack.core.formats import (
    MIN_WIDTH,
    BuildStatus,
    CheckFormat,
    DiffFormat,
    ExportFormat,
    GroupBy,
    Language,
    PlatformFormat,
    ReportFormat,
    ReportGroupBy,
    SchemaKind,
    SheetFormat,
    SortKey,
    StatusFormat,
)
from hitrack.core.problems import EXIT_USAGE, said
from hitrack.i18n import argv_lang, pick, say, word

#: The language of this command line (its `--lang`, else the locale's): the help, made
#: when the app is built, and the usage errors are in it.
RUN_LANG = argv_lang(sys.argv[1:])

TYPE_CHECKING = False
if TYPE_CHECKING:
    from hitrack.commands.common import Outcome
    from hitrack.core.periods import Period
    from hitrack.i18n import Lang
    from hitrack.load.datadir import DataDir

app = typer.Typer(
    name="hitrack",
    help="Track a development plan's targets against what was actually achieved.\n\n"
    "跟踪发展规划目标的完成情况。",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


DataOption = Annotated[
    Optional[str],  # noqa: UP045 - Typer needs Optional on Python 3.10
    typer.Option(
        "--data",
        "-d",
        help="Data directory (default: $HITRACK_DATA, else ./data, else the bundled plan).",
        show_default=False,
    ),
]
LangOption = Annotated[
    Optional[Language],  # noqa: UP045
    typer.Option("--lang", help="Output language (default: from the locale).", show_default=False),
]
ZoneOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--zone", help="Only this zone (id or name) of a multi-zone plan."),
]
OwnerOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--owner", help="Only the targets this owner (id or name) leads or cooperates on."
    ),
]
SectionOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--section", help="Only the targets of this section (id or title) of the plan."),
]
WidthOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--width", help="Table width in columns (default: the terminal's).", min=MIN_WIDTH
    ),
]


def _lang(choice: Language | None) -> Lang:
    from hitrack.i18n import default_lang

    if choice is None:
        choice = ROOT_LANG  # `hitrack --lang zh status`: the one before the command
    if choice is None:
        return default_lang()
    return "zh" if choice is Language.zh else "en"


def _period(option: str, value: str) -> Period:
    """A period option, checked here once: the commands take a `Period`."""
    from hitrack.core.periods import Period

    try:
        return Period(value)
    except ValueError:
        _fail(said("bad-period-option", option=option, value=repr(value)))


def _optional_period(option: str, value: str | None) -> Period | None:
    return None if value is None else _period(option, value)


def _data_dir(option: str | None) -> DataDir:
    from hitrack.load.datadir import DataDirError, find_data_dir

    try:
        return find_data_dir(option)
    except DataDirError as err:
        return _fail(err.args[0] if err.args else str(err))


def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"hitrack: {say(message, RUN_LANG)}\n")
    raise typer.Exit(EXIT_USAGE)


#: `hitrack --quiet`: a command that succeeds writes nothing on stderr (its notes: the
#: bundled plan, what was written); errors and the data output stay as they are.
QUIET = False
ROOT_LANG: Language | None = None
"""`--lang` before the command (`hitrack --lang zh status`); a command's own `--lang` wins."""


def _finish(outcome: Outcome) -> NoReturn:
    from hitrack.commands.common import finish

    raise typer.Exit(finish(outcome, QUIET))


def _file_or_stdout(output: str | None) -> str | None:
    """`-o -` is standard output, as in most command-line tools (not a file named `-`)."""
    return None if output == "-" else output


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"hitrack {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Only errors on stderr: no notes (data output unchanged)."
        ),
    ] = False,
    lang: Annotated[
        Optional[Language],  # noqa: UP045
        typer.Option(
            "--lang",
            help="Output language of every command (default: from the locale); a command's "
            "own --lang wins.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Track a development plan's targets against what was actually achieved."""
    global QUIET, ROOT_LANG
    QUIET, ROOT_LANG = quiet, lang


@app.command()
def check(
    data: DataOption = None,
    fmt: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="Output format; auto is github under GitHub Actions (which also appends a "
            "markdown summary to $GITHUB_STEP_SUMMARY), text elsewhere; gitlab is a GitLab "
            "Code Quality report.",
        ),
    ] = CheckFormat.auto,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
    lang: LangOption = None,
    base: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--base",
            help="A git revision (or ./DIR) to compare with: a change to the plan itself "
            "(targets, thresholds, platforms, source document) since it is a plan-changed "
            "warning.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Validate every data file and report every problem (exit 0 clean, 1 problems, 2 usage).

    检查所有数据文件，报告全部问题。
    """
    import os

    from hitrack.commands import check as check_cmd

    name = fmt.value
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    data_dir = _data_dir(data)
    summary = os.environ.get("GITHUB_STEP_SUMMARY") if name == "github" else None
    _finish(
        check_cmd.check(
            data_dir,
            name,
            strict=strict,
            lang=_lang(lang),
            step_summary=summary,
            base=base,
        )
    )


@app.command()
def status(
    data: DataOption = None,
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--as-of", help="Assess as of this period (default: the latest reported)."),
    ] = None,
    fmt: Annotated[StatusFormat, typer.Option("--format", "-f", help="Output format.")] = (
        StatusFormat.table
    ),
    sort: Annotated[SortKey, typer.Option("--sort", help="Row order.")] = SortKey.plan,
    zone: ZoneOption = None,
    explain: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--explain",
            metavar="TARGET_ID",
            help="Show every step for one target (its id, name or an alias).",
        ),
    ] = None,
    lang: LangOption = None,
    width: WidthOption = None,
    by: Annotated[
        Optional[GroupBy],  # noqa: UP045
        typer.Option(
            "--by",
            help="zone: one block per zone of a multi-zone plan, then the roll-up; owner or "
            "section: one block per owner (plan.owners) or section, each with its counts.",
        ),
    ] = None,
    periods: Annotated[
        bool, typer.Option("--periods", help="One column per reported period: the value of each.")
    ] = False,
    owner: OwnerOption = None,
    section: SectionOption = None,
) -> None:
    """Every target: actual, gap, progress, pace and status (exit 0; 1 when data has errors).

    每个目标的实际值、差距、完成度、进度与状态。
    """
    from hitrack.commands import status as status_cmd

    options = status_cmd.StatusOptions(
        fmt=fmt.value,
        as_of=_optional_period("--as-of", as_of),
        sort=sort.value,
        zone=zone,
        explain=explain,
        lang=_lang(lang),
        width=width,
        by=by.value if by else None,
        periods=periods,
        owner=owner,
        section=section,
    )
    if not QUIET and ROOT_LANG is None:  # as a line `memo.parse` reads has them
        from hitrack import memo

        memo.remember("status", data, status_cmd.remembered(options))
    _finish(status_cmd.status(_data_dir(data), options))


@app.command()
def platforms(
    data: DataOption = None,
    category: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--category", help="Only this category (id or name; see platforms.yaml)."),
    ] = None,
    level: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--level",
            metavar="<national|provincial|municipal|unspecified>",
            help="Only this level.",
        ),
    ] = None,
    status: Annotated[
        Optional[BuildStatus],  # noqa: UP045
        typer.Option("--status", help="Only built or only planned platforms."),
    ] = None,
    fmt: Annotated[PlatformFormat, typer.Option("--format", "-f", help="Output format.")] = (
        PlatformFormat.table
    ),
    lang: LangOption = None,
    width: WidthOption = None,
) -> None:
    """List the research-platform register, filtered, with counts by category and level.

    列出科研平台，并按类别、级别、建设状态汇总。
    """
    from hitrack.commands import platforms as platforms_cmd

    filters = {
        "category": category,
        "level": level,
        "status": status.value if status else None,
    }
    data_dir = _data_dir(data)
    _finish(platforms_cmd.platforms(data_dir, fmt.value, filters, _lang(lang), width))


@app.command()
def schema(
    which: Annotated[SchemaKind, typer.Argument(help="Which file's schema.")] = SchemaKind.targets,
) -> None:
    """Print the JSON Schema of a data file, for editors that validate YAML as you type.

    输出数据文件的 JSON Schema。
    """
    from hitrack.commands import schema as schema_cmd

    _finish(schema_cmd.schema(which.value))


@app.command()
def report(
    data: DataOption = None,
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--as-of", help="Report as of this period (default: the latest reported)."),
    ] = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--since", help="Show changes since this period (default: the previous)."),
    ] = None,
    lang: Annotated[
        Language, typer.Option("--lang", help="Report language (default: Chinese).")
    ] = Language.zh,
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout (- is stdout)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing report or chart files.")
    ] = False,
    charts: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--charts", metavar="DIR", help="Also write SVG (and PNG) charts to DIR."),
    ] = None,
    zone: ZoneOption = None,
    date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--date",
            metavar="DATE",
            help="The report's date YYYY-MM-DD (default: today); days to deadline count from "
            "the as-of period.",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="markdown, or docx (a Word document; needs -o)."),
    ] = ReportFormat.markdown,
    by: Annotated[
        Optional[ReportGroupBy],  # noqa: UP045
        typer.Option(
            "--by", help="owner or section: the targets table grouped, each group with its counts."
        ),
    ] = None,
    owner: OwnerOption = None,
    section: SectionOption = None,
) -> None:
    """The markdown summary for a progress meeting (exit 0; 1 when data has errors).

    生成进展会议用的 Markdown 报告。
    """
    import datetime

    from hitrack.commands import common
    from hitrack.commands import report as report_cmd

    today = None
    if date is not None:
        try:
            today = datetime.date.fromisoformat(date)
        except ValueError:
            _finish(
                common.Outcome(
                    "", f"hitrack: --date {date!r}: write a date as YYYY-MM-DD\n", EXIT_USAGE
                )
            )
    options = report_cmd.ReportOptions(
        today=today,
        as_of=_optional_period("--as-of", as_of),
        since=_optional_period("--since", since),
        lang=lang.value,
        output=_file_or_stdout(output),
        force=force,
        charts=charts,
        zone=zone,
        fmt=fmt.value,
        by=by.value if by else None,
        owner=owner,
        section=section,
    )
    _finish(report_cmd.report(_data_dir(data), options))


@app.command()
def diff(
    base: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            help="A git revision or a data directory (./DIR; default: the merge base with the "
            "default branch: origin/HEAD, else main, else master).",
            show_default=False,
        ),
    ] = None,
    head: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            help="A git revision or a data directory (./DIR; default: the working tree).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DiffFormat.text
    ),
    lang: LangOption = None,
    rev: Annotated[
        bool,
        typer.Option(
            "--rev",
            help="BASE and HEAD are git revisions, never directories (for CI: a pull request "
            "can add a folder named like a branch).",
        ),
    ] = False,
) -> None:
    """What a change to the data does: added, changed and removed targets, actuals and
    platforms, and every affected target's actual, gap and status before and after
    (exit 0; 1 when a side's data has errors; 2 on a usage or git error).

    比较两个版本的数据及其对目标完成情况的影响。
    """
    from hitrack.commands import diff as diff_cmd

    options = diff_cmd.DiffOptions(base, head, data, fmt.value, _lang(lang), rev)
    _finish(diff_cmd.diff(options))


@app.command()
def init(
    directory: Annotated[str, typer.Argument(help="Where to create the repository's files.")],
    lang: LangOption = None,
) -> None:
    """Scaffold a tracking repository: data skeleton with examples, CI workflow, pre-commit
    config, README. Never overwrites a file (exit 0 when something was created, 1 when every
    file existed, 2 on a write error).

    创建一个新的跟踪仓库（示例数据、CI 工作流、pre-commit 配置、README）。
    """
    from hitrack.commands import init as init_cmd

    _finish(init_cmd.init(directory, _lang(lang)))


@app.command()
def draft(
    plan: Annotated[str, typer.Argument(help="The plan document: .txt (UTF-8 or GBK) or .docx.")],
    out: Annotated[
        str, typer.Option("--out", "-o", help="Data directory to write (default: ./draft).")
    ] = "draft",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be written; write nothing.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Draft a data directory from a plan document: every quantified or dated commitment as
    a target with its exact quote, `# review:` notes on uncertain fields, the source copied
    into sources/, and draft-skipped.txt listing sentences judged not trackable. Never
    overwrites a file (exit 0 written, 1 when a file exists, 2 when the plan cannot be read).

    从规划原文起草数据目录：每条量化或有期限的承诺成为一个目标，附原文引文与待核对说明。
    """
    from hitrack.commands import draft as draft_cmd

    _finish(draft_cmd.draft(plan, out, dry_run, _lang(lang)))


# ------------------------------------------------------------------------ import / export


@app.command("import")
def import_(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="The sheet: an .xlsx workbook or a .csv file (- reads it from standard input).",
        ),
    ],
    period: Annotated[
        str,
        typer.Option(
            "--period", metavar="PERIOD", help="The period the sheet reports: 2019 or 2020-Q2."
        ),
    ],
    data: DataOption = None,
    sheet: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--sheet", help="The workbook's sheet (default: the first)."),
    ] = None,
    mapping: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--map", metavar="MAPPING.yaml", help="Other labels and headers (see README)."
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    update: Annotated[
        bool, typer.Option("--update", help="Replace values that differ from the file's.")
    ] = False,
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--source", help="Where the values come from (default: the file's name)."),
    ] = None,
    reported: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--reported", metavar="DATE", help="Report date YYYY-MM-DD (default: today)."),
    ] = None,
    lang: LangOption = None,
    fmt: Annotated[
        Optional[SheetFormat],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help="The format of a sheet on standard input (default: from its first bytes).",
        ),
    ] = None,
) -> None:
    """Read actual values from a spreadsheet into data/actuals/PERIOD.yaml (exit 0, 1, 2).

    从 Excel/CSV 报表导入实际值。
    """
    import datetime

    from hitrack.commands import import_ as import_cmd

    reported_date = None
    if reported is not None:
        try:
            reported_date = datetime.date.fromisoformat(reported)
        except ValueError:
            _fail(said("bad-date-option", option="--reported", value=repr(reported)))
    stdin = None
    if file == "-":
        stdin = sys.stdin.buffer.read(import_cmd.STDIN_CAP + 1)
    options = import_cmd.ImportOptions(
        file=file,
        stdin=stdin,
        fmt=fmt.value if fmt else None,
        period=_period("--period", period),
        sheet=sheet,
        mapping=mapping,
        dry_run=dry_run,
        update=update,
        source=source,
        reported=reported_date,
        lang=_lang(lang),
    )
    _finish(import_cmd.import_sheet(_data_dir(data), options))


@app.command()
def export(
    data: DataOption = None,
    fmt: Annotated[
        Optional[ExportFormat],  # noqa: UP045
        typer.Option("--format", "-f", help="csv, xlsx or json (default: from -o, else csv)."),
    ] = None,
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE (default, or -: stdout)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--as-of", help="Assess as of this period (default: the latest reported)."),
    ] = None,
    template: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--template",
            metavar="PERIOD",
            help="Instead, the sheet to fill in for PERIOD (csv or xlsx): ids, names, units, "
            "the last value for reference and an empty value column; `import --period PERIOD` "
            "reads it back.",
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Targets with latest value, gap and status as a sheet for Excel/WPS, or JSON.

    导出目标、最新实际值、差距与状态（Excel/WPS 可直接打开）；--template 导出待填报表。
    """
    from hitrack.commands import export as export_cmd

    options = export_cmd.ExportOptions(
        fmt=fmt.value if fmt else None,
        output=_file_or_stdout(output),
        force=force,
        as_of=_optional_period("--as-of", as_of),
        lang=_lang(lang),
        template=_optional_period("--template", template),
    )
    _finish(export_cmd.export(_data_dir(data), options))


@app.command()
def site(
    directory: Annotated[
        str, typer.Argument(metavar="DIR", help="Directory to build the site in.")
    ],
    data: DataOption = None,
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--as-of", help="Show the plan as of this period (default: the latest)."),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Build a static dashboard site in DIR, Chinese with an English version (exit 0; 1 when
    data has errors; 2 when DIR holds other files).

    生成静态网页看板（中文，附英文版）。
    """
    from hitrack.commands import site as site_cmd

    options = site_cmd.SiteOptions(
        directory=directory, as_of=_optional_period("--as-of", as_of), lang=_lang(lang)
    )
    _finish(site_cmd.site(_data_dir(data), options))


def _usage_error(err: Exception, lang: Lang) -> str:
    """A click usage error in `lang`'s words: the usage line, the hint and the error."""
    ctx = getattr(err, "ctx", None)
    lines = []
    if ctx is not None:
        usage = ctx.get_usage().removeprefix("Usage:").removeprefix(word("help_usage", lang))
        usage = usage.strip()
        lines.append(word("usage_line", lang).format(usage=usage))
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(word("usage_try", lang).format(command=ctx.command_path))
        lines.append("")
    lines.append(word("usage_error", lang).format(message=_usage_message(err, lang)))
    return "\n".join(lines) + "\n"


def _usage_message(err: Exception, lang: Lang) -> str:
    import re

    kind = type(err).__name__
    text = str(getattr(err, "message", "") or err)
    param = getattr(err, "param", None)
    ctx = getattr(err, "ctx", None)
    hint = " / ".join(f"'{name}'" for name in getattr(param, "opts", ())) or (
        param.human_readable_name if param is not None else ""
    )
    if kind == "NoSuchOption":
        told = word("usage_no_such_option", lang).format(option=getattr(err, "option_name", ""))
        close = getattr(err, "possibilities", None)
        if close:
            told += word("usage_did_you_mean", lang).format(options=", ".join(sorted(close)))
        return told
    if kind == "MissingParameter" and param is not None:
        is_option = getattr(param, "param_type_name", "") == "option"
        if is_option:
            return word("usage_missing_option", lang).format(option=hint)
        shown = param.make_metavar(ctx) if ctx is not None else param.name
        return word("usage_missing_argument", lang).format(argument=shown)
    if kind == "BadOptionUsage" and text.endswith("requires an argument."):
        return word("usage_needs_value", lang).format(option=getattr(err, "option_name", ""))
    if kind == "BadParameter":
        for key, pattern in (
            ("usage_not_one_of", r"(?P<value>.+?) is not one of (?P<choices>.+?)\.?$"),
            ("usage_not_in_range", r"(?P<value>.+?) is not in the range (?P<range>.+?)\.?$"),
            ("usage_not_a_number", r"(?P<value>.+?) is not a valid integer\.?$"),
        ):
            found = re.match(pattern, text)
            if found:
                return word(key, lang).format(param=hint, **found.groupdict())
    if kind == "UsageError" and text.startswith("Got unexpected extra argument"):
        found = re.search(r"\(([^()]*)\)$", text)
        return word("usage_extra", lang).format(args=found.group(1) if found else text)
    if kind == "UsageError" and text.startswith("No such command"):
        return word("usage_no_command", lang).format(name=text.split(" ", 3)[-1].rstrip("."))
    return word("usage_other", lang).format(message=text)


def _usage_error_class() -> type[Exception]:
    import typer.core

    click = getattr(typer.core, "_click", None) or getattr(typer.core, "click")  # noqa: B009
    error: type[Exception] = click.exceptions.UsageError
    return error


def _in_chinese(command: Any) -> None:
    """The help of `command` and of its subcommands and options in Chinese (`HELP_ZH`),
    and click's headings too: done before the help is made, so that it is made in Chinese."""
    import typer.core

    from hitrack.i18n import HELP_ZH

    click = getattr(typer.core, "_click", None) or getattr(typer.core, "click")  # noqa: B009

    base: Any = click.HelpFormatter

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        base.write_usage(self, prog, args, word("help_usage", "zh"))

    def section(self: Any, name: str) -> Any:
        return base.section(self, HELP_ZH.get(f"heading:{name}", name))

    def write_dl(self: Any, rows: Any, *args: Any, **kwargs: Any) -> None:
        told = [(term, _help_zh(text, HELP_ZH)) for term, text in rows]
        base.write_dl(self, told, *args, **kwargs)

    methods = {"write_usage": write_usage, "section": section, "write_dl": write_dl}
    formatter = type("ChineseHelpFormatter", (base,), methods)
    context = type("ChineseContext", (click.Context,), {"formatter_class": formatter})
    stack = [("", command)]
    while stack:
        name, cmd = stack.pop()
        cmd.context_class = context
        told = HELP_ZH.get(f"command:{name}") or HELP_ZH.get(cmd.help or "")
        if told:
            cmd.help = cmd.short_help = told
        for param in cmd.params:
            if getattr(param, "help", None) in HELP_ZH:
                param.help = HELP_ZH[param.help]
        stack.extend(getattr(cmd, "commands", {}).items())


def _as_built(command: Any) -> None:
    """The help as written in this module: English, with each command's Chinese line."""


def _help_zh(text: str, words: dict[str, str]) -> str:
    """click's own words in an option's help (the help option, `[default: x]`) in Chinese."""
    import re

    text = words.get(text, text)
    for english in ("default", "required", "env var"):
        text = re.sub(rf"\[{english}(: )?", lambda m: "[" + words[f"note:{m.group(0)}"], text)
    return text


def _named_only(full: typer.Typer, argv: list[str]) -> typer.Typer:
    """The app with only the command that the line's first word names, when it names one:
    click builds every command's options from its function at each start (a third of the
    CLI's start-up), and only one of them runs. Any other line gets the whole app, so that
    `hitrack`, `hitrack --help` and a mistyped command list every command."""
    import copy

    import typer.main

    if not argv:
        return full
    named = [
        info
        for info in full.registered_commands
        if info.callback is not None
        and (info.name or typer.main.get_command_name(info.callback.__name__)) == argv[0]
    ]
    if len(named) != 1:
        return full
    only = copy.copy(full)
    only.registered_commands = named
    return only


def main() -> None:
    """Entry point: exit 2 with a one-line message instead of a traceback on any failure;
    a usage error in the language of the command line (click's own words in English)."""
    try:
        try:
            import typer.main

            command: Any = typer.main.get_command(_named_only(app, sys.argv[1:]))
            pick(RUN_LANG, _in_chinese, _as_built)(command)
            code = command(standalone_mode=False)
        except _usage_error_class() as err:
            told = _usage_error(err, RUN_LANG)
            show: Callable[[], object] = getattr(err, "show")  # noqa: B009 - click's own words
            pick(RUN_LANG, lambda: sys.stderr.write(told), show)()
            sys.exit(getattr(err, "exit_code", EXIT_USAGE))
        sys.exit(code if isinstance(code, int) else 0)
    except (KeyboardInterrupt, Exception) as err:  # where unexpected errors become exit 2
        from hitrack.commands.common import failure

        sys.exit(failure(err, RUN_LANG))
