"""The reader of target phrases (phrases.py) and the rule that holds targets to their quotes."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT
from hitrack.engine import phrases
from hitrack.engine.checks import run_checks
from hitrack.load.datadir import DataDir
from hitrack.load.loader import load_dataset

SHIPPED = [ROOT / "data", *sorted(p.parent for p in (ROOT / "examples").glob("*/targets.yaml"))]
SHIPPED = [p for p in SHIPPED if (p / "sources").is_dir()]


def only(text: str) -> phrases.Claim:
    claims = phrases.read_phrase(text).claims
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    ("text", "comparator", "sure", "words"),
    [
        ("科技型中小企业数量突破55家", "gt", True, "突破"),
        ("高新技术企业数量超过45家", "gt", True, "超过"),
        ("年收入高于3亿元", "gt", True, "高于"),
        ("转移转化科技成果15项以上", "gte", True, "以上"),
        ("年均增长速度不低于15%", "gte", True, "不低于"),
        ("入驻企业不少于20家", "gte", True, "不少于"),
        ("比重力争达到40%以上", "gte", True, "力争达到…以上"),
        ("新产品产值率达到30%", "gte", False, "达到"),
        ("高端人才50人左右", "approx", True, "左右"),
        ("高新技术产品增加值年均增速达到15%左右", "approx", True, "达到…左右"),
        ("能耗约3万吨", "approx", True, "约"),
        ("孵化企业近100家", "approx", True, "近"),
        ("单位产值能耗控制在0.5吨以内", "lte", True, "控制在…以内"),
        ("亏损企业不超过5家", "lte", True, "不超过"),
        ("空置率低于10%", "lt", True, "低于"),
        ("由交通运输企业开展20辆规模的氢能公交示范运营", None, False, ""),
        ("重点突破20项前沿关键技术", None, False, ""),
    ],
)
def test_comparator_words(text: str, comparator: str | None, sure: bool, words: str) -> None:
    claim = only(text)
    assert (claim.comparator, claim.comparator_sure, claim.comparator_words) == (
        comparator,
        sure,
        words,
    )


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("培育1-2个重大创新药物", 1, 2, "个"),
        ("每个高新区重点建设1至2个创新型产业集群", 1, 2, "个"),
        ("制定3—5项行业标准", 3, 5, "项"),
        ("引进5~10个研发团队", 5, 10, "个"),
        ("建设三至五个示范基地", 3, 5, "个"),
    ],
)
def test_ranges(text: str, low: int, high: int, unit: str) -> None:
    claim = only(text)
    assert (claim.comparator, claim.low, claim.high, claim.unit) == ("between", low, high, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("技术交易合同成交额超过2.5亿元", "2.5", "亿元"),
        ("营业收入突破1,200亿元", "1200", "亿元"),
        ("企业总数超过１５０家", "150", "家"),
        ("全省高新区要实现超千亿元产业集群", "1000", "亿元"),
        ("设立高新区人才基金200万元", "200", "万元"),
        ("注册企业突破1.2万家", "12000", "家"),
        ("引进高层次人才两百人", "200", "人"),
        ("建设十五个众创空间", "15", "个"),
        ("研发投入强度达到百分之三", "3", "%"),
        ("研发投入强度达到３％", "3", "%"),
        ("建设1.6万平方米的人才服务大厦", "1.6", "万平方米"),
    ],
)
def test_numbers_units_and_scales(text: str, value: str, unit: str) -> None:
    claim = only(text)
    assert (claim.value, claim.unit) == (Decimal(value), unit)


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("R&D经费支出占GDP比重提高到3%以上", "ratio", "占GDP比重"),
        ("高新技术企业数量占全省高新技术企业数量比例达到40%", "ratio", None),
        ("新产品产值率达到30%", "ratio", "值率"),
        ("发明专利申请和授权分别年均增长10%以上", "growth", "年均增长"),
        ("高新技术产品增加值年均增速达到15%左右", "growth", "年均增速"),
        ("累计培训辅导企业3000家以上", "cumulative", "累计"),
        ("新增省级高新区10家", "cumulative", "新增"),
        ("研发投入强度提高1.5个百分点", "relative", "个百分点"),
        ("省级以上高新区数量达到25家以上", "level", ""),
    ],
)
def test_kinds(text: str, kind: str, words: str | None) -> None:
    claim = only(text)
    assert claim.kind == kind
    if words is not None:
        assert claim.kind_words == words


def test_doubling_and_per_population() -> None:
    (doubling,) = phrases.read_phrase("到2020年高新技术企业数量翻一番").claims
    assert (doubling.kind, doubling.value, doubling.unit) == ("relative", 2, "倍")
    assert phrases.read_phrase("实施高新技术企业“三年倍增计划”").claims[0].value == 2
    per = only("每万人发明专利拥有量达到10件")
    assert (per.per, per.value, per.unit) == ("每万人", 10, "件")


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("到2020年，科技型中小企业数量突破55家", "2020"),
        ("力争到2020年新升级国家级高新区2家以上", "2020"),
        ("2018年底前完成平台建设", "2018"),
        ("“十三五”期末，全省生物医药产业规模突破3000亿元", "2020"),
        ("十四五末建成示范区", "2025"),
        ("建设生物医药产业技术创新战略联盟", None),
    ],
)
def test_deadlines(text: str, deadline: str | None) -> None:
    assert phrases.read_phrase(text).deadline == deadline


def test_lead_departments() -> None:
    reading = phrases.read_phrase("建立科技成果转移转化年度报告制度（市科技局牵头，市财政局配合）")
    assert reading.owners == ("市科技局",)
    reading = phrases.read_phrase("设立风险补偿基金（市财政局、市金融办牵头）")
    assert reading.owners == ("市财政局", "市金融办")
    assert phrases.read_phrase("（牵头单位：高新区科技局）").owners == ("高新区科技局",)


def test_says_what_it_could_not_read() -> None:
    reading = phrases.read_phrase("建成5G基站，完成35的目标")
    assert [u.split(":")[0] for u in reading.unread] == ["35的目"]
    assert phrases.read_phrase("2019年8月27日").unread == ()


# --- check: every shipped target agrees with its quote, and every change is caught ----------


@pytest.mark.parametrize("data", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_target_agrees_with_its_quote(data: Path) -> None:
    loaded = load_dataset(DataDir(data))
    assert loaded.dataset is not None
    for target in loaded.dataset.targets.targets:
        assert phrases.disagreements(target) == [], target.id
    assert [p for p in run_checks(loaded) if p.code == "quote-disagrees"] == []


_FLIP = {"gt": "lt", "gte": "lte", "lt": "gt", "lte": "gte", "approx": "lt"}
_OTHER_UNIT = {"亿元": "万元", "万元": "亿元", "元": "万元", "%": "倍", "倍": "%"}


def _mutations(block: str) -> list[tuple[str, str, str]]:
    """(field, old line, new line) for the three changes of one target's YAML block."""
    found = []
    comparator = re.search(r"^    comparator: (\w+)$", block, re.M)
    if comparator:
        old = comparator.group(0)
        found.append(("comparator", old, old.replace(comparator.group(1), _FLIP[comparator[1]])))
    unit = re.search(r'^    unit: "?([^"\n]+)"?$', block, re.M)
    if unit:
        other = _OTHER_UNIT.get(unit.group(1), "个" if unit.group(1) != "个" else "家")
        found.append(("unit", unit.group(0), f'    unit: "{other}"'))
    value = re.search(r"^    value: ([\d.]+)$", block, re.M)
    if value:
        changed = Decimal(value.group(1)) + 1
        found.append(("value", value.group(0), f"    value: {changed}"))
    return found


def _blocks(text: str) -> list[str]:
    return re.findall(r"^  - id: .*?(?=^  - id: |^  #|\Z)", text, re.M | re.S)


def test_check_catches_every_change_beside_every_bundled_target(tmp_path: Path) -> None:
    original = (ROOT / "data" / "targets.yaml").read_text(encoding="utf-8")
    caught, quantified = [], 0
    for block in _blocks(original.split("\ntargets:\n", 1)[1]):
        target_id = block.split("\n", 1)[0].removeprefix("  - id: ")
        mutations = _mutations(block)
        quantified += bool(mutations)
        for field, old, new in mutations:
            copy = tmp_path / f"{target_id}-{field}"
            shutil.copytree(ROOT / "data", copy)
            mutated = block.replace(old, new, 1)
            (copy / "targets.yaml").write_text(original.replace(block, mutated, 1), "utf-8")
            line = original.index(block) + block.index(old)
            line = original.count("\n", 0, line) + 1
            problems = run_checks(load_dataset(DataDir(copy)))
            hits = [
                p
                for p in problems
                if p.severity == "error"
                and p.line == line
                and p.code in ("quote-disagrees", "number-not-in-quote")
            ]
            assert hits, (target_id, field, new, problems)
            caught.append((target_id, field))
    assert quantified >= 8 and len(caught) == 3 * quantified


def test_message_quotes_the_deciding_words(tmp_path: Path) -> None:
    text = (ROOT / "data" / "targets.yaml").read_text(encoding="utf-8")
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    block = _blocks(text)[0]
    assert "quote: 科技型中小企业数量突破55家" in block
    (copy / "targets.yaml").write_text(
        text.replace(block, block.replace("comparator: gt", "comparator: lt")), "utf-8"
    )
    (problem,) = [p for p in run_checks(load_dataset(DataDir(copy))) if p.code == "quote-disagrees"]
    assert problem.message == (
        "the quote says 突破 (more than), so the comparator is gt; the file says lt"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 以上 closes the list and decides for both, over the 达到 before the first number.
        ("孵化器、众创空间分别达到6家、9家以上", [("gte", True), ("gte", True)]),
        # 达到 opens the list and reads (without stating) for both.
        ("省级实验室和工程中心分别达到12个、8个", [("gte", False), ("gte", False)]),
        # A number with its own deciding word keeps it.
        ("企业超过30家、平台不少于4家", [("gt", True), ("gte", True)]),
    ],
)
def test_numbers_listed_together_share_their_comparator(
    text: str, expected: list[tuple[str, bool]]
) -> None:
    claims = phrases.read_phrase(text).claims
    assert [(c.comparator, c.comparator_sure) for c in claims] == expected


def test_as_of_a_date_is_history_not_a_deadline() -> None:
    assert phrases.read_deadline("截至2018年底，园区已集聚科技企业40家") == (None, "")
    assert phrases.read_deadline("截至2018年，累计建成孵化器6家") == (None, "")
    assert phrases.read_deadline("到2022年底，孵化器达到8家")[0] == "2022"
    assert phrases.read_deadline("至2021年，新增平台3个")[0] == "2021"


def test_box_and_annex_numbers_are_not_unread_quantities() -> None:
    assert phrases.read_phrase("专栏4 新建孵化器5家").unread == ()
    assert phrases.read_phrase("详见附件2").unread == ()
