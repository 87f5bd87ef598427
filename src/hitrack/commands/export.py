"""`hitrack export`: the targets with their latest value, gap and status as a sheet (CSV,
xlsx) or JSON, or with `--template` the sheet to fill in for a period. The sheets
themselves are written by `interchange.exporting`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hitrack.commands.common import Outcome, bundled_note, load_for_reading, problems_outcome, usage
from hitrack.core.periods import Period
from hitrack.core.problems import EXIT_CLEAN, has_errors
from hitrack.i18n import Lang, word
from hitrack.load.datadir import DataDir
from hitrack.render import escape


@dataclasses.dataclass(frozen=True)
class ExportOptions:
    fmt: str | None = None
    """csv, xlsx or json; default: from the output's suffix, else csv."""
    output: str | None = None
    force: bool = False
    as_of: Period | None = None
    lang: Lang = "en"
    template: Period | None = None
    """A period: write the sheet to fill in for it instead (`export --template`)."""


def export(data_dir: DataDir, options: ExportOptions) -> Outcome:
    from hitrack.interchange import exporting

    fmt = options.fmt
    if fmt is None:
        suffix = Path(options.output).suffix.lower().lstrip(".") if options.output else ""
        fmt = suffix if suffix in exporting.RENDERERS else "csv"
    if options.template is not None:
        if fmt not in exporting.TEMPLATE_RENDERERS:
            return usage("--template writes a sheet to fill in: csv or xlsx, not json")
        if options.as_of is not None:
            return usage("--template and --as-of do not go together: the template's period is it")
    if fmt == "xlsx" and options.output is None:
        return usage("an xlsx workbook is binary: give -o FILE.xlsx")
    output = Path(options.output) if options.output else None
    if output is not None and output.exists() and not options.force:
        return usage(f"{options.output} exists; add --force to replace it")
    if fmt == "xlsx":
        from hitrack.interchange.sheets import EXCEL_MISSING

        try:
            import openpyxl  # noqa: F401
        except ImportError:
            return usage(EXCEL_MISSING.replace("reading", "writing"))
    dataset, problems = load_for_reading(data_dir)
    if has_errors(problems) or dataset is None:
        return problems_outcome(data_dir, problems, options.lang)
    built: exporting.Export | exporting.Template
    if options.template is not None:
        built = exporting.build_template(dataset, options.template, options.lang)
        data = exporting.TEMPLATE_RENDERERS[fmt](built, options.lang)
    else:
        built = exporting.build(dataset, options.as_of, options.lang, periods=fmt != "csv")
        data = exporting.RENDERERS[fmt](built, options.lang)
    note = bundled_note(data_dir, options.lang)
    if built.sample:
        note += word("sample_banner", options.lang) + "\n"
    if output is None:
        return Outcome(data.decode("utf-8"), note, EXIT_CLEAN)
    from hitrack.load.atomic import Exists, write_file

    try:
        write_file(output, data, force=options.force)
    except Exists:
        return usage(f"{options.output} exists; add --force to replace it")
    except OSError as err:
        return usage(f"{options.output}: cannot write: {err.strerror}")
    written = f"{word('written', options.lang)}: {escape.terminal(str(output))}\n"
    return Outcome("", note + written, EXIT_CLEAN)
