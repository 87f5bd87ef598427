"""Spreadsheet cells to exact values: numbers with their unit, flags, dates, units, labels.

A cell arrives as text (CSV, or text typed into Excel), as an int, or as a binary float
(openpyxl reads every non-integral number as `float`). Nothing here ever computes with a
float: a float is turned into the shortest decimal that reads back as the same float
(`repr`), and then rounded to 15 significant digits, which is all Excel stores or shows
of a number. That keeps every value a person can type into Excel exactly as typed, and
drops the binary noise of a formula result (0.1+0.2 -> 0.30000000000000004 -> 0.3).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal

from hitrack.core import units
from hitrack.core.model import chinese_numeral
from hitrack.core.problems import Said, said

EXCEL_DIGITS = 15
"""Excel keeps 15 significant decimal digits of a number (IEEE double, shown rounded)."""

MAX_ABS = Decimal("1e18")

# Units as sheets write them; the left side is compared after NFKC normalisation.
UNIT_ALIASES: dict[str, str] = {
    "亿": "亿元",
    "万": "万元",
    "元人民币": "元",
    "万元人民币": "万元",
    "亿元人民币": "亿元",
    "％": "%",
    "百分比": "%",
    "km2": "平方公里",
    "km²": "平方公里",
}

# ASCII digits only, matched to the very end (\Z, not $): NFKC has already made full-width
# digits ASCII, and other scripts' digits are not numbers here (see tokens.py).
_GROUPED = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?\Z")
_PLAIN = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
_SCIENTIFIC = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+\Z")
_DATE = re.compile(r"([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?\Z")
_SPACES = re.compile(r"[\s\u3000]+")
# A unit in brackets at the end of a label: 成交额（万元）, 成交额(亿元), 成交额 [万元], 成交额/万元
_LABEL_UNIT = re.compile(r"^(.*?)\s*(?:[(\[]([^()\[\]]+)[)\]]|/\s*([^/]+))\s*$")
# Numbering in front of a row label: 1. 1、 (1) 一、 （二）
_NUMBERING = re.compile(
    r"^(?:[0-9]+[.、)]|\([0-9]+\)|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))\s*"
)


class CellError(ValueError):
    """A cell that cannot be read as what it must be; the message says what to write."""

    def __init__(self, message: Said) -> None:
        super().__init__(message)
        self.message = message


def normalise(text: str) -> str:
    """NFKC (full-width digits, letters and brackets to ASCII), single spaces, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def from_float(value: float) -> Decimal:
    """The decimal a person meant by an Excel number (see the module docstring)."""
    number = Decimal(repr(value))
    if not number.is_finite():
        raise CellError(said("cell-not-finite", value=repr(value)))
    if number and len(number.as_tuple().digits) > EXCEL_DIGITS:
        number = round(number, EXCEL_DIGITS - 1 - number.adjusted())
    return _plain(number)


def _plain(number: Decimal) -> Decimal:
    """No trailing zeros after the point and no exponent: 23100.000 -> 23100, 2.50 -> 2.5."""
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def unit_of(text: str, table: units.Table = units.UNITS) -> str | None:
    """The unit symbol `text` names (万元, 亿, %, 家 ...; a plan's own units in `table`), or
    None."""
    cleaned = normalise(text)
    if cleaned in table:
        return cleaned
    return UNIT_ALIASES.get(cleaned) or UNIT_ALIASES.get(text.strip())


def split_label(text: str) -> tuple[str, str | None]:
    """A header or row label and the unit written in it: 成交额（万元） -> (成交额, 万元)."""
    label = normalise(text)
    match = _LABEL_UNIT.match(label)
    if match:
        unit = unit_of(match.group(2) or match.group(3))
        if unit is not None:
            return match.group(1).strip(), unit
    return label, None


def name_key(text: str) -> str:
    """A label as compared with target names: normalised, unnumbered, no spaces, casefolded."""
    label = _NUMBERING.sub("", normalise(text))
    return label.replace(" ", "").casefold()


def number(value: object) -> tuple[Decimal, str | None]:
    """The exact number a cell holds and the unit written in it, if any; CellError if none."""
    if isinstance(value, bool):
        raise CellError(said("cell-flag-not-number", value=value))
    if isinstance(value, int):
        return _checked(Decimal(value)), None
    if isinstance(value, float):
        return _checked(from_float(value)), None
    if isinstance(value, Decimal):
        return _checked(value), None
    if isinstance(value, (datetime.date, datetime.time)):
        raise CellError(said("cell-date-not-number", value=value))
    if not isinstance(value, str):
        raise CellError(said("cell-not-a-number", value=repr(value)))
    return _from_text(value)


def _from_text(raw: str) -> tuple[Decimal, str | None]:
    text = normalise(raw).replace(" ", "")
    unit = None
    for symbol in sorted([*units.UNITS, *UNIT_ALIASES], key=len, reverse=True):
        if text.endswith(symbol) and len(text) > len(symbol):
            unit = unit_of(symbol)
            text = text[: -len(symbol)]
            break
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if _PLAIN.match(text):
        return _checked(Decimal(text)), unit
    raise CellError(_hint(raw, text))


def _hint(raw: str, text: str) -> Said:
    shown = repr(raw.strip())
    if _SCIENTIFIC.match(text):
        return said("cell-scientific", value=shown)
    numeral = chinese_numeral(text)
    if numeral is not None:
        return said("cell-chinese-numeral", value=shown, number=numeral)
    if "," in text:
        return said("cell-comma", value=shown)
    return said("cell-not-a-number-text", value=shown)


def _checked(number: Decimal) -> Decimal:
    if not number.is_finite():
        raise CellError(said("cell-nan"))
    if abs(number) >= MAX_ABS:
        raise CellError(said("number-too-large", number=number))
    return number


_TRUE = {"true", "yes", "y", "1", "是", "已完成", "完成", "已建成", "建成", "done", "√", "✓", "✔"}
_FALSE = {"false", "no", "n", "0", "否", "未完成", "在建", "not done", "×", "✗", "✘"}


def flag(value: object) -> bool:
    """A yes/no cell: TRUE/FALSE, 是/否, 已完成/未完成, 1/0."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)) and value in (0, 1):
        return bool(value)
    text = normalise(str(value)).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(said("cell-not-a-flag", value=repr(str(value))))


def date(value: object) -> datetime.date:
    """A date cell, or text as YYYY-MM-DD (also 2020/5/28 and 2020年5月28日)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = normalise(str(value))
    match = _DATE.match(text)
    if match:
        try:
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise CellError(said("cell-not-a-date", value=repr(str(value))))


def text(value: object) -> str:
    """A cell as text: numbers without float noise, dates as ISO."""
    if isinstance(value, float):
        return f"{from_float(value):f}"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
