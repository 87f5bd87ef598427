"""Read a CSV file or an Excel sheet into rows of cells that know where they stand.

CSV: the encoding is detected (UTF-8 with or without BOM, UTF-16 with a BOM or by its
NUL bytes, else GB18030, the superset of GBK that Chinese Excel and WPS write) and so is
the delimiter (comma, tab or semicolon).

Excel (.xlsx/.xlsm): openpyxl in read-only mode, which streams the sheet instead of
building it in memory, with `data_only=True` so that a formula cell gives the value Excel
last computed. A formula cell without such a value (a workbook written by a program and
never opened in Excel) is kept as a formula so the import can say so. Read-only mode does
not expose merged cells, so their ranges are read from the sheet's XML in one more
streaming pass; every cell of a merged range then holds the range's value, which is what
a reader of the sheet sees (a header merged across two columns heads both, a unit merged
down a column applies to every row).

openpyxl is an optional extra: it takes ~0.25 s to import and only `import`/`export` of
.xlsx need it. The extra also installs defusedxml, which openpyxl then parses with.

A workbook is hostile until read: before openpyxl opens it, every member of the zip is
decompressed once, counting (the sizes the zip declares can lie), up to `MAX_UNPACKED`
bytes in all, and refused if any XML part declares a DTD (entities: external files, or
a billion laughs). While rows are read, `MAX_ROWS` and `MAX_CELLS` bound the work.

.xls (Excel 97-2003, which statistics offices still send) and .ods (LibreOffice, WPS):
python-calamine, in the same extra. On a 20,000-row sheet (benchmarks/sheets.py) it reads
any of the three formats in 0.04-0.10 s where openpyxl takes 1.6 s for the .xlsx, import
included. .xlsx stays on openpyxl all the same: calamine gives a formula cell that Excel
never computed as an empty cell, where openpyxl lets the import say "formula without a
value". Formula cells of .xls/.ods carry the value last computed, which is what calamine
reads. The same caps hold: an .ods is checked as a zip like an .xlsx, and an .ods sheet
that spans over `MAX_ROWS` rows or `MAX_CELLS` cells (to its last filled cell, as calamine
builds it; a few bytes can declare a million repeated rows) is refused before it is read,
as is an .xls whose cell records reach that far (biff.py measures them).
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import re
from pathlib import Path
from typing import Any

from hitrack.core.problems import Said, said
from hitrack.load.datadir import DEFAULT_MAX_BYTES

EXCEL_MISSING = "reading .xlsx needs openpyxl: pip install 'hitrack[excel]'"
MAX_UNPACKED = 128 * 1024 * 1024
"""Bytes a workbook may unpack to, all its members together (a zip bomb unpacks to GBs)."""
MAX_RATIO = 200
"""Declared unpacked/packed size of a member over 1 MB; XML rarely compresses beyond 50."""
MAX_STRINGS = 4 * 1024 * 1024
"""Unpacked bytes of the shared-strings part, which openpyxl parses whole on opening (2 s
for 200,000 strings): the text of 10,000 rows fits several times over."""
MAX_ROWS = 10_000
"""Rows of a sheet, blank ones included: a plan's period fits in a few hundred."""
MAX_CELLS = 1_000_000
"""Cells of a sheet, as read (a row as wide as its last cell)."""
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CALAMINE_SUFFIXES = (".xls", ".ods")
CALAMINE_MISSING = "reading .xls and .ods needs python-calamine: pip install 'hitrack[excel]'"
MAX_ODS_XML = 256 * 2**20
"""The most an .ods file's content.xml may unpack to."""
CSV_SUFFIXES = (".csv", ".tsv", ".txt")


class SheetError(Exception):
    """The file cannot be read as a sheet at all (exit 2); the message says what to do."""


def _as_ods(message: object) -> object:
    """A message about an .xlsx workbook said of the .ods one it was."""
    if isinstance(message, Said) and dict(message.params).get("kind") == ".xlsx":
        return said(message.key, **{**dict(message.params), "kind": ".ods"})
    return str(message).replace("an .xlsx workbook", "an .ods workbook")


@dataclasses.dataclass(frozen=True)
class Sheet:
    """The non-blank rows of one sheet, each with its 1-based row number."""

    file: str
    """The file as named in messages."""
    name: str | None
    """The sheet's name (Excel); None for CSV."""
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    formulas: dict[tuple[int, int], str] = dataclasses.field(default_factory=dict)
    """(row, column) -> formula, for formula cells that carry no computed value."""
    encoding: str | None = None
    """How a CSV file was decoded."""

    def where(self, row: int, col: int) -> str:
        """A cell as people name it: 统计表.xlsx!Sheet1!C7, or for CSV file:row:column."""
        if self.name is None:
            return f"{self.file}:{row}:{col}"
        return f"{self.file}!{self.name}!{column_letter(col)}{row}"


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_sheet(path: Path, display: str, sheet: str | None = None) -> Sheet:
    """The sheet in `path`, by its suffix; SheetError when it cannot be read."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as err:
        raise SheetError(said("sheet-cannot-read", path=display, reason=err.strerror)) from None
    if size > DEFAULT_MAX_BYTES:
        raise SheetError(said("sheet-too-large", path=display, mb=DEFAULT_MAX_BYTES // 2**20))
    if suffix in EXCEL_SUFFIXES:
        return read_xlsx(path, display, sheet)
    if suffix in CALAMINE_SUFFIXES:
        return read_calamine(path, display, sheet)
    if sheet is not None:
        raise SheetError(said("csv-no-sheets", sheet=repr(sheet)))
    if suffix in CSV_SUFFIXES:
        return read_csv(path, display)
    raise SheetError(
        said("sheet-suffix", path=display, suffix=repr(suffix))
        if suffix
        else said("sheet-no-suffix", path=display)
    )


# ------------------------------------------------------------------------------- CSV


def _read_bytes(path: Path, display: str) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read(DEFAULT_MAX_BYTES + 1)
    except OSError as err:
        raise SheetError(said("sheet-cannot-read", path=display, reason=err.strerror)) from None
    if len(raw) > DEFAULT_MAX_BYTES:
        raise SheetError(said("sheet-too-large", path=display, mb=DEFAULT_MAX_BYTES // 2**20))
    return raw


def decode(raw: bytes, display: str) -> tuple[str, str]:
    """The text and the encoding it was read in."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    encoding = "UTF-8"
    # Text never holds NUL bytes, but UTF-16 has one in every ASCII character (the comma,
    # digits, newlines of a CSV): high byte second in little-endian, first in big-endian.
    odd, even = raw[1::2].count(0), raw[0::2].count(0)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "UTF-16"
    elif odd > 3 * even:
        encoding = "UTF-16-LE"
    elif even > 3 * odd:
        encoding = "UTF-16-BE"
    try:
        return raw.decode(encoding), encoding
    except UnicodeDecodeError:
        if encoding != "UTF-8":
            raise SheetError(said("sheet-bad-encoding", path=display, encoding=encoding)) from None
    try:
        return raw.decode("gb18030"), "GBK/GB18030"
    except UnicodeDecodeError:
        raise SheetError(said("sheet-encoding", path=display)) from None


def sniff_delimiter(text: str) -> str:
    """Comma, tab or semicolon: the one that splits the first lines most consistently."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",\t;").delimiter
    except csv.Error:
        counts = {d: sum(line.count(d) for line in lines[:5]) for d in ("\t", ";", ",")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def read_csv(path: Path, display: str) -> Sheet:
    text, encoding = decode(_read_bytes(path, display), display)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows = []
    line = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                rows.append((line, tuple(record)))
            line = reader.line_num + 1
    except csv.Error as err:
        raise SheetError(said("sheet-csv-syntax", path=display, line=line, detail=err)) from None
    return Sheet(display, None, tuple(rows), encoding=encoding)


# ----------------------------------------------------------------------- .xls and .ods


def read_calamine(path: Path, display: str, sheet: str | None) -> Sheet:
    """An .xls or .ods sheet, by python-calamine; cells as openpyxl gives them (None for an
    empty cell), merged ranges filled as for .xlsx."""
    try:
        import python_calamine
    except ImportError:
        raise SheetError(CALAMINE_MISSING) from None
    kind = path.suffix.lower()
    if kind == ".ods":  # a zip of XML, as an .xlsx: the same unpacking and DTD checks
        try:
            check_zip(path, display)
        except SheetError as err:
            raise SheetError(_as_ods(err.args[0])) from None
    if kind == ".xls":
        _check_xls(path, display)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as err:  # CalamineError, XmlError, ZipError, OSError, ...: all unreadable
        raise SheetError(said("workbook-unreadable", path=display, kind=kind, detail=err)) from None
    try:
        names = list(book.sheet_names)
        if not names:
            raise SheetError(said("workbook-no-sheets", path=display))
        if sheet is not None and sheet not in names:
            listed = ", ".join(repr(n) for n in names)
            raise SheetError(said("no-such-sheet", sheet=repr(sheet), path=display, sheets=listed))
        title = sheet if sheet is not None else names[0]
        ods_merged = None
        try:
            if kind == ".ods":
                rows_spanned, cells, ods_merged = _ods_layout(path, title)
                if rows_spanned > MAX_ROWS or cells > MAX_CELLS:
                    raise SheetError(
                        said(
                            "sheet-spans-too-much",
                            path=display,
                            rows=f"{MAX_ROWS:,}",
                            cells=f"{MAX_CELLS:,}",
                        )
                    )
            worksheet = book.get_sheet_by_name(title)
            table = worksheet.to_python(skip_empty_area=False)
            if len(table) > MAX_ROWS or sum(map(len, table)) > MAX_CELLS:
                raise SheetError(
                    said(
                        "sheet-too-many-cells",
                        path=display,
                        rows=f"{MAX_ROWS:,}",
                        cells=f"{MAX_CELLS:,}",
                    )
                )
            merged = worksheet.merged_cell_ranges
            if merged is None and ods_merged is not None:  # none from calamine for .ods
                merged = ods_merged
        except SheetError:
            raise
        except Exception as err:
            raise SheetError(
                said("workbook-unreadable", path=display, kind=kind, detail=err)
            ) from None
    finally:
        book.close()
    grid: list[list[Any]] = [[None if cell == "" else cell for cell in row] for row in table]
    width = max((len(row) for row in grid), default=0)
    for (top, left), (bottom, right) in merged or []:
        _fill(grid, left + 1, top + 1, min(right + 1, width), min(bottom + 1, len(grid)))
    rows = tuple(
        (number, tuple(cells))
        for number, cells in enumerate(grid, 1)
        if any(_filled(c) for c in cells)
    )
    return Sheet(display, title, rows)


def _check_xls(path: Path, display: str) -> None:
    """Refuse an .xls whose cells reach past `MAX_ROWS` rows or `MAX_CELLS` cells from A1:
    calamine would build that block whole (a 6 KB file can ask for a gigabyte)."""
    import struct

    from hitrack.interchange import biff

    try:
        rows, cols = biff.extent(_read_bytes(path, display))
    except (biff.NotBiff, struct.error):
        return  # not a workbook that can be measured: calamine says what it is
    if rows > MAX_ROWS or rows * cols > MAX_CELLS:
        raise SheetError(
            f"{display}: refused: its cells reach row {rows:,} and column {cols:,}, over "
            f"{MAX_ROWS:,} rows or {MAX_CELLS:,} cells; import one period's table at a time"
        )


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


_Range = tuple[tuple[int, int], tuple[int, int]]


def _ods_layout(path: Path, title: str) -> tuple[int, int, list[_Range]]:
    """The cells the sheet `title` spans from A1 to its last filled cell,
    which is what calamine would build, and ((top, left), (bottom, right)), 0-based, of each
    merged cell: one streaming pass over content.xml, before calamine reads it. Repeated
    rows and columns count as often as they repeat: a few bytes can declare millions."""
    import zipfile
    from xml.etree.ElementTree import iterparse

    t = _ODS_TABLE
    merged: list[_Range] = []
    last_row = last_col = -1
    row, col, inside, repeat_rows = -1, 0, False, 1
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("content.xml")
        if info.file_size > MAX_ODS_XML:
            raise SheetError(
                f"{path.name}: its content.xml unpacks to {info.file_size:,} bytes, over "
                f"{MAX_ODS_XML:,}; copy the table into a new workbook"
            )
        with archive.open(info) as source:
            for event, element in iterparse(source, events=("start", "end")):
                tag = element.tag
                if tag == f"{t}table":
                    if event == "start":
                        inside = element.get(f"{t}name") == title
                    elif inside:
                        break
                    continue
                if not inside:
                    if event == "end":
                        element.clear()
                    continue
                if tag == f"{t}table-row":
                    if event == "start":
                        row, col = row + 1, 0
                        repeat_rows = int(element.get(f"{t}number-rows-repeated", "1"))
                    else:
                        row += repeat_rows - 1
                        element.clear()
                elif tag in (f"{t}table-cell", f"{t}covered-table-cell") and event == "start":
                    across = int(element.get(f"{t}number-columns-spanned", "1"))
                    down = int(element.get(f"{t}number-rows-spanned", "1"))
                    if across > 1 or down > 1:
                        merged.append(((row, col), (row + down - 1, col + across - 1)))
                    repeat = int(element.get(f"{t}number-columns-repeated", "1"))
                    if element.get("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type"):
                        last_row = max(last_row, row + repeat_rows - 1)
                        last_col = max(last_col, col + repeat - 1)
                        if last_row >= MAX_ROWS or (last_row + 1) * (last_col + 1) > MAX_CELLS:
                            break
                    col += repeat
    return last_row + 1, (last_row + 1) * (last_col + 1), merged


# ----------------------------------------------------------------------------- Excel


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise SheetError(EXCEL_MISSING) from None
    return openpyxl


def check_zip(path: Path, display: str) -> None:
    """Refuse a workbook that unpacks to too much or declares XML entities; SheetError."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError) as err:
        raise SheetError(
            said("workbook-unreadable", path=display, kind=".xlsx", detail=err)
        ) from None
    bomb = said("zip-bomb", path=display, mb=MAX_UNPACKED // 2**20)
    with archive:
        members = archive.infolist()
        if sum(m.file_size for m in members) > MAX_UNPACKED or len(members) > 10_000:
            raise SheetError(bomb)
        for member in members:
            if member.file_size > 2**20 and member.file_size > MAX_RATIO * max(
                member.compress_size, 1
            ):
                raise SheetError(bomb)
            if member.filename.lower().endswith("sharedstrings.xml") and (
                member.file_size > MAX_STRINGS
            ):
                raise SheetError(
                    f"{display}: refused: over {MAX_STRINGS // 2**20} MB of text cells; "
                    "import one period's table at a time"
                )
        total = 0
        for member in members:
            total = _scan_member(archive, member, total, display, bomb)


_DTD = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


_ROW = re.compile(rb"<(?:[A-Za-z_][A-Za-z0-9_.-]*:)?row[\s>/]")


def _scan_member(archive: Any, member: Any, total: int, display: str, bomb: str) -> int:
    """Unpack one member, counting; the running total. A DTD anywhere is refused."""
    import zipfile

    tail = b""
    rows = 0
    sheet = member.filename.startswith("xl/worksheets/")
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                total += len(chunk)
                if total > MAX_UNPACKED:
                    raise SheetError(bomb)
                window = tail + chunk
                if sheet:
                    # Counted here because openpyxl, on opening, parses a sheet without a
                    # <dimension> whole to size it (5 s for 200,000 rows).
                    rows += len(_ROW.findall(window)) - len(_ROW.findall(tail))
                    if rows > MAX_ROWS:
                        raise SheetError(
                            f"{display}: refused: {member.filename} has over {MAX_ROWS:,} "
                            "rows; import one period's table at a time"
                        )
                if any(marker in window for marker in _DTD):
                    raise SheetError(
                        f"{display}: refused: {member.filename} declares XML entities (a DTD), "
                        "which can read files or expand without end; save the workbook again "
                        "from Excel or WPS"
                    )
                tail = chunk[-32:]
    except (OSError, zipfile.BadZipFile, EOFError, NotImplementedError, ValueError) as err:
        raise SheetError(
            said("workbook-unreadable", path=display, kind=".xlsx", detail=err)
        ) from None
    return total


def read_xlsx(path: Path, display: str, sheet: str | None) -> Sheet:
    openpyxl = _openpyxl()
    check_zip(path, display)
    values = _open(openpyxl, path, display, data_only=True)
    try:
        worksheet = _pick(values, sheet, display)
        grid = _grid(worksheet, display)
        merged = _merged_ranges(worksheet)
    except _XML_ERRORS as err:
        _collect_leaked_archive()
        raise SheetError(
            said("workbook-unreadable", path=display, kind=".xlsx", detail=err)
        ) from None
    finally:
        values.close()
    # A merged range is filled only where the sheet has cells: a range over the whole
    # sheet (A1:XFD1048576) must not become a billion cells.
    width = max((len(row) for row in grid), default=0)
    for min_col, min_row, max_col, max_row in merged:
        _fill(grid, min_col, min_row, min(max_col, width), min(max_row, len(grid)))
    try:
        formulas = _formulas(openpyxl, path, display, worksheet.title, grid)
    except _XML_ERRORS as err:
        raise SheetError(
            said("workbook-unreadable", path=display, kind=".xlsx", detail=err)
        ) from None
    formula_rows = {row for row, _ in formulas}
    rows = tuple(
        (number, tuple(cells))
        for number, cells in enumerate(grid, 1)
        if number in formula_rows or any(_filled(c) for c in cells)
    )
    return Sheet(display, worksheet.title, rows, formulas)


def _xml_errors() -> tuple[type[Exception], ...]:
    """What a malformed or refused XML part raises: the parser's error, and defusedxml's."""
    from xml.etree.ElementTree import ParseError

    found: list[type[Exception]] = [ParseError]
    try:
        from defusedxml import DefusedXmlException
    except ImportError:
        pass
    else:
        found.append(DefusedXmlException)
    return tuple(found)


_XML_ERRORS = _xml_errors()


def _open(openpyxl: Any, path: Path, display: str, *, data_only: bool) -> Any:
    import zipfile

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise SheetError(
            said("workbook-unreadable", path=display, kind=".xlsx", detail=err)
        ) from None
    except _XML_ERRORS as err:
        _collect_leaked_archive()
        raise SheetError(
            said("workbook-unreadable", path=display, kind=".xlsx", detail=err)
        ) from None


def _collect_leaked_archive() -> None:
    """openpyxl leaves its zip open when a part fails to parse; close it now, quietly."""
    import gc
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def _pick(workbook: Any, name: str | None, display: str) -> Any:
    if name is None:
        return workbook.worksheets[0]
    if name in workbook.sheetnames:
        return workbook[name]
    names = ", ".join(repr(n) for n in workbook.sheetnames)
    raise SheetError(said("no-such-sheet", sheet=repr(name), path=display, sheets=names))


def _grid(worksheet: Any, display: str) -> list[list[Any]]:
    # Some writers record a wrong <dimension>; read-only mode would trust it and cut rows.
    worksheet.reset_dimensions()
    grid: list[list[Any]] = []
    cells = 0
    rows = worksheet.iter_rows(min_row=1, min_col=1, values_only=True)
    try:
        for row in rows:
            cells += len(row)
            if len(grid) >= MAX_ROWS or cells > MAX_CELLS:
                raise SheetError(
                    said(
                        "sheet-too-many-cells",
                        path=display,
                        rows=f"{MAX_ROWS:,}",
                        cells=f"{MAX_CELLS:,}",
                    )
                )
            grid.append(list(row))
    finally:
        rows.close()  # the reader holds the sheet's part open until it is closed
    return grid


def _merged_ranges(worksheet: Any) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of every merged range, read from the sheet XML."""
    from openpyxl.utils.cell import range_boundaries

    iterparse: Any
    try:
        from defusedxml.ElementTree import iterparse
    except ImportError:  # check_zip has refused any DTD already
        from xml.etree.ElementTree import iterparse

    found = []
    # ReadOnlyWorksheet keeps no merged ranges; `_get_source` opens its XML part (tested).
    with worksheet._get_source() as source:
        for _, element in iterparse(source):
            if element.tag.endswith("}mergeCell"):
                bounds = range_boundaries(element.get("ref", ""))
                found.append(tuple(int(b or 0) for b in bounds))
            element.clear()
    return found  # type: ignore[return-value]


def _fill(grid: list[list[Any]], min_col: int, min_row: int, max_col: int, max_row: int) -> None:
    if min_row > len(grid):
        return
    top = grid[min_row - 1]
    value = top[min_col - 1] if min_col <= len(top) else None
    for row in grid[min_row - 1 : max_row]:
        row.extend([None] * (max_col - len(row)))
        for col in range(min_col, max_col + 1):
            row[col - 1] = value


def _formulas(
    openpyxl: Any, path: Path, display: str, title: str, grid: list[list[Any]]
) -> dict[tuple[int, int], str]:
    """Formula cells whose computed value is missing, by (row, column)."""
    workbook = _open(openpyxl, path, display, data_only=False)
    found: dict[tuple[int, int], str] = {}
    try:
        worksheet = workbook[title]
        worksheet.reset_dimensions()
        rows = worksheet.iter_rows(min_row=1, min_col=1, values_only=True)
        for number, row in enumerate(rows, 1):
            for col, cell in enumerate(row, 1):
                text = cell if isinstance(cell, str) else getattr(cell, "text", None)
                if (
                    isinstance(text, str)
                    and text.startswith("=")
                    and not _filled(_at(grid, number, col))
                ):
                    found[(number, col)] = text
    finally:
        workbook.close()
    return found


def _at(grid: list[list[Any]], row: int, col: int) -> Any:
    if row > len(grid) or col > len(grid[row - 1]):
        return None
    return grid[row - 1][col - 1]


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
