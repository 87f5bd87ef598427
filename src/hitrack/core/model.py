"""The data model (schema ``hitrack/v1``): frozen dataclasses validated by Pydantic v2.

The classes are standard-library dataclasses so that the commands that only read already
validated data (``status`` from the cache) never import Pydantic; ``validate.py`` builds a
Pydantic ``TypeAdapter`` over them. ``__pydantic_config__`` forbids unknown fields, and each
field's docstring becomes its description in the published JSON Schema (``hitrack schema``).

Field types carry small markers (``NUMBER``, ``ID``, ...) whose validators raise errors with
the stable problem codes of ``problems.py``. They import pydantic_core only when Pydantic
builds the schema.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import itertools
import operator
import re
from collections.abc import Collection, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, overload

from hitrack.core import tokens, units
from hitrack.core.problems import Said, said
from hitrack.core.units import Table as UnitTable

SCHEMA_VERSION = "hitrack/v1"

Comparator = Literal["gt", "gte", "lt", "lte", "approx", "between", "rising", "falling"]
Kind = Literal["level", "growth", "ratio", "relative", "cumulative", "milestone", "register"]
Level = Literal["national", "provincial", "municipal", "unspecified"]
BuildStatus = Literal["built", "planned"]
ZoneScope = Literal["total", "each"]
Method = Literal["hitrack", "opensdg"]
OwnerRole = Literal["lead", "cooperating"]

COMPARATORS: tuple[str, ...] = Comparator.__args__  # type: ignore[attr-defined]
COMPARATOR_SIGNS = {"gt": ">", "gte": "≥", "lt": "<", "lte": "≤", "approx": "≈"}
"""How a comparator reads in front of a number (`between` reads as a range)."""
DIRECTIONS: tuple[str, ...] = ("rising", "falling")
"""The comparators of a direction-only target (逐年增加, 大幅提升): no value, judged on the
series' direction."""
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

# Field docstrings become descriptions only for the published schema (`documented`): reading
# them parses every class's source, which would triple the cost of building the validators.
_CONFIG: Any = {"extra": "forbid"}
_NUMBER_TEXT_RE = re.compile(r"^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS.update({"七": 7, "八": 8, "九": 9})
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def chinese_numeral(text: str) -> int | None:
    """The value of a Chinese numeral such as 五十五 or 一千六百, else None."""
    text = text.strip()
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    total, section, digit = 0, 0, None
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
            continue
        scale = _CN_UNITS[char]
        if scale == 10000:
            total += (section + (digit or 0)) * scale
            section = 0
        else:
            section += (1 if digit is None else digit) * scale
        digit = None
    return total + section + (digit or 0)


class Marker:
    """An `Annotated` marker that validates with a plain function (see subclasses)."""

    def json_type(self) -> dict[str, Any]:
        return {"type": "string"}

    def check(self, value: Any) -> Any:
        raise NotImplementedError

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import PydanticCustomError, core_schema

        check = self.check
        # Ids, units, periods and dates repeat on every record of a large file; remembering
        # the texts already found valid saves a Python check per field (bounded, in-process).
        valid: dict[str, Any] = {}

        def validate(value: Any) -> Any:
            if type(value) is str:
                known = valid.get(value)
                if known is not None:
                    return known
            try:
                result = check(value)
            except Invalid as err:
                said = err.message
                if isinstance(said, Said):  # its key and parameters, for the other language
                    raise PydanticCustomError(
                        err.code, str(said), {"said": (said.key, said.params)}
                    ) from None
                raise PydanticCustomError(err.code, err.message) from None
            if type(value) is str and len(valid) < 65536:
                valid[value] = result
            return result

        return core_schema.no_info_plain_validator_function(validate)

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        return self.json_type()


class Invalid(Exception):
    """What a marker's `check` raises for a value it refuses: a problem code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        # Raised without a context, Pydantic leaves the message as it is: no brace escaping.
        self.code, self.message = code, message


class _Number(Marker):
    def json_type(self) -> dict[str, Any]:
        # JSON has no NaN or infinity; the bounds are those of `check` (at most 18 digits).
        return {"type": "number", "exclusiveMinimum": -(10**18), "exclusiveMaximum": 10**18}

    def check(self, value: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
            raise Invalid("wrong-type", said("expected-number", got=_describe(value)))
        if isinstance(value, str):
            if value.strip().lower().lstrip("+-.") in {"nan", "inf", "infinity"}:
                raise Invalid("not-finite", said("not-finite"))
            raise Invalid("not-a-number", _number_hint(value))
        number = Decimal(value)
        if not number.is_finite():
            raise Invalid("not-finite", said("not-finite"))
        # adjusted() is the exponent of the leading digit; unlike abs() and comparisons it
        # cannot overflow on 1e999999999.
        if number and number.adjusted() >= 18:
            too_large = said("number-too-large", number=_short_number(number))
            raise Invalid("invalid-value", too_large)
        if number.as_tuple().exponent < -18:  # type: ignore[operator]
            raise Invalid("invalid-value", said("too-many-decimals", number=_short_number(number)))
        return number


class _Count(_Number):
    def json_type(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": 0, "exclusiveMaximum": 10**18}

    def check(self, value: Any) -> Decimal:
        number = super().check(value)
        if number < 0 or number != number.to_integral_value():
            raise Invalid("invalid-value", said("expected-count", got=value))
        return number


class _Text(Marker):
    def __init__(self, max_length: int, *, multiline: bool = False) -> None:
        self.max_length, self.multiline = max_length, multiline

    def json_type(self) -> dict[str, Any]:
        # Not empty and not blank, as `check` requires.
        return {"type": "string", "minLength": 1, "maxLength": self.max_length, "pattern": r"\S"}

    def check(self, value: Any) -> str:
        text = self.text(value)
        hidden = tokens.hidden_character(text, multiline=self.multiline)
        if hidden is not None:
            at, what = hidden
            raise Invalid("hidden-character", said("hidden-character", at=at + 1, what=what))
        return text

    def text(self, value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid("wrong-type", said("expected-text", got=_describe(value)))
        if not value.strip():
            raise Invalid("invalid-value", said("empty-text"))
        if len(value) > self.max_length:
            raise Invalid(
                "invalid-value",
                said("text-too-long", length=len(value), limit=self.max_length),
            )
        return value


class _Id(_Text):
    def __init__(self) -> None:
        super().__init__(64)

    def json_type(self) -> dict[str, Any]:
        return {"type": "string", "pattern": tokens.ID_SCHEMA, "maxLength": 64}

    def check(self, value: Any) -> str:
        text = self.text(value)
        if not tokens.is_id(text):
            raise Invalid(
                "invalid-id",
                said("invalid-id", text=repr(text)),
            )
        return text


class _Period(Marker):
    def json_type(self) -> dict[str, Any]:
        # A pattern constrains only strings: an unquoted year is an integer of four digits.
        return {
            "anyOf": [
                {"type": "string", "pattern": tokens.PERIOD_SCHEMA},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }

    def check(self, value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not tokens.is_period(value):
            raise Invalid(
                "invalid-period",
                said("invalid-period", text=repr(value)),
            )
        return value


class _Unit(Marker):
    def json_type(self) -> dict[str, Any]:
        # The built-in units, or any unit token a plan declares in plan.units.
        return {
            "anyOf": [
                {"type": "string", "enum": list(units.UNITS)},
                {"type": "string", "pattern": tokens.UNIT_SCHEMA, "maxLength": tokens.UNIT_LENGTH},
            ]
        }

    def check(self, value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid("wrong-type", said("expected-unit", got=_describe(value)))
        # A unit hitrack does not know may be one the plan declares: `check` looks it up
        # in plan.units (unknown-unit there, at the same place).
        if value not in units.UNITS and not tokens.is_unit(value):
            known = ", ".join(units.UNITS)
            raise Invalid("unknown-unit", said("unknown-unit", text=repr(value), known=known))
        return value


class _Flag(Marker):
    def json_type(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def check(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise Invalid("wrong-type", said("expected-flag", got=_describe(value)))
        return value


class _Date(Marker):
    def json_type(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}

    def check(self, value: Any) -> datetime.date:
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise Invalid("invalid-value", said("expected-date", got=_describe(value)))


class _Sha256(Marker):
    def json_type(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^[0-9a-f]{64}$"}

    def check(self, value: Any) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{64}", value):
            raise Invalid(
                "invalid-value",
                f"expected a SHA-256 as 64 lowercase hex digits (`sha256sum FILE`), got "
                f"{_describe(value)}",
            )
        return value


class _Url(_Text):
    def __init__(self) -> None:
        super().__init__(2000)

    def json_type(self) -> dict[str, Any]:
        return {"type": "string", "pattern": _URL_SCHEMA, "maxLength": 2000}

    def check(self, value: Any) -> str:
        text = self.text(value)
        if not re.fullmatch(_URL_SCHEMA, text):
            raise Invalid(
                "invalid-value",
                f"{_describe(text)} is not a web address: write it as https://... (or http://), "
                "printable ASCII only, no spaces",
            )
        return text


_URL_SCHEMA = r"^https?://[!-~]+$"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return f"the text {shown!r}"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return str(value)


def _short_number(number: Decimal) -> str:
    text = str(number)
    return text if len(text) <= 40 else f"{text[:12]}…({len(text)} characters)"


def _number_hint(text: str) -> str:
    if any("０" <= char <= "９" or char in "．－＋" for char in text):
        import unicodedata

        meant = unicodedata.normalize("NFKC", text).strip()
        if _NUMBER_TEXT_RE.match(meant) and meant.isascii():
            return said("full-width-digits", text=repr(text), meant=meant)
    if _NUMBER_TEXT_RE.match(text) and text.isascii():
        return said("quoted-number", text=repr(text))
    stripped = text.strip()
    for suffix in ("家", "项", "个", "件", "亿元", "万元", "元", "%"):
        if stripped.endswith(suffix) and _NUMBER_TEXT_RE.match(stripped[: -len(suffix)]):
            number = stripped[: -len(suffix)]
            return said("number-with-unit", text=repr(text), number=number, unit=suffix)
    numeral = chinese_numeral(text)
    if numeral is not None:
        return said("chinese-numeral", text=repr(text), number=numeral)
    try:
        Decimal(text.replace(",", ""))
    except InvalidOperation:
        return said("expected-number", got=_describe(text))
    return said("thousands-separator", text=repr(text))


NUMBER = _Number()
COUNT = _Count()
ID = _Id()
PERIOD = _Period()
UNIT = _Unit()
FLAG = _Flag()
DATE = _Date()
SHA256 = _Sha256()
URL = _Url()
NAME = _Text(200)
TEXT = _Text(2000, multiline=True)

Number = Annotated[Decimal, NUMBER]
Count = Annotated[Decimal, COUNT]
Id = Annotated[str, ID]
Period = Annotated[str, PERIOD]
UnitSymbol = Annotated[str, UNIT]
Flag = Annotated[bool, FLAG]
Date = Annotated[datetime.date, DATE]
Sha256 = Annotated[str, SHA256]
Url = Annotated[str, URL]
Name = Annotated[str, NAME]
Text = Annotated[str, TEXT]
Schema = Literal["hitrack/v1"]


class _Record:
    """Base of the file records: Pydantic reads this config, which forbids unknown fields."""

    __pydantic_config__: ClassVar[Any] = _CONFIG


@contextlib.contextmanager
def documented() -> Iterator[None]:
    """Within it, schemas built from the records carry each field's docstring."""
    _Record.__pydantic_config__ = {**_CONFIG, "use_attribute_docstrings": True}
    try:
        yield
    finally:
        _Record.__pydantic_config__ = _CONFIG


# ---------------------------------------------------------------------------- targets.yaml


@dataclasses.dataclass(frozen=True)
class Zone(_Record):
    """A zone of a multi-zone plan (a high-tech zone of a province)."""

    id: Id
    """Stable kebab-case id, used by actual values' `zone`."""
    name: Name
    """The zone's Chinese name (沈阳高新区)."""
    name_en: Name | None = None
    """The zone's English name."""


@dataclasses.dataclass(frozen=True)
class Owner(_Record):
    """A department the plan makes responsible for targets (a lead or cooperating unit)."""

    id: Id
    """Stable kebab-case id, used by targets' `owners`."""
    name: Name
    """The department as the plan names it (区科技局)."""
    name_en: Name | None = None
    """The department's English name."""


@dataclasses.dataclass(frozen=True)
class Quantity(_Record):
    """A number with its unit."""

    value: Number
    """The number."""
    unit: UnitSymbol
    """Its unit."""


@dataclasses.dataclass(frozen=True)
class DeclaredUnit(_Record):
    """A unit the plan uses that hitrack does not know (件/万人, 万平方米, 亿美元, 个百分点,
    所, 台套): exactly one of `dimension`, `count` or `equals` says what it measures."""

    symbol: UnitSymbol
    """How the unit is written in targets and actuals (件/万人)."""
    name_en: Name | None = None
    """The unit in English (patents per 10,000 people)."""
    dimension: Id | None = None
    """A new dimension of which this unit is the base (per-10k-people): other units convert
    to it only by `equals`."""
    count: Flag = False
    """True for a counting word (所, 名, 台套): its values are whole numbers, and it converts
    to no other counting word unless one is declared `equals` to it."""
    equals: Quantity | None = None
    """One of this unit is exactly `value` of `unit`, a built-in unit or one declared above
    (万平方米: {value: 0.01, unit: 平方公里}); it then converts like that unit. A built-in
    counting word may be declared equal to another (个 as 家: {value: 1, unit: 家}) when the
    plan's statistics use them for the same things."""


@dataclasses.dataclass(frozen=True)
class PlanSection(_Record):
    """A chapter (or part of one) of the plan, grouping targets."""

    id: Id
    """Stable kebab-case id, used by targets' `section`."""
    title: Name
    """The heading as the plan writes it (三、重点任务); traced to the source document."""
    title_en: Name | None = None
    """The heading in English."""


@dataclasses.dataclass(frozen=True)
class OwnerRef(_Record):
    """One department responsible for a target, and its role."""

    id: Id
    """A department id of plan.owners."""
    role: OwnerRole = "lead"
    """lead (牵头) or cooperating (配合, 参与)."""


@dataclasses.dataclass(frozen=True)
class Thresholds(_Record):
    """Bands of projected/required progress that set a target's status."""

    on_track: Number = Decimal("0.95")
    """At or above this ratio of projected to required progress: on track."""
    at_risk: Number = Decimal("0.5")
    """At or above this (and below on_track): at risk. Below: off track; below 0 (moving
    away from the target): deterioration."""
    method: Method = "hitrack"
    """hitrack: projected / required progress in amounts; opensdg: Open SDG's ratio of the
    observed to the required compound growth rate, with Open SDG's bands 0.95 / 0.6 / 0
    (on_track and at_risk are then ignored)."""


@dataclasses.dataclass(frozen=True)
class Plausibility(_Record):
    """How far a reported value may stray before `check` warns that it looks mistyped."""

    jump: Number = Decimal(10)
    """A value more than this many times (or under a this-th of) the same series' other
    periods is an `implausible-jump` warning; 0 turns the rule off."""
    scale_slack: Number = Decimal(3)
    """A value within this factor of 10,000 or 100,000,000 times (or a 10,000th, ...) its
    reference is a `unit-scale` warning: a figure in 万元 typed in a 亿元 column."""


@dataclasses.dataclass(frozen=True)
class Plan(_Record):
    """The plan document the targets come from."""

    id: Id
    """Stable kebab-case id of the plan."""
    title: Name
    """The document's title, in its own language."""
    issuer: Name
    """The body that issued the document."""
    start: Period
    """First period of the plan window (the base year of its averages)."""
    deadline: Period
    """Last period of the plan window; targets without their own deadline use it."""
    title_en: Name | None = None
    """The title in English."""
    document_number: Name | None = None
    """The document number (文号), e.g. 本高党政办发〔2019〕59号."""
    issued: Date | None = None
    """The date of issue."""
    source: Name | None = None
    """File name of the source document the quotes come from, in the data directory's
    `sources/` folder."""
    source_sha256: Sha256 | None = None
    """The SHA-256 of the source document (`sha256sum sources/FILE`): a changed, re-encoded
    or swapped document is an error, so editing the source cannot hide an edited quote."""
    zones: tuple[Zone, ...] = ()
    """The zones of a multi-zone plan."""
    owners: tuple[Owner, ...] = ()
    """The departments the plan makes responsible for its targets (区科技局, 区财政局), for
    targets' `owners`."""
    sections: tuple[PlanSection, ...] = ()
    """The chapters of the plan that group its targets, for targets' `section`."""
    units: tuple[DeclaredUnit, ...] = ()
    """The plan's own units, which hitrack does not know (件/万人, 万平方米, 亿美元): each a
    new dimension, a counting word or an exact multiple of a known unit."""
    note: Text | None = None
    """Free text."""

    @property
    def unit_table(self) -> UnitTable:
        """The built-in units with the plan's own."""
        return units.declared_table(self.units)


@dataclasses.dataclass(frozen=True)
class Baseline(_Record):
    """The value a target is measured from."""

    value: Number
    """The baseline value, in `unit` (or the target's unit)."""
    period: Period
    """The period the baseline value belongs to."""
    unit: UnitSymbol | None = None
    """The baseline's unit; required for `relative` targets."""
    quote: Text | None = None
    """The sentence the baseline comes from."""
    source: Text | None = None
    """Where a baseline the document does not state comes from: the title of the statistical
    bulletin or yearbook (辽宁统计年鉴2017); such a baseline has no `quote`, is not traced to
    the document, and is shown with its source."""
    issuer: Name | None = None
    """Who publishes the `source` (辽宁省统计局)."""
    year: Period | None = None
    """The year the `source` was published (a yearbook of 2017 holds 2016's figures)."""
    page: Name | None = None
    """Where in the `source` the figure stands (a page, a table: 第86页, 表3-2)."""
    url: Url | None = None
    """Where the `source` can be read online (https://...)."""
    sample: Flag = False
    """True for an illustrative baseline standing in for a statistic still to be looked up
    (like a sample actual value); it then needs no issuer, year or page."""


@dataclasses.dataclass(frozen=True)
class StatedLevel(_Record):
    """A level a `relative` target also states (翻一番，达到120家): both must hold."""

    comparator: Literal["gt", "gte", "lt", "lte"]
    """gt, gte, lt or lte, in the same direction as the target's comparator."""
    value: Number
    """The stated level, in `unit`; it must appear in the target's quote."""
    unit: UnitSymbol
    """The level's unit; it must convert to the baseline's unit."""


@dataclasses.dataclass(frozen=True)
class PathPoint(_Record):
    """One interim value of a target's path (2018年40家)."""

    period: Period
    """The period the interim value is due (a year of the window, before the deadline)."""
    value: Number
    """The value due then, in the target's unit (for `cumulative`: the total so far); it
    must appear in the target's quote."""


@dataclasses.dataclass(frozen=True)
class RegisterFilter(_Record):
    """Which platforms of the register a `register` target counts."""

    category: Id | None = None
    """A category id of platforms.yaml."""
    level: Level | None = None
    """national, provincial, municipal or unspecified."""
    min_level: Level | None = None
    """At least this level (省级以上: provincial counts provincial and national platforms;
    national > provincial > municipal; unspecified platforms are never counted). Not with
    `level`."""
    status: BuildStatus | None = None
    """built or planned."""
    new: Flag = False
    """True for platforms built in the target's window (新建, 新增, 组建): only those designated
    from the target's start (or the plan's) on are counted; each needs `designated`."""


@dataclasses.dataclass(frozen=True)
class Target(_Record):
    """One target of the plan."""

    id: Id
    """Stable kebab-case id."""
    name: Name
    """Short Chinese name (科技型中小企业数量)."""
    name_en: Name
    """Short English name."""
    kind: Kind
    """level, growth, ratio, relative, cumulative, milestone or register."""
    quote: Text
    """The exact sentence of the source the target comes from; holds every number."""
    comparator: Comparator | None = None
    """gt, gte, lt, lte, approx or between; rising or falling for a direction-only target
    (研发投入逐年增加, 大幅提升: no value, judged on the series; with `every_period: true` it
    must move so every year, else overall); none for milestones."""
    value: Number | None = None
    """The target value (for between: use low and high)."""
    low: Number | None = None
    """Lower end of a `between` range."""
    high: Number | None = None
    """Upper end of a `between` range."""
    upper_binds: Flag | None = None
    """For `between`: true when the upper end is a ceiling (聚焦1-2个产业: a third is a miss),
    false when it is an ambition that may be exceeded (突破3-5项: six is fine). Required for
    every range, since the quote rarely says which."""
    tolerance: Number | None = None
    """For `approx`: the allowed distance from value, in the target's unit."""
    unit: UnitSymbol | None = None
    """The target's unit; none for milestones."""
    series_unit: UnitSymbol | None = None
    """For `growth`: the unit of the underlying series whose growth is measured."""
    deadline: Period | None = None
    """The period by which the target is due; defaults to the plan's deadline. A target due
    before the plan's end (a 2018 target in a 2016-2020 plan) is judged at its own deadline,
    and shown as met late when met only after it."""
    start: Period | None = None
    """The first period of the target's own window, when it starts later than the plan (a
    task launched in 2018): its sum (cumulative) runs from it, and its path and pace start
    from the last value at or before it. Defaults to the plan's start."""
    baseline: Baseline | None = None
    """The value the target is measured from."""
    stated: StatedLevel | None = None
    """For `relative`: the level the plan also states (翻一番，达到120家): the target is met
    only when the multiple and the level both hold, and shows as one row."""
    register: RegisterFilter | None = None
    """For `register`: which platforms are counted."""
    path: tuple[PathPoint, ...] = ()
    """The interim values the plan gives on the way (2018年40家、2019年48家、2020年55家: the
    points before the deadline; the deadline's is `value`), in period order: pace is measured
    on this path instead of a straight line, and each interim point is judged (met or
    missed)."""
    every_period: Flag = False
    """True when the target must hold in every year of its window, not only at the deadline
    (科技计划项目年度验收合格率保持在90%以上): each year's value is judged, and a year below is a
    miss that no later year makes good; met only if every year so far holds. For a rising or
    falling target: it must move so every year (逐年增加), not only overall."""
    against: Id | None = None
    """For `level` and `ratio`: the id of a reference series (`references`) the target is
    compared with (园区工业增加值增速高于全省平均水平): the comparator (gt, gte, lt or lte)
    applies to the reference's value of the same period, moved by `margin`; no `value`."""
    margin: Number | None = None
    """With `against`: how far above (gt, gte) or below (lt, lte) the reference the target
    lies, in the target's unit (高于全省平均水平2个百分点: 2). Default 0."""
    flow: Flag = False
    """True for an amount per year (turnover, spend): a quarter reports it year to date, and
    hitrack annualises quarterly figures for the trend and the pace."""
    zone: Id | None = None
    """In a multi-zone plan, the zone a target belongs to (a fund or a building of one zone)."""
    zone_scope: ZoneScope = "total"
    """total: one figure for the plan; each: the target applies to every zone."""
    numerator: Text | None = None
    """For `ratio`: what is divided."""
    denominator: Text | None = None
    """For `ratio`: what it is divided by."""
    deliverable: Text | None = None
    """For `milestone`: what counts as done."""
    aliases: tuple[Name, ...] = ()
    """Other names of the target in statistics sheets."""
    owners: tuple[OwnerRef, ...] = ()
    """The departments responsible for the target, each with its role: lead (牵头) or
    cooperating (配合); ids of plan.owners. `status --by owner` and the report group by them."""
    owners_quote: Text | None = None
    """The plan's words naming the owners (区科技局牵头，区财政局配合); each owner's name must
    appear in it, and it is traced to the source document like `quote`."""
    section: Id | None = None
    """The chapter of the plan the target belongs to: an id of plan.sections."""
    reading: Flag = False
    """True when how the target is judged (comparator, tolerance, value, a total over the
    window, the deliverable) is a reading of the quote, not the document's own words (左右
    read as ±1, 20辆规模 as at least 20, a bare number as a minimum); `note` says what was
    read. Status, report and --explain mark such a target with †."""
    note: Text | None = None
    """Free text: readings, assumptions."""


@dataclasses.dataclass(frozen=True)
class Reference(_Record):
    """A reference series: an indicator with actuals but no target of its own (the
    province's growth rate, GDP as a denominator), which targets are compared `against`."""

    id: Id
    """Stable kebab-case id, used by targets' `against` and by actual values' `target`."""
    name: Name
    """The series as its publisher names it (全省规模以上工业增加值增速)."""
    unit: UnitSymbol
    """Its unit; it must convert to the unit of every target compared with it."""
    name_en: Name | None = None
    """The series in English."""
    source: Text | None = None
    """Who publishes it and where (辽宁省统计局《辽宁省国民经济和社会发展统计公报》)."""
    flow: Flag = False
    """True for an amount per year, as a target's `flow`."""
    note: Text | None = None
    """Free text."""


@dataclasses.dataclass(frozen=True)
class TargetsFile(_Record):
    """targets.yaml: the plan, its thresholds and its targets."""

    schema: Schema
    """Always hitrack/v1."""
    plan: Plan
    """The plan document."""
    targets: tuple[Target, ...]
    """The plan's targets."""
    thresholds: Thresholds = Thresholds()
    """Bands for on track / at risk / off track."""
    plausibility: Plausibility = Plausibility()
    """When a reported value looks mistyped (the plausibility warnings of `check`)."""
    references: tuple[Reference, ...] = ()
    """Reference series: indicators with actuals but no target, for targets' `against`."""


# -------------------------------------------------------------------------- platforms.yaml


@dataclasses.dataclass(frozen=True)
class Category(_Record):
    """A category of the platform register (重点实验室, ...)."""

    id: Id
    """Stable kebab-case id."""
    name: Name
    """The category as the source names it."""
    name_en: Name | None = None
    """The category in English."""


@dataclasses.dataclass(frozen=True)
class Section(_Record):
    """A count the source declares for part of the register (an annex heading)."""

    id: Id
    """Stable kebab-case id."""
    title: Name
    """The heading as the source writes it."""
    category: Id
    """The category counted."""
    count: Count
    """The number of platforms the source declares."""
    quote: Text
    """The heading that declares the count."""
    level: Level | None = None
    """Count only platforms of this level."""
    status: BuildStatus | None = None
    """Count only platforms of this status."""


@dataclasses.dataclass(frozen=True)
class Platform(_Record):
    """A research platform (a lab, an engineering centre, an incubator, ...)."""

    id: Id
    """Stable kebab-case id."""
    name: Name
    """The platform's name."""
    category: Id
    """A category id."""
    level: Level
    """national, provincial, municipal or unspecified."""
    status: BuildStatus
    """built or planned."""
    host: tuple[Name, ...] = ()
    """The host organisation(s)."""
    zone: Id | None = None
    """The zone, in a multi-zone register."""
    quote: Text | None = None
    """The source text naming the platform."""
    designated: Date | None = None
    """When the platform was designated or established (认定, 批准组建): a register target
    counts it from then on, which gives the target a trend and respects `--as-of`."""
    designated_source: Text | None = None
    """Where `designated` comes from: the notice of designation (辽宁省科学技术厅关于认定
    2019年度辽宁省重点实验室的通知) or its document number; required with `designated`."""
    sample: Flag = False
    """True for an illustrative platform or date (like a sample actual value): every
    assessment that counts it says so."""
    note: Text | None = None
    """Free text."""


@dataclasses.dataclass(frozen=True)
class PlatformsFile(_Record):
    """platforms.yaml: the research-platform register."""

    schema: Schema
    """Always hitrack/v1."""
    categories: tuple[Category, ...]
    """The register's categories."""
    platforms: tuple[Platform, ...]
    """The platforms."""
    sections: tuple[Section, ...] = ()
    """Counts the source declares, checked against the platforms."""


# ------------------------------------------------------------------------ actuals/*.yaml


@dataclasses.dataclass(frozen=True)
class ActualValue(_Record):
    """One reported value for one target (and zone) in one period."""

    target: Id
    """The target's id."""
    zone: Id | None = None
    """The zone, for multi-zone plans."""
    value: Number | None = None
    """The reported value, in `unit`."""
    unit: UnitSymbol | None = None
    """The unit of `value`; any unit convertible to the target's."""
    numerator: Quantity | None = None
    """For `ratio` targets: the numerator, instead of value."""
    denominator: Quantity | None = None
    """For `ratio` targets: the denominator, instead of value."""
    done: Flag | None = None
    """For milestones: whether it is done."""
    date: Date | None = None
    """For milestones: when it was done."""
    evidence: Text | None = None
    """For milestones: what shows it is done."""
    source: Text | None = None
    """Where the value comes from; defaults to the file's source."""
    reported: Date | None = None
    """When the value was reported; defaults to the file's date."""
    sample: Flag | None = None
    """True for an illustrative value; defaults to the file's flag."""
    note: Text | None = None
    """Free text."""
    confirmed: Text | None = None
    """Why a value that looks mistyped is right (a real tenfold jump, a share above 100%):
    `check` then gives it no plausibility warning (unit-scale, implausible-jump, ...)."""


class DecimalTexts(Sequence[Decimal]):
    """Numbers kept as the text they were read from (already found to be plain decimals
    within range), each made a `Decimal` when read.

    A table's checks need only the numbers' signs, which the text shows; a `Decimal` costs
    twice the memory of its text and ~0.2 µs to make, a fifth of a second per million.
    """

    __slots__ = ("texts",)

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> Decimal: ...

    @overload
    def __getitem__(self, index: slice) -> DecimalTexts: ...

    def __getitem__(self, index: int | slice) -> Decimal | DecimalTexts:
        if isinstance(index, slice):
            return DecimalTexts(self.texts[index])
        return Decimal(self.texts[index])

    def __iter__(self) -> Iterator[Decimal]:
        return map(Decimal, self.texts)

    def any_signed(self) -> bool:
        """Whether any number is negative (or -0), as `Decimal.is_signed` would say."""
        return any(map(str.startswith, self.texts, itertools.repeat("-")))

    def __repr__(self) -> str:
        return f"DecimalTexts({len(self)} numbers)"


class ValueColumns(Sequence[ActualValue]):
    """A file's values held as columns, one list per field set, for large tables.

    A CSV file of a million rows would need a million records, each with its attribute
    dictionary, only to be checked. As columns its repeated cells are shared objects, the
    cross-file checks prove a clean file over the columns' distinct values (`checks.py`),
    and records are made only when something reads them: one on indexing, all at once
    (and kept) on iterating. Equal to a tuple of the same records.
    """

    __slots__ = ("_records", "_size", "columns")

    def __init__(self, columns: dict[str, Sequence[Any]]) -> None:
        sizes = {len(cells) for cells in columns.values()}
        if len(sizes) > 1 or not columns.keys() <= _VALUE_FIELDS:
            raise ValueError("columns must be fields of ActualValue, all of one length")
        self.columns = columns
        """Field name -> one cell per value (numbers may be `DecimalTexts`); a field
        without a column is None throughout."""
        self._size = sizes.pop() if sizes else 0
        self._records: tuple[ActualValue, ...] | None = None

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> ActualValue: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[ActualValue, ...]: ...

    def __getitem__(self, index: int | slice) -> ActualValue | tuple[ActualValue, ...]:
        if self._records is not None or isinstance(index, slice):
            return self.records[index]
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError("value index out of range")
        return _record({name: cells[index] for name, cells in self.columns.items()})

    def __iter__(self) -> Iterator[ActualValue]:
        return iter(self.records)

    def numbers_unsigned(self) -> bool:
        """Whether every value has a number and none is negative (or -0)."""
        numbers = self.columns.get("value")
        if numbers is None:
            return not self._size
        if isinstance(numbers, DecimalTexts):  # texts of numbers: never missing
            return not numbers.any_signed()
        # (`None in numbers` would compare every Decimal with None, a slow abc check each.)
        present = all(map(operator.is_not, numbers, itertools.repeat(None)))
        return present and not any(map(Decimal.is_signed, numbers))

    @property
    def records(self) -> tuple[ActualValue, ...]:
        """Every value as a record, made once."""
        if self._records is None:
            names = tuple(self.columns)
            fields = map(
                dict, map(zip, itertools.repeat(names), zip(*self.columns.values(), strict=True))
            )
            self._records = tuple(map(_record, fields))
        return self._records

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ValueColumns):
            return self.records == other.records
        if isinstance(other, tuple):
            return self.records == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.records)

    def __reduce__(self) -> tuple[Any, ...]:
        return ValueColumns, (self.columns,)

    def __repr__(self) -> str:
        return f"ValueColumns({len(self)} values: {', '.join(self.columns)})"


_VALUE_FIELDS = frozenset(field.name for field in dataclasses.fields(ActualValue))


def split_by_target(
    values: Sequence[ActualValue], known: Collection[str]
) -> tuple[list[int], Iterator[tuple[int, ActualValue]]]:
    """The indices of the values whose target is not in `known`, and the other values with
    their indices. Over `ValueColumns` the first are found from the target column's
    distinct cells, and no record is made (or kept) for them: a million rows naming no
    target cost a list of indices, not a million records."""
    if (
        not isinstance(values, ValueColumns)
        or values._records is not None
        or "target" not in values.columns
    ):
        unknown = [index for index, value in enumerate(values) if value.target not in known]
        if not unknown:
            return [], enumerate(values)
        missing = set(unknown)
        rest = ((i, value) for i, value in enumerate(values) if i not in missing)
        return unknown, rest
    ids = values.columns["target"]
    strangers = set(ids).difference(known)
    if not strangers:
        return [], enumerate(values)
    flags = list(map(strangers.__contains__, ids))
    indices = range(len(ids))
    unknown = list(itertools.compress(indices, flags))
    kept = itertools.compress(indices, map(operator.not_, flags))
    return unknown, ((index, values[index]) for index in kept)


def _record(fields: dict[str, Any]) -> ActualValue:
    """A record from already valid fields; those left out read as their default, None."""
    record: ActualValue = object.__new__(ActualValue)
    object.__setattr__(record, "__dict__", fields)
    return record


if TYPE_CHECKING:
    Values = Sequence[ActualValue]
else:
    # What Pydantic builds from YAML; CSV tables bring a `ValueColumns` instead.
    Values = tuple[ActualValue, ...]


@dataclasses.dataclass(frozen=True)
class ActualsFile(_Record):
    """actuals/PERIOD.yaml: the values reported for one period."""

    schema: Schema
    """Always hitrack/v1."""
    period: Period
    """The period; must match the file name."""
    values: Values
    """The reported values."""
    sample: Flag = False
    """True when the values are illustrative, not real statistics."""
    note: Text | None = None
    """Free text, e.g. why the values are samples."""
    source: Text | None = None
    """Default source of the values."""
    reported: Date | None = None
    """Default report date of the values."""


# ------------------------------------------------------------------------------ dataset


@dataclasses.dataclass(frozen=True)
class Dataset:
    """Everything in one data directory, validated."""

    targets: TargetsFile
    platforms: PlatformsFile | None
    actuals: tuple[tuple[str, ActualsFile], ...]
    """(file name relative to the data directory, file), in period order."""
    root: str
    """The data directory, for messages."""
    bundled: bool = False
    """True when this is the plan shipped inside the package."""

    @property
    def plan(self) -> Plan:
        return self.targets.plan

    @functools.cached_property
    def reported(self) -> dict[str, list[tuple[ActualsFile, list[ActualValue]]]]:
        """Per target id: the files that report it, in period order, with its values there.

        Built once, so that assessing every target reads each value once, not once a target.
        """
        index: dict[str, list[tuple[ActualsFile, list[ActualValue]]]] = {}
        for _, actuals in self.actuals:
            here: dict[str, list[ActualValue]] = {}
            for value in actuals.values:
                here.setdefault(value.target, []).append(value)
            for target_id, values in here.items():
                index.setdefault(target_id, []).append((actuals, values))
        return index

    @functools.cached_property
    def reported_zones(self) -> dict[str, list[tuple[ActualsFile, dict[str | None, ActualValue]]]]:
        """As `reported`, with each file's values of the target by zone (the first one of
        each zone), so that assessing a target for every zone is not quadratic in zones."""
        index: dict[str, list[tuple[ActualsFile, dict[str | None, ActualValue]]]] = {}
        for target_id, files in self.reported.items():
            rows = index[target_id] = []
            for actuals, values in files:
                zones: dict[str | None, ActualValue] = {}
                for value in values:
                    zones.setdefault(value.zone, value)
                rows.append((actuals, zones))
        return index
