from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints

from api.core.schemas import InputModel, IsoDate, Kept, PastTimestamp, absent_when_absent
from api.goals.models import (
    AchievementStatus,
    CheckInItem,
    Direction,
    GoalCategory,
    LifecycleStatus,
)
from api.goals.rules import TargetShape
from api.sync.schemas import SyncPage

Subject = Literal["client"] | uuid.UUID
Measure = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-1e9, le=1e9)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Unit = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
TargetText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]

# The numeric target's shape (api/goals/rules.py), published as JSON Schema `if`/`then`:
# `target_value` comes with its `direction` and without a range; a `direction` needs a
# `target_value`. What JSON Schema cannot say is in the descriptions: target_low ≤ target_high.
_THRESHOLD_OR_RANGE: JsonValue = {
    "if": {"properties": {"target_value": {"type": "number"}}, "required": ["target_value"]},
    "then": {"properties": {"target_low": {"type": "null"}, "target_high": {"type": "null"}}},
}
TARGET_RULES: list[JsonValue] = [
    _THRESHOLD_OR_RANGE,
    {
        "if": {"properties": {"target_value": {"type": "number"}}, "required": ["target_value"]},
        "then": {"properties": {"direction": {"type": "string"}}, "required": ["direction"]},
    },
    absent_when_absent("target_value", "direction"),
]
TARGET_FIELDS = ("target_value", "direction", "target_low", "target_high")
_VALUE = "A threshold; comes with `direction`. Null with a range or a qualitative target."
_DIRECTION = "Whether `target_value` is a floor (`at_least`) or a ceiling (`at_most`)."
_LOW = "The range's lower end (an open range leaves one end out); at most `target_high`."
_HIGH = "The range's upper end; at least `target_low`."
_TEXT = "The target in words; what a qualitative goal (no numeric target) aims at."
_UNIT = "The unit of the numbers (UCUM where one fits); may be left out for a qualitative goal."


class GoalCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "subject": "client",
                    "title": "Attend mutual-help meetings",
                    "category": "recovery_activities",
                    "metric": "meetings attended per week",
                    "unit": "meetings",
                    "target_value": 3,
                    "direction": "at_least",
                    "baseline_value": 0,
                    "check_in_item": "meetings_attended",
                },
                {
                    "subject": "client",
                    "title": "Keep drinks within the agreed limit",
                    "category": "health",
                    "metric": "standard drinks per week",
                    "unit": "drinks",
                    "target_low": 0,
                    "target_high": 2,
                },
                {
                    "subject": "client",
                    "title": "Rebuild trust at home",
                    "category": "family",
                    "metric": "how the family describes home life",
                    "target_text": "The family says home feels safe and calm again",
                },
            ],
            "allOf": TARGET_RULES,
        }
    )

    subject: Subject = Field(description="`client`, or the id of a participant of the case")
    title: Short
    category: GoalCategory = GoalCategory.other
    metric: Short
    unit: Unit | None = Field(default=None, description=_UNIT)
    target_value: Measure | None = Field(default=None, description=_VALUE)
    direction: Direction | None = Field(default=None, description=_DIRECTION)
    target_low: Measure | None = Field(default=None, description=_LOW)
    target_high: Measure | None = Field(default=None, description=_HIGH)
    target_text: TargetText | None = Field(default=None, description=_TEXT)
    baseline_value: Measure | None = None
    check_in_item: CheckInItem | None = Field(
        default=None,
        description="A check-in answer that measures this goal (e.g. `meetings_attended` for "
        "meetings per week): each check-in of the goal's subject records its value, and the "
        "check-in does not ask for the goal again. Null: measured by hand or as a goal update.",
    )
    start_date: IsoDate | None = Field(default=None, description="Defaults to today")
    due_date: IsoDate | None = None
    lifecycle_status: LifecycleStatus = LifecycleStatus.active


class GoalUpdate(InputModel):
    """The target changes shape in one change: a body with `target_low` or `target_high`
    makes it a range (the threshold is cleared, an end left out is open); `target_value: null`
    makes it qualitative; `target_value` or `direction` alone changes the threshold, keeping
    the other (a goal without a threshold then needs both: 422 naming the missing one)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"target_value": 4, "direction": "at_least"},
                {"target_low": 1, "target_high": 3},
            ],
            "allOf": [_THRESHOLD_OR_RANGE],
        }
    )

    title: Kept[Short] = None
    category: Kept[GoalCategory] = None
    metric: Kept[Short] = None
    unit: Unit | None = Field(default=None, description=_UNIT)
    target_value: Measure | None = Field(default=None, description=_VALUE)
    direction: Direction | None = Field(default=None, description=_DIRECTION)
    target_low: Measure | None = Field(default=None, description=_LOW)
    target_high: Measure | None = Field(default=None, description=_HIGH)
    target_text: TargetText | None = Field(default=None, description=_TEXT)
    baseline_value: Measure | None = None
    check_in_item: CheckInItem | None = Field(
        default=None, description="A check-in answer that measures the goal; null clears it."
    )
    start_date: Kept[IsoDate] = None
    due_date: IsoDate | None = None
    lifecycle_status: Kept[LifecycleStatus] = None
    achievement_status: AchievementStatus | None = Field(
        default=None,
        description="Set by hand to override the status derived from measurements; null clears it.",
    )


class GoalRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    subject: Subject
    subject_name: str
    title: str
    category: GoalCategory
    metric: str
    unit: str | None
    target_shape: TargetShape
    target_value: float | None
    direction: Direction | None
    target_low: float | None
    target_high: float | None
    target_text: str | None
    baseline_value: float | None
    check_in_item: CheckInItem | None
    start_date: date
    due_date: date | None
    lifecycle_status: LifecycleStatus
    achievement_status: AchievementStatus
    achievement_set_by_hand: bool
    latest_value: float | None
    created_at: datetime
    updated_at: datetime
    version: int


GoalPage = SyncPage[GoalRead]


class MeasurementCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"value": 2, "note": "Two meetings"}]}
    )

    value: Measure
    measured_at: PastTimestamp | None = Field(default=None, description="Defaults to now")
    note: Annotated[str, StringConstraints(max_length=2_000)] | None = None


class MeasurementRead(BaseModel):
    id: uuid.UUID
    value: float
    measured_at: datetime
    source: Literal["check_in", "staff"]
    check_in_id: uuid.UUID | None
    note: str | None


class GoalProgress(BaseModel):
    goal_id: uuid.UUID
    unit: str | None
    target_shape: TargetShape
    target_value: float | None
    direction: Direction | None
    target_low: float | None
    target_high: float | None
    target_text: str | None
    baseline_value: float | None
    achievement_status: AchievementStatus
    measurements: list[MeasurementRead] = Field(description="Oldest first")
