"""Pure computation over the platform register: selection and counts."""

from __future__ import annotations

from collections import Counter

from hitrack.core import model


def select(
    register: model.PlatformsFile,
    category: str | None = None,
    level: str | None = None,
    status: str | None = None,
) -> list[model.Platform]:
    return [
        p
        for p in register.platforms
        if category in (None, p.category)
        and level in (None, p.level)
        and status in (None, p.status)
    ]


def unknown_filter(register: model.PlatformsFile, category: str | None) -> str | None:
    known = [c.id for c in register.categories]
    if category is not None and category not in known:
        return f"--category: {category!r} is not a category; choose from {', '.join(known)}"
    return None


def counts(platforms: list[model.Platform]) -> Counter[tuple[str, str, str]]:
    """(category, level, status) -> number of platforms."""
    return Counter((p.category, p.level, p.status) for p in platforms)


def count_matching(register: model.PlatformsFile, filt: model.RegisterFilter) -> int:
    return len(select(register, filt.category, filt.level, filt.status))
