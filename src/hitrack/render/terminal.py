"""Rich output for terminals, made in one place: the console and plain tables."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from typing import Any


def make_console(width: int | None, *, file: Any = None, color: bool | None = None) -> Any:
    """A console writing to a string buffer; colour only on a terminal and without NO_COLOR."""
    from rich.console import Console

    if color is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
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


def _width() -> int:
    try:
        return max(60, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        pass
    try:
        return max(60, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError):
        return 120


def render_tables(
    tables: Sequence[tuple[Sequence[str], Sequence[Sequence[str]]]], *, width: int | None
) -> str:
    """Plain data tables; every cell is a `Text`, so data never reaches the markup parser."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from hitrack.render import escape

    console = make_console(width)
    for header, rows in tables:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        for title in header:
            table.add_column(Text(escape.terminal(title)))
        for row in rows:
            table.add_row(*(Text(escape.terminal(cell)) for cell in row))
        console.print(table)
    output: str = console.file.getvalue()
    return output
