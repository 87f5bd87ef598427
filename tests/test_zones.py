"""Multi-zone plans: per-zone targets rolled up, totals summed over zones, shares pooled, and
`status --zone` / `--by zone`."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import load_ok, target, write_data
from hitrack.commands import common
from hitrack.commands import report as report_cmd
from hitrack.commands import status as status_cmd
from hitrack.core import model
from hitrack.engine import progress
from hitrack.i18n import reason_words, step_words
from hitrack.load.datadir import DataDir

ZONES = {
    "zones": [
        {"id": "shenyang", "name": "沈阳高新区", "name_en": "Shenyang High-tech Zone"},
        {"id": "dalian", "name": "大连高新区", "name_en": "Dalian High-tech Zone"},
        {"id": "benxi", "name": "本溪高新区", "name_en": "Benxi High-tech Zone"},
    ]
}
EACH = target(
    id="institutions",
    comparator="gte",
    value=5,
    quote="每个高新区引进或设立5家以上金融机构",
    zone_scope="each",
)
TOTAL = target(id="htes", comparator="gte", value=1600, quote="认定高新技术企业1600家")
SHARE = target(
    id="rd-share",
    kind="ratio",
    comparator="gte",
    value=2.8,
    unit="%",
    quote="经费占GDP比重达到2.8%",
)
PROVINCE = target(id="zone-count", comparator="gte", value=25, quote="高新区数量达到25家以上")


def value(tid: str, number: Any, zone: str | None = None, unit: str = "家") -> dict[str, Any]:
    entry: dict[str, Any] = {"target": tid, "value": number, "unit": unit}
    if zone:
        entry["zone"] = zone
    return entry


def share(zone: str, numerator: Any, denominator: Any) -> dict[str, Any]:
    return {
        "target": "rd-share",
        "zone": zone,
        "numerator": {"value": numerator, "unit": "亿元"},
        "denominator": {"value": denominator, "unit": "亿元"},
    }


def dataset(tmp_path: Path, targets: list[dict[str, Any]], actuals: Any) -> model.Dataset:
    return load_ok(write_data(tmp_path, targets, actuals, plan=ZONES))


def by_id(assessments: list[progress.Assessment]) -> dict[str, progress.Assessment]:
    return {a.target.id: a for a in assessments}


# ------------------------------------------------------------------------- roll-ups


def test_each_zone_target_counts_the_zones_that_meet_it(tmp_path: Path) -> None:
    data = dataset(
        tmp_path,
        [EACH],
        {
            "2019": [
                value("institutions", 2, "shenyang"),
                value("institutions", 1, "dalian"),
                value("institutions", 1, "benxi"),
            ],
            "2020": [
                value("institutions", 6, "shenyang"),
                value("institutions", 5, "dalian"),
                value("institutions", 3, "benxi"),
            ],
        },
    )
    (result,) = progress.assess_all(data, "2020")
    assert result.zone is None
    assert (result.actual, result.required, result.gap) == (Decimal(2), Decimal(3), Decimal(1))
    assert result.met is False
    assert result.reason_code is not None
    assert reason_words(result.reason_code, result.reason_params, "en") == "2/3 zones achieved"
    assert result.status == "off_track"  # Benxi's status: the deadline passed without 5
    assert result.percent is not None and round(result.percent, 2) == Decimal("66.67")


def test_a_zone_without_data_does_not_count_as_meeting_it(tmp_path: Path) -> None:
    data = dataset(
        tmp_path,
        [EACH],
        {"2020": [value("institutions", 6, "shenyang"), value("institutions", 5, "dalian")]},
    )
    (result,) = progress.assess_all(data, "2020")
    assert result.actual == Decimal(2)
    assert result.met is False
    assert result.status == "achieved"  # worst of the zones that reported
    text = " ".join(step_words(code, values, "en") for code, values in result.steps)
    assert "benxi: no data (actual -)" in text and "dalian: achieved (actual 5)" in text


def test_a_zone_reporting_zero_shows_zero_in_the_steps(tmp_path: Path) -> None:
    data = dataset(tmp_path, [EACH], {"2020": [value("institutions", 0, "dalian")]})
    (result,) = progress.assess_all(data, "2020")
    text = " ".join(step_words(code, values, "zh") for code, values in result.steps)
    assert "dalian：滞后（实际值 0）" in text


def test_a_total_is_summed_over_the_zones(tmp_path: Path) -> None:
    data = dataset(
        tmp_path,
        [TOTAL],
        {
            "2019": [value("htes", 700, "shenyang"), value("htes", 500, "dalian")],
            "2020": [value("htes", 900, "shenyang"), value("htes", 650, "dalian")],
        },
    )
    (result,) = progress.assess_all(data, "2020")
    assert result.actual == Decimal(1550)
    assert [p.zones for p in result.points] == [2, 2]
    assert result.status == "off_track"


def test_a_reported_total_wins_over_the_zone_sum(tmp_path: Path) -> None:
    data = dataset(
        tmp_path,
        [TOTAL],
        {"2020": [value("htes", 1700), value("htes", 900, "shenyang")]},
    )
    (result,) = progress.assess_all(data, "2020")
    assert result.actual == Decimal(1700)
    assert result.points[0].zones == 0


def test_a_share_pools_numerators_and_denominators(tmp_path: Path) -> None:
    # 1/100 and 9/300: pooled 10/400 = 2.5 %, not the mean of the shares (2 %)
    data = dataset(
        tmp_path, [SHARE], {"2020": [share("shenyang", 1, 100), share("dalian", 9, 300)]}
    )
    (result,) = progress.assess_all(data, "2020")
    assert result.actual == Decimal("2.5")
    assert result.status == "off_track"


def test_a_zone_is_judged_on_a_share_but_not_on_its_part_of_a_total(tmp_path: Path) -> None:
    data = dataset(
        tmp_path,
        [TOTAL, SHARE],
        {"2020": [value("htes", 900, "shenyang"), share("shenyang", 3, 100)]},
    )
    results = by_id(progress.assess_all(data, "2020", "shenyang"))
    part = results["htes"]
    assert part.actual == Decimal(900)
    assert part.status == "not_assessable"
    assert (part.gap, part.percent, part.met) == (None, None, None)
    assert results["rd-share"].status == "achieved"
    assert results["rd-share"].actual == Decimal(3)


def test_a_zone_block_holds_the_targets_that_concern_the_zone(tmp_path: Path) -> None:
    data = dataset(
        tmp_path,
        [EACH, TOTAL, PROVINCE],
        {
            "2020": [
                value("institutions", 6, "shenyang"),
                value("htes", 900, "shenyang"),
                value("zone-count", 21),
            ]
        },
    )
    blocks = progress.assess_by_zone(data, "2020")
    assert [zone.id for zone, _ in blocks] == ["shenyang", "dalian", "benxi"]
    found = {zone.id: [a.target.id for a in found] for zone, found in blocks}
    assert found["shenyang"] == ["institutions", "htes"]
    assert found["dalian"] == ["institutions"]  # applies to each zone, even without data
    assert by_id(blocks[1][1])["institutions"].status == "no_data"
    only = progress.assess_by_zone(data, "2020", ["benxi"])
    assert [zone.id for zone, _ in only] == ["benxi"]


# ----------------------------------------------------------------------------- commands


@pytest.fixture
def zoned(tmp_path: Path) -> DataDir:
    write_data(
        tmp_path,
        [EACH, TOTAL, SHARE, PROVINCE],
        {
            "2019": [
                value("institutions", 2, "shenyang"),
                value("institutions", 2, "benxi"),
                value("htes", 700, "shenyang"),
                value("htes", 50, "benxi"),
                share("shenyang", 2, 100),
                share("benxi", 1, 100),
                value("zone-count", 18),
            ],
            "2020": [
                value("institutions", 6, "shenyang"),
                value("institutions", 4, "benxi"),
                value("htes", 900, "shenyang"),
                value("htes", 60, "benxi"),
                share("shenyang", 3, 100),
                share("benxi", 2, 100),
                value("zone-count", 21),
            ],
        },
        plan=ZONES,
    )
    return DataDir(tmp_path)


def status(data_dir: DataDir, **options: Any) -> common.Outcome:
    return status_cmd.status(data_dir, status_cmd.StatusOptions(width=160, **options))


def test_by_zone_table_has_a_block_per_zone_and_the_roll_up(zoned: DataDir) -> None:
    outcome = status(zoned, by="zone", lang="en")
    assert outcome.code == 0
    text = outcome.stdout
    headings = [line for line in text.splitlines() if line.startswith("▸ ")]
    assert headings == [
        "▸ Shenyang High-tech Zone (shenyang)",
        "▸ Dalian High-tech Zone (dalian)",
        "▸ Benxi High-tech Zone (benxi)",
        "▸ All zones (roll-up)",
    ]
    roll_up = text.split("▸ All zones (roll-up)")[1]
    assert "1/3 zones met" in roll_up
    assert "960家" in roll_up  # 900 + 60
    assert "2.5%" in roll_up  # (3 + 2) / (100 + 100)
    assert text.count("actual values shown are illustrative samples") == 1


def test_by_zone_in_chinese_names_the_zones_in_chinese(zoned: DataDir) -> None:
    text = status(zoned, by="zone", lang="zh").stdout
    assert "▸ 本溪高新区 (benxi)" in text
    assert "▸ 全部高新区（汇总）" in text


def test_by_zone_json_is_one_document(zoned: DataDir) -> None:
    document = json.loads(status(zoned, by="zone", fmt="json").stdout)
    assert document["schema"] == "hitrack.status-by-zone/v1"
    assert document["sample"] is True
    assert [z["id"] for z in document["zones"]] == ["shenyang", "dalian", "benxi"]
    benxi = {t["id"]: t for t in document["zones"][2]["targets"]}
    assert benxi["institutions"]["status"] == "off_track"
    assert benxi["htes"]["status"] == "not_assessable"
    total = {t["id"]: t for t in document["targets"]}
    assert total["institutions"]["actual"] == "1"
    assert total["htes"]["actual"] == "960"


def test_by_zone_csv_and_markdown(zoned: DataDir) -> None:
    lines = status(zoned, by="zone", fmt="csv").stdout.splitlines()
    assert lines[0].startswith("\ufeffid,")
    lines[0] = lines[0].removeprefix("\ufeff")
    assert sum(line.startswith("id,") for line in lines) == 1
    assert any(",benxi," in line for line in lines)
    markdown = status(zoned, by="zone", fmt="markdown", lang="en").stdout
    assert markdown.count("#### ") == 4


def test_by_zone_with_one_zone(zoned: DataDir) -> None:
    text = status(zoned, by="zone", zone="本溪", lang="en").stdout
    headings = [line for line in text.splitlines() if line.startswith("▸ ")]
    assert headings == ["▸ Benxi High-tech Zone (benxi)", "▸ All zones (roll-up)"]


def test_zone_option_takes_an_id_or_a_name(zoned: DataDir) -> None:
    by_name = json.loads(status(zoned, zone="本溪", fmt="json").stdout)
    by_id_ = json.loads(status(zoned, zone="benxi", fmt="json").stdout)
    assert by_name == by_id_
    assert by_name["zone"] == "benxi"
    unknown = status(zoned, zone="铁岭")
    assert unknown.code == 2
    assert "benxi (本溪高新区)" in unknown.stderr


def test_zone_option_shows_the_targets_that_concern_the_zone(zoned: DataDir) -> None:
    shown = json.loads(status(zoned, zone="benxi", fmt="json").stdout)
    ids = [row["id"] for row in shown["targets"]]
    # zone-count is a plan-wide figure no zone reports: it stays in the plan's view.
    assert ids == ["institutions", "htes", "rd-share"]
    everything = json.loads(status(zoned, fmt="json").stdout)
    assert "zone-count" in [row["id"] for row in everything["targets"]]


def report(data_dir: DataDir, **options: Any) -> common.Outcome:
    today = datetime.date(2020, 6, 1)
    return report_cmd.report(data_dir, report_cmd.ReportOptions(today=today, **options))


def test_report_for_one_zone(zoned: DataDir) -> None:
    whole, benxi = report(zoned, lang="en"), report(zoned, lang="en", zone="本溪")
    assert whole.code == benxi.code == 0
    assert "Benxi High-tech Zone (benxi)" in benxi.stdout.split("## ")[0]
    assert "(benxi)" not in whole.stdout.split("## ")[0]
    targets = benxi.stdout.split("## Targets")[1].split("## ")[0]
    rows = [line for line in targets.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == 3 and all("\\[benxi\\]" in row for row in rows)
    assert "3 targets" in benxi.stdout and "4 targets" in whole.stdout
    assert report(zoned, lang="zh", zone="benxi").stdout.count("本溪高新区 (benxi)") == 1


def test_report_for_an_unknown_zone_is_a_usage_error(zoned: DataDir) -> None:
    outcome = report(zoned, zone="铁岭")
    assert outcome.code == 2 and outcome.stdout == ""
    assert "已有：shenyang (沈阳高新区)" in outcome.stderr  # report is in Chinese by default


def test_by_zone_needs_zones(tmp_path: Path) -> None:
    write_data(tmp_path, [TOTAL], {"2020": [value("htes", 1700)]})
    outcome = status(DataDir(tmp_path), by="zone")
    assert outcome.code == 2
    assert "lists no zones" in outcome.stderr


def test_cli_by_zone_option(zoned: DataDir) -> None:
    from typer.testing import CliRunner

    from hitrack.cli import app

    runner = CliRunner()
    args = ["status", "--data", str(zoned.path), "--lang", "en", "--width", "120"]
    result = runner.invoke(app, [*args, "--by", "zone"])
    assert result.exit_code == 0
    assert "▸ All zones (roll-up)" in result.stdout
    assert runner.invoke(app, [*args, "--by", "region"]).exit_code == 2


def test_every_status_format_has_a_by_zone_form() -> None:
    from hitrack.render import by_zone, status

    assert set(by_zone.FORMATS) == set(status.FORMATS)


def test_zone_names_with_controls_are_refused_and_not_echoed(tmp_path: Path) -> None:
    """(Every output escapes them anyway: tests/test_hostile_output.py.)"""
    zones = {"zones": [{"id": "evil", "name": "恶意\x1b[2J区", "name_en": "Evil\x1b]8;;x\x07"}]}
    write_data(tmp_path, [EACH], {"2020": [value("institutions", 6, "evil")]}, plan=zones)
    for lang in ("zh", "en"):
        for fmt in ("table", "markdown"):
            outcome = status(DataDir(tmp_path), by="zone", lang=lang, fmt=fmt)
            assert outcome.code == 1
            assert outcome.stderr.count("hidden-character") == 2
            assert "\x1b" not in outcome.stderr and "\x07" not in outcome.stderr


# --------------------------------------------------------------------------- a zone's own target

FUND = target(
    id="dalian-fund",
    kind="milestone",
    comparator=None,
    value=None,
    unit=None,
    zone="dalian",
    quote="大连高新区设立人才基金",
)


def test_a_target_of_one_zone_shows_only_for_that_zone(tmp_path: Path) -> None:
    data = dataset(tmp_path, [FUND, TOTAL], {"2019": [{"target": "dalian-fund", "done": True}]})
    plan_wide = {a.target.id: a for a in progress.assess_all(data, "2019")}
    assert plan_wide["dalian-fund"].status == "achieved"
    dalian = {a.target.id: a for a in progress.assess_all(data, "2019", "dalian")}
    assert dalian["dalian-fund"].status == "achieved" and dalian["dalian-fund"].zone == "dalian"
    benxi = {a.target.id for a in progress.assess_all(data, "2019", "benxi")}
    assert "dalian-fund" not in benxi
    by_zone = {
        z.id: [a.target.id for a in items] for z, items in progress.assess_by_zone(data, "2019")
    }
    assert "dalian-fund" in by_zone["dalian"] and "dalian-fund" not in by_zone["shenyang"]


def test_a_target_of_an_unknown_zone_is_reported(tmp_path: Path) -> None:
    from conftest import codes, load

    _, problems = load(write_data(tmp_path, [{**FUND, "zone": "anshan"}], plan=ZONES))
    assert codes(problems) == ["unknown-zone"]
    assert "known: benxi, dalian, shenyang" in problems[0].message


def test_a_value_for_another_zone_of_a_zones_target_is_refused(tmp_path: Path) -> None:
    from conftest import codes, load

    actuals = {"2019": [{"target": "dalian-fund", "done": True, "zone": "benxi"}]}
    _, problems = load(write_data(tmp_path, [FUND], actuals, plan=ZONES))
    assert codes(problems) == ["actual-fields"]
    assert "belongs to zone dalian" in problems[0].message


def test_explain_a_zones_target_for_another_zone_is_a_usage_error(tmp_path: Path) -> None:
    root = write_data(
        tmp_path, [FUND], {"2019": [{"target": "dalian-fund", "done": True}]}, plan=ZONES
    )
    options = status_cmd.StatusOptions(explain="dalian-fund", zone="benxi")
    outcome = status_cmd.status(DataDir(root), options)
    assert outcome.code == 2
    assert outcome.stderr == "hitrack: --explain: dalian-fund belongs to zone dalian, not benxi\n"
    own = status_cmd.status(
        DataDir(root), status_cmd.StatusOptions(explain="dalian-fund", zone="dalian")
    )
    assert own.code == 0 and "=> ✔ achieved" in own.stdout
