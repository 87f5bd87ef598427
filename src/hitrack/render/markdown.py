"""Markdown building blocks shared by the markdown renderers."""

from __future__ import annotations

from collections.abc import Sequence

from hitrack.render import escape


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, escaped: bool = False) -> str:
    """A GitHub-flavoured pipe table; cells are escaped unless `escaped` says they already are."""
    from tabulate import tabulate

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
