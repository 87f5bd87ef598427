"""`hitrack draft`: a data directory that `check` reads, from text, GBK or .docx documents."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from hitrack.cli import app
from hitrack.engine import draft
from hitrack.engine.checks import run_checks
from hitrack.load.datadir import DataDir
from hitrack.load.loader import load_dataset

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
