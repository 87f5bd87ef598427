"""The SVG charts: well-formed XML, escaped text, deterministic, readable without colour."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, load_ok, target, write_data
from hitrack.core import model
from hitrack.engine import progress
from hitrack.i18n import STATUS_WORDS, Lang
from hitrack.load.loader import DataDir, load_dataset
from hitrack.render import charts

SVG = "{http://www.w3.org/2000/svg}"
ALLOWED = {
    f"{SVG}{tag}" for tag in ("svg", "title", "rect", "text", "line", "polyline", "circle", "g")
}
HOSTILE = "a|b\nc <script>alert(\"x\")</script> & 'q' `x` [red]z[/red] ]]> \x1b[31m"


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    assert {element.tag for element in root.iter()} <= ALLOWED
    return [
        element.text or "" for element in root.iter() if element.tag.endswith(("text", "title"))
    ]


def _bundled() -> tuple[model.Dataset, list[progress.Assessment]]:
    dataset = load_dataset(DataDir(ROOT / "data")).dataset
    assert dataset is not None
    return dataset, progress.assess_all(dataset, "2020-Q2")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_of_the_bundled_plan_is_well_formed(lang: Lang) -> None:
    dataset, assessments = _bundled()
    rendered = charts.render_charts(dataset, assessments, lang)
    names = [chart.name for chart in rendered]
    assert names[0] == "progress.svg"
    # Milestones and the register count have no series; every measured target has a trend.
    assert "trend-tech-smes.svg" in names and "trend-hydrogen-station.svg" not in names
    assert "trend-tech-transfer-institutions.svg" not in names
    for chart in rendered:
        _texts(chart.svg)
    again = charts.render_charts(dataset, assessments, lang)
    assert [c.svg for c in again] == [c.svg for c in rendered]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_progress_chart_reads_without_colour(lang: Lang) -> None:
    _, assessments = _bundled()
    texts = _texts(charts.progress_svg(assessments, lang))
    words = {pair[0 if lang == "zh" else 1] for pair in STATUS_WORDS.values()}
    # the legend: every status, deterioration only when a target has it (none here)
    assert {a.status for a in assessments}.isdisjoint({"deterioration"})
    words.discard(STATUS_WORDS["deterioration"][0 if lang == "zh" else 1])
    assert all(any(w in text for text in texts) for w in words)
    # Each bar's status in words; rounded down like the tables (92.7%); the sample mark.
    label = "92% 按计划 *" if lang == "zh" else "92% on track *"
    assert label in texts
    note = "* 示例数据，并非真实统计" if lang == "zh" else "* sample values, not real statistics"
    assert note in texts


def test_the_progress_chart_never_rounds_up_to_100(tmp_path: Path) -> None:
    dataset = load_ok(
        write_data(
            tmp_path,
            [target(value=1000, comparator="gte", quote="科技型中小企业数量达到1000家以上")],
            {"2019": [{"target": "smes", "value": 996, "unit": "家"}]},
        )
    )
    texts = _texts(charts.progress_svg(progress.assess_all(dataset, "2019"), "en"))
    assert any(t.startswith("99% ") for t in texts), texts
    assert not any(t.startswith("100% ") for t in texts)


def test_hostile_names_are_text_in_the_svg(tmp_path: Path) -> None:
    dataset = load_ok(
        write_data(
            tmp_path,
            [target()],
            {
                "2019": [{"target": "smes", "value": 40, "unit": "家"}],
                "2020": [{"target": "smes", "value": 50, "unit": "家"}],
            },
        )
    )
    # `check` refuses the control characters (hidden-character); the chart escapes them anyway.
    named = dataclasses.replace(dataset.targets.targets[0], name=HOSTILE, name_en=HOSTILE)
    dataset = dataclasses.replace(
        dataset, targets=dataclasses.replace(dataset.targets, targets=(named,))
    )
    (a,) = progress.assess_all(dataset, "2020")
    trend = charts.trend(dataset, a)
    assert trend is not None
    for svg in (charts.progress_svg([a], "en"), charts.trend_svg(trend, a, "en")):
        texts = _texts(svg)
        assert any('<script>alert("x")</script>' in text for text in texts)
        assert "\x1b" not in svg and "\n<script" not in svg


def test_trend_paths_follow_the_kind() -> None:
    dataset, assessments = _bundled()
    by_id = {a.target.id: a for a in assessments}
    growth = charts.trend(dataset, by_id["high-tech-value-added-growth"])
    assert growth is not None and len(growth.path) > 2  # compound: a curve
    origin_t, origin = growth.path[0]
    end_t, end = growth.path[-1]
    assert end == pytest.approx(origin * Decimal("1.14") ** (end_t - origin_t))
    total = charts.trend(dataset, by_id["achievements-transferred"])
    assert total is not None
    assert [value for _, _, value in total.observed] == [Decimal(8), Decimal(12)]  # running
    assert total.path == ((Decimal(2019), Decimal(0)), (Decimal(2021), Decimal(15)))
    level = charts.trend(dataset, by_id["tech-smes"])
    assert level is not None and level.path[-1] == (Decimal(2021), Decimal(56))
    assert charts.trend(dataset, by_id["hydrogen-station"]) is None


@pytest.mark.parametrize(
    ("peak", "ticks"),
    [
        ("56", ["0", "20", "40", "60"]),
        ("24.17", ["0", "10", "20", "30"]),
        ("15", ["0", "5", "10", "15"]),
        ("0.3", ["0", "0.1", "0.2", "0.3"]),
        ("0", ["0", "1"]),
    ],
)
def test_axis_ticks_are_round(peak: str, ticks: list[str]) -> None:
    assert [progress.format_decimal(t) for t in charts.axis_ticks(Decimal(peak))] == ticks


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_symbols_are_shapes_not_glyphs(lang: Lang) -> None:
    """A PNG renderer without font fallback prints ✔ ✘ ⚠ as empty boxes: the charts draw them."""
    from hitrack.core.statuses import Status

    dataset, assessments = _bundled()
    for chart in charts.render_charts(dataset, assessments, lang):
        texts = _texts(chart.svg)
        symbols = {status.symbol for status in Status} - {"?", "–"}
        assert not any(set(text) & symbols for text in texts), (chart.name, texts)
    svg = charts.progress_svg(assessments, lang)
    root = ET.fromstring(svg)
    groups = list(root.iter(f"{SVG}g"))
    # one symbol per bar and one per legend entry (deterioration only when a target has it)
    legend = len(Status) - (Status.DETERIORATION not in {a.status for a in assessments})
    assert len(groups) == len(assessments) + legend
    for group in groups:
        assert len(group) >= 1 and group.get("transform", "").startswith("translate(")
