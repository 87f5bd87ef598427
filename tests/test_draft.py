"""`hitrack draft`: a data directory that `check` reads, from text, GBK or .docx documents."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from hitrack import draft
from hitrack.checks import run_checks
from hitrack.cli import app
from hitrack.datadir import DataDir
from hitrack.loader import load_dataset

PLAN = """关于加快高新区发展的实施意见

一、发展目标
到2020年，全区科技型中小企业数量突破120家，高新技术企业数量达到60家以上，
研发经费支出占GDP比重不低于3%，技术合同成交额超过5亿元。
二、重点任务
（一）建设创新平台
新建省级重点实验室3—5个（区科技局牵头），引进研发团队20个。建立科技成果转化风险补偿机制。
截至目前已有孵化器4家。
"""


def write_docx(path: Path, paragraphs: list[str], extra: bytes = b"") -> None:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        + extra
        + (
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"
        ).encode()
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    path.write_bytes(buffer.getvalue())


def test_draft_reads_targets_sections_owners_and_skips_facts() -> None:
    result = draft.draft_plan(PLAN)
    found = {(t.name, t.kind, t.comparator, t.value, t.low, t.high, t.unit) for t in result.targets}
    assert ("科技型中小企业数量", "level", "gt", 120, None, None, "家") in found
    assert ("研发经费支出占GDP比重", "ratio", "gte", 3, None, None, "%") in found
    assert ("技术合同成交额", "level", "gt", 5, None, None, "亿元") in found
    labs = next(t for t in result.targets if t.low == 3)
    assert (labs.kind, labs.high, labs.owners, labs.section) == (
        "cumulative",
        5,
        ("区科技局",),
        "（一）建设创新平台",
    )
    assert all(t.deadline == "2020" for t in result.targets if t.section == "一、发展目标")
    assert any(t.kind == "milestone" and "风险补偿机制" in t.quote for t in result.targets)
    assert any("已有孵化器4家" in clause for clause, _ in result.skipped)


def test_drafted_directory_passes_check(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(PLAN, encoding="gbk")
    out = tmp_path / "draft"
    result = CliRunner().invoke(app, ["draft", str(source), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    text = (out / "targets.yaml").read_text(encoding="utf-8")
    assert "# review:" in text and "reading: true" in text
    assert (out / "draft-skipped.txt").read_text(encoding="utf-8").count("->") >= 1
    loaded = load_dataset(DataDir(out))
    assert run_checks(loaded) == []
    assert loaded.dataset is not None and len(loaded.dataset.targets.targets) >= 5
    again = CliRunner().invoke(app, ["draft", str(source), "--out", str(out), "--lang", "en"])
    assert again.exit_code == 1 and "exists" in again.output
    assert (out / "targets.yaml").read_text(encoding="utf-8") == text


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "draft"
    result = CliRunner().invoke(app, ["draft", str(source), "-o", str(out), "--dry-run"])
    assert result.exit_code == 0
    assert 'quote: "全区科技型中小企业数量突破120家"' in result.output
    assert not out.exists()


def test_docx_is_read_and_entities_refused(tmp_path: Path) -> None:
    document = tmp_path / "plan.docx"
    write_docx(document, ["一、发展目标", "到2020年，高新技术企业数量超过45家。"])
    text = draft.load_document(document)
    assert "高新技术企业数量超过45家" in text
    bomb = tmp_path / "bomb.docx"
    write_docx(bomb, ["x"], b'<!DOCTYPE d [<!ENTITY a "aaaa">]>')
    with pytest.raises(draft.DraftError, match="DTD"):
        draft.load_document(bomb)


@pytest.mark.parametrize("content", [b"\xff\xfe\x00\x00binary", b"PK\x03\x04broken"])
def test_unreadable_documents_are_a_usage_error(tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "plan.bin"
    source.write_bytes(content)
    result = CliRunner().invoke(app, ["draft", str(source), "-o", str(tmp_path / "d")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not (tmp_path / "d").exists()


def test_draft_finds_most_of_the_bundled_plan() -> None:
    source = ROOT / "data" / "sources" / "000_77f66053db368d38.txt"
    result = draft.draft_plan(draft.load_document(source))
    quotes = {t.quote for t in result.targets if t.kind != "milestone"}
    for quote in ("科技型中小企业数量突破55家", "技术交易合同成交额超过2.5亿元"):
        assert quote in quotes


def quantified(text: str) -> list[tuple[str, str, str | None, Decimal | None, str | None]]:
    return [
        (t.quote, t.kind, t.comparator, t.value, t.unit)
        for t in draft.draft_plan(text).targets
        if t.kind != "milestone"
    ]


def test_background_history_and_forecasts_are_not_targets() -> None:
    text = """## 一、发展基础
园区高新技术企业数量达到38家，研发投入占比达到2.1%。
## 二、发展目标
### （一）总体目标
“十三五”以来，全区已突破技术合同成交额3亿元。
2015年，全区新增孵化器2家。
预计到2022年，产值将超过90亿元。
到2022年，高新技术企业数量达到60家。
"""
    found = quantified(text)
    assert found == [("高新技术企业数量达到60家", "level", "gte", Decimal(60), "家")]
    skipped = dict(draft.draft_plan(text).skipped)
    assert "present state" in skipped["园区高新技术企业数量达到38家"]
    assert "已突破" in skipped["全区已突破技术合同成交额3亿元"]
    assert "2015" in skipped["全区新增孵化器2家"]
    assert "预计" in skipped["预计到2022年"] or "预计" in skipped["产值将超过90亿元"]


def test_a_top_heading_counts_even_when_a_sub_heading_follows_it() -> None:
    text = "一、发展现状\n全区孵化器达到5家。\n二、目标\n（一）数量目标\n全区孵化器达到9家。\n"
    found = quantified(text)
    assert [f[3] for f in found] == [Decimal(9)]


def test_a_list_of_targets_gives_a_target_for_each_part() -> None:
    found = quantified("力争获得新药证书8个、医疗器械注册证12个、培育年产值过亿元产品3个。")
    assert found == [
        ("力争获得新药证书8个", "cumulative", "gte", Decimal(8), "个"),
        ("医疗器械注册证12个", "cumulative", "gte", Decimal(12), "个"),
        ("培育年产值过亿元产品3个", "cumulative", "gte", Decimal(3), "个"),
    ]


def test_respectively_and_each_give_a_target_for_each_subject() -> None:
    growth = draft.draft_plan("专利申请量和授权量分别年均增长12%以上。").targets
    assert [(t.name, t.kind, t.value) for t in growth] == [
        ("专利申请量", "growth", Decimal(12)),
        ("授权量", "growth", Decimal(12)),
    ]
    pairs = draft.draft_plan("孵化器、加速器分别达到7家、3家。").targets
    assert [(t.name, t.value) for t in pairs] == [("孵化器", Decimal(7)), ("加速器", Decimal(3))]
    each = draft.draft_plan("各园区要设立天使投资基金或风险补偿资金各1只。").targets
    assert [(t.name, t.value, t.unit) for t in each] == [
        ("天使投资基金", Decimal(1), "只"),
        ("风险补偿资金", Decimal(1), "只"),
    ]


def test_counts_of_listed_names_moves_and_fund_amounts() -> None:
    # 3个 counts the names listed before it: a description, not a target.
    assert quantified("推动东区、西区、南区3个园区提质增效。") == []
    # Moving into a class counts the moves.
    assert quantified("力争有4个县级园区晋升为省级园区。")[0][1] == "cumulative"
    assert quantified("力争县级园区晋升省级园区数量达到6家。")[0][1] == "cumulative"
    # The amount of a fund to set up describes the deliverable: a milestone.
    result = draft.draft_plan("甲园区：设立人才发展基金300万元。").targets
    assert [(t.kind, t.quote) for t in result] == [("milestone", "甲园区：设立人才发展基金300万元")]


@pytest.mark.parametrize(
    ("clause", "is_milestone"),
    [
        ("建立科技成果转化年度报告制度", True),
        ("加快推进科技企业孵化器和检测中心的筹建和设立", True),
        ("乙园区：建设院士工作站和博士后工作站等", True),
        ("支持丙园区成立产业技术创新联盟", True),
        ("建立相应的考核机制", False),  # a system described, not named
        ("完善创业服务体系", False),  # improved, not set up
        ("推进园区信用体系建设", False),
        ("引导企业建设研发中心", False),  # support for others' work
        ("加强项目建设", False),
        ("1.构建协同创新政策体系", False),  # an item's title
        ("出台了支持人才引进的专项政策", False),  # history
    ],
)
def test_milestones(clause: str, is_milestone: bool) -> None:
    targets = draft.draft_plan(f"{clause}。").targets
    assert [t.kind for t in targets] == (["milestone"] if is_milestone else [])


def test_an_annex_register_and_repeated_sentences() -> None:
    text = """到2021年，全区孵化器数量达到8家。
到2021年，全区孵化器数量达到8家。
附件：园区平台明细
一、重点实验室（已建）（4家）
已建：甲实验室、乙实验室、丙实验室、丁实验室。
二、孵化器（已建和筹建）（5家）
已建：甲孵化器、乙孵化器。
筹建：丙孵化器、丁孵化器、戊孵化器。
"""
    found = quantified(text)
    assert found == [
        ("全区孵化器数量达到8家", "level", "gte", Decimal(8), "家"),
        ("二、孵化器（已建和筹建）（5家）", "level", "gte", Decimal(5), "家"),
    ]
    register = draft.draft_plan(text).targets[-1]
    assert any("register" in note for note in register.review)


def test_a_work_summary_is_the_present_state_until_a_heading_names_the_future() -> None:
    text = """一、主要工作
加快建设园区综合服务平台。
现将2016年工作总结如下：
一、主要工作
加快建设园区综合服务平台。
二、“十三五”重点任务
加快建设园区人才服务大厦。
"""
    targets = draft.draft_plan(text).targets
    # The first passage is repeated in the summary, so it is the summary's words too.
    assert [t.quote for t in targets] == ["加快建设园区人才服务大厦"]


def test_a_lasting_mechanism_is_not_a_deliverable() -> None:
    assert draft.draft_plan("建立园区企业服务长效机制。").targets == []
    assert [t.kind for t in draft.draft_plan("建立科技成果转化年度报告制度。").targets] == [
        "milestone"
    ]
