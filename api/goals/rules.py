"""How a goal's achievement status follows from its measurements (documented in docs/api.md).

- No measurement yet: `in_progress`.
- The latest value meets the target (≥ for `at_least`, ≤ for `at_most`):
  `sustaining` when the one before met it too, else `achieved`.
- The latest value misses the target: compared with the value before it,
  `improving` when it moved toward the target, `worsening` when away,
  `no_change` when equal; with a single measurement, `in_progress`.
- A goal whose lifecycle is `completed` or `cancelled` and whose latest value
  misses the target is `not_achieved`.
- Staff may set `achievement_status` by hand; that override wins until cleared.
"""

from __future__ import annotations

from collections.abc import Sequence

from api.goals.models import AchievementStatus, Direction, LifecycleStatus


def meets(value: float, target: float, direction: Direction) -> bool:
    return value >= target if direction is Direction.at_least else value <= target


def derive_achievement(
    values: Sequence[float], target: float, direction: Direction, lifecycle: LifecycleStatus
) -> AchievementStatus:
    """`values` oldest first."""
    if not values:
        return AchievementStatus.in_progress
    latest = values[-1]
    if meets(latest, target, direction):
        if len(values) > 1 and meets(values[-2], target, direction):
            return AchievementStatus.sustaining
        return AchievementStatus.achieved
    if lifecycle in (LifecycleStatus.completed, LifecycleStatus.cancelled):
        return AchievementStatus.not_achieved
    if len(values) == 1:
        return AchievementStatus.in_progress
    previous = values[-2]
    if latest == previous:
        return AchievementStatus.no_change
    toward = latest > previous if direction is Direction.at_least else latest < previous
    return AchievementStatus.improving if toward else AchievementStatus.worsening
