"""Rich output for terminals, made in one place: the console and plain tables."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
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


def render_tables(
    tables: Sequence[tuple[Sequence[str], Sequence[Sequence[str]]]], *, width: int | None
) -> str:
    """Plain data tables; every cell is a `Text`, so data never reaches the markup parser.

    Long cells fold onto further lines rather than being cut. Column widths are set here
    when a table does not fit, because Rich then shrinks every column alike, below any
    `min_width`, and crops the columns pushed off the edge.
    """
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from hitrack.render import escape

    width = width or _width()
    built, needed = [], width
    for header, rows in tables:
        cells = [[escape.terminal(c) for c in header]]
        cells += [[escape.terminal(c) for c in row] for row in rows]
        natural = [max(cell_len(row[i]) for row in cells) for i in range(len(header))]
        floors = [min(n, MIN_COLUMN) for n in natural]
        floors[0] = min(natural[0], MIN_FIRST_COLUMN)
        # One cell of padding each side of a column, one between columns.
        extra = 3 * len(header) - 1
        widths = fit_columns(natural, floors, width - extra)
        needed = max(needed, sum(widths) + extra)
        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        for title, column_width in zip(cells[0], widths, strict=True):
            table.add_column(Text(title), overflow="fold", width=column_width)
        for row in cells[1:]:
            table.add_row(*(Text(cell) for cell in row))
        built.append(table)
    console = make_console(needed)
    for table in built:
        console.print(table)
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
