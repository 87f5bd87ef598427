"""The progress engine: actual vs target, gap, pace, projection and status. Pure computation.

Method (after the UN Statistics Division's SDG progress chart and Open SDG):

1. The *measure* of a target is what its comparator is applied to: the latest value for
   `level`, `ratio` and `relative`; the sum over the plan window for `cumulative`; the
   compound annual growth rate (CAGR) of the series for `growth`; the number of matching
   platforms for `register`; the latest `done` flag for `milestone`.
2. A target whose measure meets its comparator is `achieved`; that overrides any trend.
3. Past the deadline and not met: `off_track`.
4. Otherwise hitrack projects the measure to the deadline from the observed trend (CAGR
   over the points, linear for ratios and rates, the average yearly amount for
   cumulative targets) and divides the projected progress by the required progress, both
   measured from the path's origin (the baseline, else the first observed point).
   At or above `thresholds.on_track` (0.95): `on_track`; at or above `thresholds.at_risk`
   (0.5): `at_risk`; below: `off_track`.
5. Without a value: `no_data`. With one point and no baseline, or a milestone not done
   yet: `not_assessable`, with the reason.

`pace` is the value expected at the as-of period on the straight path from the origin to
the target (a compound path for growth targets) and how far ahead (+) or behind (-) the
actual is.
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import dataclasses
import datetime
import decimal
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TypedDict

from hitrack.core import model, periods, units
from hitrack.core.statuses import DISPLAY_ORDER, Status
from hitrack.engine import kinds

#: display order, best first
STATUSES = DISPLAY_ORDER
#: worst first, for sorting and roll-ups
SEVERITY = {status: status.severity for status in Status}

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
#: `compound_band`: a power at 12 digits, its error bound (about eight times the
#: analytic one), the largest exponent it is used for, and the rounding allowed for.
_BRACKET = decimal.Context(prec=12, rounding=decimal.ROUND_HALF_EVEN)
_BRACKET_ERROR = Decimal("1e-10")
_BRACKET_MAX_EXPONENT = Decimal(50)
_ROUNDING = Decimal("1e-20")
_TICK = {True: "✓", False: "✗"}
_ONE = Decimal(1)


@dataclasses.dataclass(frozen=True)
class Point:
    """One observed value of a target's measured series, in the measured unit."""

    period: str
    value: Decimal
    sample: bool
    source: str | None = None
    reported: datetime.date | None = None
    zones: int = 0
    """How many zone values were summed into this point (0: reported as a total)."""
    reported_as: tuple[Decimal, str] | None = None
    """The value and unit as reported, when the point is converted from another unit."""


@dataclasses.dataclass(frozen=True)
class Interim:
    """One interim value of a target's path (2018年40家), judged at the as-of period."""

    period: str
    value: Decimal
    """The value due then, in the target's unit."""
    actual: Decimal | None
    """The measure at that period (for cumulative: the total so far); None: not reported."""
    met: bool | None
    """Whether it was reached; None when not reported (or not due yet)."""
    due: bool
    """Its period is at or before the as-of period."""


@dataclasses.dataclass(frozen=True)
class Assessment:
    """Where one target stands at the as-of period."""

    target: model.Target
    zone: str | None
    as_of: str
    deadline: str
    status: Status
    reason_code: str | None = None
    """Why, for statuses that need one: a code of `i18n.REASONS`, put in words (either
    language) by the renderers; the engine holds no words."""
    reason_params: tuple[tuple[str, str], ...] = ()
    """The values the reason names."""
    unit: str | None = None
    """The unit of actual, gap, expected and projected."""
    actual: Decimal | None = None
    """The measure (for growth targets: the CAGR in %)."""
    period: str | None = None
    """The period of the latest value used."""
    sample: bool = False
    source: str | None = None
    reported: datetime.date | None = None
    required: Decimal | None = None
    """The value the measure must reach (below which it must stay, for lt/lte)."""
    gap: Decimal | None = None
    """How far the measure is from `required` (0 when met), in `unit`."""
    percent: Decimal | None = None
    """Progress from the origin to the target, in %."""
    expected: Decimal | None = None
    """The value expected at the as-of period on the path to the target."""
    pace: Decimal | None = None
    """actual - expected, signed so that positive is ahead."""
    projected: Decimal | None = None
    """The measure projected to the deadline from the trend."""
    ratio: Decimal | None = None
    """Projected progress / required progress."""
    met: bool | None = None
    exceeded: bool = False
    """For approx and between: the measure is above the upper end."""
    late: bool = False
    """Achieved, but only after the deadline."""
    done: bool | None = None
    evidence: str | None = None
    reference: Decimal | None = None
    """For a target against a reference series: the reference's value in `period`, in
    `unit` (`required` is it moved by the margin)."""
    reference_name: str | None = None
    """The reference series' name, for a target against one."""
    points: tuple[Point, ...] = ()
    interim: tuple[Interim, ...] = ()
    """For a target with a `path`: each interim value, judged."""
    missed_years: tuple[str, ...] = ()
    """For a target held (or moving) every year: the periods of the years that missed."""
    steps: tuple[Step, ...] = ()
    """The calculation, step by step, for `status --explain` (`i18n.step_words`)."""


Step = tuple[str, tuple[tuple[str, str], ...]]
"""One step of an assessment: a code of `i18n.STEPS` and its values, formatted."""


def step(code: str, **values: object) -> Step:
    return code, tuple((name, str(value)) for name, value in values.items())


#: Whether assessments write their steps (`status --explain`, the site's target pages);
#: off, the numbers they would show are not even formatted.
_STEPS: contextvars.ContextVar[bool] = contextvars.ContextVar("hitrack_steps", default=True)


@contextlib.contextmanager
def without_steps() -> Iterator[None]:
    """Assess without writing the steps that only --explain shows: the same statuses,
    gaps and reasons, with empty `steps`."""
    token = _STEPS.set(False)
    try:
        yield
    finally:
        _STEPS.reset(token)


#: Whether assessments may leave out their projection (see `only_statuses`).
_ONLY_STATUS: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "hitrack_only_status", default=False
)


@contextlib.contextmanager
def only_statuses() -> Iterator[None]:
    """Assess for a roll-up over zones (`roll_up`) or an export row, which read everything
    but the projection: the same assessments, with `projected` and `ratio` left out where a
    compound projection's band can be told without them
    (`_Assessor._compound_band`)."""
    token = _ONLY_STATUS.set(True)
    try:
        yield
    finally:
        _ONLY_STATUS.reset(token)


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Assess many targets and zones: `without_steps`, and with the cyclic garbage collector
    paused, as in loading (it would rescan every record of the dataset again and again;
    assessments make no cycles)."""
    import gc

    gc_was_enabled = gc.isenabled()
    gc.disable()
    token = _SERIES.set({})
    try:
        with without_steps():
            yield
    finally:
        _SERIES.reset(token)
        if gc_was_enabled:
            gc.enable()


class _Later:
    """A step's value, formatted only when a step is written (`str`)."""

    __slots__ = ("args", "make")

    def __init__(self, make: Callable[..., str], *args: object) -> None:
        self.make, self.args = make, args

    def __str__(self) -> str:
        return self.make(*self.args)


class Why(TypedDict):
    """The reason fields of an Assessment."""

    reason_code: str | None
    reason_params: tuple[tuple[str, str], ...]


def why(code: str | None, **params: object) -> Why:
    """The reason fields of an Assessment, for `dataclasses.replace` or the constructor."""
    if code is None:
        return {"reason_code": None, "reason_params": ()}
    pairs = tuple((name, str(value)) for name, value in params.items())
    return {"reason_code": code, "reason_params": pairs}


# ----------------------------------------------------------------------------- series


def latest_period(dataset: model.Dataset) -> str:
    """The last reported period, or the plan's start when nothing is reported."""
    if not dataset.actuals:
        return dataset.plan.start
    return max((f.period for _, f in dataset.actuals), key=periods.sort_key)


def _records(
    dataset: model.Dataset, target: model.Target, zone: str | None, as_of: str | None
) -> list[tuple[str, bool, model.ActualsFile, list[model.ActualValue]]]:
    """(period, from zones?, file, values) per period up to as_of (None: every period),
    oldest first."""
    limit = periods.sort_key(as_of) if as_of is not None else None
    result = []
    files = dataset.reported.get(target.id, ())
    by_zone = dataset.reported_zones.get(target.id, ())
    for (actuals, matching), (_, zones) in zip(files, by_zone, strict=True):
        if limit is not None and periods.sort_key(actuals.period) > limit:
            continue
        own = zones.get(zone)
        if own is not None:
            result.append((actuals.period, False, actuals, [own]))
        elif zone is None and matching:
            result.append((actuals.period, True, actuals, matching))
    return result


measured_unit = kinds.measured_unit
"""The unit of the series the actuals report for `target` (see `kinds`)."""


def _number(
    target: model.Target, value: model.ActualValue, unit: str, table: units.Table = units.UNITS
) -> Decimal | None:
    """The value in `unit`, converted exactly through `table` (the plan's units)."""
    if value.numerator is not None and value.denominator is not None:
        numerator = units.convert(
            value.numerator.value, value.numerator.unit, value.denominator.unit, table
        )
        return numerator / value.denominator.value * _HUNDRED
    if value.value is None or value.unit is None:
        return None
    if value.unit == unit:  # as `convert` has it, when the unit is one the plan knows
        return value.value if unit in table else None
    if not units.compatible(value.unit, unit, table):
        return None
    return units.convert(value.value, value.unit, unit, table)


def _ratio_sum(values: list[model.ActualValue], table: units.Table = units.UNITS) -> Decimal | None:
    """A share rolled up over zones: sum of numerators over sum of denominators."""
    if any(v.numerator is None or v.denominator is None for v in values):
        return None
    pairs = [(v.numerator, v.denominator) for v in values if v.numerator and v.denominator]
    unit = pairs[0][1].unit
    num = sum((units.convert(n.value, n.unit, unit, table) for n, _ in pairs), Decimal(0))
    den = sum((units.convert(d.value, d.unit, unit, table) for _, d in pairs), Decimal(0))
    return num / den * _HUNDRED if den else None


def series(
    dataset: model.Dataset, target: model.Target, zone: str | None, as_of: str
) -> tuple[list[Point], bool]:
    """The observed points up to as_of in the measured unit, and whether they are rates (%).

    A total that is not reported directly is summed from the zones' values (for shares:
    numerators over denominators). Within `bulk`, each target and zone's whole series is
    made once and cut at each as-of period asked for (`report` assesses two).
    """
    shared = _SERIES.get()
    key = (id(dataset), id(target), zone)
    entry = shared.get(key) if shared is not None else None
    if shared is not None and (
        entry is None or entry.dataset is not dataset or entry.target is not target
    ):
        entry = _Whole(dataset, target, *_series(dataset, target, zone, None))
        shared[key] = entry
    if entry is None or not entry.ordered:
        points, _, rates_at = _series(dataset, target, zone, as_of)
        return points, bool(rates_at) and rates_at[-1][1]
    limit = periods.sort_key(as_of)
    cut = bisect.bisect_right(entry.keys, limit)
    upto = bisect.bisect_right(entry.rates_at, limit, key=_first)
    return entry.points[:cut], upto > 0 and entry.rates_at[upto - 1][1]


def _first(pair: tuple[tuple[int, int, int], bool]) -> tuple[int, int, int]:
    return pair[0]


@dataclasses.dataclass(frozen=True)
class _Whole:
    """One target and zone's whole series, made once within `bulk` (see `series`)."""

    dataset: model.Dataset
    target: model.Target
    points: list[Point]
    keys: list[tuple[int, int, int]]
    """The sort key of each point's period."""
    rates_at: list[tuple[tuple[int, int, int], bool]]
    """After each period read, whether the series is in rates (%) by then."""

    @functools.cached_property
    def ordered(self) -> bool:
        """The files came in period order (as `load_dataset` sorts them), so a cut at an
        as-of period is the series up to it."""
        return self.rates_at == sorted(self.rates_at, key=_first)


#: Within `bulk`: each (dataset, target, zone)'s whole series.
_SERIES: contextvars.ContextVar[dict[tuple[int, int, str | None], _Whole] | None] = (
    contextvars.ContextVar("hitrack_series", default=None)
)


def _series(
    dataset: model.Dataset, target: model.Target, zone: str | None, as_of: str | None
) -> tuple[list[Point], list[tuple[int, int, int]], list[tuple[tuple[int, int, int], bool]]]:
    """The points up to as_of (None: all), their periods' sort keys, and after each period
    read whether the series is in rates by then."""
    unit = measured_unit(target)
    table = dataset.plan.unit_table
    kind = kinds.kind_of(target)
    rates = False
    points = []
    keys = []
    rates_at = []
    for period, from_zones, actuals, values in _records(dataset, target, zone, as_of):
        if kind.rates_reported and all(v.unit == "%" for v in values):
            unit, rates = "%", True
        key = periods.sort_key(period)
        rates_at.append((key, rates))
        first = values[0]
        converted = None
        if not from_zones:  # the zone's (or the plan's) own value: one
            number = _number(target, first, unit, table)
            if first.value is not None and first.unit not in (None, unit):
                converted = (first.value, first.unit or "")
        elif kind.shares:
            number = _ratio_sum(values, table)
        elif kind.additive:
            numbers = [_number(target, v, unit, table) for v in values]
            known = [n for n in numbers if n is not None]
            number = sum(known, Decimal(0)) if len(known) == len(numbers) else None
        else:
            number = None
        if number is None:
            continue
        if from_zones:
            sample = any(actuals.sample if v.sample is None else v.sample for v in values)
        else:
            sample = actuals.sample if first.sample is None else first.sample
        points.append(
            Point(
                period,
                number,
                sample,
                first.source or actuals.source,
                first.reported or actuals.reported,
                len(values) if from_zones else 0,
                converted,
            )
        )
        keys.append(key)
    return points, keys, rates_at


def conversion_steps(dataset: model.Dataset, unit: str, points: list[Point]) -> list[Step]:
    """--explain: each point reported in another unit, converted exactly through the plan's
    units (an alias such as 个 = 家 included)."""
    table = dataset.plan.unit_table
    steps = []
    for point in points:
        if point.reported_as is None or unit not in table:
            continue
        value, reported = point.reported_as
        if reported not in table or not units.compatible(reported, unit, table):
            continue
        declared = table[reported].declared or table[unit].declared
        steps.append(
            step(
                "unit-declared" if declared else "unit-converted",
                period=point.period,
                value=_fmt(value),
                unit=reported,
                converted=_fmt(point.value),
                target_unit=unit,
                factor=_fmt(units.convert(Decimal(1), reported, unit, table)),
            )
        )
    return steps


# ----------------------------------------------------------------------------- comparison


def _direction(target: model.Target) -> int:
    return -1 if target.comparator in ("lt", "lte") else 1


def stated_threshold(target: model.Target) -> Decimal | None:
    """A relative target's stated level (翻一番，达到120家) in the baseline's unit."""
    stated, baseline = target.stated, target.baseline
    if stated is None or baseline is None or baseline.unit is None:
        return None
    if not units.compatible(stated.unit, baseline.unit):
        return None
    return units.convert(stated.value, stated.unit, baseline.unit)


def _meets_stated(target: model.Target, measure: Decimal) -> bool:
    level = stated_threshold(target)
    if level is None or target.stated is None:
        return True
    return {
        "gt": measure > level,
        "gte": measure >= level,
        "lt": measure < level,
        "lte": measure <= level,
    }[target.stated.comparator]


def required_value(target: model.Target) -> Decimal | None:
    """The value the measure has to reach: the comparator's threshold in the target unit
    (for a doubling with a stated level: the stricter of the two)."""
    found = _required_value(target)
    level = stated_threshold(target)
    if found is None or level is None or target.stated is None:
        return found
    if target.stated.comparator == "gt" and units.is_count(target.stated.unit):
        level += 1
    if target.stated.comparator == "lt" and units.is_count(target.stated.unit):
        level -= 1
    return max(found, level) if _direction(target) > 0 else min(found, level)


def _required_value(target: model.Target) -> Decimal | None:
    comparator, value = target.comparator, target.value
    if comparator == "between":
        return target.low
    if value is None:
        return None
    if kinds.kind_of(target).multiple and target.baseline is not None:
        value = target.baseline.value * value
    if comparator == "approx":
        return value - (target.tolerance or Decimal(0))
    unit = target.unit or ""
    if comparator == "gt" and units.is_count(unit) and not kinds.kind_of(target).multiple:
        return value + 1  # more than 55 enterprises is at least 56
    if comparator == "lt" and units.is_count(unit):
        return value - 1
    return value


def meets(target: model.Target, measure: Decimal) -> bool:
    """Whether `measure` satisfies the target's comparator (approx/between: at or above the
    lower end; the plans use ranges as ambitions, not ceilings)."""
    if not _meets_stated(target, measure):
        return False
    comparator, value = target.comparator, target.value
    if kinds.kind_of(target).multiple and target.baseline is not None and value is not None:
        value = target.baseline.value * value
    if comparator == "gt":
        return value is not None and measure > value
    if comparator == "gte":
        return value is not None and measure >= value
    if comparator == "lt":
        return value is not None and measure < value
    if comparator == "lte":
        return value is not None and measure <= value
    required = required_value(target)
    if required is None or measure < required:
        return False
    return not (comparator == "between" and target.upper_binds and _exceeded(target, measure))


def _exceeded(target: model.Target, measure: Decimal) -> bool:
    if target.comparator == "between" and target.high is not None:
        return measure > target.high
    if target.comparator == "approx" and target.value is not None:
        return measure > target.value + (target.tolerance or 0)
    return False


# ----------------------------------------------------------------------------- trends


def cagr(first: Decimal, last: Decimal, years: Decimal) -> Decimal | None:
    """Compound annual growth rate as a fraction; None when it is undefined."""
    if first <= 0 or last <= 0 or years <= 0:
        return None
    return (last / first) ** (_ONE / years) - _ONE


def project(
    values: list[tuple[Decimal, Decimal]], to: Decimal, *, compound: bool
) -> tuple[Decimal, str] | None:
    """Extend the trend of (time, value) points to time `to`, from the first and the last
    point, and say how: "compound" (the CAGR between them holds; a falling level falls by
    the same share each year and never reaches zero), else "linear" (a straight line, also
    when a CAGR is undefined because a value is zero). A series that is never negative is
    not projected below zero ("linear-floor")."""
    (t0, v0), (t1, v1) = values[0], values[-1]
    if t1 <= t0:
        return None
    if compound and v0 > 0 and v1 > 0:
        # The CAGR between the two points carried on to `to`, as one correctly rounded
        # power: v1 * (v1 / v0) ** ((to - t1) / (t1 - t0)). Going through the rounded rate
        # would round twice more and cost a second fractional power.
        return v1 * (v1 / v0) ** ((to - t1) / (t1 - t0)), "compound"
    slope = (v1 - v0) / (t1 - t0)
    projected = v1 + slope * (to - t1)
    if projected < 0 and all(v >= 0 for _, v in values):
        return Decimal(0), "linear-floor"
    return projected, "linear"


def compound_band(
    first: tuple[Decimal, Decimal],
    last: tuple[Decimal, Decimal],
    to: Decimal,
    origin: Decimal,
    needed: Decimal,
    direction: int,
    edges: Iterable[Decimal],
) -> Decimal | None:
    """A ratio on the same side of every one of `edges` as the progress ratio of the
    compound projection from `first` to `last` (`project`), counted from `origin`, of
    `needed` (> 0): `(v1 * (v1 / v0) ** ((to - t1) / (t1 - t0)) - origin) * direction /
    needed`, as `_projection` computes it; None when the bound below cannot tell.

    The power `q ** y` (the same Decimals q and y as `project`'s) is taken as
    exp(y * ln q) at 12 digits. Each of those three steps is correctly rounded, so the
    result is within (|y ln q| + 1) * 1.2e-11 of `q ** y`, relatively. A ratio is given
    only when the progress made is farther from every edge than about eight times that,
    plus 1e-20 of the operands for the rounding of the full computation: the ratio then
    lies in the band the full computation's does, and the status is the same.
    """
    (t0, v0), (t1, v1) = first, last
    exponent = _BRACKET.multiply(_BRACKET.ln(v1 / v0), (to - t1) / (t1 - t0))
    if abs(exponent) > _BRACKET_MAX_EXPONENT:
        return None
    projected = v1 * _BRACKET.exp(exponent)
    made = (projected - origin) * direction
    size = abs(projected) + abs(origin) + needed
    slack = abs(projected) * (abs(exponent) + 2) * _BRACKET_ERROR + size * _ROUNDING
    for edge in edges:
        if abs(made - edge * needed) <= slack + abs(edge) * needed * _ROUNDING:
            return None
    return made / needed


# ----------------------------------------------------------------------------- assessment


def assess_all(
    dataset: model.Dataset, as_of: str | None = None, zone: str | None = None
) -> list[Assessment]:
    """Every target at `as_of` (default: the latest reported period), for the whole plan or
    for one zone: then the targets that concern it (see `concerns`, `assess_target`)."""
    as_of = as_of or latest_period(dataset)
    targets = dataset.targets.targets
    if zone is not None:
        targets = tuple(t for t in targets if concerns(dataset, t, zone))
    found = (assess_target(dataset, target, as_of, zone) for target in targets)
    return [a for a in found if a is not None]


def concerns(dataset: model.Dataset, target: model.Target, zone: str) -> bool:
    """A target concerns a zone when it applies to each zone, belongs to the zone, or the
    zone reports a value for it; plan-wide figures that no zone reports (the number of
    zones, say) stay in the plan's view only."""
    return target.zone_scope == "each" or target.zone == zone or zone_reports(dataset, target, zone)


def assess_target(
    dataset: model.Dataset, target: model.Target, as_of: str, zone: str | None = None
) -> Assessment | None:
    """One target as status shows it, for one zone or the whole plan: a target that applies
    to each zone is rolled up over the zones; in a zone's view, the zone's value of a
    plan-wide total is its part; None when the target belongs to another zone."""
    if target.zone is not None:
        # A target of one zone is that zone's own: its values are the target's.
        if zone not in (None, target.zone):
            return None
        return dataclasses.replace(assess(dataset, target, as_of), zone=zone)
    if target.zone_scope == "each" and zone is None:
        with only_statuses():
            per_zone = [assess(dataset, target, as_of, z.id) for z in dataset.plan.zones]
        return roll_up(target, as_of, per_zone)
    if zone is not None and target.zone_scope == "total" and kinds.kind_of(target).additive:
        return zone_part(assess(dataset, target, as_of, zone))
    return assess(dataset, target, as_of, zone)


#: Kinds whose zone values add up to the plan's figure: a zone's value is a part of the
#: target, not a rival to it (a zone with 57 of the province's 1600 enterprises is not 4 % done).
ADDITIVE_KINDS = tuple(k.name for k in kinds.KINDS.values() if k.additive)


def zone_part(assessment: Assessment) -> Assessment:
    """A zone's value of a target set for all zones together: shown, not judged."""
    if assessment.actual is None:
        return assessment
    return dataclasses.replace(
        assessment,
        status=Status.NOT_ASSESSABLE,
        **why("zone-part"),
        required=None,
        gap=None,
        percent=None,
        expected=None,
        pace=None,
        projected=None,
        ratio=None,
        met=None,
        exceeded=False,
        steps=(*assessment.steps, step("zone-part")),
    )


def zone_reports(dataset: model.Dataset, target: model.Target, zone: str) -> bool:
    """Whether any actual file reports a value of `target` for `zone`."""
    return any(zone in zones for _, zones in dataset.reported_zones.get(target.id, ()))


def assess_by_zone(
    dataset: model.Dataset, as_of: str | None = None, zones: Iterable[str] | None = None
) -> list[tuple[model.Zone, list[Assessment]]]:
    """For each zone (all, or those named): the targets that concern it, assessed for it."""
    as_of = as_of or latest_period(dataset)
    wanted = None if zones is None else set(zones)
    return [
        (zone, assess_all(dataset, as_of, zone.id))
        for zone in dataset.plan.zones
        if wanted is None or zone.id in wanted
    ]


def roll_up(target: model.Target, as_of: str, per_zone: list[Assessment]) -> Assessment:
    """A target that applies to each zone: how many zones achieved it; status of the worst."""
    met = sum(a.status == Status.ACHIEVED for a in per_zone)
    reported = [a for a in per_zone if a.status != Status.NO_DATA]
    status = min((a.status for a in reported), key=SEVERITY.__getitem__, default=Status.NO_DATA)
    steps = []
    if _STEPS.get():
        steps = [
            step("zone-status", zone=a.zone, status=a.status, actual=_fmt(a.actual))
            for a in per_zone
        ]
        steps.append(step("zones-worst", met=met, zones=len(per_zone)))
    latest = max((a.period for a in reported if a.period), key=periods.sort_key, default=None)
    return Assessment(
        target=target,
        zone=None,
        as_of=as_of,
        deadline=per_zone[0].deadline if per_zone else as_of,
        status=status,
        **why("zones-achieved", met=met, zones=len(per_zone)) if per_zone else why("no-zones"),
        unit="zones",
        actual=Decimal(met),
        period=latest,
        sample=any(a.sample for a in per_zone),
        required=Decimal(len(per_zone)),
        gap=Decimal(len(per_zone) - met),
        percent=Decimal(met) / len(per_zone) * _HUNDRED if per_zone else None,
        met=bool(per_zone) and met == len(per_zone),
        steps=tuple(steps),
    )


def assess(
    dataset: model.Dataset, target: model.Target, as_of: str, zone: str | None = None
) -> Assessment:
    """One target for one zone (or the plan) at `as_of`; a target met only after its
    deadline says so (reason `met-late`, `late`)."""
    found = _assess(dataset, target, as_of, zone)
    window = _window_steps(dataset, target)
    if window:
        found = dataclasses.replace(found, steps=(*window, *found.steps))
    if found.status != Status.ACHIEVED or not (kinds.kind_of(target).dated or found.points):
        return found  # a register without dates: when a platform came is not known
    if periods.sort_key(as_of) <= periods.sort_key(found.deadline):
        return found
    if _assess(dataset, target, found.deadline, zone).met:
        return found
    return dataclasses.replace(
        found,
        **why("met-late", deadline=found.deadline),
        late=True,
        steps=(*found.steps, step("met-late", deadline=found.deadline)),
    )


def _window_steps(dataset: model.Dataset, target: model.Target) -> tuple[Step, ...]:
    """What --explain says first about a target's own window and a baseline from outside
    the plan."""
    plan = dataset.plan
    steps = []
    if (target.start and target.start != plan.start) or (
        target.deadline and target.deadline != plan.deadline
    ):
        steps.append(
            step(
                "own-window",
                start=target.start or plan.start,
                deadline=target.deadline or plan.deadline,
                plan_start=plan.start,
                plan_deadline=plan.deadline,
            )
        )
    baseline = target.baseline
    level = stated_threshold(target)
    if level is not None and baseline is not None and target.value is not None:
        steps.append(
            step(
                "stated-level",
                multiple=_fmt(target.value),
                doubled=_fmt(baseline.value * target.value),
                sign=model.COMPARATOR_SIGNS[target.stated.comparator],  # type: ignore[union-attr]
                level=_fmt(level),
                unit=baseline.unit or "",
                required=_fmt(required_value(target)),
            )
        )
    if baseline is not None and baseline.source is not None and baseline.quote is None:
        steps.append(
            step(
                "baseline-sample" if baseline.sample else "baseline-cited",
                period=baseline.period,
                value=_fmt(baseline.value),
                unit=baseline.unit or target.unit or "",
                source=cited_source(baseline),
            )
        )
    return tuple(steps)


def cited_source(baseline: model.Baseline) -> str:
    """A baseline's source as one line: 《title》, issuer, year, page, url."""
    parts = [f"《{baseline.source}》"]
    parts += [str(p) for p in (baseline.issuer, baseline.year, baseline.page, baseline.url) if p]
    return ", ".join(parts)


def _from_start(target: model.Target, points: list[Point]) -> list[Point]:
    """A target with its own start is judged on the points from the last one at or before
    its start (its origin) on."""
    if target.start is None or kinds.kind_of(target).sums:
        return points
    start = periods.sort_key(target.start)
    before = [i for i, p in enumerate(points) if periods.sort_key(p.period) <= start]
    return points[before[-1] :] if before else points


def _assess(
    dataset: model.Dataset, target: model.Target, as_of: str, zone: str | None = None
) -> Assessment:
    deadline = target.deadline or dataset.plan.deadline
    base = Assessment(
        target=target, zone=zone, as_of=as_of, deadline=deadline, status=Status.NO_DATA
    )
    kind = kinds.kind_of(target)
    if kind.flag:
        return _assess_milestone(dataset, target, base)
    if kind.counted:
        return _assess_register(dataset, target, base)
    if target.against is not None:
        return _assess_against(dataset, target, base)
    points, rates = series(dataset, target, zone, as_of)
    points = _from_start(target, points)
    if not points:
        return dataclasses.replace(
            base,
            **why("no-value", as_of=as_of),
            unit=target.unit,
            required=required_value(target),
        )
    return _Assessor(dataset, target, base, points, rates).run()


def _assess_against(dataset: model.Dataset, target: model.Target, base: Assessment) -> Assessment:
    """A target against a reference series (高于全省平均水平): judged in the latest period
    that both report; not met before the deadline is at risk when the distance to the
    reference shrank since the period before, else off track."""
    from hitrack.engine import references

    reference = references.by_id(dataset).get(target.against or "")
    unit = target.unit or ""
    if reference is None:
        return dataclasses.replace(base, status=Status.NOT_ASSESSABLE, **why("no-reference"))
    own, _ = series(dataset, target, base.zone, base.as_of)
    others, _ = series(dataset, references.as_target(reference), None, base.as_of)
    table = dataset.plan.unit_table
    theirs = {
        p.period: units.convert(p.value, reference.unit, unit, table)
        for p in others
        if units.compatible(reference.unit, unit, table)
    }
    both = [(p, theirs[p.period]) for p in own if p.period in theirs]
    if not own:
        return dataclasses.replace(base, **why("no-value", as_of=base.as_of), unit=unit)
    if not both:
        last = own[-1]
        return dataclasses.replace(
            base,
            status=Status.NOT_ASSESSABLE,
            **why("no-reference-value", reference=reference.name, period=last.period),
            unit=unit,
            actual=last.value,
            period=last.period,
            sample=last.sample,
            reference_name=reference.name,
            points=tuple(own),
        )
    steps = [
        step(
            "against-period",
            period=p.period,
            actual=_fmt(p.value),
            reference=_fmt(value),
            name=reference.name,
            unit=unit,
            margin=_signed(p.value - value),
            met="✔" if references.meets(target, p.value, value) else "✘",
        )
        for p, value in both
    ]
    point, value = both[-1]
    required = references.threshold(target, value)
    met = references.meets(target, point.value, value)
    direction = _direction(target)
    distance = (required - point.value) * direction
    steps.append(
        step(
            "against-met" if met else "against-not-met",
            period=point.period,
            comparator=model.COMPARATOR_SIGNS[target.comparator or "gte"],
            name=reference.name,
            margin=_fmt(target.margin or Decimal(0)),
            required=_fmt(required),
            unit=unit,
        )
    )
    if met:
        status, reason = Status.ACHIEVED, why(None)
    elif periods.sort_key(base.as_of) >= periods.sort_key(base.deadline):
        status, reason = Status.OFF_TRACK, why("missed-deadline", deadline=base.deadline)
    else:
        before = both[-2] if len(both) > 1 else None
        narrowed = before is not None and distance < (
            (references.threshold(target, before[1]) - before[0].value) * direction
        )
        status = Status.AT_RISK if narrowed else Status.OFF_TRACK
        reason = why(
            "against-closing" if narrowed else "against-below",
            reference=reference.name,
            period=point.period,
        )
    return dataclasses.replace(
        base,
        status=status,
        **reason,
        unit=unit,
        actual=point.value,
        period=point.period,
        sample=point.sample or any(p.sample for p in others if p.period == point.period),
        source=point.source,
        reported=point.reported,
        required=required,
        gap=Decimal(0) if met else max(Decimal(0), distance),
        met=met,
        reference=value,
        reference_name=reference.name,
        points=tuple(own),
        steps=tuple(steps),
    )


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + _fmt(value)


def _assess_milestone(dataset: model.Dataset, target: model.Target, base: Assessment) -> Assessment:
    reports = _records(dataset, target, base.zone, base.as_of)
    if not reports:
        return dataclasses.replace(base, **why("not-reported"))
    period, _, actuals, values = reports[-1]
    value = values[0]
    steps = [step("milestone-done" if value.done else "milestone-not-done", period=period)]
    if value.done:
        status, reason = Status.ACHIEVED, why(None)
    elif periods.sort_key(base.as_of) >= periods.sort_key(base.deadline):
        status, reason = Status.OFF_TRACK, why("deadline-passed")
        steps.append(step("milestone-late", deadline=base.deadline))
    else:
        status, reason = Status.NOT_ASSESSABLE, why("not-done-yet")
        steps.append(step("milestone-no-trend"))
    return dataclasses.replace(
        base,
        status=status,
        **reason,
        met=bool(value.done),
        period=period,
        sample=actuals.sample if value.sample is None else value.sample,
        done=value.done,
        evidence=value.evidence,
        source=value.source or actuals.source,
        reported=value.reported or actuals.reported,
        steps=tuple(steps),
    )


def _assess_register(dataset: model.Dataset, target: model.Target, base: Assessment) -> Assessment:
    from hitrack.engine import register

    if dataset.platforms is None or target.register is None:
        return dataclasses.replace(base, status=Status.NOT_ASSESSABLE, **why("no-register"))
    rule = target.register
    chosen = register.matching(dataset.platforms, rule)
    since = _period_start(target.start or dataset.plan.start) if rule.new else None
    counted = register.counted_by(chosen, periods.end_date(base.as_of), since)
    picked = ", ".join(
        f"{k}={getattr(rule, k)}"
        for k in ("category", "level", "min_level", "status")
        if getattr(rule, k) is not None
    ) + (f", new since {since}" if since else "")
    counting = step("register-count", filter=picked, count=len(counted))
    if register.dated(chosen):
        return _assess_dated_register(dataset, target, base, chosen, since, counting)
    count = Decimal(len(counted))
    required = required_value(target)
    met = meets(target, count)
    gap = Decimal(0) if met or required is None else max(Decimal(0), required - count)
    steps = (
        counting,
        step("register-met" if met else "register-not-met", required=_fmt(required)),
    )
    if met:
        status, reason = Status.ACHIEVED, why(None)
    elif periods.sort_key(base.as_of) >= periods.sort_key(base.deadline):
        status, reason = Status.OFF_TRACK, why("missed-deadline", deadline=base.deadline)
    else:
        status, reason = Status.NOT_ASSESSABLE, why("register-undated")
    return dataclasses.replace(
        base,
        status=status,
        unit=target.unit,
        actual=count,
        required=required,
        gap=gap,
        percent=_capped(target, _percent(Decimal(0), count, percent_target(target))),
        met=met,
        sample=any(p.sample for p in counted),
        steps=steps,
        **reason,
    )


def _period_start(text: str) -> datetime.date:
    """The first day of a period."""
    y, q = periods.parse(text)
    return datetime.date(y, 1 if periods.is_year(text) else q * 3 - 2, 1)


def register_points(
    chosen: list[model.Platform], first: int, as_of: str, since: datetime.date | None
) -> list[Point]:
    """The count at the end of each year from `first` to `as_of` (and at `as_of` itself, a
    quarter), counting each platform from its designation date."""
    from hitrack.engine import register

    labels = [str(y) for y in range(first, periods.year(as_of))]
    labels.append(as_of if not periods.is_year(as_of) else str(periods.year(as_of)))
    points = []
    for label in labels:
        counted = register.counted_by(chosen, periods.end_date(label), since)
        points.append(
            Point(label, Decimal(len(counted)), any(p.sample for p in counted), "platforms.yaml")
        )
    return points


def _assess_dated_register(
    dataset: model.Dataset,
    target: model.Target,
    base: Assessment,
    chosen: list[model.Platform],
    since: datetime.date | None,
    counting: Step,
) -> Assessment:
    """A register whose platforms all carry their designation date: its count is a series
    (one point a year from the year before the target's start), judged like a level."""
    first = periods.year(target.start or dataset.plan.start) - 1
    points = register_points(chosen, first, base.as_of, since)
    found = _Assessor(dataset, target, base, points, False).run()
    shown = [p for p in chosen if since is None or (p.designated and p.designated >= since)]
    dates = ", ".join(
        f"{p.id} {p.designated}" for p in sorted(shown, key=lambda p: (str(p.designated), p.id))
    )
    lead = (counting, step("register-dated", dates=dates))
    return dataclasses.replace(found, steps=(*lead, *found.steps))


def _percent(origin: Decimal, actual: Decimal, required: Decimal | None) -> Decimal | None:
    """Progress from origin towards required, in %; the same formula serves both directions."""
    if required is None or required == origin:
        return None
    return (actual - origin) / (required - origin) * _HUNDRED


def percent_target(target: model.Target) -> Decimal | None:
    """What % achieved measures against: the stated value (for approx: not the tolerance's
    lower edge), the lower end of a range, else the required value."""
    if target.comparator == "approx" and target.value is not None:
        if kinds.kind_of(target).multiple and target.baseline is not None:
            return target.baseline.value * target.value
        return target.value
    return required_value(target)


def _capped(target: model.Target, percent: Decimal | None) -> Decimal | None:
    """A range is reached at its lower end; more is not "more than done" (聚焦1-2个: 3 is not
    150%)."""
    if percent is None or target.comparator != "between":
        return percent
    return min(percent, _HUNDRED)


class _Assessor:
    """One numeric target's assessment, written as steps so that --explain can show them."""

    def __init__(
        self,
        dataset: model.Dataset,
        target: model.Target,
        base: Assessment,
        points: list[Point],
        rates: bool,
    ) -> None:
        self.dataset, self.target, self.base = dataset, target, base
        self.points, self.rates = points, rates
        self.steps: list[Step] = []
        self.explaining = _STEPS.get()
        self.only_status = _ONLY_STATUS.get() and not self.explaining
        self.banded = False
        """The status's band was told without the projection (`_compound_band`)."""
        self.thresholds = dataset.targets.thresholds
        self.t_as_of = periods.years_at(base.as_of)
        self.t_deadline = periods.years_at(base.deadline)
        self.direction = _direction(target)
        self.kind = kinds.kind_of(target)
        self.fell = False
        """The origin met the target; the measure has fallen short since."""
        self.used: list[Point] = points[-1:]
        self.missed: list[str] = []
        """For a target held every year: the years it was not met."""
        self.held = 0
        """For a target held every year: how many years were judged."""

    def note(self, code: str, **values: object) -> None:
        if self.explaining:
            self.steps.append(step(code, **values))

    def run(self) -> Assessment:
        target, last = self.target, self.points[-1]
        unit = measured_unit(target) if not self.rates else "%"
        if self.explaining:  # (the steps' values are not even made otherwise)
            self.note(
                "points",
                unit=unit,
                points=", ".join(f"{p.period}={_fmt(p.value)}" for p in self.points),
            )
            self.steps.extend(conversion_steps(self.dataset, unit, self.points))
            summed = [f"{p.period} ({p.zones})" for p in self.points if p.zones]
            if summed:
                self.note("zone-sums", parts=", ".join(summed))
        if target.comparator in model.DIRECTIONS:
            return self._direction(unit)
        measure, trend = self._measure()
        if measure is None:
            return self._without_measure(unit)
        required = required_value(target)
        out_unit = unit if self.kind.multiple else target.unit
        met = meets(target, measure)
        if self.explaining:
            self.note(
                "measure-met" if met else "measure-not-met",
                measure=_fmt(measure),
                unit=out_unit,
                comparator=model.COMPARATOR_SIGNS.get(target.comparator or "", "∈"),
                value=_fmt(target.value)
                if target.value is not None
                else f"[{_fmt(target.low)}, {_fmt(target.high)}]",
                required=_fmt(required),
            )
        if target.every_period:
            # Each year judged on its own (a flow's year-to-date quarter is not a year).
            met = self._hold() and (self.held > 0 or met)
        gap = self._gap(measure, required, met)
        if self.missed:
            gap = None  # a missed year is not made good by closing a gap now
        if target.upper_binds and not met and _exceeded(target, measure):
            gap = measure - (target.high or measure)  # how far above the ceiling
        origin_t, origin = self._origin(trend)
        percent = (
            _capped(target, _percent(self._progress_origin(), measure, percent_target(target)))
            if (self.direction > 0 or target.baseline is not None)
            else None
        )
        # Pace compares the latest value with the path at that value's own time (for a flow:
        # its annualised amount at the end of its year).
        at, paced = self.t_as_of, measure
        if trend and not self.kind.rate:
            at, paced = trend[-1]
        # A target held every year has no path to it: each year is judged on its own.
        expected = None if target.every_period else self._expected(origin_t, origin, required, at)
        pace = None if expected is None else (paced - expected) * self.direction
        if met and pace is not None and pace < 0:
            # An achieved target is not behind: the path to it no longer applies.
            pace = None
        if pace is not None:
            self.note(
                "pace-ahead" if pace >= 0 else "pace-behind",
                expected=_Later(_fmt, expected),
                period=last.period,
                origin=_Later(_fmt, origin),
                actual=_Later(_fmt, paced),
                by=_Later(_fmt, abs(pace)),
            )
        interim = self._interim(trend)
        projected, ratio = self._projection(trend, origin, required, measure)
        status, reason = self._status(met, ratio, trend, measure)
        judged = [i for i in interim if i.met is not None]
        if judged and not judged[-1].met and status != Status.ACHIEVED:
            # Behind the plan's own latest interim value: on track by the trend is at risk.
            if status == Status.ON_TRACK:
                status = Status.AT_RISK
                self.note("path-behind", period=judged[-1].period)
            if reason["reason_code"] is None:
                reason = why(
                    "interim-missed", period=judged[-1].period, value=_fmt(judged[-1].value)
                )
        return dataclasses.replace(
            self.base,
            status=status,
            **reason,
            unit=out_unit,
            actual=measure,
            period=last.period,
            sample=any(p.sample for p in self.used),
            source=last.source,
            reported=last.reported,
            required=required,
            gap=gap,
            percent=percent,
            expected=expected,
            pace=pace,
            projected=projected,
            ratio=None if self.banded else ratio,
            met=met,
            exceeded=_exceeded(target, measure),
            points=tuple(self.points),
            interim=interim,
            missed_years=tuple(self.missed),
            steps=tuple(self.steps),
        )

    def _interim(self, trend: list[tuple[Decimal, Decimal]]) -> tuple[Interim, ...]:
        """Each interim value of the path judged against the measure at its period (the
        trend's value there: a level's value, a cumulative target's total so far)."""
        if not self.target.path:
            return ()
        at = dict(trend)
        found = []
        for point in self.target.path:
            due = periods.sort_key(point.period) <= periods.sort_key(self.base.as_of)
            actual = at.get(periods.years_at(point.period)) if due else None
            met = None if actual is None else (actual - point.value) * self.direction >= 0
            found.append(Interim(point.period, point.value, actual, met, due))
            values = {"period": point.period, "value": _Later(_fmt, point.value)}
            if met is None:
                self.note("path-point-due" if due else "path-point-pending", **values)
            else:
                code = "path-point-met" if met else "path-point-missed"
                self.note(code, **values, actual=_Later(_fmt, actual))
        return tuple(found)

    def _yearly(self, start: int | None) -> list[Point]:
        """One point a year from `start` (all, for None) to the deadline's year: the annual
        figure, else a stock's latest quarter (a flow's quarters are year to date, not a
        year's amount). Years after a target's own deadline are not its years."""
        end = periods.year(self.base.deadline)
        per_year: dict[int, Point] = {}
        for p in self.points:
            year = periods.year(p.period)
            if (
                (start is not None and year < start)
                or year > end
                or (self.target.flow and not periods.is_year(p.period))
            ):
                continue
            held = per_year.get(year)
            if held is None or periods.sort_key(p.period) > periods.sort_key(held.period):
                per_year[year] = p
        return [per_year[y] for y in sorted(per_year)]

    def _direction(self, unit: str) -> Assessment:
        """A direction-only target (逐年增加, 大幅提升): judged on the series, from the origin
        (the baseline, else the first value) to the latest; with `every_period`, each year
        against the one before. Before the deadline the direction seen so far is on track;
        at it, achieved; flat is off track and the wrong way deterioration."""
        target, last = self.target, self.points[-1]
        sign = 1 if target.comparator == "rising" else -1
        yearly = self._yearly(None)
        baseline = target.baseline
        if baseline is not None:
            value = baseline.value
            table = self.dataset.plan.unit_table
            if baseline.unit and units.compatible(baseline.unit, unit, table):
                value = units.convert(value, baseline.unit, unit, table)
            start = periods.sort_key(baseline.period)
            origin = Point(baseline.period, value, baseline.sample)
            yearly = [origin, *(p for p in yearly if periods.sort_key(p.period) > start)]
        if len(yearly) < 2:
            return dataclasses.replace(
                self._without_measure(unit),
                **why("one-point-no-baseline" if baseline is None else "one-point"),
            )
        first, final = yearly[0], yearly[-1]
        change = (final.value - first.value) * sign
        years = periods.years_at(final.period) - periods.years_at(first.period)
        rate = cagr(first.value, final.value, years)
        seen = "flat" if change == 0 else ("rising" if final.value > first.value else "falling")
        shown = {
            "start": first.period,
            "first": _fmt(first.value),
            "end": final.period,
            "last": _fmt(final.value),
            "rate": "-" if rate is None else _fmt(rate * _HUNDRED),
        }
        self.note(f"direction-{seen}", **shown)
        broke: list[str] = []
        if target.every_period:
            pairs = list(itertools.pairwise(yearly))
            broke = [b.period for a, b in pairs if (b.value - a.value) * sign <= 0]
            self.note(
                f"direction-years-{target.comparator}",
                years=_Later(
                    lambda: ", ".join(
                        f"{a.period}→{b.period} {'+' if b.value > a.value else ''}"
                        f"{_fmt(b.value - a.value)} "
                        f"{_TICK[(b.value - a.value) * sign > 0]}"
                        for a, b in pairs
                    )
                ),
            )
        met = change > 0 and not broke
        at_deadline = periods.sort_key(last.period) >= periods.sort_key(self.base.deadline)
        if broke:
            status = Status.OFF_TRACK
            reason = why(f"broke-{target.comparator}", years=", ".join(broke))
        else:
            if met:
                status = Status.ACHIEVED if at_deadline else Status.ON_TRACK
            elif change == 0:
                status = Status.OFF_TRACK
            else:
                status = Status.DETERIORATION
            reason = why(f"seen-{seen}", **shown)
        self.used = [first, final] if first in self.points else [final]
        return dataclasses.replace(
            self.base,
            status=status,
            **reason,
            unit=target.unit,
            actual=last.value,
            period=last.period,
            sample=any(p.sample for p in (first, final)),
            source=last.source,
            reported=last.reported,
            met=met,
            points=tuple(self.points),
            missed_years=tuple(broke),
            steps=tuple(self.steps),
        )

    def _hold(self) -> bool:
        """A target held every year: each year of its window judged on its own (its annual
        figure, else a stock's latest quarter; a flow's quarters are year to date and are not
        judged). Sets `missed` and `held`; True when every year holds."""
        start = periods.year(self.target.start or self.dataset.plan.start)
        judged = [(p, meets(self.target, p.value)) for p in self._yearly(start)]
        self.missed = [p.period for p, ok in judged if not ok]
        self.held = len(judged)
        self.note(
            "hold-missed" if self.missed else "hold-years",
            years=_Later(
                lambda: ", ".join(f"{p.period}={_fmt(p.value)} {_TICK[ok]}" for p, ok in judged)
            ),
            missed=", ".join(self.missed),
        )
        return not self.missed

    def _without_measure(self, unit: str) -> Assessment:
        """A growth target whose rate is undefined: no rate, gap or pace is invented."""
        last = self.points[-1]
        if len(self.points) < 2 and self.target.baseline is None:
            reason = why("one-point-no-baseline")
        else:
            reason = why("no-growth-rate")
        return dataclasses.replace(
            self.base,
            status=Status.NOT_ASSESSABLE,
            **reason,
            unit=unit,
            period=last.period,
            sample=last.sample,
            source=last.source,
            reported=last.reported,
            required=required_value(self.target),
            points=tuple(self.points),
            steps=tuple(self.steps),
        )

    def _measure(self) -> tuple[Decimal | None, list[tuple[Decimal, Decimal]]]:
        """The measure (None: a growth rate that is undefined), and the (time, value) trend
        to project it with. Sets `used`: the points the measure is made of."""
        points = self.points
        self.used = [points[-1]]
        trend = self._trend()
        if self.kind.sums:
            return self._cumulative()
        if self.kind.rate and not self.rates:
            baseline = self._baseline_point()
            if baseline is not None and baseline[0] < trend[0][0]:
                trend, code = [baseline, *trend], "cagr-from-baseline"
                start = self.target.baseline.period  # type: ignore[union-attr]
            else:
                code, start = "cagr", points[0].period
                self.used = [points[0], points[-1]]
            (first_t, first), (last_t, last) = trend[0], trend[-1]
            rate = cagr(first, last, last_t - first_t)
            if rate is None:
                self.note("no-growth-rate")
                return None, []
            measure = rate * _HUNDRED
            self.note(
                code,
                start=start,
                end=points[-1].period,
                last=_Later(_fmt, last),
                first=_Later(_fmt, first),
                years=_Later(_fmt, last_t - first_t),
                rate=_Later(_fmt, measure),
            )
            return measure, trend
        baseline = self._baseline_point()
        if baseline is not None and baseline[0] < trend[0][0]:
            trend = [baseline, *trend]
        return points[-1].value, trend

    def _trend(self) -> list[tuple[Decimal, Decimal]]:
        """The points on the time axis. A flow (an amount per year) reported for a quarter is
        year to date: it counts as its annualised amount at the end of its year, and only the
        latest figure of each year is kept."""
        if not self.target.flow:
            return [(periods.years_at(p.period), p.value) for p in self.points]
        per_year: dict[int, tuple[Decimal, Decimal]] = {}
        for p in self.points:
            year, quarter = periods.parse(p.period)
            value = p.value if periods.is_year(p.period) else p.value * 4 / quarter
            per_year[year] = (Decimal(year + 1), value)
        trend = [per_year[year] for year in sorted(per_year)]
        last = self.points[-1]
        if not periods.is_year(last.period):
            self.note(
                "year-to-date",
                period=last.period,
                value=_Later(_fmt, last.value),
                quarter=periods.parse(last.period)[1],
                annual=_Later(_fmt, trend[-1][1]),
            )
        return trend

    def _baseline_point(self) -> tuple[Decimal, Decimal] | None:
        baseline = self.target.baseline
        if baseline is None:
            return None
        value = baseline.value
        unit = measured_unit(self.target)
        table = self.dataset.plan.unit_table
        if (
            baseline.unit
            and not self.kind.multiple
            and units.compatible(baseline.unit, unit, table)
        ):
            value = units.convert(value, baseline.unit, unit, table)
        return periods.years_at(baseline.period), value

    def _cumulative(self) -> tuple[Decimal, list[tuple[Decimal, Decimal]]]:
        """Sum per year: the annual figure, else the year's latest quarter (year to date)."""
        start = periods.year(self.target.start or self.dataset.plan.start)
        per_year: dict[int, Point] = {}
        for p in self.points:
            year = periods.year(p.period)
            if year < start:
                continue
            held = per_year.get(year)
            if held is None or periods.sort_key(p.period) > periods.sort_key(held.period):
                per_year[year] = p
        self.used = list(per_year.values()) or [self.points[-1]]
        total = Decimal(0)
        trend: list[tuple[Decimal, Decimal]] = [(Decimal(start), Decimal(0))]
        for year in sorted(per_year):
            total += per_year[year].value
            trend.append((periods.years_at(per_year[year].period), total))
        parts = " + ".join(
            f"{_fmt(per_year[y].value)} ({per_year[y].period})" for y in sorted(per_year)
        )
        self.note("cumulative", start=start, parts=parts or "0", total=_Later(_fmt, total))
        return total, trend

    def _origin(
        self, trend: list[tuple[Decimal, Decimal]]
    ) -> tuple[Decimal | None, Decimal | None]:
        if self.kind.rate:
            return Decimal(0), Decimal(0)
        if trend:
            return trend[0]
        return None, None

    def _progress_origin(self) -> Decimal:
        """% achieved runs from the baseline when there is one, else from zero."""
        baseline = self._baseline_point()
        if baseline is None or self.kind.rate:
            return Decimal(0)
        return baseline[1]

    def _gap(self, measure: Decimal, required: Decimal | None, met: bool) -> Decimal | None:
        if required is None:
            return None
        if met:
            return Decimal(0)
        gap = (required - measure) * self.direction
        # gt/lt on amounts: reaching the value itself is not enough; the gap is still 0+.
        return max(gap, Decimal(0))

    def _expected(
        self,
        origin_t: Decimal | None,
        origin: Decimal | None,
        required: Decimal | None,
        at: Decimal,
    ) -> Decimal | None:
        """The value on the straight path from the origin to the target, at time `at`."""
        if origin_t is None or origin is None or required is None:
            return None
        span = self.t_deadline - origin_t
        if span <= 0 or at <= origin_t:
            return None
        share = min(_ONE, (at - origin_t) / span)
        if self.kind.rate:
            return required  # the rate expected at any time on a compound path
        if self.target.path:
            return self._on_path(origin_t, origin, required, at)
        return origin + (required - origin) * share

    def _on_path(
        self, origin_t: Decimal, origin: Decimal, required: Decimal, at: Decimal
    ) -> Decimal:
        """The value expected at `at` on the plan's own path: straight between its interim
        values, from the origin to the first and from the last to the target."""
        knots = [(origin_t, origin)]
        knots += [
            (periods.years_at(p.period), p.value)
            for p in self.target.path
            if origin_t < periods.years_at(p.period) < self.t_deadline
        ]
        knots.append((self.t_deadline, required))
        self.note(
            "path",
            path=_Later(lambda: ", ".join(f"{p.period}={_fmt(p.value)}" for p in self.target.path)),
            deadline=self.base.deadline,
            required=_Later(_fmt, required),
        )
        for (t0, v0), (t1, v1) in itertools.pairwise(knots):
            if at <= t1:
                return v0 + (v1 - v0) * (at - t0) / (t1 - t0)
        return required

    def _projection(
        self,
        trend: list[tuple[Decimal, Decimal]],
        origin: Decimal | None,
        required: Decimal | None,
        measure: Decimal,
    ) -> tuple[Decimal | None, Decimal | None]:
        if len(trend) < 2 or required is None or origin is None:
            return None, None
        projection = self.kind.projection
        if projection == "rate":
            if required <= 0:
                return None, None
            self.note(
                "projection-rate", rate=_Later(_fmt, measure), required=_Later(_fmt, required)
            )
            return measure, measure / required
        if self.thresholds.method == "opensdg" and projection != "average":
            return self._opensdg(trend, required)
        if projection == "average":
            (t0, _), (t1, total) = trend[0], trend[-1]
            years = t1 - t0
            if years <= 0:
                return None, None
            projected = total + total / years * (self.t_deadline - t1)
            self.note(
                "projection-average",
                total=_Later(_fmt, total),
                average=_Later(_fmt, total / years),
                years=_Later(_fmt, self.t_deadline - t1),
                projected=_Later(_fmt, projected),
            )
        else:
            if self.only_status and projection == "compound":
                told, band = self._compound_band(trend, origin, required)
                if told:
                    self.banded = True
                    return None, band
            found = project(trend, self.t_deadline, compound=projection == "compound")
            if found is None:
                return None, None
            projected, how = found
            (t0, v0), (t1, v1) = trend[0], trend[-1]
            self.note(
                f"projection-{how}",
                deadline=self.base.deadline,
                first=_Later(_fmt, v0),
                last=_Later(_fmt, v1),
                years=_Later(_fmt, t1 - t0),
                count=len(trend),
                projected=_Later(_fmt, projected),
            )
        counted = self._counted_from(trend, origin, required)
        if counted is None:
            return projected, None
        origin, needed = counted
        made = (projected - origin) * self.direction
        ratio = made / needed
        self.note(
            "progress-ratio",
            made=_Later(_fmt, made),
            needed=_Later(_fmt, needed),
            ratio=_Later(_fmt, ratio),
        )
        return projected, ratio

    def _counted_from(
        self, trend: list[tuple[Decimal, Decimal]], origin: Decimal, required: Decimal
    ) -> tuple[Decimal, Decimal] | None:
        """The origin progress is counted from, and the progress needed from it (positive);
        None when none is needed."""
        needed = (required - origin) * self.direction
        if needed <= 0:
            # The origin already met the target and the measure has since fallen short (75
            # then 70 against >= 72): progress is counted from the latest value instead.
            origin = trend[-1][1]
            needed = (required - origin) * self.direction
            if needed <= 0:
                return None
            self.fell = True
            self.note("origin-met", origin=_Later(_fmt, origin))
        return origin, needed

    def _compound_band(
        self, trend: list[tuple[Decimal, Decimal]], origin: Decimal, required: Decimal
    ) -> tuple[bool, Decimal | None]:
        """For an assessment that only gives its status (see `only_statuses`): whether the
        band of the compound projection's ratio could be told without its 28-digit power
        (`compound_band`), and a ratio in that band (None when no progress is needed, as
        in `_projection`). When it cannot be told, the ratio is computed in full."""
        (t0, v0), (t1, v1) = trend[0], trend[-1]
        if t1 <= t0 or v0 <= 0 or v1 <= 0:
            return False, None
        counted = self._counted_from(trend, origin, required)
        if counted is None:
            return True, None
        origin, needed = counted
        edges = (_ZERO, *self._bands())
        ratio = compound_band(
            (t0, v0), (t1, v1), self.t_deadline, origin, needed, self.direction, edges
        )
        return ratio is not None, ratio

    def _opensdg(
        self, trend: list[tuple[Decimal, Decimal]], required: Decimal
    ) -> tuple[Decimal | None, Decimal | None]:
        """Open SDG's progress calculation: the observed CAGR from the origin to the latest
        value over the CAGR the target requires from the origin to the deadline."""
        (t0, x0), (t1, xt) = trend[0], trend[-1]
        observed = cagr(x0, xt, t1 - t0)
        needed = cagr(x0, required, self.t_deadline - t0)
        if observed is None or needed is None or needed == 0:
            self.note("opensdg-undefined")
            return None, None
        ratio = observed / needed
        projected = xt * (_ONE + observed) ** (self.t_deadline - t1)
        self.note(
            "opensdg-ratio",
            observed=_Later(_fmt, observed * _HUNDRED),
            needed=_Later(_fmt, needed * _HUNDRED),
            ratio=_Later(_fmt, ratio),
        )
        return projected, ratio

    def _bands(self) -> tuple[Decimal, Decimal]:
        if self.thresholds.method == "opensdg":
            return OPENSDG_BANDS
        return self.thresholds.on_track, self.thresholds.at_risk

    def _status(
        self,
        met: bool,
        ratio: Decimal | None,
        trend: list[tuple[Decimal, Decimal]],
        measure: Decimal,
    ) -> tuple[Status, Why]:
        target, last = self.target, self.points[-1]
        if self.missed:
            return Status.OFF_TRACK, why("held-missed", years=", ".join(self.missed))
        before_deadline = periods.sort_key(last.period) < periods.sort_key(self.base.deadline)
        if met and target.every_period and before_deadline:
            return Status.ON_TRACK, why("held-so-far", years=self.held, deadline=self.base.deadline)
        if met:
            above = _exceeded(target, measure) and not self.kind.rate
            return Status.ACHIEVED, why("above-range" if above else None)
        if target.comparator == "between" and target.upper_binds and _exceeded(target, measure):
            self.note("over-range", high=_Later(_fmt, target.high))
            return Status.OFF_TRACK, why("over-range", high=_fmt(target.high))
        awaiting = periods.sort_key(last.period) < periods.sort_key(self.base.deadline)
        if self.t_as_of >= self.t_deadline and not awaiting:
            return Status.OFF_TRACK, why("missed-deadline", deadline=self.base.deadline)
        if len(trend) < 2:
            if self.t_as_of >= self.t_deadline:
                return Status.NOT_ASSESSABLE, why(
                    "awaits-final-one-point", deadline=self.base.deadline, period=last.period
                )
            return Status.NOT_ASSESSABLE, why(
                "one-point-no-baseline" if target.baseline is None else "one-point"
            )
        if ratio is None:
            return Status.NOT_ASSESSABLE, why("no-trend")
        if self.t_as_of >= self.t_deadline:
            self.note("awaits-final", deadline=self.base.deadline, period=last.period)
            reason = why("awaits-final", deadline=self.base.deadline, period=last.period)
        elif self.fell:
            reason = why("fell-below")
        else:
            reason = why(None)
        on_track, at_risk = self._bands()
        if ratio < 0:
            return Status.DETERIORATION, reason
        if ratio >= on_track:
            return Status.ON_TRACK, reason
        if ratio >= at_risk:
            return Status.AT_RISK, reason
        return Status.OFF_TRACK, reason


#: Kinds whose levels are projected by compounding (growth and decline by a constant share).
COMPOUNDING_KINDS = tuple(k.name for k in kinds.KINDS.values() if k.projection == "compound")
#: Open SDG's bands of the growth-rate ratio: on track, at risk (moderate progress); off
#: track below; deterioration below 0.
OPENSDG_BANDS = (Decimal("0.95"), Decimal("0.6"))


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "-"
    return format_decimal(value)


def format_decimal(value: Decimal, places: int = 2) -> str:
    """Up to `places` decimals, no trailing zeros, no exponent: 2.5, 55, 0.9.

    A small non-zero value keeps two significant digits rather than showing as 0.
    """
    if value and value.adjusted() < -places:
        places = -value.adjusted() + 1
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum) if value.adjusted() < 20 else value
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def worst_first(assessments: Iterable[Assessment]) -> list[Assessment]:
    return sorted(assessments, key=lambda a: (SEVERITY[a.status], a.target.id))
