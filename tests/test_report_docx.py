"""`hitrack report --format docx`: a Word document that python-docx (and LibreOffice, when
installed) opens, with the report's content in the fonts of government documents."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, target, write_data
from hitrack.commands import report as report_cmd
from hitrack.core.problems import EXIT_CLEAN, EXIT_USAGE
from hitrack.load.datadir import DataDir

docx = pytest.importorskip("docx")

TODAY = datetime.date(2020, 7, 1)


def build(data: Path, out: Path, lang: str = "zh") -> Path:
    options = report_cmd.ReportOptions(
        fmt="docx",
        output=str(out),
        lang=lang,
        today=TODAY,  # type: ignore[arg-type]
    )
    outcome = report_cmd.report(DataDir(data), options)
    assert outcome.code == EXIT_CLEAN, outcome.stderr
    return out


def text_of(document: object) -> str:
    paragraphs = [p.text for p in document.paragraphs]  # type: ignore[attr-defined]
    cells = [
        cell.text
        for table in document.tables  # type: ignore[attr-defined]
        for row in table.rows
        for cell in row.cells
    ]
    return "\n".join(paragraphs + cells)


def test_the_document_opens_and_holds_the_report(tmp_path: Path) -> None:
    document = docx.Document(str(build(ROOT / "data", tmp_path / "r.docx")))
    text = text_of(document)
    assert "规划目标进展报告" in text
    assert "本高党政办发〔2019〕59号" in text
    assert "11 项目标：2 项已完成，5 项按计划，1 项有风险，3 项无法评估。" in text
    assert "为示例数据" in text  # the sample banner
    assert "并非真实统计" in text  # the sample note under the provenance
    targets = document.tables[0]
    assert len(targets.rows) == 12  # header and 11 targets
    assert targets.rows[1].cells[0].text == "科技型中小企业数量"
    risky = next(t for t in document.tables if "有风险" in t.rows[1].cells[1].text)
    assert "高新技术企业数量" in risky.rows[1].cells[0].text
    assert "有风险" in risky.rows[1].cells[1].text


def test_fonts_of_government_documents(tmp_path: Path) -> None:
    from docx.oxml.ns import qn

    document = docx.Document(str(build(ROOT / "data", tmp_path / "r.docx")))

    def east_asia(style: str) -> str:
        fonts = document.styles[style].element.rPr.find(qn("w:rFonts"))
        return str(fonts.get(qn("w:eastAsia")))

    assert east_asia("Normal") == "仿宋"
    assert east_asia("Heading 1") == "黑体"
    assert east_asia("Title") == "黑体"


def test_english(tmp_path: Path) -> None:
    text = text_of(docx.Document(str(build(ROOT / "data", tmp_path / "r.docx", "en"))))
    assert "Plan progress report" in text and "Technology-based SMEs" in text


@pytest.mark.parametrize("name", ["<w:t>x</w:t>", "R&D &amp; <b>"])
def test_markup_in_names_is_text(tmp_path: Path, name: str) -> None:
    """Controls are refused by `check` and made visible (see test_hostile_output.py)."""
    data = write_data(
        tmp_path / "data",
        [target(name=name, name_en=name)],
        {"2019": [{"target": "smes", "value": 48, "unit": "家", "source": name}]},
    )
    text = text_of(docx.Document(str(build(data, tmp_path / "r.docx"))))
    assert name in text


def test_needs_an_output_file_and_never_overwrites(tmp_path: Path) -> None:
    outcome = report_cmd.report(DataDir(ROOT / "data"), report_cmd.ReportOptions(fmt="docx"))
    assert outcome.code == EXIT_USAGE and "-o" in outcome.stderr
    out = tmp_path / "r.docx"
    out.write_bytes(b"mine")
    options = report_cmd.ReportOptions(fmt="docx", output=str(out))
    outcome = report_cmd.report(DataDir(ROOT / "data"), options)
    assert outcome.code == EXIT_USAGE and "--force" in outcome.stderr
    assert out.read_bytes() == b"mine"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_it_to_pdf(tmp_path: Path) -> None:
    source = build(ROOT / "data", tmp_path / "report.docx")
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 2  # the report fills pages
