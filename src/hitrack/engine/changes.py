"""What changed between two assessments of the same targets. Pure computation.

`compare` pairs the assessments of each target (and zone) before and after, whatever made
them differ: a later as-of period (`report`) or edited data at the same period.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from hitrack.core import model, periods
from hitrack.engine.progress import Assessment


@dataclasses.dataclass(frozen=True)
class Change:
    """One target's assessment before and after; either side is None when the target was
    added or removed between the two."""

    before: Assessment | None
    after: Assessment | None

    @property
    def new_value(self) -> bool:
        """A value was reported, or the value used changed."""
        if self.after is None or self.after.period is None:
            return False
        if self.before is None:
            return True
        before, after = self.before, self.after
        return (after.period, after.actual, after.done) != (
            before.period,
            before.actual,
            before.done,
        )

    @property
    def status_changed(self) -> bool:
        if self.before is None or self.after is None:
            return False
        return self.before.status != self.after.status

    @property
    def gap_move(self) -> Decimal | None:
        """after.gap - before.gap in the target's unit (negative: closer), None when either
        side has no gap or the gaps are in different units."""
        if self.before is None or self.after is None:
            return None
        before, after = self.before, self.after
        if before.gap is None or after.gap is None or before.unit != after.unit:
            return None
        return after.gap - before.gap

    @property
    def changed(self) -> bool:
        return (
            self.before is None
            or self.after is None
            or self.new_value
            or self.status_changed
            or bool(self.gap_move)
        )


def _key(a: Assessment) -> tuple[str, str | None]:
    return a.target.id, a.zone


def compare(before: Sequence[Assessment], after: Sequence[Assessment]) -> list[Change]:
    """Before/after pairs per target and zone, in the order of `after`, then the removed."""
    earlier = {_key(a): a for a in before}
    later = {_key(a) for a in after}
    pairs = [Change(earlier.get(_key(a)), a) for a in after]
    pairs += [Change(a, None) for a in before if _key(a) not in later]
    return pairs


def previous_period(dataset: model.Dataset, as_of: str) -> str | None:
    """The last reported period before `as_of`, or None when there is none."""
    limit = periods.sort_key(as_of)
    earlier = [f.period for _, f in dataset.actuals if periods.sort_key(f.period) < limit]
    return max(earlier, key=periods.sort_key, default=None)
