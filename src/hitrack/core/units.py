"""Units with scale: exact conversion between units of one dimension.

Money converts exactly between 元, 万元 and 亿元. Each counting word (家, 项, 个, ...) is its
own dimension: a plan that counts enterprises in 家 is not met by a figure in 项, so such a
mix is reported instead of silently converted.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal


@dataclasses.dataclass(frozen=True)
class Unit:
    symbol: str
    """How the unit is written in data files and output."""
    dimension: str
    """Units convert to each other only within one dimension."""
    factor: Decimal
    """Size of one unit in the dimension's base unit."""
    english: str
    """The unit's English name, for `--lang en`."""


def _units() -> dict[str, Unit]:
    table = [
        ("元", "money", "1", "yuan"),
        ("万元", "money", "10000", "10k yuan"),
        ("亿元", "money", "100000000", "100M yuan"),
        ("%", "percent", "1", "%"),
        ("倍", "times", "1", "times"),
        ("平方公里", "area", "1", "km²"),
    ]
    counts = {
        "家": "enterprises",
        "项": "items",
        "个": "units",
        "件": "pieces",
        "只": "funds",
        "人": "people",
        "辆": "vehicles",
        "座": "sites",
    }
    units = {s: Unit(s, d, Decimal(f), e) for s, d, f, e in table}
    units.update({s: Unit(s, f"count:{s}", Decimal(1), e) for s, e in counts.items()})
    return units


UNITS: dict[str, Unit] = _units()


def unit(symbol: str) -> Unit:
    """The unit written `symbol`; KeyError when hitrack does not know it."""
    return UNITS[symbol]


def compatible(a: str, b: str) -> bool:
    return a in UNITS and b in UNITS and UNITS[a].dimension == UNITS[b].dimension


def convert(value: Decimal, source: str, target: str) -> Decimal:
    """`value` in unit `source` expressed in unit `target`, exactly."""
    if source == target:
        return value
    src, dst = UNITS[source], UNITS[target]
    if src.dimension != dst.dimension:
        raise ValueError(f"cannot convert {source} to {target}")
    return value * src.factor / dst.factor


def is_count(symbol: str) -> bool:
    return symbol in UNITS and UNITS[symbol].dimension.startswith("count:")
