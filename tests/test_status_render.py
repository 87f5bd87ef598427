"""`hitrack status` output: golden files for every format and language, and the table's layout.

Regenerate the golden files with HITRACK_UPDATE_GOLDEN=1 and read the diff before committing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from conftest import ROOT
from hitrack.commands.common import load_for_reading
from hitrack.commands.status import StatusOptions, status
from hitrack.load.datadir import DataDir

GOLDEN = Path(__file__).parent / "golden" / "status"
DATA = DataDir(ROOT / "data")


def render(fmt: str, lang: str, width: int | None = 100, **options: object) -> str:
    outcome = status(DATA, StatusOptions(fmt=fmt, lang=lang, width=width, **options))  # type: ignore[arg-type]
    assert outcome.code == 0, outcome.stderr
    return outcome.stdout


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("HITRACK_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("fmt", "width", "suffix"),
    [
        ("table", 140, "table.txt"),
        ("table", 100, "table-100.txt"),
        ("table", 60, "table-60.txt"),
        ("json", None, "json"),
        ("markdown", None, "md"),
        ("csv", None, "csv"),
    ],
)
def test_golden(fmt: str, width: int | None, suffix: str, lang: str) -> None:
    golden(f"{lang}.{suffix}", render(fmt, lang, width))


def test_json_is_exact_and_documented_fields_are_present() -> None:
    document = json.loads(render("json", "en"))
    assert document["schema"] == "hitrack.status/v1"
    assert document["plan"]["document_number"] == "本高党政办发〔2019〕59号"
    assert document["as_of"] == "2020-Q2"
    assert document["sample"] is True
    by_id = {t["id"]: t for t in document["targets"]}
    required = {"id", "name", "name_en", "kind", "comparator", "target", "unit", "actual"}
    required |= {"period", "gap", "percent", "status", "sample", "reason_code"}
    assert all(required <= set(t) for t in document["targets"])
    rd = by_id["rd-spend"]
    assert (rd["target"], rd["unit"], rd["actual"], rd["gap"]) == ("6", "亿元", "5.2", "0.8")
    # exact decimals travel as strings, never as binary floats
    assert all(isinstance(t["actual"], (str, type(None))) for t in document["targets"])
    assert by_id["tech-contract-turnover"]["actual"] == "2.1"  # reported as 21000 万元


def test_csv_has_one_row_per_target_and_plain_numbers() -> None:
    text = render("csv", "en")
    assert text.startswith("\ufeffid,")  # the BOM Excel and WPS need, as export writes
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 11
    smes = next(r for r in rows if r["id"] == "tech-smes")
    fields = (smes["target"], smes["actual"], smes["gap"], smes["status"])
    assert fields == ("55", "52", "4", "on_track")
    assert smes["sample"] == "TRUE"


@pytest.mark.parametrize("width", [60, 72, 80, 90, 100, 120, 160])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_line_is_wider_than_the_screen_and_no_value_is_lost(width: int, lang: str) -> None:
    from rich.cells import cell_len

    text = render("table", lang, width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    joined = re.sub(r"\s+", "", text)
    for value in ("52家", "41家", "13.98%", "5.2亿元", "2.1亿元", "12辆", "3家"):
        assert value in joined, f"{value} missing at width {width}"
    # every sample value keeps its mark: 10 of the 11 targets show a sample
    assert text.count("*") >= 10 + 1  # plus the banner's legend


def test_status_reads_without_colour() -> None:
    text = render("table", "en", 140)
    assert "\x1b[" not in text
    for word in ("✔ achieved", "↗ on track", "⚠ at risk", "– not assessable"):
        assert word in text


def test_colour_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from hitrack.render import status as status_render
    from hitrack.render import terminal

    original = terminal.make_console

    def coloured(width: int | None, **kwargs: object) -> object:
        return original(width, color=True)

    monkeypatch.setattr(terminal, "make_console", coloured)
    text = status_render.FORMATS["table"]().render(
        status_render.StatusReport(*_report_parts()), "en", 140
    )
    assert "\x1b[33m⚠ at risk" in text  # yellow
    assert "\x1b[32m↗ on track" in text  # green


def _report_parts() -> tuple[object, str, list[object]]:
    from hitrack.commands.common import load_checked
    from hitrack.engine import progress

    loaded, problems = load_checked(DATA)
    assert loaded.dataset is not None and not problems
    return loaded.dataset, "2020-Q2", progress.assess_all(loaded.dataset, "2020-Q2")  # type: ignore[return-value]


def test_sample_banner_and_footnotes_in_both_languages() -> None:
    zh, en = render("table", "zh", 140), render("table", "en", 140)
    assert re.search(r"注意：以下 \d+ 个实际值中有 \d+ 个为示例数据，并非真实统计。", zh)
    assert "illustrative samples, not real statistics" in en
    assert "氢能公交示范运营车辆: 仅有一个数据点且无基期值" in zh
    assert "Hydrogen buses in demonstration service: one data point and no baseline" in en


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("plan", "tech-smes"),
        ("id", "achievements-transferred"),
        ("status", "high-tech-enterprises"),
    ],
)
def test_sort_orders(sort: str, first: str) -> None:
    document = json.loads(render("json", "en", sort=sort))
    assert document["targets"][0]["id"] == first


def test_sort_by_gap_puts_the_least_progress_first() -> None:
    document = json.loads(render("json", "en", sort="gap"))
    percents = [t["percent"] for t in document["targets"] if t["percent"] is not None]
    assert [float(p) for p in percents] == sorted(float(p) for p in percents)


def test_as_of_an_earlier_period() -> None:
    document = json.loads(render("json", "en", as_of="2019"))
    by_id = {t["id"]: t for t in document["targets"]}
    assert document["as_of"] == "2019"
    assert (by_id["tech-smes"]["actual"], by_id["tech-smes"]["period"]) == ("47", "2019")
    assert by_id["hydrogen-buses"]["status"] == "no_data"


def test_explain_prints_every_step() -> None:
    outcome = status(DATA, StatusOptions(explain="tech-contract-turnover", lang="en"))
    assert outcome.code == 0
    text = outcome.stdout
    assert "quote: 「技术交易合同成交额超过2.5亿元」" in text
    assert "points (亿元): 2018=1.6, 2019=2.1" in text
    assert "projection" in text and "=> ↗ on track" in text
    assert "illustrative samples" in text


def test_explain_an_unknown_target_suggests_one() -> None:
    outcome = status(DATA, StatusOptions(explain="rd-spnd"))
    assert outcome.code == 2
    assert "did you mean 'rd-spend'?" in outcome.stderr


def test_a_malformed_as_of_is_a_usage_error() -> None:
    """Parsed once, at the CLI: `StatusOptions.as_of` is a `Period`."""
    from typer.testing import CliRunner

    from hitrack.cli import app

    result = CliRunner().invoke(app, ["status", "--data", str(ROOT / "data"), "--as-of", "2020-Q5"])
    assert result.exit_code == 2 and "--as-of '2020-Q5'" in result.stderr


PLANS = [ROOT / "data", *sorted(p.parent for p in (ROOT / "examples").glob("*/targets.yaml"))]


@pytest.mark.parametrize("root", PLANS, ids=lambda p: p.name)
def test_explain_speaks_both_languages_for_every_target(root: Path) -> None:
    data = DataDir(root)
    dataset, _ = load_for_reading(data)
    assert dataset is not None
    for target in dataset.targets.targets:
        zh = status(data, StatusOptions(explain=target.id, lang="zh"))
        en = status(data, StatusOptions(explain=target.id, lang="en"))
        assert zh.code == en.code == 0, (target.id, zh.stderr)
        assert "截至：" in zh.stdout and "as of: " in en.stdout
        assert len(zh.stdout.splitlines()) == len(en.stdout.splitlines())
        # The steps in Chinese: no English words, only codes, numbers and units.
        body = zh.stdout[zh.stdout.index("截至：") :]  # after the target's own words
        steps = [line for line in body.splitlines() if re.match(r"\d+\. ", line)]
        assert all(re.search(r" \[[a-z-]+\]$", line) for line in steps)  # each names its rule
        body = re.sub(r" \[[a-z-]+\]", "", body)  # the rule codes are the same in both
        assert not re.search(r"\b(?:by|the|points|measure|projection|required)\b", body), body
