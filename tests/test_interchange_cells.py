"""Cells to exact values, and CSV decoding and delimiters, on real bytes."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from hitrack.interchange import cells
from hitrack.interchange.sheets import SheetError, read_csv, read_sheet


@pytest.mark.parametrize(
    ("raw", "value", "unit"),
    [
        ("1,234.5", "1234.5", None),
        ("１２，３４５", "12345", None),  # full-width digits and comma
        ("  52 ", "52", None),
        ("52家", "52", "家"),
        ("2.1亿元", "2.1", "亿元"),
        ("2.1 亿", "2.1", "亿元"),
        ("21,000万元", "21000", "万元"),
        ("12.5%", "12.5", "%"),
        ("12.5％", "12.5", "%"),
        ("-3", "-3", None),
        (52, "52", None),
        (Decimal("2.50"), "2.50", None),
        (0.1 + 0.2, "0.3", None),
        (23100.000000000004, "23100", None),
        (4.4, "4.4", None),
        (123456789012.34, "123456789012.34", None),
    ],
)
def test_numbers_are_exact(raw: object, value: str, unit: str | None) -> None:
    number, written = cells.number(raw)
    assert (str(number), written) == (value, unit)
    assert isinstance(number, Decimal)


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        ("N/A", "'N/A' is not a number; leave the cell empty"),
        ("五十二", "Chinese numeral; write 52"),
        ("1.23457E+11", "scientific notation"),
        ("2,5", "thousands separator"),
        ("12,34", "thousands separator"),
        (True, "true/false cell"),
        (datetime.date(2020, 1, 1), "date cell"),
        ("1e400", "scientific notation"),
    ],
)
def test_bad_numbers_say_what_to_write(raw: object, hint: str) -> None:
    with pytest.raises(cells.CellError) as err:
        cells.number(raw)
    assert hint in str(err.value)


def test_float_noise_is_cut_at_excel_precision_only() -> None:
    # 15 significant digits survive; the 16th and 17th are binary noise.
    assert cells.from_float(0.30000000000000004) == Decimal("0.3")
    assert cells.from_float(123456789012345.0) == Decimal("123456789012345")
    assert cells.from_float(1.5e-7) == Decimal("1.5E-7")


@pytest.mark.parametrize(
    ("label", "name", "unit"),
    [
        ("技术合同成交额（万元）", "技术合同成交额", "万元"),
        ("技术合同成交额(亿元)", "技术合同成交额", "亿元"),
        ("R&D经费支出/亿元", "R&D经费支出", "亿元"),
        ("研究与开发（R&D）经费支出", "研究与开发(R&D)经费支出", None),
        ("增速（%）", "增速", "%"),
    ],
)
def test_labels_carry_units(label: str, name: str, unit: str | None) -> None:
    assert cells.split_label(label) == (name, unit)


def test_flags_and_dates() -> None:
    assert cells.flag("是") is True
    assert cells.flag("未完成") is False
    assert cells.flag("TRUE") is True
    with pytest.raises(cells.CellError):
        cells.flag("maybe")
    assert cells.date("2020/5/28") == datetime.date(2020, 5, 28)
    assert cells.date("2020年5月28日") == datetime.date(2020, 5, 28)
    with pytest.raises(cells.CellError):
        cells.date("2020-13-01")


ROWS = '指标,单位,本期\n科技型中小企业,家,52\n技术合同成交额,万元,"21,000"\n'


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [
        ("utf-8", b"", "UTF-8"),
        ("utf-8", b"\xef\xbb\xbf", "UTF-8 (BOM)"),
        ("gbk", b"", "GBK/GB18030"),
        ("utf-16", b"", "UTF-16"),  # Python writes a BOM
        ("utf-16-le", b"", "UTF-16-LE"),  # no BOM: found by its NUL bytes
    ],
)
def test_csv_encodings(tmp_path: Path, encoding: str, prefix: bytes, expected: str) -> None:
    path = tmp_path / "表.csv"
    path.write_bytes(prefix + ROWS.encode(encoding))
    sheet = read_csv(path, "表.csv")
    assert sheet.encoding == expected
    assert sheet.rows[2] == (3, ("技术合同成交额", "万元", "21,000"))


@pytest.mark.parametrize("delimiter", ["\t", ";", ","])
def test_csv_delimiters(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(ROWS.replace(",", delimiter).replace('"21;000"', "21000"), encoding="utf-8")
    if delimiter == ",":
        path.write_text(ROWS, encoding="utf-8")
    sheet = read_csv(path, "t.csv")
    assert sheet.rows[1] == (2, ("科技型中小企业", "家", "52"))
    assert sheet.where(3, 3) == "t.csv:3:3"


def test_unreadable_sheets_are_usage_errors(tmp_path: Path) -> None:
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(SheetError, match=r"cannot read it as an \.xls workbook"):
        read_sheet(old, "old.xls")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip")
    with pytest.raises(SheetError, match=r"cannot read it as an \.xlsx workbook"):
        read_sheet(fake, "fake.xlsx")
    binary = tmp_path / "b.csv"
    binary.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(SheetError, match="neither UTF-8"):
        read_sheet(binary, "b.csv")
