"""Shape 10 (a target's own deadline and start) and shape 1 (baselines the plan does not
state, with their source): check rules, the engine's judgement, --explain and the report."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, codes, load, load_ok, target, write_data
from golden import assert_golden
from hitrack.commands import report as report_cmd
from hitrack.commands import status as status_cmd
from hitrack.core.statuses import Status
from hitrack.engine import progress
from hitrack.load.loader import DataDir

GOLDEN = ROOT / "tests" / "golden" / "shapes"
WIDE = {"start": "2016", "deadline": "2020"}


def _values(tid: str, unit: str, series: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {p: [{"target": tid, "value": v, "unit": unit}] for p, v in series.items()}


def explain(root: Path, tid: str, as_of: str, lang: str = "en") -> str:
    options = status_cmd.StatusOptions(explain=tid, as_of=as_of, lang=lang)  # type: ignore[arg-type]
    out = status_cmd.status(DataDir(root), options)
    assert out.code == 0, out.stderr
    return out.stdout


# ------------------------------------------------------------------ shape 10: own window


def test_a_2018_target_in_a_2016_2020_plan_is_met_late_and_explained(tmp_path: Path) -> None:
    smes = target(deadline="2018")
    values = _values("smes", "家", {"2016": 30, "2017": 42, "2018": 50, "2019": 58})
    root = write_data(tmp_path, [smes], values, plan=WIDE)
    dataset = load_ok(root)
    at_deadline = progress.assess_all(dataset, "2018")[0]
    assert at_deadline.status == Status.OFF_TRACK and at_deadline.reason_code == "missed-deadline"
    later = progress.assess_all(dataset, "2019")[0]
    assert later.status == Status.ACHIEVED and later.late
    assert later.deadline == "2018"
    text = explain(root, "smes", "2019")
    assert "the target's own window 2016..2018 (the plan's 2016..2020)" in text
    assert text.splitlines()[-2].endswith("[met-late]")
    assert_golden(GOLDEN / "explain-own-deadline.en.txt", text)
    assert_golden(GOLDEN / "explain-own-deadline.zh.txt", explain(root, "smes", "2019", "zh"))


def test_a_later_start_sums_and_paces_from_it(tmp_path: Path) -> None:
    invest = target(
        id="invest",
        kind="cumulative",
        unit="亿元",
        comparator="gte",
        value=30,
        quote="2018年起累计投资30亿元",
        start="2018",
    )
    level = target(start="2018")
    values = _values("invest", "亿元", {"2016": 9, "2017": 9, "2018": 10, "2019": 10})
    for period, count in {"2016": 10, "2017": 20, "2018": 40, "2019": 48}.items():
        values[period].append({"target": "smes", "value": count, "unit": "家"})
    root = write_data(tmp_path, [invest, level], values, plan=WIDE)
    by_id = {a.target.id: a for a in progress.assess_all(load_ok(root), "2019")}
    # Only 2018 and 2019 count: 20 of 30, not 38 (which would be achieved).
    assert by_id["invest"].actual == 20 and by_id["invest"].status != Status.ACHIEVED
    # The path starts at the 2018 value (40), not at 2016's 10: halfway from 40 to the 56
    # that >55 needs is 48 at 2019 (from 10 it would be 44.5).
    smes = by_id["smes"]
    assert [p.period for p in smes.points] == ["2018", "2019"]
    assert smes.expected == 48 and smes.pace == 0
    assert "own window 2018..2020" in explain(root, "smes", "2019")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start": "2015"}, "start 2015 is outside the plan window 2016..2020"),
        ({"start": "2019", "deadline": "2018"}, "start 2019 is after the target's deadline 2018"),
        ({"deadline": "2021"}, "deadline 2021 is outside the plan window"),
        ({"start": "2018-Q5"}, "is not a period"),
    ],
)
def test_check_refuses_a_window_outside_the_plan(
    tmp_path: Path, fields: dict[str, Any], message: str
) -> None:
    root = write_data(tmp_path, [target(**fields)], plan=WIDE)
    _, problems = load(root)
    assert len(problems) == 1 and message in problems[0].message, problems
    assert problems[0].line > 0


# ------------------------------------------------------------ shape 1: cited baselines

CITED = {
    "value": Decimal("1.2"),
    "period": "2015",
    "unit": "%",
    "source": "辽宁统计年鉴2016",
    "issuer": "辽宁省统计局",
    "year": "2016",
    "page": "表3-2",
}
INTENSITY = {
    "id": "rd-intensity",
    "name": "规模以上工业企业研发投入强度",
    "name_en": "R&D intensity of industrial enterprises",
    "kind": "relative",
    "comparator": "gte",
    "value": 2,
    "unit": "倍",
    "quote": "规模以上工业企业研发投入强度比2015年提高一倍",
}


def test_a_cited_baseline_is_not_traced_and_is_shown_with_its_source(tmp_path: Path) -> None:
    values = _values("rd-intensity", "%", {"2016": Decimal("1.5"), "2017": Decimal("1.8")})
    root = write_data(tmp_path, [{**INTENSITY, "baseline": CITED}], values, plan=WIDE)
    dataset = load_ok(root)  # 1.2 is not in the quote, and needs not be
    found = progress.assess_all(dataset, "2017")[0]
    assert found.required == Decimal("2.4")
    text = explain(root, "rd-intensity", "2017")
    assert (
        "baseline 2015 = 1.2 %, not stated in the plan: from 《辽宁统计年鉴2016》, "
        "辽宁省统计局, 2016, 表3-2" in text
    )
    assert_golden(GOLDEN / "explain-cited-baseline.en.txt", text)
    assert_golden(
        GOLDEN / "explain-cited-baseline.zh.txt", explain(root, "rd-intensity", "2017", "zh")
    )
    report = report_cmd.report(
        DataDir(root), report_cmd.ReportOptions(lang="zh", today=datetime.date(2018, 3, 1))
    ).stdout
    start = report.index("## 规划外的基数")
    assert_golden(
        GOLDEN / "report-cited-baselines.zh.md", report[start : report.index("##", start + 3)]
    )


@pytest.mark.parametrize(
    ("baseline", "code", "message"),
    [
        (None, "target-fields", "a relative target needs `baseline` (the base-period value"),
        (
            {"value": Decimal("1.2"), "period": "2015", "unit": "%", "source": "年鉴"},
            "target-fields",
            "add `issuer`, `year`, `page` or `url`",
        ),
        (
            {**CITED, "page": None, "url": "https://tjj.ln.gov.cn/\u202e"},
            "invalid-value",
            "not a web address",
        ),
        ({**CITED, "url": "javascript:alert(1)"}, "invalid-value", "not a web address"),
        ({**CITED, "source": None}, "target-fields", "give `source`"),
        ({**CITED, "issuer": "统计局\x07"}, "hidden-character", "character"),
        (
            {**CITED, "source": None, "issuer": None, "year": None, "page": None},
            "number-not-in-quote",
            "1.2",
        ),
    ],
)
def test_check_says_what_a_baseline_lacks(
    tmp_path: Path, baseline: dict[str, Any] | None, code: str, message: str
) -> None:
    fields = dict(INTENSITY)
    if baseline is not None:
        fields["baseline"] = {k: v for k, v in baseline.items() if v is not None}
    root = write_data(tmp_path, [fields], plan=WIDE)
    _, problems = load(root)
    assert code in codes(problems), problems
    found = next(p for p in problems if p.code == code)
    assert message in found.message, found.message


def test_a_sample_baseline_needs_no_citation(tmp_path: Path) -> None:
    baseline = {
        "value": Decimal("1.2"),
        "period": "2015",
        "unit": "%",
        "source": "示例",
        "sample": True,
    }
    root = write_data(tmp_path, [{**INTENSITY, "baseline": baseline}], plan=WIDE)
    load_ok(root)
    assert "is a sample figure" in explain(root, "rd-intensity", "2016")
