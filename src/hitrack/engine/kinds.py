"""What each target kind is, in one table: the fields it needs and refuses, the unit it is
measured in, how its measure is made and projected, what its actuals report, how it is
shown, and the key of its words.

Checks, the engine, `--explain`, import, export and the renderers ask this table instead of
branching on `target.kind` (tests/test_kinds.py holds them to it). A new kind is a new row
here, its name in `core.model.Kind`, its words in `i18n.WORDS` and its tests; it reuses the
strategies below (`Kind.computes`, `Kind.projection`), and only a new strategy needs code in
`progress`.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from hitrack.core import model

_NOT_A_MILESTONE = ("register", "deliverable")
_NOT_RELATIVE = ("stated",)

Computes = Literal["latest", "rate", "sum", "done", "count"]
"""How the measure is computed from the actuals: the latest value, the compound annual growth
rate of the series, the sum over the plan window, the latest done flag, the number of
matching platforms."""
Projection = Literal["compound", "linear", "average", "rate"]
"""How the trend is projected to the deadline (`progress._Assessor._projection`): the CAGR of
the levels, a straight line, the average yearly amount, or the rate itself."""


@dataclasses.dataclass(frozen=True)
class Kind:
    """One kind of target."""

    name: str
    words: str
    """The key of its name in `i18n.WORDS` (the engine holds no words)."""
    needs: tuple[str, ...]
    """Fields a target of this kind must have."""
    refuses: tuple[str, ...]
    """Fields a target of this kind must not have."""
    unit: str | None
    """The unit every target of this kind is stated in; None: the target's own."""
    measure: str
    """What the comparator is applied to (README, "How status is assessed", step 1)."""
    computes: Computes
    """How the measure is computed from the actuals."""
    projection: Projection | None
    """How the trend is projected to the deadline; None: not projected."""
    additive: bool = False
    """Zone values add up to the plan's figure: a zone's value is a part, not judged."""
    shares: bool = False
    """Its values are shares (numerator over denominator, in %); a total is summed from the
    zones as numerators over denominators."""
    multiple: bool = False
    """Its value is a multiple of the baseline; it is measured in the baseline's unit."""
    rates_reported: bool = False
    """Its actuals may report the rate itself (in %) instead of the series."""
    flow: bool = False
    """It may be a flow (an amount per year, `flow: true`)."""
    counts: bool = False
    """Its unit must be a counting unit."""
    directions: bool = False
    """It may be direction-only (`comparator: rising` or `falling`, no value)."""
    paths: bool = False
    """It may give interim values on the way (`path`): its pace follows them."""
    holds: bool = False
    """It may be held every year (`every_period: true`): each year's value is judged."""
    compared: bool = False
    """It may be compared `against` a reference series (高于全省平均水平): its measure is the
    latest value, set against the reference's of the same period."""
    dated: bool = True
    """Its measure has a period (a register count does not: when a platform came is not known),
    so "met after the deadline" can be told."""
    prefix: str | None = None
    """`i18n.WORDS` key shown before its value in the target's words (累计 for a sum)."""
    suffix: str | None = None
    """`i18n.WORDS` key shown after its value in the target's words (/年 for a rate)."""

    @property
    def numeric(self) -> bool:
        """The measure is made of a reported series of numbers (with points, trend, chart)."""
        return self.computes in ("latest", "rate", "sum")

    @property
    def flag(self) -> bool:
        """The actuals report a done flag, not a number."""
        return self.computes == "done"

    @property
    def counted(self) -> bool:
        """It is counted from the platform register; no actual value reports it."""
        return self.computes == "count"

    @property
    def rate(self) -> bool:
        """The measure is the series' rate of change: its path is flat at the required rate,
        progress runs from 0, and the series' points are in the series' own unit."""
        return self.computes == "rate"

    @property
    def sums(self) -> bool:
        """The measure sums the series over the target's own window (its values are flows)."""
        return self.computes == "sum"


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "level",
            "kind_level",
            ("comparator", "unit"),
            ("series_unit", *_NOT_A_MILESTONE, *_NOT_RELATIVE),
            None,
            "the latest value",
            "latest",
            "compound",
            additive=True,
            flow=True,
            holds=True,
            paths=True,
            directions=True,
            compared=True,
        ),
        Kind(
            "growth",
            "kind_growth",
            ("comparator", "unit"),
            (*_NOT_A_MILESTONE, *_NOT_RELATIVE),
            "%",
            "the compound annual growth rate of the series",
            "rate",
            "rate",
            rates_reported=True,
            flow=True,
            suffix="per_year",
        ),
        Kind(
            "ratio",
            "kind_ratio",
            ("comparator", "unit"),
            ("series_unit", *_NOT_A_MILESTONE, *_NOT_RELATIVE),
            "%",
            "the latest share (numerator over denominator)",
            "latest",
            "linear",
            shares=True,
            holds=True,
            paths=True,
            directions=True,
            compared=True,
        ),
        Kind(
            "relative",
            "kind_relative",
            ("comparator", "unit", "baseline"),
            ("series_unit", *_NOT_A_MILESTONE),
            "倍",
            "the latest value, against value x baseline",
            "latest",
            "compound",
            additive=True,
            multiple=True,
            holds=True,
        ),
        Kind(
            "cumulative",
            "kind_cumulative",
            ("comparator", "unit"),
            ("series_unit", *_NOT_A_MILESTONE, *_NOT_RELATIVE),
            None,
            "the sum over the plan window",
            "sum",
            "average",
            additive=True,
            prefix="cumulative_prefix",
            paths=True,
        ),
        Kind(
            "milestone",
            "kind_milestone",
            (),
            (
                "comparator",
                "value",
                "low",
                "high",
                "tolerance",
                "unit",
                "series_unit",
                "register",
                "baseline",
                *_NOT_RELATIVE,
            ),
            None,
            "the latest done flag",
            "done",
            None,
        ),
        Kind(
            "register",
            "kind_register",
            ("comparator", "register"),
            ("series_unit", "baseline", "deliverable", *_NOT_RELATIVE),
            None,
            "the number of matching platforms",
            "count",
            None,
            counts=True,
            dated=False,
        ),
    )
}


def kind_of(target: model.Target) -> Kind:
    return KINDS[target.kind]


def measured_unit(target: model.Target) -> str:
    """The unit of the series the actuals report for `target`."""
    kind = kind_of(target)
    if kind.rate:
        return target.series_unit or "%"
    if kind.multiple and target.baseline and target.baseline.unit:
        return target.baseline.unit
    return target.unit or ""


def allowed_units(target: model.Target) -> list[str]:
    """The units an actual value of `target` may be reported in (before conversion)."""
    if kind_of(target).rates_reported:
        return [u for u in ("%", target.series_unit) if u]
    return [measured_unit(target)]


def baseline_unit(target: model.Target) -> str:
    """The unit a baseline (other than a relative target's) must convert to."""
    return target.series_unit or target.unit or ""


def points_unit(target: model.Target, unit: str | None) -> str | None:
    """The unit an observed point of `target` is shown in, given its assessment's `unit`: a
    rate's points are the series, in the series' own unit."""
    return target.series_unit if kind_of(target).rate else unit


def template_unit(target: model.Target) -> str | None:
    """The unit a reporting template offers for `target`'s next value."""
    return target.series_unit or target.unit if kind_of(target).rate else target.unit


def takes_shares(target: model.Target) -> bool:
    """Whether an actual of `target` may report a numerator and a denominator: a share, or
    a multiple of a share (a relative target whose baseline is in %)."""
    kind = kind_of(target)
    return kind.shares or (
        kind.multiple and target.baseline is not None and target.baseline.unit == "%"
    )
