"""The one home of the token patterns: ids, periods, unit and code tokens, plain numbers.

Every reader (YAML and CSV records, spreadsheet cells, command-line options) checks a token
here. The patterns are ASCII on purpose and always match the whole text: in Python `\\d`
also matches other scripts' digits (２０２０, ٢٠٢٠) and `$` matches before a final newline,
so `"2020-Q2\\n"` or `"２０２０-Q2"` would pass a `re.match(r"^\\d{4}...$")` and then be a
period of its own next to 2020-Q2. Use `is_*` or `fullmatch`, never `.match` with `$`.
"""

from __future__ import annotations

import re

_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_PERIOD = r"([0-9]{4})(?:-Q([1-4]))?"

# Each pattern ends in \Z, so that even `.match` (which anchors only the start) takes the
# whole text; `fullmatch` is the spelling to use.
ID = re.compile(_ID + r"\Z")
"""A kebab-case id: rd-spend, smes, zone-2."""
PERIOD = re.compile(_PERIOD + r"\Z")
"""A year (2019) or a quarter (2020-Q2); groups: the year and the quarter."""
DIGITS = re.compile(r"[0-9]+\Z")
"""A whole number written in ASCII digits (sizes and counts in options and environment)."""
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")
"""A number as a spreadsheet shows it without reading it as a formula."""

# JSON Schema patterns are ECMA-262, where `$` without the multiline flag is the very end.
ID_SCHEMA = f"^{_ID}$"
PERIOD_SCHEMA = f"^{_PERIOD}$"


def is_id(text: object) -> bool:
    return isinstance(text, str) and ID.fullmatch(text) is not None


def is_period(text: object) -> bool:
    return isinstance(text, str) and PERIOD.fullmatch(text) is not None


def is_digits(text: object) -> bool:
    return isinstance(text, str) and DIGITS.fullmatch(text) is not None
