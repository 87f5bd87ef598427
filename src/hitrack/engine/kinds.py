"""What each target kind is, in one table: the fields it needs and refuses, the unit it is
measured in, how its measure is made and projected, and its words.

Checks, the engine, `--explain`, import and the charts ask this table instead of branching
on `target.kind`. A new kind is a new row here, its measure in `progress`, and its tests.
"""

from __future__ import annotations

import dataclasses

from hitrack.core import model

_NOT_A_MILESTONE = ("register", "deliverable")
_NOT_RELATIVE = ("stated",)


@dataclasses.dataclass(frozen=True)
class Kind:
    """One kind of target."""

    name: str
    words: tuple[str, str]
    """(Chinese, English)."""
    needs: tuple[str, ...]
    """Fields a target of this kind must have."""
    refuses: tuple[str, ...]
    """Fields a target of this kind must not have."""
    unit: str | None
    """The unit every target of this kind is stated in; None: the target's own."""
    measure: str
    """What the comparator is applied to (README, "How status is assessed", step 1)."""
    projection: str | None
    """How the trend is projected to the deadline: compound, linear, average or rate."""
    additive: bool
    """Zone values add up to the plan's figure: a zone's value is a part, not judged."""


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "level",
            ("水平值", "level"),
            ("comparator", "unit"),
            ("series_unit", *_NOT_A_MILESTONE, *_NOT_RELATIVE),
            None,
            "the latest value",
            "compound",
            True,
        ),
        Kind(
            "growth",
            ("年均增速", "growth"),
            ("comparator", "unit"),
            (*_NOT_A_MILESTONE, *_NOT_RELATIVE),
            "%",
            "the compound annual growth rate of the series",
            "rate",
            False,
        ),
        Kind(
            "ratio",
            ("比率", "ratio"),
            ("comparator", "unit"),
            ("series_unit", *_NOT_A_MILESTONE, *_NOT_RELATIVE),
            "%",
            "the latest share (numerator over denominator)",
            "linear",
            False,
        ),
        Kind(
            "relative",
            ("倍数", "relative"),
            ("comparator", "unit", "baseline"),
            ("series_unit", *_NOT_A_MILESTONE),
            "倍",
            "the latest value, against value x baseline",
            "compound",
            True,
        ),
        Kind(
            "cumulative",
            ("累计值", "cumulative"),
            ("comparator", "unit"),
            ("series_unit", *_NOT_A_MILESTONE, *_NOT_RELATIVE),
            None,
            "the sum over the plan window",
            "average",
            True,
        ),
        Kind(
            "milestone",
            ("里程碑", "milestone"),
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
            None,
            False,
        ),
        Kind(
            "register",
            ("平台名录计数", "register"),
            ("comparator", "register"),
            ("series_unit", "baseline", "deliverable", *_NOT_RELATIVE),
            None,
            "the number of matching platforms",
            None,
            False,
        ),
    )
}


def kind_of(target: model.Target) -> Kind:
    return KINDS[target.kind]


def measured_unit(target: model.Target) -> str:
    """The unit of the series the actuals report for `target`."""
    if target.kind == "growth":
        return target.series_unit or "%"
    if target.kind == "relative" and target.baseline and target.baseline.unit:
        return target.baseline.unit
    return target.unit or ""


def allowed_units(target: model.Target) -> list[str]:
    """The units an actual value of `target` may be reported in (before conversion)."""
    if target.kind == "growth":
        return [u for u in ("%", target.series_unit) if u]
    return [measured_unit(target)]


def baseline_unit(target: model.Target) -> str:
    """The unit a baseline (other than a relative target's) must convert to."""
    return target.series_unit or target.unit or ""
