"""Reporting periods: a year ("2019") or a quarter ("2020-Q2"), ordered in time."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hitrack.core import tokens

PERIOD_RE = tokens.PERIOD
"""Kept for callers; `tokens.is_period` is the check to use."""


class Period(str):
    """A period as an option or a file writes it, checked when made: a year (2019) or a
    quarter (2020-Q2), ASCII and whole (`tokens.PERIOD`). Being a `str`, it goes wherever
    a period's text does; made at the CLI edge, so no command checks it again."""

    __slots__ = ()

    def __new__(cls, text: str) -> Period:
        if not tokens.is_period(text):
            raise ValueError(
                f"{text!r} is not a period: write a year (2019) or a quarter (2020-Q2)"
            )
        return super().__new__(cls, text)


#: period text -> (year, quarter), sort key, years_at: a dataset names few periods, and
#: assessing every target and zone asks for each of them again and again
_PARSED: dict[str, tuple[int, int]] = {}
_SORT_KEYS: dict[str, tuple[int, int, int]] = {}
_YEARS_AT: dict[str, Decimal] = {}
_KEEP = 4096  # valid texts remembered at most, per table


def parse(text: str) -> tuple[int, int]:
    """(year, quarter) with quarter 4 for a whole year; ValueError when malformed."""
    found = _PARSED.get(text) if type(text) is str else None
    if found is not None:
        return found
    match = tokens.PERIOD.fullmatch(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{text!r} is not a period: write a year (2019) or a quarter (2020-Q2)")
    found = int(match[1]), int(match[2] or 4)
    if type(text) is str and len(_PARSED) < _KEEP:
        _PARSED[text] = found
    return found


def is_year(text: str) -> bool:
    return "-" not in text


def year(text: str) -> int:
    return parse(text)[0]


def sort_key(text: str) -> tuple[int, int, int]:
    """Order by end date; a year sorts after its own Q4 figure."""
    found = _SORT_KEYS.get(text) if type(text) is str else None
    if found is not None:
        return found
    y, q = parse(text)
    found = (y, q, 1 if is_year(text) else 0)
    if type(text) is str and len(_SORT_KEYS) < _KEEP:
        _SORT_KEYS[text] = found
    return found


def end_date(text: str) -> datetime.date:
    y, q = parse(text)
    month = q * 3
    next_month = datetime.date(y + (month == 12), month % 12 + 1, 1)
    return next_month - datetime.timedelta(days=1)


def years_at(text: str) -> Decimal:
    """The end of the period in years since year 0, quarter-exact: 2019 -> 2020, 2020-Q2 -> 2020.5.

    Paths and trends are computed on this axis so that quarters and years mix.
    """
    found = _YEARS_AT.get(text) if type(text) is str else None
    if found is not None:
        return found
    y, q = parse(text)
    found = Decimal(y) + Decimal(q) / 4
    if type(text) is str and len(_YEARS_AT) < _KEEP:
        _YEARS_AT[text] = found
    return found
