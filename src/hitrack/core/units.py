"""Units with scale: exact conversion between units of one dimension.

Money converts exactly between 元, 万元 and 亿元. Each counting word (家, 项, 个, ...) is its
own dimension: a plan that counts enterprises in 家 is not met by a figure in 项, so such a
mix is reported instead of silently converted.

A plan declares its own units in `plan.units` (件/万人, 万平方米, 亿美元, 个百分点, 所, 台套):
a new dimension, a counting word, or an exact multiple of a unit already known
(`declared_table`). A counting word that the plan's statistics use for another (个 for 家)
is declared equal to it there; no such rule is global. Every function takes the table to
look units up in: the built-in one (`UNITS`) unless a plan's is given.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Protocol

from hitrack.core.problems import said


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
    declared: bool = False
    """True for a unit the plan declares (plan.units), not one hitrack knows."""


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

Table = Mapping[str, Unit]
"""Units by symbol: the built-in ones, or those with a plan's own (`declared_table`)."""


class Amount(Protocol):
    @property
    def value(self) -> Decimal: ...
    @property
    def unit(self) -> str: ...


class Declaration(Protocol):
    """What `declared_table` reads of a declared unit (model.DeclaredUnit)."""

    @property
    def symbol(self) -> str: ...
    @property
    def dimension(self) -> str | None: ...
    @property
    def count(self) -> bool: ...
    @property
    def equals(self) -> Amount | None: ...
    @property
    def name_en(self) -> str | None: ...


def declaration_error(declared: Declaration, known: Table) -> str | None:
    """Why `declared` cannot join the units `known` so far, else None."""
    ways = [declared.dimension is not None, declared.count, declared.equals is not None]
    if sum(ways) != 1:
        return said("unit-one-way")
    builtin = UNITS.get(declared.symbol)
    equals = declared.equals
    if builtin is not None:
        if (
            equals is None
            or not is_count(declared.symbol)
            or equals.value != 1
            or not is_count(equals.unit, known)
            or equals.unit == declared.symbol
        ):
            return said("unit-builtin", symbol=declared.symbol)
        return None
    if declared.symbol in known:
        return said("unit-twice", symbol=declared.symbol)
    if equals is not None:
        if equals.unit not in known:
            return said("unit-equals-unknown", unit=equals.unit)
        if equals.value <= 0:
            return said("unit-equals-positive")
    if declared.dimension is not None and any(
        u.dimension == f"declared:{declared.dimension}" for u in known.values()
    ):
        return said("unit-dimension-taken", dimension=repr(declared.dimension))
    return None


def declared_table(declared: Iterable[Declaration]) -> Table:
    """The built-in units and those `declared`, in order (each may build on those before
    it); a declaration with a `declaration_error` is left out."""
    return _declared_table(tuple(declared))


@functools.lru_cache(maxsize=32)
def _declared_table(declared: tuple[Declaration, ...]) -> Table:
    if not declared:
        return UNITS
    table = dict(UNITS)
    for entry in declared:
        if declaration_error(entry, table) is not None:
            continue
        english = entry.name_en or entry.symbol
        if entry.equals is not None:
            base = table[entry.equals.unit]
            dimension, factor = base.dimension, entry.equals.value * base.factor
        elif entry.count:
            dimension, factor = f"count:{entry.symbol}", Decimal(1)
        else:
            dimension, factor = f"declared:{entry.dimension}", Decimal(1)
        table[entry.symbol] = Unit(entry.symbol, dimension, factor, english, declared=True)
    return table


def unit(symbol: str, table: Table = UNITS) -> Unit:
    """The unit written `symbol`; KeyError when neither hitrack nor the plan knows it."""
    return table[symbol]


def compatible(a: str, b: str, table: Table = UNITS) -> bool:
    return a in table and b in table and table[a].dimension == table[b].dimension


def convert(value: Decimal, source: str, target: str, table: Table = UNITS) -> Decimal:
    """`value` in unit `source` expressed in unit `target`, exactly (Decimal)."""
    if source == target:
        return value
    src, dst = table[source], table[target]
    if src.dimension != dst.dimension:
        raise ValueError(f"cannot convert {source} to {target}")
    if src.factor == dst.factor:
        return value
    return value * src.factor / dst.factor


def is_count(symbol: str, table: Table = UNITS) -> bool:
    return symbol in table and table[symbol].dimension.startswith("count:")
