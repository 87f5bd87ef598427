"""`hitrack platforms`: the research-platform register, filtered and counted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hitrack.commands.common import (
    Outcome,
    bundled_note,
    load_checked,
    problems_outcome,
)
from hitrack.core.problems import (
    EXIT_CLEAN,
    EXIT_USAGE,
    has_errors,
)
from hitrack.i18n import Lang
from hitrack.load.datadir import DataDir

if TYPE_CHECKING:
    pass


def platforms(
    data_dir: DataDir, fmt: str, filters: dict[str, str | None], lang: Lang, width: int | None
) -> Outcome:
    from hitrack.engine import register
    from hitrack.render.platforms import FORMATS

    loaded, problems = load_checked(data_dir)
    if has_errors(problems) or loaded.dataset is None:
        return problems_outcome(data_dir, problems, lang)
    if loaded.dataset.platforms is None:
        message = "this data directory has no platforms.yaml\n"
        return Outcome("", bundled_note(data_dir, lang) + message, EXIT_USAGE)
    selection = register.select(loaded.dataset.platforms, **filters)
    unknown = register.unknown_filter(loaded.dataset.platforms, filters.get("category"))
    if unknown:
        return Outcome("", bundled_note(data_dir, lang) + f"hitrack: {unknown}\n", EXIT_USAGE)
    text = FORMATS[fmt]().render(loaded.dataset.platforms, selection, lang, width)
    return Outcome(text, bundled_note(data_dir, lang), EXIT_CLEAN)
