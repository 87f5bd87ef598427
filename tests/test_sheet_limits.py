"""Hostile workbooks are refused before they cost time, memory or secrets: zip bombs, sheets
of a million rows, external entities. Each is made here, at test time; benchmarks/hostile.py
times them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import target, write_data
from hitrack.cli import app
from hitrack.interchange import sheets
from hitrack.interchange.sheets import SheetError, read_sheet

SHEET = "xl/worksheets/sheet1.xml"


def workbook(path: Path, rows: int = 2) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标", "数值"])
    for _ in range(rows - 1):
        sheet.append(["科技型中小企业数量", 48])
    book.save(path)
    return path


def rewrite(path: Path, out: Path, change: dict[str, bytes | None]) -> Path:
    """A copy of the workbook with members replaced (bytes) or kept (None), via a raw zip."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in source.infolist():
            data = change.get(item.filename) or source.read(item.filename)
            zf.writestr(item, data)
    return out


def import_cli(tmp_path: Path, book: Path) -> tuple[int, str]:
    root = write_data(tmp_path / "data", [target()])
    result = CliRunner().invoke(
        app, ["import", str(book), "--period", "2020", "--data", str(root), "--dry-run"]
    )
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result.exit_code, result.stderr


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as zf:
        xml = zf.read(SHEET)
    # 300 MB of blanks inside the sheet element: about 300 kB zipped.
    bomb_xml = xml.replace(b"<sheetData>", b"<sheetData>" + b" " * (300 * 2**20), 1)
    bomb = rewrite(good, tmp_path / "bomb.xlsx", {SHEET: bomb_xml})
    del bomb_xml
    assert bomb.stat().st_size < 2 * 2**20
    code, stderr = import_cli(tmp_path, bomb)
    assert code == 2
    assert "zip bomb" in stderr


def test_what_a_workbook_unpacks_to_is_counted_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = workbook(tmp_path / "big.xlsx", rows=2000)
    monkeypatch.setattr(sheets, "MAX_UNPACKED", 20_000)
    monkeypatch.setattr(sheets, "MAX_RATIO", 10**9)
    with pytest.raises(SheetError, match="unpacks to over"):
        read_sheet(book, "big.xlsx")
    # The declared sizes are checked first; the running count catches a zip that lies.
    with zipfile.ZipFile(book) as zf:
        declared = sum(m.file_size for m in zf.infolist())
    monkeypatch.setattr(sheets, "MAX_UNPACKED", declared + 1)
    assert read_sheet(book, "big.xlsx").rows


def test_rows_and_cells_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = workbook(tmp_path / "rows.xlsx", rows=150)
    monkeypatch.setattr(sheets, "MAX_ROWS", 100)
    code, stderr = import_cli(tmp_path, book)
    assert code == 2
    assert "over 100 rows" in stderr
    monkeypatch.setattr(sheets, "MAX_ROWS", 1000)
    monkeypatch.setattr(sheets, "MAX_CELLS", 200)
    with pytest.raises(SheetError, match="200 cells"):
        read_sheet(book, "rows.xlsx")


def test_a_sparse_cell_far_down_counts_as_the_rows_above_it(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as zf:
        xml = zf.read(SHEET)
    far = b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>'
    sparse = rewrite(
        good, tmp_path / "sparse.xlsx", {SHEET: xml.replace(b"</sheetData>", far + b"</sheetData>")}
    )
    with pytest.raises(SheetError, match="rows"):
        read_sheet(sparse, "sparse.xlsx")


def external_entity(tmp_path: Path) -> Path:
    good = workbook(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as zf:
        xml = zf.read(SHEET)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    doctype = f'<!DOCTYPE worksheet [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'.encode()
    xml = doctype + xml.replace(b"<v>48</v>", b"<v>48&e;</v>")
    return rewrite(good, tmp_path / "xxe.xlsx", {SHEET: xml})


def test_an_external_entity_is_refused_cleanly(tmp_path: Path) -> None:
    code, stderr = import_cli(tmp_path, external_entity(tmp_path))
    assert code == 2
    assert "declares XML entities" in stderr
    assert "TOPSECRET" not in stderr


def test_defusedxml_refuses_it_too(tmp_path: Path) -> None:
    """The second wall: openpyxl parses with defusedxml when present, which refuses the sheet
    (and _merged_ranges' own pass uses it too)."""
    defused = pytest.importorskip("defusedxml.ElementTree")
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML
    with zipfile.ZipFile(external_entity(tmp_path)) as zf:
        xml = zf.read(SHEET)
    with pytest.raises(sheets._XML_ERRORS):
        defused.fromstring(xml)


def test_the_excel_extra_installs_defusedxml() -> None:
    from importlib.metadata import requires

    extra = [r for r in requires("hitrack-plan") or [] if 'extra == "excel"' in r]
    assert any(requirement.startswith("defusedxml") for requirement in extra)


def test_a_long_sheet_without_dimension_is_refused_before_openpyxl_sizes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl parses a sheet without <dimension> whole on opening: count rows first."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for _ in range(20_000):
        sheet.append(["科技型中小企业数量", 48])
    path = tmp_path / "long.xlsx"
    book.save(path)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to open the workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(SheetError, match="over 10,000 rows"):
        read_sheet(path, "long.xlsx")
