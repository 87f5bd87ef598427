"""`import` of .xls and .ods (python-calamine) gives what the same sheet gives as .xlsx.

The three workbooks in fixtures/sheets are one table written by openpyxl, xlwt and odfpy
(fixtures/sheets/make.py): a merged title, a period header, a unit column.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hitrack.interchange.sheets import MAX_CELLS, SheetError, read_sheet
from test_import import data_dir, do_import, values

SHEETS = Path(__file__).parent / "fixtures" / "sheets"
FORMATS = ("xlsx", "xls", "ods")


def imported(tmp_path: Path, fmt: str) -> dict[str, tuple[Any, ...]]:
    (tmp_path / fmt).mkdir()
    root = data_dir(tmp_path / fmt)
    outcome = do_import(root, SHEETS / f"stats.{fmt}", "2020")
    assert outcome.code == 0, outcome.stderr
    return {k: (v.value, v.unit) for k, v in values(root, "2020").items()}


def test_the_three_formats_import_the_same_values(tmp_path: Path) -> None:
    found = {fmt: imported(tmp_path, fmt) for fmt in FORMATS}
    assert found["xlsx"] == {
        "tech-smes": (Decimal(58), "家"),
        "high-tech-enterprises": (Decimal(47), "家"),
        "tech-contract-turnover": (Decimal(26000), "万元"),
        "rd-spend": (Decimal("6.3"), "亿元"),
        "hydrogen-buses": (Decimal(20), "辆"),
    }
    assert found["xls"] == found["xlsx"]
    assert found["ods"] == found["xlsx"]


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_merged_cells_and_sheet_names_read_as_in_xlsx(fmt: str) -> None:
    sheet = read_sheet(SHEETS / f"stats.{fmt}", f"stats.{fmt}")
    reference = read_sheet(SHEETS / "stats.xlsx", "stats.xlsx")
    assert sheet.name == reference.name == "主要指标"
    assert sheet.rows[0] == reference.rows[0]  # the merged title fills its range
    assert [number for number, _ in sheet.rows] == [number for number, _ in reference.rows]
    assert sheet.where(3, 3) == f"stats.{fmt}!主要指标!C3"
    with pytest.raises(SheetError, match="no such sheet; its sheets: '主要指标'"):
        read_sheet(SHEETS / f"stats.{fmt}", f"stats.{fmt}", "Sheet9")


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_a_file_that_is_not_a_workbook_is_a_usage_error(tmp_path: Path, fmt: str) -> None:
    fake = tmp_path / f"fake.{fmt}"
    fake.write_bytes(b"\xd0\xcf\x11\xe0 not really")
    with pytest.raises(SheetError, match=rf"cannot read it as an \.{fmt} workbook"):
        read_sheet(fake, fake.name)


def test_an_ods_that_declares_too_many_cells_is_refused(tmp_path: Path) -> None:
    import zipfile

    rows = MAX_CELLS // 100 + 1
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="S">'
        f'<table:table-row table:number-rows-repeated="{rows}">'
        '<table:table-cell table:number-columns-repeated="200" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    bomb = tmp_path / "bomb.ods"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
    assert bomb.stat().st_size < 5000
    with pytest.raises(SheetError, match="cells"):
        read_sheet(bomb, "bomb.ods")


def test_an_xls_whose_cells_lie_far_apart_is_refused_before_it_is_read() -> None:
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(SheetError, match="reach row 65,536 and column 256"):
        read_sheet(SHEETS / "far-cells.xls", "far-cells.xls")
    # calamine would have taken a gigabyte for it; refused, it costs nothing to speak of.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000


def test_the_extent_of_an_xls_is_measured_from_its_cells() -> None:
    from hitrack.interchange import biff

    assert biff.extent((SHEETS / "stats.xls").read_bytes()) == (7, 3)
    with pytest.raises(biff.NotBiff):
        biff.extent(b"PK\x03\x04 not an xls")
