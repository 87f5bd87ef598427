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
from hitrack.i18n import WORDS, Lang, word
from hitrack.load.datadir import DataDir
from hitrack.render.grouping import ambiguous, matching

#: the levels of a platform (`--level` takes an id or its name, 国家级)
LEVELS = ("national", "provincial", "municipal", "unspecified")

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
        message = word("no_platforms_file", lang)
        return Outcome("", bundled_note(data_dir, lang) + message, EXIT_USAGE)
    filters = dict(filters)
    for name, candidates in (
        ("category", [(c.id, (c.name, c.name_en)) for c in loaded.dataset.platforms.categories]),
        ("level", [(level, WORDS[level]) for level in LEVELS]),
    ):
        value = filters.get(name)
        if value is None:
            continue
        found = matching(value, candidates)
        if len(found) > 1:
            told = ambiguous(f"--{name}", value, found, lang) + "\n"
            return Outcome("", bundled_note(data_dir, lang) + told, EXIT_USAGE)
        if not found:
            known = ", ".join(ident for ident, _ in candidates)
            told = word(f"unknown_{name}", lang).format(value=repr(value), known=known)
            return Outcome("", bundled_note(data_dir, lang) + f"hitrack: {told}\n", EXIT_USAGE)
        filters[name] = found[0]
    selection = register.select(loaded.dataset.platforms, **filters)
    text = FORMATS[fmt]().render(loaded.dataset.platforms, selection, lang, width)
    return Outcome(text, bundled_note(data_dir, lang), EXIT_CLEAN)
