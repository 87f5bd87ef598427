"""Reference series: indicators with actuals but no target of their own (the province's
growth rate), and the targets compared against them (「高于全省平均水平」).

A reference's values are reported like a target's (`target: <reference id>` in actuals), so
they are read and checked as the values of a plain `level` series (`as_target`).
"""

from __future__ import annotations

import functools
from decimal import Decimal

from hitrack.core import model

#: The comparators a target against a reference may use.
COMPARATORS = ("gt", "gte", "lt", "lte")


@functools.lru_cache(maxsize=256)
def as_target(reference: model.Reference) -> model.Target:
    """The reference as the level series its values are read and checked as."""
    return model.Target(
        id=reference.id,
        name=reference.name,
        name_en=reference.name_en or reference.id,
        kind="level",
        quote=reference.name,
        unit=reference.unit,
        flow=reference.flow,
    )


def by_id(dataset: model.Dataset) -> dict[str, model.Reference]:
    return {r.id: r for r in dataset.targets.references}


def threshold(target: model.Target, reference_value: Decimal) -> Decimal:
    """What the target's measure is compared with: the reference moved by the margin, up
    for gt/gte, down for lt/lte."""
    margin = target.margin or Decimal(0)
    return (
        reference_value - margin if target.comparator in ("lt", "lte") else reference_value + margin
    )


def meets(target: model.Target, measure: Decimal, reference_value: Decimal) -> bool:
    level = threshold(target, reference_value)
    return {
        "gt": measure > level,
        "gte": measure >= level,
        "lt": measure < level,
        "lte": measure <= level,
    }.get(target.comparator or "", False)
