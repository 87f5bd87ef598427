"""Every name an option chooses from, in one place: the output formats of each command, the
output languages, the sheet formats, sort keys, groupings, schema kinds and build statuses.
The CLI offers exactly these; each renderer's `FORMATS` table is keyed by them
(tests/test_cli.py checks that the two agree).

Kept to `enum`: the CLI imports it before every command.
"""

from __future__ import annotations

import enum

MIN_WIDTH = 40
"""`--width`: the narrowest table the CLI accepts."""


class Language(str, enum.Enum):
    """`--lang`: the words of `i18n.Lang`."""

    zh = "zh"
    en = "en"


class CheckFormat(str, enum.Enum):
    """`check --format`: `render.problems.FORMATS`, and auto."""

    auto = "auto"
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


class StatusFormat(str, enum.Enum):
    """`status --format`: `render.status`, `render.by_zone` and `render.period_matrix`."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class PlatformFormat(str, enum.Enum):
    """`platforms --format`: `render.platforms.FORMATS`."""

    table = "table"
    json = "json"
    markdown = "markdown"


class ReportFormat(str, enum.Enum):
    """`report --format`: markdown (`render.report`), docx (`render.word_report`)."""

    markdown = "markdown"
    docx = "docx"


class DiffFormat(str, enum.Enum):
    """`diff --format`: `render.diff.FORMATS`."""

    text = "text"
    markdown = "markdown"
    json = "json"


class ExportFormat(str, enum.Enum):
    """`export --format`: `interchange.exporting.RENDERERS`."""

    csv = "csv"
    xlsx = "xlsx"
    json = "json"


class BuildStatus(str, enum.Enum):
    built = "built"
    planned = "planned"


class SheetFormat(str, enum.Enum):
    csv = "csv"
    xlsx = "xlsx"
    xls = "xls"
    ods = "ods"


class SortKey(str, enum.Enum):
    plan = "plan"
    id = "id"
    status = "status"
    gap = "gap"


class ReportGroupBy(str, enum.Enum):
    owner = "owner"
    section = "section"


class GroupBy(str, enum.Enum):
    zone = "zone"
    owner = "owner"
    section = "section"


class SchemaKind(str, enum.Enum):
    targets = "targets"
    platforms = "platforms"
    actuals = "actuals"
