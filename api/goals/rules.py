"""A goal's target, and how its achievement status follows from its measurements
(documented in docs/api.md).

A target has one of three shapes:
- a threshold: `target_value` with `direction` (`at_least` or `at_most`);
- a range: `target_low` and/or `target_high` (an end left out is open; low ≤ high);
- qualitative: no number at all; `target_text` says in words what counts as reached.

The status:
- No measurement yet, or a qualitative target: `in_progress` (staff set it by hand).
- The latest value meets the target (≥ / ≤ the threshold, or inside the range):
  `sustaining` when the one before met it too, else `achieved`.
- The latest value misses the target: compared with the value before it,
  `improving` when it came closer to the target, `worsening` when it moved away,
  `no_change` when as far as before; with a single measurement, `in_progress`.
- A goal whose lifecycle is `completed`, or that was withdrawn (`cancelled`, `rejected`,
  `entered_in_error`), and whose latest value misses the target is `not_achieved`.
- Staff may set `achievement_status` by hand (also `no_progress` and `not_attainable`,
  which measurements never derive); that override wins until cleared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from api.goals.models import WITHDRAWN, AchievementStatus, Direction, LifecycleStatus


class TargetShape(StrEnum):
    threshold = "threshold"
    range = "range"
    qualitative = "qualitative"


@dataclass(frozen=True)
class Target:
    value: float | None = None
    direction: Direction | None = None
    low: float | None = None
    high: float | None = None

    @property
    def shape(self) -> TargetShape:
        if self.low is not None or self.high is not None:
            return TargetShape.range
        if self.value is not None and self.direction is not None:
            return TargetShape.threshold
        return TargetShape.qualitative

    def distance(self, value: float) -> float:
        """How far `value` is from meeting the target; 0 when it meets it."""
        if self.shape is TargetShape.range:
            below = self.low - value if self.low is not None else 0.0
            above = value - self.high if self.high is not None else 0.0
            return max(below, above, 0.0)
        assert self.value is not None
        gap = self.value - value if self.direction is Direction.at_least else value - self.value
        return max(gap, 0.0)

    def meets(self, value: float) -> bool:
        return self.distance(value) == 0.0


def derive_achievement(
    values: Sequence[float], target: Target, lifecycle: LifecycleStatus
) -> AchievementStatus:
    """`values` oldest first."""
    if not values or target.shape is TargetShape.qualitative:
        return AchievementStatus.in_progress
    latest = values[-1]
    if target.meets(latest):
        if len(values) > 1 and target.meets(values[-2]):
            return AchievementStatus.sustaining
        return AchievementStatus.achieved
    if lifecycle is LifecycleStatus.completed or lifecycle in WITHDRAWN:
        return AchievementStatus.not_achieved
    if len(values) == 1:
        return AchievementStatus.in_progress
    now, before = target.distance(latest), target.distance(values[-2])
    if now == before:
        return AchievementStatus.no_change
    return AchievementStatus.improving if now < before else AchievementStatus.worsening
