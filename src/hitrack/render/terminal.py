"""Rich output for terminals, made in one place: the console and plain tables."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Collection, Sequence
from typing import Any


def make_console(width: int | None, *, file: Any = None, color: bool | None = None) -> Any:
    """A console writing to a string buffer, in colour as `wants_color` decides."""
    from rich.console import Console

    if color is None:
        color = wants_color(os.environ, sys.stdout.isatty())
    return Console(
        file=file or io.StringIO(),
        width=width or _width(),
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        legacy_windows=False,
        force_terminal=color,
    )


def wants_color(environ: Any, is_terminal: bool) -> bool:
    """Colour on a terminal; a non-empty NO_COLOR turns it off (no-color.org), and else a
    non-empty FORCE_COLOR turns it on in a pipe too (force-color.org). Empty values do
    nothing, as both conventions say."""
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return is_terminal


#: Width of output that goes to a pipe or file, with no COLUMNS: wide enough that tables
#: keep their natural width (nothing wraps for a program reading it), bounded all the same.
PIPE_WIDTH = 400


def _width() -> int:
    """COLUMNS when set, else the terminal's width, else (a pipe, a file) PIPE_WIDTH."""
    try:
        return max(60, min(PIPE_WIDTH, int(os.environ.get("COLUMNS", ""))))
    except ValueError:
        pass
    try:
        return max(60, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError):
        return PIPE_WIDTH


#: Narrowest a column may get, in terminal cells: the first column keys its row (an id, a
#: category), so it keeps more; two Chinese characters for the others.
MIN_FIRST_COLUMN = 12
MIN_COLUMN = 4


Table = tuple[Sequence[str], Sequence[Sequence[str]]]


def _natural_and_floors(
    cells: Sequence[Sequence[str]], whole: Collection[int]
) -> tuple[list[int], list[int]]:
    from rich.cells import cell_len

    natural = [max(cell_len(row[i]) for row in cells) for i in range(len(cells[0]))]
    floors = [min(n, MIN_COLUMN) for n in natural]
    floors[0] = min(natural[0], MIN_FIRST_COLUMN)
    for index in whole:
        floors[index] = natural[index]
    return natural, floors


#: A folded column narrower than this (five Chinese characters) is hard to read: a table that
#: cannot give every column at least this much is better shown as stacked records.
READABLE_COLUMN = 10


def table_fits(table: Table, width: int | None, whole: Collection[int] = ()) -> bool:
    """Whether the table fits `width` with the `whole` columns unfolded and every other
    column at least READABLE_COLUMN cells (or its natural width, if less)."""
    from hitrack.render import escape

    header, rows = table
    cells = [[escape.terminal(c) for c in row] for row in [header, *rows]]
    natural, floors = _natural_and_floors(cells, whole)
    readable = [
        f if i in whole else min(n, max(f, READABLE_COLUMN))
        for i, (n, f) in enumerate(zip(natural, floors, strict=True))
    ]
    return sum(readable) + 3 * len(header) - 1 <= (width or _width())


def render_tables(
    tables: Sequence[Table], *, width: int | None, whole: Sequence[Collection[int]] = ()
) -> str:
    """Plain data tables; every cell is a `Text`, so data never reaches the markup parser.

    Long cells fold onto further lines rather than being cut; the columns `whole` names (per
    table: codes, levels, statuses) never fold. Column widths are set here when a table
    does not fit, because Rich then shrinks every column alike, below any `min_width`, and
    crops the columns pushed off the edge.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from hitrack.render import escape

    width = width or _width()
    built, needed = [], width
    for number, (header, rows) in enumerate(tables):
        cells = [[escape.terminal(c) for c in header]]
        cells += [[escape.terminal(c) for c in row] for row in rows]
        keep = whole[number] if number < len(whole) else ()
        natural, floors = _natural_and_floors(cells, keep)
        # One cell of padding each side of a column, one between columns.
        extra = 3 * len(header) - 1
        widths = fit_columns(natural, floors, width - extra)
        needed = max(needed, sum(widths) + extra)
        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        for index, (title, column_width) in enumerate(zip(cells[0], widths, strict=True)):
            table.add_column(
                Text(title), overflow="fold", width=column_width, no_wrap=index in keep
            )
        for row in cells[1:]:
            table.add_row(*(Text(cell) for cell in row))
        built.append(table)
    console = make_console(needed)
    for table in built:
        console.print(table)
    output: str = console.file.getvalue()
    return output


def stacked_records(records: Sequence[tuple[str, str, Sequence[str]]], *, width: int | None) -> str:
    """For screens too narrow for a table: each record's title (bold) and status, then its
    other values on one indented line. The status goes on a line of its own rather than
    being broken when title and status do not fit together."""
    from rich.cells import cell_len
    from rich.padding import Padding
    from rich.text import Text

    from hitrack.render import escape

    console = make_console(width)
    for title, status, values in records:
        title, status = escape.terminal(title), escape.terminal(status)
        line = Text(title, style="bold")
        if cell_len(title) + 2 + cell_len(status) <= console.width:
            line.append("  " + status)
            console.print(line)
        else:
            console.print(line)
            console.print(Text("  " + status))
        shown = " · ".join(escape.terminal(v) for v in values if v)
        console.print(Padding(Text(shown), (0, 0, 0, 2), expand=False))
    output: str = console.file.getvalue()
    return output


def fit_columns(natural: Sequence[int], floors: Sequence[int], available: int) -> list[int]:
    """Column widths within `available` cells: the widest columns give way first, none below
    its floor (the table is wider than `available` when the floors alone are)."""
    if sum(natural) <= available:
        return list(natural)
    low, high = 0, max(natural)
    while low < high:  # the largest cap W whose widths still fit
        cap = (low + high + 1) // 2
        if sum(max(f, min(n, cap)) for n, f in zip(natural, floors, strict=True)) <= available:
            low = cap
        else:
            high = cap - 1
    widths = [max(f, min(n, low)) for n, f in zip(natural, floors, strict=True)]
    spare = available - sum(widths)
    for index, n in enumerate(natural):  # hand out what rounding left, left to right
        if spare > 0 and widths[index] < n:
            widths[index] += 1
            spare -= 1
    return widths
