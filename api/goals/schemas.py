from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.core.schemas import InputModel, IsoDate, Kept, PastTimestamp
from api.goals.models import (
    AchievementStatus,
    CheckInItem,
    Direction,
    GoalCategory,
    LifecycleStatus,
)
from api.sync.schemas import SyncPage

Subject = Literal["client"] | uuid.UUID
Measure = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-1e9, le=1e9)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Unit = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


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
                }
            ]
        }
    )

    subject: Subject = Field(description="`client`, or the id of a participant of the case")
    title: Short
    category: GoalCategory = GoalCategory.other
    metric: Short
    unit: Unit
    target_value: Measure
    direction: Direction
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
    model_config = ConfigDict(json_schema_extra={"examples": [{"target_value": 4}]})

    title: Kept[Short] = None
    category: Kept[GoalCategory] = None
    metric: Kept[Short] = None
    unit: Kept[Unit] = None
    target_value: Kept[Measure] = None
    direction: Kept[Direction] = None
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
    unit: str
    target_value: float
    direction: Direction
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
    unit: str
    target_value: float
    direction: Direction
    baseline_value: float | None
    achievement_status: AchievementStatus
    measurements: list[MeasurementRead] = Field(description="Oldest first")
