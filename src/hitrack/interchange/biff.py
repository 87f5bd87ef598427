"""How far the cells of an .xls workbook reach, read before calamine builds its sheets.

calamine holds a sheet as one dense block from its first to its last cell: a 6 KB .xls
with one cell in A1 and one in IV65536 takes a gigabyte. This reads the workbook stream
out of the OLE2 compound file and the row and column of every cell record of BIFF8
(Excel 97-2003), without building anything, so `read_calamine` can refuse such a file.
"""

from __future__ import annotations

import struct

_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
#: BIFF8 cell records whose data start with row (u16) and column (u16).
_CELLS = {0x0006, 0x00BD, 0x00BE, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6}
_MULTI = {0x00BD: 6, 0x00BE: 2}  # MULRK, MULBLANK: columns first..last, last in the tail


class NotBiff(ValueError):
    """Not an OLE2 file with a workbook stream (calamine then says what it is)."""


def extent(raw: bytes) -> tuple[int, int]:
    """(rows, columns) from A1 to the farthest cell of any sheet of the workbook `raw`."""
    stream = _workbook_stream(raw)
    rows = cols = 0
    at = 0
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4 : at + 4 + size]
        at += 4 + size
        if kind in _CELLS and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            if kind in _MULTI and len(body) >= 6:
                col = struct.unpack_from("<H", body, len(body) - 2)[0]
            rows, cols = max(rows, row + 1), max(cols, col + 1)
    return rows, cols


def _workbook_stream(raw: bytes) -> bytes:
    if not raw.startswith(_MAGIC) or len(raw) < 512:
        raise NotBiff("not an OLE2 compound file")
    shift, mini_shift = struct.unpack_from("<HH", raw, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise NotBiff("unexpected sector size")
    size = 1 << shift
    fat_count, directory, _, cutoff, mini_fat, mini_fat_count, difat, difat_count = (
        struct.unpack_from("<IIIIIIII", raw, 0x2C)
    )
    sectors = list(struct.unpack_from("<109I", raw, 0x4C))
    seen = 0
    while difat not in (_END, _FREE) and seen <= difat_count:
        block = _sector(raw, difat, size)
        pointers = struct.unpack(f"<{size // 4}I", block)
        sectors += pointers[:-1]
        difat, seen = pointers[-1], seen + 1
    fat: list[int] = []
    for sector in sectors[:fat_count]:
        fat += struct.unpack(f"<{size // 4}I", _sector(raw, sector, size))

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        found: list[int] = []
        sector = start
        while sector not in (_END, _FREE) and len(found) <= limit:
            if sector >= len(table):
                raise NotBiff("a sector chain runs out of the file")
            found.append(sector)
            sector = table[sector]
        return found

    limit = len(raw) // size + 1
    entries = b"".join(_sector(raw, s, size) for s in chain(directory, fat, limit))
    records = [entries[i : i + 128] for i in range(0, len(entries) - 127, 128)]
    if not records:
        raise NotBiff("no directory")
    root_start, _ = struct.unpack_from("<II", records[0], 0x74)
    for record in records:
        length = struct.unpack_from("<H", record, 0x40)[0]
        name = record[: max(0, length - 2)].decode("utf-16-le", "replace")
        if name not in ("Workbook", "Book"):
            continue
        start, stream_size = struct.unpack_from("<II", record, 0x74)
        if stream_size >= cutoff:
            data = b"".join(_sector(raw, s, size) for s in chain(start, fat, limit))
            return data[:stream_size]
        mini_table: list[int] = []
        for sector in chain(mini_fat, fat, limit)[:mini_fat_count]:
            mini_table += struct.unpack(f"<{size // 4}I", _sector(raw, sector, size))
        mini = b"".join(_sector(raw, s, size) for s in chain(root_start, fat, limit))
        data = b"".join(
            mini[s * 64 : s * 64 + 64] for s in chain(start, mini_table, len(mini) // 64 + 1)
        )
        return data[:stream_size]
    raise NotBiff("no workbook stream")


def _sector(raw: bytes, number: int, size: int) -> bytes:
    offset = (number + 1) * size
    if number >= _END - 16 or offset + size > len(raw) + size:
        raise NotBiff("a sector lies outside the file")
    return raw[offset : offset + size]
