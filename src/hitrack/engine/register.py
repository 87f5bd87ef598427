"""Pure computation over the platform register: selection and counts."""

from __future__ import annotations

import datetime
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
    return len(matching(register, filt))


#: The ordered levels: 省级以上 (at least provincial) counts provincial and national.
LEVEL_RANK = {"municipal": 1, "provincial": 2, "national": 3}


def at_least(level: str, minimum: str) -> bool:
    """Whether a platform of `level` counts as `minimum` or above (unspecified: never)."""
    return level in LEVEL_RANK and LEVEL_RANK[level] >= LEVEL_RANK.get(minimum, 99)


def matching(register: model.PlatformsFile, filt: model.RegisterFilter) -> list[model.Platform]:
    """The platforms a register target counts, whenever designated."""
    return [
        p
        for p in select(register, filt.category, filt.level, filt.status)
        if filt.min_level is None or at_least(p.level, filt.min_level)
    ]


def dated(platforms: list[model.Platform]) -> bool:
    """Whether every platform has its designation date (then the count has a history)."""
    return bool(platforms) and all(p.designated is not None for p in platforms)


def counted_by(
    platforms: list[model.Platform], until: datetime.date, since: datetime.date | None = None
) -> list[model.Platform]:
    """Those designated by `until` (and from `since`, for new platforms); an undated
    platform counts at any date (when it came is not known)."""
    return [
        p
        for p in platforms
        if p.designated is None
        or (p.designated <= until and (since is None or p.designated >= since))
    ]
