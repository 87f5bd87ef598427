"""Renderers for `hitrack platforms`: table, json and markdown, by name in `FORMATS`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from hitrack.core import model
from hitrack.engine import register
from hitrack.i18n import Lang, named, word
from hitrack.render import escape

LEVELS = ("national", "provincial", "municipal", "unspecified")


class PlatformFormat(Protocol):
    def render(
        self,
        registry: model.PlatformsFile,
        selection: Sequence[model.Platform],
        lang: Lang,
        width: int | None,
    ) -> str: ...


def _category_names(registry: model.PlatformsFile, lang: Lang) -> dict[str, str]:
    return {c.id: named(lang, c.name, c.name_en) for c in registry.categories}


def summary_rows(
    registry: model.PlatformsFile, selection: Sequence[model.Platform], lang: Lang
) -> tuple[list[str], list[list[str]]]:
    """Counts by category x level, each cell `built+planned`, with totals."""
    names = _category_names(registry, lang)
    counted = register.counts(list(selection))
    levels = [lv for lv in LEVELS if any(k[1] == lv for k in counted)]
    header = [word("category", lang)] + [word(lv, lang) for lv in levels]
    header += [word("built", lang), word("planned", lang), word("total", lang)]
    rows = []
    for category in registry.categories:
        row_counts = {k: v for k, v in counted.items() if k[0] == category.id}
        if not row_counts:
            continue
        cells = [names[category.id]]
        for level in levels:
            cells.append(str(sum(v for k, v in row_counts.items() if k[1] == level) or ""))
        built = sum(v for k, v in row_counts.items() if k[2] == "built")
        planned = sum(v for k, v in row_counts.items() if k[2] == "planned")
        rows.append([*cells, str(built), str(planned), str(built + planned)])
    return header, rows


def platform_rows(
    registry: model.PlatformsFile, selection: Sequence[model.Platform], lang: Lang
) -> tuple[list[str], list[list[str]]]:
    names = _category_names(registry, lang)
    header = [word(k, lang) for k in ("id", "name", "category", "level", "status", "host")]
    rows = [
        [
            p.id,
            p.name,
            names.get(p.category, p.category),
            word(p.level, lang),
            word(p.status, lang),
            "、".join(p.host),
        ]
        for p in selection
    ]
    return header, rows


class TableFormat:
    """A Rich table of the platforms and one of the counts; colour follows the console.

    Ids, levels and statuses never fold; when the screen cannot hold them whole beside the
    other columns, each platform takes two lines instead of a table row."""

    #: The columns of `platform_rows` kept whole: id, level, status.
    WHOLE = (0, 3, 4)

    def render(
        self,
        registry: model.PlatformsFile,
        selection: Sequence[model.Platform],
        lang: Lang,
        width: int | None,
    ) -> str:
        from hitrack.render.terminal import render_tables, stacked_records, table_fits

        listing = platform_rows(registry, selection, lang)
        counts = summary_rows(registry, selection, lang)
        if table_fits(listing, width, self.WHOLE):
            return render_tables([listing, counts], width=width, whole=[self.WHOLE])
        records = [
            (name, status, [pid, level, category, host])
            for pid, name, category, level, status, host in listing[1]
        ]
        return stacked_records(records, width=width) + "\n" + render_tables([counts], width=width)


class JsonFormat:
    """A list of `{id, name, category, level, status, host}` objects."""

    def render(
        self,
        registry: model.PlatformsFile,
        selection: Sequence[model.Platform],
        lang: Lang,
        width: int | None,
    ) -> str:
        items = [
            {
                "id": p.id,
                "name": p.name,
                "category": p.category,
                "level": p.level,
                "status": p.status,
                "host": list(p.host),
            }
            for p in selection
        ]
        return escape.json_text(items)


class MarkdownFormat:
    """Two GitHub-flavoured markdown tables, every cell escaped."""

    def render(
        self,
        registry: model.PlatformsFile,
        selection: Sequence[model.Platform],
        lang: Lang,
        width: int | None,
    ) -> str:
        from hitrack.render.markdown import table

        parts = [
            table(*platform_rows(registry, selection, lang)),
            table(*summary_rows(registry, selection, lang)),
        ]
        return "\n\n".join(parts) + "\n"


FORMATS: dict[str, type[PlatformFormat]] = {
    "table": TableFormat,
    "json": JsonFormat,
    "markdown": MarkdownFormat,
}
