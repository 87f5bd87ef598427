"""Plausibility rules: values that parse and validate but look mistyped (warnings).

Figures are typed by hand and copied from statistics sheets; the slips that get through a
schema are a number in the wrong scale (a 万元 figure in a 亿元 column is 10,000 times too
large), a share written as a fraction (0.368 for 36.8%), a fractional count, a year-to-date
amount that falls inside a year, and dates that cannot be right. Each warning says what the
value probably should be; a value with `confirmed: why` gets none of the value warnings.

The date rules need "today": `today` is passed in (tests fix it) and defaults to the clock.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from hitrack.core import model, periods, units
from hitrack.core.problems import Problem, said
from hitrack.engine import kinds, references
from hitrack.load.validation import SourceFile

_SCALES = (4, 8)
_SCALE_START = Decimal(10) ** _SCALES[0]


class _Point(NamedTuple):
    period: str
    number: Decimal
    """The value in its dimension's base unit, annualised for a quarter's year to date."""
    value: Decimal
    unit: str
    source: SourceFile
    position: int
    """The value's index in its file's values."""
    confirmed: bool
    field: str
    """The field that holds the number: value, or a share's numerator."""


def check_plausible(
    dataset: model.Dataset, files: dict[str, SourceFile], today: datetime.date | None = None
) -> Iterator[Problem]:
    """Every plausibility warning of `dataset` (see the module's docstring)."""
    today = today or datetime.date.today()
    settings = dataset.targets.plausibility
    targets = {t.id: t for t in dataset.targets.targets}
    for reference in dataset.targets.references:  # a reference series' values, as a level's
        targets.setdefault(reference.id, references.as_target(reference))
    plan = dataset.plan
    table = plan.unit_table  # the built-in units and the plan's own (plan.units)
    # As check_actuals: the base year before the plan's start is in the window.
    window = ((periods.year(plan.start) - 1, 0, 0), periods.sort_key(plan.deadline))
    series: dict[tuple[str, str | None, str], list[_Point]] = {}
    year_to_date: dict[tuple[str, str | None, int], list[_Point]] = {}
    for rel, actuals in dataset.actuals:
        source = files.get(rel)
        if source is None:
            continue
        end = periods.end_date(actuals.period)
        if actuals.reported is not None:
            yield from _date_problems(source, ("reported",), actuals.reported, end, today)
        if not window[0] <= periods.sort_key(actuals.period) <= window[1]:
            continue  # an error already (period-out-of-range)
        quarter = periods.parse(actuals.period)[1]
        seen: set[tuple[str, str | None]] = set()
        # Values naming no target are an error already (unknown-target).
        for index, value in model.split_by_target(actuals.values, targets)[1]:
            target = targets[value.target]
            if (value.target, value.zone) in seen:
                continue  # an error already (duplicate-actual)
            seen.add((value.target, value.zone))
            confirmed = value.confirmed is not None
            if value.reported is not None and not confirmed:
                path = ("values", index, "reported")
                yield from _date_problems(source, path, value.reported, end, today)
            if value.date is not None and value.done and value.date > today and not confirmed:
                yield _warn(
                    source,
                    ("values", index, "date"),
                    "date-in-future",
                    said("done-in-future", target=target.id, date=value.date, today=today),
                )
            number, unit = _number(value, table)
            if number is None or unit is None or unit not in table or (number < 0 and unit != "%"):
                continue  # nothing to compare, or an error already (negative-value)
            field = "value" if value.value is not None else "numerator"
            if not confirmed:
                yield from _value_problems(target, value, number, unit, source, index, table)
            flows = target.flow or kinds.kind_of(target).sums
            scaled = number * table[unit].factor
            if flows and quarter < 4:
                year_to_date.setdefault(
                    (target.id, value.zone, periods.year(actuals.period)), []
                ).append(
                    _Point(actuals.period, scaled, number, unit, source, index, confirmed, field)
                )
                scaled = scaled * 4 / quarter
            elif flows:
                year_to_date.setdefault(
                    (target.id, value.zone, periods.year(actuals.period)), []
                ).append(
                    _Point(actuals.period, scaled, number, unit, source, index, confirmed, field)
                )
            point = _Point(actuals.period, scaled, number, unit, source, index, confirmed, field)
            key = (target.id, value.zone, table[unit].dimension)
            series.setdefault(key, []).append(point)
    for (target_id, _, dimension), points in series.items():
        yield from _series_problems(targets[target_id], dimension, points, settings, table)
    for (target_id, _, _), points in year_to_date.items():
        yield from _ytd_problems(targets[target_id], points)


def _number(
    value: model.ActualValue, table: units.Table = units.UNITS
) -> tuple[Decimal | None, str | None]:
    if value.value is not None:
        return value.value, value.unit
    numerator, denominator = value.numerator, value.denominator
    if (
        numerator is not None
        and denominator is not None
        and denominator.value > 0
        and units.compatible(numerator.unit, denominator.unit, table)
    ):
        share = units.convert(numerator.value, numerator.unit, denominator.unit, table)
        return share * 100 / denominator.value, "%"
    return None, None


def _warn(source: SourceFile, path: tuple[Any, ...], code: str, message: str) -> Problem:
    line, col = source.at(*path)
    return Problem(source.name, line, col, code, message, severity="warning")


def _date_problems(
    source: SourceFile,
    path: tuple[Any, ...],
    reported: datetime.date,
    end: datetime.date,
    today: datetime.date,
) -> Iterator[Problem]:
    if reported > today:
        yield _warn(
            source,
            path,
            "date-in-future",
            said("reported-in-future", date=reported, today=today),
        )
    elif reported <= end:
        yield _warn(
            source,
            path,
            "reported-early",
            said("reported-early", date=reported, end=end),
        )


def _value_problems(
    target: model.Target,
    value: model.ActualValue,
    number: Decimal,
    unit: str,
    source: SourceFile,
    index: int,
    table: units.Table = units.UNITS,
) -> Iterator[Problem]:
    path = ("values", index, "value" if value.value is not None else "numerator")
    if units.is_count(unit, table) and number != number.to_integral_value():
        low = number.to_integral_value(rounding="ROUND_FLOOR")
        yield _warn(
            source,
            path,
            "fractional-count",
            said(
                "fractional-count",
                number=_fmt(number),
                unit=unit,
                low=_fmt(low),
                high=_fmt(low + 1),
            ),
        )
    if kinds.kind_of(target).shares and unit == "%" and number > 100:
        yield _warn(
            source,
            path,
            "share-over-100",
            said("share-over-100", number=_fmt(number), target=target.id),
        )


def _series_problems(
    target: model.Target,
    dimension: str,
    points: list[_Point],
    settings: model.Plausibility,
    table: units.Table = units.UNITS,
) -> Iterator[Problem]:
    """Scale slips, percentages as fractions and jumps, each point against the others."""
    reference = _target_reference(target, dimension, table)
    slack = settings.scale_slack
    present = [p for p in points if p.number]
    # Each point against the median of the others: one sort for the series, not one a point.
    ordered = sorted(range(len(present)), key=lambda i: abs(present[i].number))
    rank = {index: place for place, index in enumerate(ordered)}
    numbers = [abs(present[i].number) for i in ordered]
    for index, point in enumerate(present):
        if point.confirmed:
            continue
        count = len(present) - 1
        if count == 1 and reference and _farther(present[1 - index], point, reference):
            count = 0  # two periods disagree: the one nearer the target is taken as right
        if count:
            middle = _median_without(numbers, rank[index])

            def against(index: int = index) -> str:
                others = [p for i, p in enumerate(present) if i != index]
                if len(others) == 1:
                    return said(
                        "against-period",
                        period=others[0].period,
                        value=_fmt(others[0].value),
                        unit=others[0].unit,
                    )
                return said("against-median", periods=", ".join(p.period for p in others))

            found = _compare(target, point, middle, against, slack, settings.jump, table)
        elif reference:
            # A period's figure may lie far below its target (a total over the window), but
            # not `jump` times above it.
            found = _compare(
                target,
                point,
                reference,
                lambda: said("against-target"),
                slack,
                settings.jump,
                table,
            )
            if found is not None and found[0] == "implausible-jump" and point.number < reference:
                found = None
        else:
            found = None
        if found is not None:
            yield _warn(point.source, ("values", point.position, point.field), *found)


def _median_without(numbers: list[Decimal], left_out: int) -> Decimal:
    """The median of sorted `numbers` without the one at `left_out`."""
    size = len(numbers) - 1

    def nth(k: int) -> Decimal:
        return numbers[k if k < left_out else k + 1]

    if size % 2:
        return nth(size // 2)
    return (nth(size // 2 - 1) + nth(size // 2)) / 2


def _farther(other: _Point, point: _Point, reference: Decimal) -> bool:
    """Whether `point` is no farther from `reference` (in ratio) than `other`."""

    def distance(number: Decimal) -> Decimal:
        ratio = abs(number) / reference
        return ratio if ratio >= 1 else 1 / ratio

    return distance(point.number) < distance(other.number)


def _target_reference(
    target: model.Target, dimension: str, table: units.Table = units.UNITS
) -> Decimal | None:
    """The target's own figure in `dimension`'s base unit: its value (or the middle of its
    range), else its baseline."""
    candidates: list[tuple[Decimal | None, str | None]] = []
    if target.value is not None:
        candidates.append((target.value, target.unit))
    elif target.low is not None and target.high is not None:
        candidates.append(((target.low + target.high) / 2, target.unit))
    if target.baseline is not None:
        candidates.append((target.baseline.value, target.baseline.unit or target.unit))
    for number, unit in candidates:
        if number and unit is not None and unit in table and table[unit].dimension == dimension:
            return abs(number * table[unit].factor)
    return None


def _compare(
    target: model.Target,
    point: _Point,
    reference: Decimal,
    describe: Callable[[], str],
    slack: Decimal,
    jump: Decimal,
    table: units.Table = units.UNITS,
) -> tuple[str, str] | None:
    """The code and message of a slip against `reference` (`describe` names it), if any."""
    ratio = abs(point.number) / reference
    calm = min(jump, _SCALE_START / slack) if slack else jump
    if calm > 1 and 1 / calm <= ratio <= calm and point.unit != "%":
        return None  # the usual case, decided without words
    shown = _fmt(point.value) + (point.unit if point.unit == "%" else f" {point.unit}")
    against = describe()
    for power in _SCALES:
        for sign in (1, -1):
            factor = Decimal(10) ** (power * sign)
            if slack and factor / slack <= ratio <= factor * slack:
                meant = point.value / factor
                times = said("times" if sign > 0 else "times-less", n=f"{10**power:,}")
                hint = _unit_hint(point.unit, factor, table)
                return (
                    "unit-scale",
                    said(
                        "unit-scale-hint" if hint else "unit-scale",
                        meant=_fmt(meant),
                        unit=point.unit,
                        shown=shown,
                        times=times,
                        against=against,
                        **({"other": hint} if hint else {}),
                    ),
                )
    kind = kinds.kind_of(target)
    if (
        point.unit == "%"
        and (kind.rates_reported or kind.shares)
        and abs(point.value) < 1
        and slack
    ):
        hundred = ratio * 100
        if 1 / slack <= hundred <= slack:
            return (
                "percent-as-fraction",
                said(
                    "percent-as-fraction",
                    meant=_fmt(point.value * 100),
                    shown=shown,
                    against=against,
                ),
            )
    if jump and (ratio > jump or ratio * jump < 1):
        size = (
            said("times", n=_fmt_ratio(ratio))
            if ratio > 1
            else said("fraction-of", n=_fmt_ratio(1 / ratio))
        )
        return (
            "implausible-jump",
            said("implausible-jump", shown=shown, size=size, against=against, jump=_fmt(jump)),
        )
    return None


def _unit_hint(unit: str, factor: Decimal, table: units.Table = units.UNITS) -> str:
    """The unit (万元) in which the number would be right, when there is one, else ""."""
    here = table[unit]
    for other in table.values():
        if other.dimension == here.dimension and other.factor * factor == here.factor:
            return other.symbol
    return ""


def _ytd_problems(target: model.Target, points: Sequence[_Point]) -> Iterator[Problem]:
    """A year-to-date amount never falls within its year; the year's figure is its last."""
    ordered = sorted(points, key=lambda p: periods.sort_key(p.period))
    for before, after in itertools.pairwise(ordered):
        if after.number < before.number and not after.confirmed:
            yield _warn(
                after.source,
                ("values", after.position, after.field),
                "ytd-decrease",
                said(
                    "ytd-decrease",
                    target=target.id,
                    after=f"{_fmt(after.value)} {after.unit}",
                    later=after.period,
                    before=f"{_fmt(before.value)} {before.unit}",
                    earlier=before.period,
                ),
            )


def _fmt(number: Decimal) -> str:
    text = f"{number.normalize():f}" if number == number.to_integral_value() else f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _fmt_ratio(ratio: Decimal) -> str:
    return f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.1f}"
