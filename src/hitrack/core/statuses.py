"""The status vocabulary: one type, with everything each status is shown as.

A status is a `str` Enum so that it compares, hashes and serialises as its code
(`Status.ACHIEVED == "achieved"`, `json.dumps` writes "achieved"), and so that the
data files, JSON and CSV outputs keep the codes they always had.
"""

from __future__ import annotations

import enum


class Status(str, enum.Enum):
    """Where a target stands. Members are listed worst first (see `severity`)."""

    DETERIORATION = "deterioration"
    """Moving away from the target: projected progress is negative (the ratio is below 0)."""
    OFF_TRACK = "off_track"
    """Not met by the deadline, or projected to make too little progress (ratio below at_risk)."""
    AT_RISK = "at_risk"
    """Projected to make some but not enough progress (at_risk <= ratio < on_track)."""
    NOT_ASSESSABLE = "not_assessable"
    """No trend can be computed (one point, no baseline, a milestone not done yet); see reason."""
    NO_DATA = "no_data"
    """No value reported up to the as-of period."""
    ON_TRACK = "on_track"
    """Projected to reach the target by the deadline (ratio >= on_track)."""
    ACHIEVED = "achieved"
    """The measure meets the target."""

    def __str__(self) -> str:
        # str() and format() give the code on every Python (3.12 changed the mixin default).
        return self.value

    @property
    def severity(self) -> int:
        """0 for the worst; for sorting and roll-ups."""
        return _ORDER.index(self)

    @property
    def words(self) -> tuple[str, str]:
        """(Chinese, English)."""
        return _WORDS[self]

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]

    @property
    def colour(self) -> str:
        """A rich colour name for the terminal."""
        return _COLOURS[self]

    @property
    def chart_colour(self) -> str:
        """A hex colour for the charts."""
        return _CHART_COLOURS[self]


_ORDER = tuple(Status)

_WORDS = {
    Status.ACHIEVED: ("已完成", "achieved"),
    Status.ON_TRACK: ("按计划", "on track"),
    Status.AT_RISK: ("有风险", "at risk"),
    Status.OFF_TRACK: ("滞后", "off track"),
    Status.DETERIORATION: ("倒退", "deterioration"),
    Status.NO_DATA: ("无数据", "no data"),
    Status.NOT_ASSESSABLE: ("无法评估", "not assessable"),
}
_SYMBOLS = {
    Status.ACHIEVED: "✔",
    Status.ON_TRACK: "↗",
    Status.AT_RISK: "⚠",
    Status.OFF_TRACK: "✘",
    Status.DETERIORATION: "↘",
    Status.NO_DATA: "?",
    Status.NOT_ASSESSABLE: "–",
}
_COLOURS = {
    Status.ACHIEVED: "green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.OFF_TRACK: "red",
    Status.DETERIORATION: "bold red",
    Status.NO_DATA: "bright_black",
    Status.NOT_ASSESSABLE: "bright_black",
}
_CHART_COLOURS = {
    Status.ACHIEVED: "#1b7a3a",
    Status.ON_TRACK: "#5cb85c",
    Status.AT_RISK: "#e0a800",
    Status.OFF_TRACK: "#c62828",
    Status.DETERIORATION: "#7b1fa2",
    Status.NO_DATA: "#9e9e9e",
    Status.NOT_ASSESSABLE: "#bdbdbd",
}

#: Display order (best first), as counts and legends list them.
DISPLAY_ORDER = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.DETERIORATION,
    Status.NO_DATA,
    Status.NOT_ASSESSABLE,
)
