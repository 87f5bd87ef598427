"""The same hostile names through every output: nothing from data can move the cursor, start a
CI command, inject HTML or markup, break a table, run a spreadsheet formula, or be lost.

`OUTPUTS` is the registry: one line per command and format, naming the kind of text it
produces (which decides what is checked) and a function that renders a dataset whose plan,
target, quote, source, note and platform names and hosts are all the hostile string. A test
walks every command's format registry, so a new format without a line here fails.

`check` refuses most of these strings (`hidden-character`), but every writer must survive
them anyway: the data is loaded with a placeholder, which is then replaced by the hostile
string in the loaded records, as if the check had been skipped.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import openpyxl
import pytest

from conftest import write_data
from hitrack.commands import check as check_cmd
from hitrack.commands import export as export_cmd
from hitrack.commands import platforms as platforms_cmd
from hitrack.commands import report as report_cmd
from hitrack.commands import schema as schema_cmd
from hitrack.commands import status as status_cmd
from hitrack.core import model
from hitrack.core.problems import Problem
from hitrack.engine import datadiff
from hitrack.interchange import exporting
from hitrack.load import loader
from hitrack.load.datadir import DataDir
from hitrack.render import by_zone, diff, escape, period_matrix
from hitrack.render import platforms as platform_formats
from hitrack.render import problems as problem_formats
from hitrack.render import status as status_formats

HOSTILE = {
    "pipe": "a|b",
    "newline": "line\nbreak",
    "carriage-return": "over\rwrite",
    "script": "<script>alert(1)</script>",
    "ampersand": "R&D &amp; more",
    "backticks": "`rm -rf /`",
    "rich-markup": "[red]x[/red]",
    "ansi": "\x1b[2Jcleared",
    "bidi": "abc\u202edef",
    "add-mask": "::add-mask::x",
    "csv-injection": "=cmd|' /C calc'!A0",
    "c1-csi": "\x9b2Jcsi",
    "nul-bell": "a\x00b\x07c",
    "line-separators": "a\u2028b\u2029c",
    "ci-commands": "x ##[error]y ##vso[task.setvariable variable=a]b",
    "zero-width": "a\u200bb\u200dc",
    "arabic-letter-mark": "a\u061cb",
    "long": "长" * 150 + "x" * 50,
}
PLACEHOLDER = "HOSTILEPLACEHOLDER"
NAME_LIMIT = 200  # the schema's cap on names; the long string is exactly at it

Kind = Literal["terminal", "markdown", "json", "csv", "github", "xlsx", "svg", "html", "docx"]


@dataclasses.dataclass(frozen=True)
class Output:
    kind: Kind
    render: Callable[[DataDir, Path], str]
    """(hostile data directory, scratch folder) -> the rendered text."""
    carries_data: bool = True
    """False for an output that shows no data (the schema): only its escaping is checked."""


_KINDS: dict[str, Kind] = {
    "table": "terminal",
    "text": "terminal",
    "json": "json",
    "gitlab": "json",
    "markdown": "markdown",
    "csv": "csv",
    "github": "github",
    "xlsx": "xlsx",
}
"""The kind of text each format name gives, whichever command renders it."""


def hostile_data(root: Path, text: str = PLACEHOLDER) -> DataDir:
    target = {
        "id": "smes",
        "name": text,
        "name_en": text,
        "kind": "level",
        "comparator": "gt",
        "value": 55,
        "unit": "家",
        "quote": f"科技型中小企业数量突破55家 {text}",
        "zone_scope": "each",
    }
    value = {"target": "smes", "zone": "zone-a", "unit": "家", "source": text}
    write_data(
        root,
        [target],
        {"2019": [{**value, "value": 48}], "2020": [{**value, "value": 52, "note": text}]},
        platforms={
            "categories": [{"id": "lab", "name": text, "name_en": text}],
            "platforms": [
                {
                    "id": "lab-a",
                    "name": text,
                    "category": "lab",
                    "level": "provincial",
                    "status": "built",
                    "host": [text],
                    "note": text,
                }
            ],
        },
        plan={
            "title": text,
            "title_en": text,
            "issuer": text,
            "zones": [{"id": "zone-a", "name": text, "name_en": text}],
        },
    )
    return DataDir(root)


def _swap(node: Any, text: str) -> Any:
    """`node` with the placeholder replaced by `text` in every string it holds."""
    if isinstance(node, str):
        return node.replace(PLACEHOLDER, text)
    if isinstance(node, tuple):
        return tuple(_swap(item, text) for item in node)
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        fields = {f.name: _swap(getattr(node, f.name), text) for f in dataclasses.fields(node)}
        return dataclasses.replace(node, **fields)
    return node


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path, str], DataDir]]:
    """(folder, hostile text) -> a data directory whose loaded records carry the text."""
    real = loader.load_dataset
    current: list[str] = []

    def load_dataset(data_dir: DataDir) -> loader.Loaded:
        loaded = real(data_dir)
        assert loaded.dataset is not None, loaded.problems
        dataset = _swap(loaded.dataset, current[0])
        return dataclasses.replace(loaded, dataset=dataset)

    monkeypatch.setattr(loader, "load_dataset", load_dataset)

    def make(root: Path, text: str) -> DataDir:
        current[:] = [text]
        return hostile_data(root)

    yield make


Render = Callable[[DataDir, Path], str]


def status(
    fmt: str, explain: str | None = None, by: str | None = None, periods: bool = False
) -> Render:
    def render(data: DataDir, scratch: Path) -> str:
        options = status_cmd.StatusOptions(
            fmt=fmt, explain=explain, lang="en", width=400, by=by, periods=periods
        )
        outcome = status_cmd.status(data, options)
        assert outcome.code == 0, outcome.stderr
        return outcome.stdout

    return render


def platforms(fmt: str) -> Render:
    def render(data: DataDir, scratch: Path) -> str:
        filters: dict[str, str | None] = {"category": None, "level": None, "status": None}
        outcome = platforms_cmd.platforms(data, fmt, filters, "en", 400)
        assert outcome.code == 0, outcome.stderr
        return outcome.stdout

    return render


def export(fmt: str) -> Render:
    def render(data: DataDir, scratch: Path) -> str:
        output = scratch / f"export.{fmt}"
        options = export_cmd.ExportOptions(fmt=fmt, output=str(output), lang="en", force=True)
        outcome = export_cmd.export(data, options)
        assert outcome.code == 0, outcome.stderr
        assert_no_controls(outcome.stderr)
        if fmt != "xlsx":
            return output.read_bytes().decode("utf-8-sig")
        workbook = openpyxl.load_workbook(output)
        cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == []  # no formula cell
        return "\n".join(str(c.value) for c in cells if c.value is not None)

    return render


def report(data: DataDir, scratch: Path) -> str:
    options = report_cmd.ReportOptions(lang="en", charts=str(scratch / "charts"))
    outcome = report_cmd.report(data, options)
    assert outcome.code == 0, outcome.stderr
    return outcome.stdout


def charts(data: DataDir, scratch: Path) -> str:
    report(data, scratch)
    return "\n".join(p.read_text(encoding="utf-8") for p in (scratch / "charts").glob("*.svg"))


def data_diff(fmt: str) -> Render:
    """The diff of the hostile data against the same data without its 2020 figures."""

    def render(data: DataDir, scratch: Path) -> str:
        after = loader.load_dataset(data).dataset
        assert after is not None
        before = dataclasses.replace(after, actuals=after.actuals[:1])
        found = datadiff.compute_diff(before, after)
        assert not found.empty
        return diff.FORMATS[fmt]().render(diff.DiffReport(found, "base", "head"), "en")

    return render


def schema(data: DataDir, scratch: Path) -> str:
    return schema_cmd.schema("targets").stdout


def check(fmt: str) -> Render:
    """A problem whose file name and message carry the string (file names are data too)."""

    def render(data: DataDir, scratch: Path) -> str:
        text = loader.load_dataset(data).dataset.plan.title  # type: ignore[union-attr]
        found = [Problem(f"actuals/{text}.yaml", 3, 5, "unknown-target", f"no target {text}")]
        return problem_formats.FORMATS[fmt]().render(found, 1, "en")

    return render


def site(data: DataDir, scratch: Path) -> str:
    """Every page and the badges of `hitrack site`, one after the other."""
    from hitrack.commands.site import SiteOptions
    from hitrack.commands.site import site as build

    out = scratch / "site"
    outcome = build(data, SiteOptions(directory=str(out), lang="en"))
    assert outcome.code == 0, outcome.stderr
    files = sorted(p for p in out.rglob("*") if p.suffix in (".html", ".svg"))
    assert len(files) >= 7
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def report_docx(data: DataDir, scratch: Path) -> str:
    """The text of every paragraph and table cell of `report --format docx`."""
    docx = pytest.importorskip("docx")
    out = scratch / "report.docx"
    outcome = report_cmd.report(
        data, report_cmd.ReportOptions(lang="en", fmt="docx", output=str(out))
    )
    assert outcome.code == 0, outcome.stderr
    document = docx.Document(str(out))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def check_summary(data: DataDir, scratch: Path) -> str:
    text = loader.load_dataset(data).dataset.plan.title  # type: ignore[union-attr]
    found = [Problem(f"actuals/{text}.yaml", 3, 5, "unknown-target", f"no target {text}")]
    return problem_formats.render_step_summary(found, 1, "en", 1 << 20)


OUTPUTS: dict[str, Output] = {
    **{f"status-{f}": Output(_KINDS[f], status(f)) for f in status_formats.FORMATS},
    **{f"status-by-zone-{f}": Output(_KINDS[f], status(f, by="zone")) for f in by_zone.FORMATS},
    "status-explain": Output("terminal", status("table", explain="smes")),
    **{f"check-{f}": Output(_KINDS[f], check(f)) for f in problem_formats.FORMATS},
    "check-step-summary": Output("markdown", check_summary),
    **{f"platforms-{f}": Output(_KINDS[f], platforms(f)) for f in platform_formats.FORMATS},
    **{f"export-{f}": Output(_KINDS[f], export(f)) for f in exporting.RENDERERS},
    **{f"diff-{f}": Output(_KINDS[f], data_diff(f)) for f in diff.FORMATS},
    "report-markdown": Output("markdown", report),
    "report-charts": Output("svg", charts),
    "report-docx": Output("docx", report_docx),
    "site": Output("html", site),
    **{f"periods-{f}": Output(_KINDS[f], status(f, periods=True)) for f in period_matrix.FORMATS},
    "schema-json": Output("json", schema, carries_data=False),
}

# Controls that act on a terminal or reorder text; a line feed ends a line and is allowed.
RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# GitHub's `##[name]` and Azure's `##vso[` are read anywhere on a log line, `::name::` at its
# start: any output may end up in a CI log.
CI_COMMAND = re.compile(r"##(?:vso)?\[|^\s*::(?!stop-commands::|error |warning )", re.M)
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def assert_no_controls(text: str) -> None:
    found = RAW_CONTROL.search(text)
    assert found is None, f"raw control {found.group()!r} in {text[:300]!r}"
    command = CI_COMMAND.search(text)
    assert command is None, f"CI command {command.group()!r} in {text[:300]!r}"


def assert_terminal(text: str, hostile: str) -> None:
    assert_no_controls(text)
    if hostile.startswith("[red]"):
        assert "[red]x[/red]" in text  # shown as written, never read as Rich markup


def assert_markdown(text: str, hostile: str) -> None:
    assert_no_controls(text)
    assert "<" not in text
    widths: list[int] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            widths.append(len(UNESCAPED_PIPE.findall(line)))
        elif widths:  # the end of a table: every row as wide as its header
            assert len(set(widths)) == 1, (widths, text)
            widths = []


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def assert_json(text: str, hostile: str) -> None:
    assert_no_controls(text)  # the raw text: the escapes decode to the very same strings
    strings = _strings(json.loads(text))
    assert any(hostile[:NAME_LIMIT] in s for s in strings), strings


def assert_xlsx(text: str, hostile: str) -> None:
    """The workbook's cells, one a line (the export wrote it, reopened it, found no formula)."""
    assert_no_controls(text)
    assert escape.terminal(hostile) in text  # kept, controls made visible


def assert_svg(text: str, hostile: str) -> None:
    assert_no_controls(text)
    assert "<script" not in text
    import xml.dom.minidom

    for document in text.split("\n<?xml")[1:] if text.startswith("<?xml") else [text]:
        xml.dom.minidom.parseString(document if document.startswith("<") else "<?xml" + document)


def assert_csv(text: str, hostile: str) -> None:
    assert_no_controls(text.replace("\r\n", "\n"))  # the export's CRLF rows are for Excel
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@"):
                assert re.fullmatch(r"-?\d+(\.\d+)?", cell), f"formula cell {cell!r}"


def assert_github(text: str, hostile: str) -> None:
    lines = text.split("\n")
    assert lines[-1] == ""
    token = None
    for line in lines[:-1]:
        assert "\r" not in line
        if token is not None:
            if line == f"::{token}::":
                token = None
            continue
        if line.startswith("::stop-commands::"):
            token = line.removeprefix("::stop-commands::")
            continue
        # Outside a stop-commands block every line is one of our annotations.
        assert re.match(r"::(error|warning) file=[^:]*(,line=\d+)?(,col=\d+)?,title=", line), line
        assert "::add-mask::" not in line.split("::", 2)[1]


#: The elements the site writes itself; data can add none.
HTML_TAGS = {
    "!doctype", "html", "head", "meta", "title", "link", "body", "header", "nav", "a", "p",
    "main", "h1", "h2", "form", "label", "select", "option", "span", "ul", "ol", "li", "dl",
    "dt", "dd", "div", "strong", "blockquote", "footer", "figure", "figcaption", "table",
    "thead", "tbody", "tr", "th", "td", "script", "svg", "rect", "text", "line", "polyline",
    "circle", "g",
}  # fmt: skip


def assert_html(text: str, hostile: str) -> None:
    from html.parser import HTMLParser

    assert_no_controls(text)
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collect().feed(text)
    for tag, attrs in found:
        assert tag in HTML_TAGS, f"element <{tag}> from data"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name}={value!r}"
            assert not (value or "").lower().lstrip().startswith("javascript:"), value
        if tag == "script":
            assert [name for name, _ in attrs] == ["src"]
    if hostile.startswith("<script>"):
        assert "&lt;script&gt;" in text


def assert_docx(text: str, hostile: str) -> None:
    """Word's text: controls made visible (Word's XML cannot even hold most of them)."""
    assert_no_controls(text)
    assert escape.terminal(hostile)[:50] in text


CHECKS: dict[Kind, Callable[[str, str], None]] = {
    "html": assert_html,
    "docx": assert_docx,
    "terminal": assert_terminal,
    "markdown": assert_markdown,
    "json": assert_json,
    "csv": assert_csv,
    "github": assert_github,
    "xlsx": assert_xlsx,
    "svg": assert_svg,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=list(HOSTILE))
@pytest.mark.parametrize("name", OUTPUTS)
def test_hostile_text_is_neutralised(
    tmp_path: Path, hostile: Callable[[Path, str], DataDir], name: str, text: str
) -> None:
    output = OUTPUTS[name]
    rendered = output.render(hostile(tmp_path / "data", text), tmp_path)
    if output.carries_data:
        CHECKS[output.kind](rendered, text)
    else:
        assert_no_controls(rendered)


def test_every_format_of_every_command_is_covered() -> None:
    registries = {
        "status": status_formats.FORMATS,
        "status-by-zone": by_zone.FORMATS,
        "check": problem_formats.FORMATS,
        "platforms": platform_formats.FORMATS,
        "export": exporting.RENDERERS,
        "diff": diff.FORMATS,
        "periods": period_matrix.FORMATS,
    }
    for command, formats in registries.items():
        assert {f"{command}-{f}" for f in formats} <= set(OUTPUTS), command


@pytest.mark.parametrize(
    "text",
    [t for name, t in HOSTILE.items() if model.tokens.hidden_character(t) is not None],
)
def test_check_refuses_what_would_hide_text(tmp_path: Path, text: str) -> None:
    """Without the placeholder swap, `check` reports the string in each place it is."""
    root = tmp_path / "data"
    hostile_data(root, text)
    found = check_cmd.check(DataDir(root), "text", strict=False, lang="en")
    assert found.code == 1
    assert "hidden-character" in found.stdout
    assert_no_controls(found.stdout)


def test_every_kind_has_a_check() -> None:
    assert {output.kind for output in OUTPUTS.values()} == set(CHECKS)


@pytest.mark.parametrize(
    ("kind", "bad"),
    [
        ("terminal", "name \x1b[2J"),
        ("markdown", "| a | b |\n|---|---|\n| x | y | z |\n"),
        ("markdown", "| a |\n|---|\n| <script> |\n"),
        ("json", '{"name": "something else"}'),
        ("csv", "id,name\n1,=cmd\n"),
        ("github", "::error file=a,title=x::m\n::add-mask::x\n"),
        ("json", '{"name": "=cmd \u2028"}'),
        ("json", '{"name": "=cmd \u009b"}'),
        ("json", '{"name": "=cmd ##[error]x"}'),
        ("terminal", "=cmd ##vso[task.setvariable]x"),
        ("xlsx", "=cm\x1bd"),
        ("svg", "<svg><script>=cmd</script></svg>"),
        ("html", "<p>x</p><script>alert(1)</script>"),
        ("html", '<p><img src=x onerror="alert(1)"></p>'),
        ("docx", "=cm\x1bd"),
    ],
)
def test_the_checks_catch_unescaped_output(kind: Kind, bad: str) -> None:
    with pytest.raises(AssertionError):
        CHECKS[kind](bad, "=cmd")
