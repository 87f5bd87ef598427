"""Markdown building blocks shared by the markdown renderers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hitrack.render import escape


def tabulate(*args: Any, **kwargs: Any) -> str:
    """tabulate's table, the same whether or not wcwidth is installed: tabulate measures
    Chinese as two columns only where wcwidth happens to be importable, so one machine's
    output would differ from another's. Every character counts as one column here."""
    import tabulate as module

    module.WIDE_CHARS_MODE = False
    return str(module.tabulate(*args, **kwargs))


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, escaped: bool = False) -> str:
    """A GitHub-flavoured pipe table; cells are escaped unless `escaped` says they already are."""

    def cell(text: str) -> str:
        return text if escaped else escape.markdown(text)

    return str(
        tabulate(
            [[cell(c) for c in row] for row in rows],
            headers=[cell(h) for h in header],
            tablefmt="github",
            disable_numparse=True,
        )
    )
