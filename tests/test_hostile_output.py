"""The same hostile names through every output: nothing from data can move the cursor, start a
CI command, inject HTML or markup, break a table, run a spreadsheet formula, or be lost.

`OUTPUTS` is the registry: one line per output, naming the kind of text it produces (which
decides what is checked) and a function that renders a dataset whose plan, target, quote,
source and platform names are all the hostile string. A new output (report, diff, gitlab)
is one more line.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import pytest

from conftest import write_data
from hitrack import commands
from hitrack.datadir import DataDir
from hitrack.problems import Problem
from hitrack.render import problems as problem_formats

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
    "long": "长" * 150 + "x" * 50,
}
NAME_LIMIT = 200  # the schema's cap on names; the long string is exactly at it

Kind = Literal["terminal", "markdown", "json", "csv", "github", "html"]


@dataclasses.dataclass(frozen=True)
class Output:
    kind: Kind
    render: Callable[[Path, str], str]
    """(scratch folder, hostile string) -> the rendered text."""


def hostile_data(root: Path, text: str) -> DataDir:
    target = {
        "id": "smes",
        "name": text,
        "name_en": text,
        "kind": "level",
        "comparator": "gt",
        "value": 55,
        "unit": "家",
        "quote": f"科技型中小企业数量突破55家 {text}",
    }
    write_data(
        root,
        [target],
        {"2019": [{"target": "smes", "value": 48, "unit": "家", "source": text}]},
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
                }
            ],
        },
        plan={"title": text, "title_en": text, "issuer": text},
    )
    return DataDir(root)


def status(
    fmt: str, explain: str | None = None, periods: bool = False
) -> Callable[[Path, str], str]:
    def render(root: Path, text: str) -> str:
        options = commands.StatusOptions(
            fmt=fmt, explain=explain, lang="en", width=400, periods=periods
        )
        outcome = commands.status(hostile_data(root, text), options)
        assert outcome.code == 0, outcome.stderr
        return outcome.stdout

    return render


def platforms(fmt: str) -> Callable[[Path, str], str]:
    def render(root: Path, text: str) -> str:
        filters: dict[str, str | None] = {"category": None, "level": None, "status": None}
        outcome = commands.platforms(hostile_data(root, text), fmt, filters, "en", 400)
        assert outcome.code == 0, outcome.stderr
        return outcome.stdout

    return render


def check(fmt: str) -> Callable[[Path, str], str]:
    """A problem whose file name and message carry the string (file names are data too)."""

    def render(root: Path, text: str) -> str:
        found = [Problem(f"actuals/{text}.yaml", 3, 5, "unknown-target", f"no target {text}")]
        return problem_formats.FORMATS[fmt]().render(found, 1, "en")

    return render


def site(root: Path, text: str) -> str:
    """Every page and the badges of `hitrack site`, one after the other."""
    from hitrack.publish import SiteOptions
    from hitrack.publish import site as build

    out = root.parent / "site"
    outcome = build(hostile_data(root, text), SiteOptions(directory=str(out), lang="en"))
    assert outcome.code == 0, outcome.stderr
    files = sorted(p for p in out.rglob("*") if p.suffix in (".html", ".svg"))
    assert len(files) >= 7
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


OUTPUTS: dict[str, Output] = {
    "site": Output("html", site),
    "status-table": Output("terminal", status("table")),
    "status-json": Output("json", status("json")),
    "status-markdown": Output("markdown", status("markdown")),
    "status-csv": Output("csv", status("csv")),
    "status-explain": Output("terminal", status("table", explain="smes")),
    "periods-table": Output("terminal", status("table", periods=True)),
    "periods-json": Output("json", status("json", periods=True)),
    "periods-markdown": Output("markdown", status("markdown", periods=True)),
    "periods-csv": Output("csv", status("csv", periods=True)),
    "check-text": Output("terminal", check("text")),
    "check-json": Output("json", check("json")),
    "check-github": Output("github", check("github")),
    "platforms-table": Output("terminal", platforms("table")),
    "platforms-json": Output("json", platforms("json")),
    "platforms-markdown": Output("markdown", platforms("markdown")),
}

# Controls that act on a terminal or reorder text; a line feed ends a line and is allowed.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def assert_no_controls(text: str) -> None:
    found = RAW_CONTROL.search(text)
    assert found is None, f"raw control {found.group()!r} in {text[:300]!r}"


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
    strings = _strings(json.loads(text))
    assert any(hostile[:NAME_LIMIT] in s for s in strings), strings


def assert_csv(text: str, hostile: str) -> None:
    assert_no_controls(text)
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


#: The elements and attributes the site writes itself; data can add none.
HTML_TAGS = {
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "link",
    "body",
    "header",
    "nav",
    "a",
    "p",
    "main",
    "h1",
    "h2",
    "form",
    "label",
    "select",
    "option",
    "span",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "div",
    "strong",
    "blockquote",
    "footer",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "script",
    "svg",
    "rect",
    "text",
    "line",
    "polyline",
    "circle",
    "g",
}


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


CHECKS: dict[Kind, Callable[[str, str], None]] = {
    "html": assert_html,
    "terminal": assert_terminal,
    "markdown": assert_markdown,
    "json": assert_json,
    "csv": assert_csv,
    "github": assert_github,
}


@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=list(HOSTILE))
@pytest.mark.parametrize("name", OUTPUTS)
def test_hostile_text_is_neutralised(tmp_path: Path, name: str, hostile: str) -> None:
    output = OUTPUTS[name]
    text = output.render(tmp_path / "data", hostile)
    CHECKS[output.kind](text, hostile)


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
        ("html", "<p>x</p><script>alert(1)</script>"),
        ("html", '<p><img src=x onerror="alert(1)"></p>'),
        ("github", "::error file=a,title=x::m\n::add-mask::x\n"),
    ],
)
def test_the_checks_catch_unescaped_output(kind: Kind, bad: str) -> None:
    with pytest.raises(AssertionError):
        CHECKS[kind](bad, "=cmd")
