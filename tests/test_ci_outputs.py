"""Hostile names and messages through every CI-facing output: text, github, json, gitlab, the
step summary and diff. None may start a workflow command, break a markdown table, or let a
raw control character out; the machine-readable ones must still carry the exact text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import target, write_data
from hitrack.cli import app
from hitrack.commands import check as check_cmd
from hitrack.commands import diff as diff_cmd
from hitrack.core import tokens
from hitrack.core.problems import Problem
from hitrack.load.datadir import DataDir
from hitrack.render import escape
from hitrack.render.problems import FORMATS, GithubFormat, render_step_summary

HOSTILE = [
    "::stop-commands::x",
    "::add-mask::secret",
    "##[group]evil",
    "##[set-output name=x;]y",
    "###[add-mask]z",
    "##vso[task.setvariable variable=x]y",
    "   ::error::indented",
    "%0A::warning::via-escape %25 %3A",
    "a\r::error::cr",
    "b\n::error::lf",
    "c\r\n##[endgroup]",
    "d,e:f=g::h",
    "| pipe | in | a | table |",
    "\\| escaped pipe",
    "<script>alert(1)</script>",
    "\x1b[31mred\x1b[0m",
    "\u202eevil\u202c",
    "\x85next line \u2028 separator \x00 nul",
    "`code` *bold* [link](javascript:x)",
]
# What a log viewer or the runner takes as the end of a line (C#'s ReadLine: CR, LF).
LINE_BREAK = re.compile("\r\n|\r|\n")
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
OWN_ANNOTATION = re.compile(
    r"^::(error|warning) (file=[^,:]*)(,line=\d+(,col=\d+)?)?,title=[^,:]*::"
)


def command_lines(text: str) -> list[str]:
    """Every line the Actions runner would read as a workflow command (v2 or v1 syntax)."""
    return [
        line for line in LINE_BREAK.split(text) if line.lstrip().startswith("::") or "##[" in line
    ]


def assert_inert(text: str) -> None:
    assert command_lines(text) == []
    assert "##vso[" not in text
    assert not RAW_CONTROL.search(text), RAW_CONTROL.search(text)


def unescape_data(text: str) -> str:
    """The runner's unescaping of a command's data (ActionCommand.UnescapeData)."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def unescape_property(text: str) -> str:
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def check_github(output: str) -> list[tuple[dict[str, str], str]]:
    """Parse the github format as the runner does; assert every command line is our own.

    Returns (properties, message) per annotation.
    """
    assert not RAW_CONTROL.search(output)
    lines = output.split("\n")
    assert lines[-1] == ""
    annotations = []
    stop = re.compile(r"^::stop-commands::([0-9a-f]{32})$")
    index = 0
    while index < len(lines) - 1:
        line = lines[index]
        found = stop.match(line)
        if found:
            end = lines.index(f"::{found[1]}::", index)
            assert_inert("\n".join(lines[index + 1 : end]))
            index = end + 1
            continue
        assert OWN_ANNOTATION.match(line), line
        info, _, data = line[2:].partition("::")
        assert "\r" not in line
        props = dict(p.split("=", 1) for p in info.split(" ", 1)[1].split(","))
        annotations.append(({k: unescape_property(v) for k, v in props.items()}, data))
        index += 1
    return [(props, unescape_data(data)) for props, data in annotations]


def problems_for(text: str) -> list[Problem]:
    return [
        Problem(f"data/actuals/{text}.yaml", 3, 5, "invalid-value", f"bad {text} here"),
        Problem(text, 0, 0, "number-not-in-quote", text, "warning"),
    ]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_github_annotations_carry_data_but_no_command(text: str) -> None:
    problems = problems_for(text)
    parsed = check_github(GithubFormat().render(problems, 3, "en"))
    assert len(parsed) == 2
    for (props, message), problem in zip(parsed, problems, strict=True):
        # The runner gets back exactly the text hitrack shows everywhere: controls visible.
        assert props["file"] == escape.terminal(problem.file)
        assert props["title"] == problem.code
        assert message == escape.terminal(problem.message)
        assert "\n" not in message and "\r" not in message
    assert parsed[0][0]["line"] == "3" and parsed[0][0]["col"] == "5"
    assert "line" not in parsed[1][0] and "col" not in parsed[1][0]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_text_format_is_inert(text: str) -> None:
    assert_inert(FORMATS["text"]().render(problems_for(text), 3, "en"))


@pytest.mark.parametrize("fmt", ["json", "gitlab"])
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_json_formats_keep_exact_text_and_are_inert(fmt: str, text: str) -> None:
    problems = problems_for(text)
    output = FORMATS[fmt]().render(problems, 3, "en")
    assert_inert(output)
    document = json.loads(output)
    items = document["problems"] if fmt == "json" else document
    key = "message" if fmt == "json" else "description"
    assert [item[key] for item in items] == [p.message for p in problems]


def test_gitlab_report_fields() -> None:
    problems = [
        Problem("data/targets.yaml", 7, 3, "unknown-target", "no target 'x'"),
        Problem("data/targets.yaml", 9, 3, "unknown-target", "no target 'x'"),
        Problem("data/platforms.yaml", 0, 0, "register-count", "count 5, found 4", "warning"),
    ]
    report = json.loads(FORMATS["gitlab"]().render(problems, 2, "en"))
    assert [(r["check_name"], r["severity"]) for r in report] == [
        ("unknown-target", "major"),
        ("unknown-target", "major"),
        ("register-count", "minor"),
    ]
    assert report[0]["location"] == {"path": "data/targets.yaml", "lines": {"begin": 7}}
    assert report[2]["location"]["lines"]["begin"] == 1  # GitLab needs a line; 1 = the file
    fingerprints = [r["fingerprint"] for r in report]
    assert len(set(fingerprints)) == 3
    again = json.loads(FORMATS["gitlab"]().render(problems, 2, "en"))
    assert [r["fingerprint"] for r in again] == fingerprints
    moved = [Problem("data/targets.yaml", 70, 1, "unknown-target", "no target 'x'")]
    assert (
        json.loads(FORMATS["gitlab"]().render(moved, 1, "en"))[0]["fingerprint"]
        == (fingerprints[0])
    )


def table_cells(line: str) -> int:
    """How many cells a GFM table row has: pipes not escaped by an odd run of backslashes."""
    count = 0
    for match in re.finditer(r"(\\*)\|", line):
        if len(match[1]) % 2 == 0:
            count += 1
    return count - 1


def assert_markdown_tables(text: str) -> int:
    """Every table row has as many cells as its header; returns how many rows were seen."""
    rows, width = 0, None
    for line in text.split("\n"):
        if not line.startswith("|"):
            width = None
            continue
        assert line.endswith("|"), line
        if width is None:
            width = table_cells(line)
        assert table_cells(line) == width, line
        rows += 1
    return rows


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_step_summary_is_one_intact_table(text: str) -> None:
    summary = render_step_summary(problems_for(text), 3, "en")
    assert_inert(summary)
    assert "<script" not in summary
    assert assert_markdown_tables(summary) == 4  # header, rule, two problems


def test_step_summary_stays_within_budget() -> None:
    problems = [Problem("data/t.yaml", n, 1, "invalid-value", "x" * 500) for n in range(5000)]
    summary = render_step_summary(problems, 1, "en", budget=100_000)
    assert len(summary.encode("utf-8")) <= 100_000
    assert "more problems not listed" in summary
    shown = assert_markdown_tables(summary) - 2
    assert f"{5000 - shown} more problems" in summary


# `check` refuses controls and bidi characters in names (hidden-character) before any other
# rule runs; file names are not refused, so those carry every hostile text.
VISIBLE = [text for text in HOSTILE if tokens.hidden_character(text) is None]


def hostile_dataset(root: Path) -> Path:
    """A dataset whose names, quotes and file names are hostile, with problems to report."""
    targets = [
        target(id=f"t{n}", name=text, name_en=text, quote=text, value=55)
        for n, text in enumerate(VISIBLE)
    ]
    write_data(root, targets)
    for text in HOSTILE:
        name = text.replace("/", "_").replace("\0", "_")
        (root / "actuals").mkdir(exist_ok=True)
        (root / "actuals" / f"{name}.yaml").write_text(
            'schema: hitrack/v1\nperiod: "2019"\nvalues: []\n', encoding="utf-8"
        )
    return root


def test_check_end_to_end_in_github_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = hostile_dataset(tmp_path / "data")
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step output\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(app, ["check", "--data", str(data)])
    assert result.exit_code == 1
    parsed = check_github(result.stdout)
    # A quote problem per hostile name, a period problem per hostile file name.
    assert len(parsed) >= len(VISIBLE) + len(HOSTILE)
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("# earlier step output\n")
    assert_inert(written)
    assert assert_markdown_tables(written) == len(parsed) + 2


@pytest.mark.parametrize("fmt", ["text", "json", "gitlab"])
def test_check_end_to_end_other_formats(tmp_path: Path, fmt: str) -> None:
    data = hostile_dataset(tmp_path / "data")
    outcome = check_cmd.check(DataDir(data), fmt, strict=False, lang="en")
    assert outcome.code == 1
    assert_inert(outcome.stdout)


def test_unwritable_step_summary_is_reported_not_fatal(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data", [target()])
    outcome = check_cmd.check(
        DataDir(data), "github", strict=False, lang="en", step_summary=str(tmp_path)
    )
    assert outcome.code == 0
    assert "cannot write the step summary" in outcome.stderr


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_diff_of_hostile_data_is_inert(tmp_path: Path, fmt: str) -> None:
    old = [target(id=f"t{n}", name=text, name_en=text) for n, text in enumerate(VISIBLE)]
    new = [
        target(id=f"t{n}", name=text, name_en=text, value=56, quote=f"{text} 突破56家")
        for n, text in enumerate(VISIBLE)
    ]
    actuals = {"2019": [{"target": f"t{n}", "value": 50, "unit": "家"} for n in range(3)]}
    write_data(tmp_path / "a", old, actuals)
    write_data(tmp_path / "b", new, actuals)
    for lang in ("en", "zh"):
        options = diff_cmd.DiffOptions(str(tmp_path / "a"), str(tmp_path / "b"), fmt=fmt, lang=lang)  # type: ignore[arg-type]
        outcome = diff_cmd.diff(options)
        assert outcome.code == 0, outcome.stderr
        assert_inert(outcome.stdout)
        if fmt == "markdown":
            assert "<script" not in outcome.stdout
            assert assert_markdown_tables(outcome.stdout) == 2 * (len(VISIBLE) + 2)
        if fmt == "json":
            document = json.loads(outcome.stdout)
            assert [e["name"] for e in document["effects"]] == VISIBLE


def test_terminal_escaping_breaks_every_command_opener() -> None:
    for text in HOSTILE:
        assert_inert(escape.terminal(text))
        assert_inert(escape.markdown(text))
    assert escape.terminal("plain 1:30 # not a [command]") == "plain 1:30 # not a [command]"


def test_in_chinese_each_problem_says_what_its_code_means() -> None:
    found = [Problem("actuals/2019.yaml", 5, 5, "unknown-target", "no target has the id 'x'")]
    text = {lang: FORMATS["text"]().render(found, 1, lang) for lang in ("zh", "en")}
    assert (
        "error: no target has the id 'x' [unknown-target：实际值引用了不存在的目标]" in text["zh"]
    )
    assert "error: no target has the id 'x' [unknown-target]" in text["en"]
    annotation = GithubFormat.annotation(found[0], "zh")
    assert "title=unknown-target：实际值引用了不存在的目标::" in annotation
    assert "| unknown-target：实际值引用了不存在的目标 |" in render_step_summary(found, 1, "zh")
    # Machine formats keep the bare code.
    assert json.loads(FORMATS["json"]().render(found, 1, "zh"))["problems"][0]["code"] == (
        "unknown-target"
    )
