"""The one home of the token patterns: ids, periods, unit and code tokens, plain numbers.

Every reader (YAML and CSV records, spreadsheet cells, command-line options) checks a token
here. The patterns are ASCII on purpose and always match the whole text: in Python `\\d`
also matches other scripts' digits (２０２０, ٢٠٢٠) and `$` matches before a final newline,
so `"2020-Q2\\n"` or `"２０２０-Q2"` would pass a `re.match(r"^\\d{4}...$")` and then be a
period of its own next to 2020-Q2. Use `is_*` or `fullmatch`, never `.match` with `$`.
"""

from __future__ import annotations

import functools
import re

_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_PERIOD = r"([0-9]{4})(?:-Q([1-4]))?"
_UNIT_PART = "[\u4e00-\u9fffA-Za-z%\u00b2\u00b3][\u4e00-\u9fffA-Za-z0-9%\u00b2\u00b3]*"
_UNIT = f"{_UNIT_PART}(?:/{_UNIT_PART})?"
UNIT_LENGTH = 16

# Each pattern ends in \Z, so that even `.match` (which anchors only the start) takes the
# whole text; `fullmatch` is the spelling to use.
ID = re.compile(_ID + r"\Z")
"""A kebab-case id: rd-spend, smes, zone-2."""
PERIOD = re.compile(_PERIOD + r"\Z")
"""A year (2019) or a quarter (2020-Q2); groups: the year and the quarter."""
DIGITS = re.compile(r"[0-9]+\Z")
"""A whole number written in ASCII digits (sizes and counts in options and environment)."""
UNIT = _UNIT + r"\Z"
"""A unit a plan may declare (plan.units): 件/万人, 万平方米, 亿美元, 个百分点, km2, %; CJK
ideographs, ASCII letters and digits after the first character, % and ², with at most one
`/` between two parts; at most 16 characters. Its text: `is_unit` compiles it on first
use."""
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")
"""A number as a spreadsheet shows it without reading it as a formula."""

# JSON Schema patterns are ECMA-262, where `$` without the multiline flag is the very end.
ID_SCHEMA = f"^{_ID}$"
PERIOD_SCHEMA = f"^{_PERIOD}$"
UNIT_SCHEMA = f"^{_UNIT}$"


def is_id(text: object) -> bool:
    return isinstance(text, str) and ID.fullmatch(text) is not None


def is_period(text: object) -> bool:
    return isinstance(text, str) and PERIOD.fullmatch(text) is not None


def is_unit(text: object) -> bool:
    return (
        isinstance(text, str)
        and len(text) <= UNIT_LENGTH
        and _unit_pattern().fullmatch(text) is not None
    )


@functools.cache
def _unit_pattern() -> re.Pattern[str]:
    """`UNIT`, compiled when a unit hitrack does not know is first checked: its four classes
    of CJK ideographs take about 4 ms to compile, and most runs meet only built-in units."""
    return re.compile(UNIT)


def is_digits(text: object) -> bool:
    return isinstance(text, str) and DIGITS.fullmatch(text) is not None


# ------------------------------------------------------------------ characters in free text

CONTROLS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
"""A character class body: C0 and C1 controls, DEL, the line and paragraph separators and
the bidi controls (marks, embeddings, overrides, isolates; Trojan Source). No output shows
them raw (render/escape.py), and no name, note or quote may hold them (`hidden_character`)."""
_INVISIBLE = "\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufff9-\ufffb\U000e0000-\U000e007f"
"""Characters that take no room: soft hyphen, zero-width spaces and joiners, word joiner,
invisible operators, interlinear annotations and tag characters. Harmless on a screen, but in
a name they make two names that look alike differ, and in a quote they hide a change."""
_HIDDEN_LINE = re.compile(f"[{CONTROLS}{_INVISIBLE}]")
_HIDDEN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    f"\ufeff{_INVISIBLE}]"
)


def hidden_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """The first character of `text` that is a control, bidi or invisible character, as
    (0-based index, what it is), else None. `multiline` texts (notes, quotes) may hold line
    breaks and tabs, as YAML block scalars make them."""
    found = (_HIDDEN_TEXT if multiline else _HIDDEN_LINE).search(text)
    if found is None:
        return None
    char = found.group()
    code = ord(char)
    if char in "\u061c\u200e\u200f" or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        kind = "a bidi control, which reorders the text around it"
    elif char in "\u2028\u2029":
        kind = "a line or paragraph separator"
    elif code < 0x20 or 0x7F <= code <= 0x9F:
        kind = "a control character"
    else:
        kind = "an invisible character"
    return found.start(), f"U+{code:04X}, {kind}"
