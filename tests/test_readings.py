"""Targets that are readings of their quote (`reading: true`) say so wherever they are shown.

A reading is a comparator, tolerance, value or deliverable the document does not state (左右
read as ±1, a bare number read as a minimum). Status (every format), report, --explain and
`status --by zone` carry the mark † on the target and a legend naming the marked targets.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest

from conftest import codes, load, target, write_data
from hitrack.commands import report as report_cmd
from hitrack.commands import status as status_cmd
from hitrack.i18n import Lang
from hitrack.load.datadir import DataDir

GROWTH = target(
    id="value-added-growth",
    name="增加值年均增速",
    name_en="Value added growth",
    kind="growth",
    comparator="approx",
    value=15,
    tolerance=1,
    unit="%",
    series_unit="亿元",
    quote="增加值年均增速达到15%左右",
    reading=True,
    note="左右 is read as within 1 percentage point.",
)
SMES = target()  # 突破55家: the document's own comparator


@pytest.fixture
def data(tmp_path: Path) -> DataDir:
    actuals = {
        "2018": [
            {"target": "smes", "value": 40, "unit": "家"},
            {"target": "value-added-growth", "value": 10, "unit": "亿元"},
        ],
        "2019": [
            {"target": "smes", "value": 48, "unit": "家"},
            {"target": "value-added-growth", "value": 11.6, "unit": "亿元"},
        ],
    }
    return DataDir(write_data(tmp_path / "data", [SMES, GROWTH], actuals))


def status(data: DataDir, fmt: str, lang: Lang, **options: object) -> str:
    outcome = status_cmd.status(
        data,
        status_cmd.StatusOptions(fmt=fmt, lang=lang, width=160, **options),  # type: ignore[arg-type]
    )
    assert outcome.code == 0, outcome.stderr
    return outcome.stdout


LEGEND = {
    "zh": "† 为解读，并非原文所写（详见 --explain 与 targets.yaml 的 note）：增加值年均增速",
    "en": (
        "† a reading of the quote, not the document's words (see --explain and the note in "
        "targets.yaml): Value added growth"
    ),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_status_marks_the_reading_and_names_it_in_a_legend(
    data: DataDir, fmt: str, lang: Lang
) -> None:
    text = status(data, fmt, lang)
    name = "增加值年均增速" if lang == "zh" else "Value added growth"
    smes = "科技型中小企业数量" if lang == "zh" else "Technology SMEs"
    marked = [row for row in text.splitlines() if row.lstrip("| ").startswith(name)]
    plain = [row for row in text.splitlines() if row.lstrip("| ").startswith(smes)]
    assert len(marked) == 1 and len(plain) == 1
    assert ("≈15±1%/年†" if lang == "zh" else "≈15±1%/yr†") in marked[0]
    assert ">55家" in plain[0] and "†" not in plain[0]
    assert LEGEND[lang] in " ".join(text.split())
    assert text.count("†") == 2  # the mark and the legend, nothing else


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_legend_without_a_reading(tmp_path: Path, lang: Lang) -> None:
    data = DataDir(
        write_data(tmp_path / "d", [SMES], {"2019": [{"target": "smes", "value": 1, "unit": "家"}]})
    )
    for fmt in ("table", "markdown"):
        assert "†" not in status(data, fmt, lang)


def test_json_and_csv_carry_the_flag_and_the_note(data: DataDir) -> None:
    by_id = {t["id"]: t for t in json.loads(status(data, "json", "en"))["targets"]}
    assert by_id["value-added-growth"]["reading"] is True
    assert by_id["value-added-growth"]["note"] == "左右 is read as within 1 percentage point."
    assert by_id["smes"]["reading"] is False and by_id["smes"]["note"] is None
    rows = {
        r["id"]: r
        for r in csv.DictReader(io.StringIO(status(data, "csv", "en").removeprefix("\ufeff")))
    }
    assert (rows["value-added-growth"]["reading"], rows["smes"]["reading"]) == ("TRUE", "FALSE")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "zh",
            "† 解读：该目标的判定方式（比较、容差、数值或交付物）是对原文的解读",
        ),
        (
            "en",
            "† reading: how this target is judged (comparator, tolerance, value or deliverable)",
        ),
    ],
)
def test_explain_states_the_reading(data: DataDir, lang: Lang, words: str) -> None:
    text = status(data, "table", lang, explain="value-added-growth")
    assert "≈15±1%/" in text.splitlines()[1] and "†" in text.splitlines()[1]
    assert words in text
    assert "within 1 percentage point" in text
    assert "†" not in status(data, "table", lang, explain="smes")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_marks_the_reading(data: DataDir, lang: Lang) -> None:
    outcome = report_cmd.report(
        data, report_cmd.ReportOptions(lang=lang, today=datetime.date(2020, 1, 10))
    )
    assert outcome.code == 0, outcome.stderr
    text = " ".join(outcome.stdout.split())
    assert ("≈15±1%/年†" if lang == "zh" else "≈15±1%/yr†") in text
    assert LEGEND[lang].replace("--explain", "\\-\\-explain") in text or LEGEND[lang] in text


def test_status_by_zone_carries_the_legend(tmp_path: Path) -> None:
    zones = [{"id": "a", "name": "甲高新区"}, {"id": "b", "name": "乙高新区"}]
    each = {**SMES, "zone_scope": "each", "reading": True, "note": "Read as at least."}
    root = write_data(
        tmp_path / "z",
        [each],
        {"2019": [{"target": "smes", "zone": z["id"], "value": 30, "unit": "家"} for z in zones]},
        plan={"zones": zones},
    )
    for fmt in ("table", "markdown"):
        text = status(DataDir(root), fmt, "en", by="zone")
        assert ">55家†" in text
        assert "† a reading of the quote" in text and "Technology SMEs" in text.split("†")[-1]


def test_a_reading_needs_a_note(tmp_path: Path) -> None:
    _, problems = load(write_data(tmp_path / "d", [target(reading=True)]))
    assert codes(problems) == ["target-fields"]
    assert "`reading: true` needs a `note`" in problems[0].message
    assert problems[0].line == 18  # the `reading:` line of targets.yaml


DOUBLING = target(
    id="doubling",
    name="高新技术企业倍增",
    name_en="High-tech enterprises doubled",
    kind="relative",
    comparator="gte",
    value=2,
    unit="倍",
    quote="实施高新技术企业“三年倍增计划”",
)


def test_doubling_is_a_stated_number() -> None:
    from hitrack.engine.checks import numbers_in

    assert numbers_in("实施高新技术企业“三年倍增计划”") >= {2, 3}


def test_a_baseline_from_outside_the_document_is_not_traced(tmp_path: Path) -> None:
    outside = {"value": 850, "period": "2017", "unit": "家", "source": "统计公报 2017"}
    outside.update({"issuer": "辽宁省统计局", "year": "2018", "page": "第3页"})
    _, problems = load(write_data(tmp_path / "a", [{**DOUBLING, "baseline": outside}]))
    assert problems == []
    bare = {k: v for k, v in outside.items() if k not in ("issuer", "year", "page")}
    _, problems = load(write_data(tmp_path / "bare", [{**DOUBLING, "baseline": bare}]))
    assert codes(problems) == ["target-fields"]  # a source names who, when and where
    unsourced = {k: v for k, v in bare.items() if k != "source"}
    _, problems = load(write_data(tmp_path / "b", [{**DOUBLING, "baseline": unsourced}]))
    assert codes(problems) == ["number-not-in-quote"]
    quoted = {**outside, "quote": "实施高新技术企业“三年倍增计划”"}
    _, problems = load(write_data(tmp_path / "c", [{**DOUBLING, "baseline": quoted}]))
    assert codes(problems) == ["number-not-in-quote"]  # a quote given is still traced
