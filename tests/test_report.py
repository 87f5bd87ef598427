"""hitrack report: golden markdown, hostile names, files never clobbered, charts, examples."""

from __future__ import annotations

import dataclasses
import datetime
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import ROOT, load, target, write_data
from golden import assert_golden
from hitrack.cli import app
from hitrack.commands import common
from hitrack.commands import report as report_cmd
from hitrack.engine import progress
from hitrack.i18n import Lang
from hitrack.load.datadir import DataDir
from hitrack.render.report import change_words

BUNDLED = DataDir(ROOT / "data")
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = ROOT / "examples"
#: A meeting day between the last bundled report (2020-Q2) and the deadline (end of 2020).
TODAY = datetime.date(2020, 8, 3)


def run(data: DataDir, **options: Any) -> common.Outcome:
    options.setdefault("today", TODAY)
    return report_cmd.report(data, report_cmd.ReportOptions(**options))


@pytest.fixture(autouse=True)
def _no_png(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether cairosvg is installed must not change what the tests see."""
    monkeypatch.setitem(sys.modules, "cairosvg", None)


# ----------------------------------------------------------------------------- golden


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_of_the_bundled_plan(lang: Lang) -> None:
    outcome = run(BUNDLED, lang=lang, as_of="2020-Q2")
    assert outcome.code == 0
    assert_golden(GOLDEN / f"report-{lang}.md", outcome.stdout)


def test_report_headline_counts_and_sections() -> None:
    text = run(BUNDLED, lang="en", as_of="2020-Q2").stdout
    assert "**11 targets: 2 achieved, 5 on track, 1 at risk, 3 not assessable.**" in text
    assert "## Changes since 2019" in text
    assert "| High-tech enterprises | ⚠ at risk |" in re.sub(r" +", " ", text)
    assert "184 days left" in text  # the as-of period 2020-Q2 ends 2020-06-30; to 2020-12-31
    assert "illustrative samples" in text


def test_since_sets_the_comparison() -> None:
    text = run(BUNDLED, lang="en", as_of="2020-Q2", since="2018").stdout
    assert "## Changes since 2018" in text
    first = run(BUNDLED, lang="en", as_of="2018").stdout
    assert "no earlier reported period" in first


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2020Q2"], "--as-of '2020Q2'"),
        (["--since", "last year"], "--since 'last year'"),
    ],
)
def test_malformed_periods_are_usage_errors(args: list[str], message: str) -> None:
    """Parsed once, at the CLI: the command itself takes a `Period`."""
    result = CliRunner().invoke(app, ["report", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_a_since_after_the_as_of_period_is_a_usage_error() -> None:
    outcome = run(BUNDLED, as_of="2019", since="2020-Q2", lang="en")
    assert outcome.code == 2
    assert "must be earlier" in outcome.stderr
    assert outcome.stdout == ""
    chinese = run(BUNDLED, as_of="2019", since="2020-Q2", lang="zh")
    assert chinese.stderr == "hitrack：--since '2020-Q2' 必须早于截至期 '2019'\n"


# ----------------------------------------------------------------------------- hostile data

HOSTILE = "a|b\nc <script>alert(1)</script> & `x` **y** [red]z[/red] # 1. ![i](j) _u_ ~s~"
# `check` refuses a line break in a name (hidden-character); a source may span lines.
NAME = HOSTILE.replace("\n", " ")


def _hostile_data(root: Path) -> DataDir:
    write_data(
        root,
        [
            target(name=NAME, name_en=NAME),
            target(
                id="other",
                name="其他|<b>",
                name_en="Other|<b>",
                comparator="lt",
                quote="科技型中小企业数量低于55家",
            ),
        ],
        {
            "2019": [
                {"target": "smes", "value": 40, "unit": "家", "source": HOSTILE},
                {"target": "other", "value": 60, "unit": "家", "source": "<img src=x>"},
            ],
            "2020-Q2": [{"target": "smes", "value": 41, "unit": "家"}],
        },
        platforms={
            "categories": [{"id": "lab", "name": NAME, "name_en": NAME}],
            "platforms": [
                {
                    "id": "p1",
                    "name": NAME,
                    "category": "lab",
                    "level": "national",
                    "status": "built",
                },
            ],
        },
    )
    return DataDir(root)


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def _tables(text: str) -> list[list[str]]:
    tables: list[list[str]] = []
    previous_was_row = False
    for line in text.split("\n"):
        is_row = line.startswith("|")
        if is_row and not previous_was_row:
            tables.append([])
        if is_row:
            tables[-1].append(line)
        previous_was_row = is_row
    return tables


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_names_cannot_break_the_markdown(tmp_path: Path, lang: Lang) -> None:
    outcome = run(_hostile_data(tmp_path / "data"), lang=lang)
    assert outcome.code == 0, outcome.stderr
    text = outcome.stdout
    tables = _tables(text)
    assert len(tables) == 5  # targets, periods, at risk, register, provenance
    for table in tables:
        columns = _unescaped_pipes(table[0])
        assert all(_unescaped_pipes(row) == columns for row in table), table
        assert re.fullmatch(r"\|(-+\|)+", table[1])
    # With every `<` escaped no tag can open; a `>` cannot start a quote inside a line.
    assert "<" not in text
    assert not any(line.startswith(">") for line in text.split("\n") if "\\>" in line)
    assert "[red]" not in text and r"\[red\]" in text
    assert "`" not in text.replace(r"\`", "")
    # The newline in a name stays inside its line: one bullet per changed target or note.
    bullets = [line for line in text.split("\n") if line.startswith("- ")]
    assert len(bullets) == 1 + len([b for b in bullets if ": " in b and "→" not in b])
    assert "c &lt;script>" in text


# ----------------------------------------------------------------------------- files


def test_output_is_written_and_never_clobbered(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    first = run(BUNDLED, output=str(out))
    assert first.code == 0 and first.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# 规划目标进展报告")
    out.write_text("minutes of the last meeting", encoding="utf-8")
    second = run(BUNDLED, output=str(out), lang="en")
    assert second.code == 2
    assert "exists; pass --force" in second.stderr
    assert out.read_text(encoding="utf-8") == "minutes of the last meeting"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]  # no temporary left
    forced = run(BUNDLED, output=str(out), force=True)
    assert forced.code == 0
    assert out.read_text(encoding="utf-8").startswith("# 规划目标进展报告")


def test_cli_refuses_to_overwrite_with_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    out.write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(app, ["report", "--data", str(ROOT / "data"), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "keep"


def test_an_existing_chart_blocks_every_write(tmp_path: Path) -> None:
    charts = tmp_path / "charts"
    charts.mkdir()
    (charts / "progress.svg").write_text("mine", encoding="utf-8")
    out = tmp_path / "report.md"
    outcome = run(BUNDLED, output=str(out), charts=str(charts))
    assert outcome.code == 2
    assert not out.exists()
    assert [p.name for p in charts.iterdir()] == ["progress.svg"]
    assert (charts / "progress.svg").read_text(encoding="utf-8") == "mine"


def test_data_errors_write_nothing(tmp_path: Path) -> None:
    case = ROOT / "tests" / "fixtures" / "invalid" / "unknown-target" / "typo"
    out, charts = tmp_path / "report.md", tmp_path / "charts"
    outcome = run(DataDir(case), output=str(out), charts=str(charts))
    assert outcome.code == 1
    assert "[unknown-target：实际值引用了不存在的目标]" in outcome.stderr  # report speaks Chinese
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_destination_is_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    outcome = run(BUNDLED, output=str(blocker / "report.md"), lang="en")
    assert outcome.code == 2
    assert outcome.stderr.startswith("hitrack: cannot write")


def test_charts_without_the_extra_say_how_to_get_png(tmp_path: Path) -> None:
    outcome = run(
        BUNDLED, output=str(tmp_path / "r.md"), charts=str(tmp_path / "charts"), lang="en"
    )
    assert outcome.code == 0
    assert "pip install 'hitrack-plan[charts]'" in outcome.stderr
    names = sorted(p.name for p in (tmp_path / "charts").iterdir())
    assert "progress.svg" in names and "trend-tech-smes.svg" in names
    assert not any(name.endswith(".png") for name in names)
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "](charts/progress.svg)" in report


def test_png_is_written_when_the_converter_is_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        report_cmd, "_png_converter", lambda: lambda svg: b"\x89PNG" + svg[:4].encode()
    )
    outcome = run(BUNDLED, charts=str(tmp_path / "charts"))
    assert outcome.code == 0 and "hitrack[charts]" not in outcome.stderr
    assert (tmp_path / "charts" / "progress.png").read_bytes() == b"\x89PNG<svg"


# ----------------------------------------------------------------------------- examples


def test_examples_report_is_current(tmp_path: Path) -> None:
    """examples/report.md and its charts, from the bundled data at 2020-Q2, on TODAY."""
    out, charts = tmp_path / "report.md", tmp_path / "charts"
    outcome = run(BUNDLED, as_of="2020-Q2", output=str(out), charts=str(charts))
    assert outcome.code == 0, outcome.stderr
    assert_golden(EXAMPLES / "report.md", out.read_text(encoding="utf-8"))
    written = sorted(p.name for p in charts.iterdir())
    for name in written:
        assert_golden(EXAMPLES / "charts" / name, (charts / name).read_text(encoding="utf-8"))
    assert sorted(p.name for p in (EXAMPLES / "charts").iterdir()) == written


# ----------------------------------------------------------------------------- cli, docs


def test_cli_prints_the_report_in_chinese_by_default() -> None:
    result = CliRunner().invoke(app, ["report", "--data", str(ROOT / "data")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# 规划目标进展报告\n")
    english = CliRunner().invoke(app, ["report", "--data", str(ROOT / "data"), "--lang", "en"])
    assert english.stdout.startswith("# Plan progress report\n")


def test_readme_documents_every_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `hitrack report`")[1].split("\n### ")[0]
    for option in ("--data", "--as-of", "--since", "--lang", "-o FILE", "--force", "--charts"):
        assert option in section
    assert "| `hitrack report` |" in readme


@pytest.mark.parametrize(
    ("as_of", "lang", "words"),
    [
        ("2020", "en", "0 days left"),
        ("2020-Q3", "en", "92 days left"),
        ("2021-Q1", "en", "90 days past"),
        ("2021-Q1", "zh", "已过 90 天"),
    ],
)
def test_days_to_the_deadline_count_from_the_as_of_period(
    as_of: str, lang: Lang, words: str
) -> None:
    from hitrack.render.report import days_words

    assert days_words("2020", as_of, lang) == words


def test_chart_links_are_relative_to_the_report(tmp_path: Path) -> None:
    out = tmp_path / "minutes" / "report.md"
    outcome = run(BUNDLED, output=str(out), charts=str(tmp_path / "shared charts"))
    assert outcome.code == 0, outcome.stderr
    text = out.read_text(encoding="utf-8")
    assert "](../shared%20charts/progress.svg)" in text
    assert "](../shared%20charts/trend-tech-smes.svg)" in text


def test_report_date_is_an_option_and_days_follow_the_as_of_period() -> None:
    args = ["report", "--data", str(ROOT / "data"), "--lang", "en", "--as-of", "2019"]
    result = CliRunner().invoke(app, [*args, "--date", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "Report date 2026-12-01" in result.stdout
    assert "days past" not in result.stdout  # as of 2019, the 2020 deadline is ahead
    bad = CliRunner().invoke(app, [*args, "--date", "yesterday"])
    assert bad.exit_code == 2
    assert "--date 'yesterday'" in bad.stderr


def test_a_rate_gap_moves_in_percentage_points() -> None:
    from hitrack.engine.changes import Change

    dataset = load(ROOT / "data")[0]
    assert dataset is not None
    rate = next(t for t in dataset.targets.targets if t.unit == "%" and t.kind == "growth")
    before = progress.assess(dataset, rate, "2018")
    after = progress.assess(dataset, rate, "2019")
    fake = dataclasses.replace(after, gap=Decimal("0.11"), actual=after.actual)
    earlier = dataclasses.replace(before, gap=Decimal("0.2"), actual=Decimal(13), unit="%")
    _, words = change_words(Change(earlier, fake), "zh")
    assert "缩小 0.09 个百分点" in words
    assert "0.09%" not in words
