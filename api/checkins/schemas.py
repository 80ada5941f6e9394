from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, model_validator

from api.checkins.models import RiskLevel
from api.core.pagination import Page
from api.core.schemas import InputModel, Timestamp
from api.goals.schemas import Measure, Subject

Scale = Annotated[int, Field(strict=True, ge=0, le=4, description="0 (none) to 4 (extreme)")]
Count = Annotated[int, Field(strict=True, ge=0, le=100)]
Note = Annotated[str, StringConstraints(max_length=2_000)]


class ScheduleCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"respondent": "client", "cadence_days": 7, "grace_hours": 24}]
        }
    )

    respondent: Subject = Field(description="`client`, or the id of a participant of the case")
    cadence_days: Annotated[int, Field(strict=True, ge=1, le=90)] = 7
    grace_hours: Annotated[int, Field(strict=True, ge=0, le=168)] = 24
    active: StrictBool = True
    next_due_at: Timestamp | None = Field(default=None, description="Defaults to now + cadence")


class ScheduleUpdate(InputModel):
    cadence_days: Annotated[int, Field(strict=True, ge=1, le=90)] | None = None
    grace_hours: Annotated[int, Field(strict=True, ge=0, le=168)] | None = None
    active: StrictBool | None = None
    next_due_at: Timestamp | None = None


class ScheduleRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    respondent: Subject
    respondent_name: str
    cadence_days: int
    grace_hours: int
    active: bool
    next_due_at: datetime
    created_at: datetime
    updated_at: datetime
    version: int


SchedulePage = Page[ScheduleRead]


class GoalUpdateIn(InputModel):
    goal_id: uuid.UUID
    value: Measure
    note: Note | None = None


class Safety(InputModel):
    overdose: StrictBool = False
    self_harm_thoughts: StrictBool = False
    violence: StrictBool = False


class CheckInAnswers(InputModel):
    """What the respondent answers; the client answers use, risk and protective
    factors, a family member their commitments and wellbeing."""

    period_days: Annotated[int, Field(strict=True, ge=1, le=31)] = 7
    days_used: Annotated[int, Field(strict=True, ge=0, le=31)] | None = None
    substances_used: Annotated[
        list[
            Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
        ],
        Field(max_length=10),
    ] = []
    craving: Scale | None = None
    mood: Scale | None = None
    sleep_quality: Scale | None = None
    risky_situations: Scale | None = None
    confidence: Scale | None = None
    meetings_attended: Count | None = None
    sober_support_contact: StrictBool | None = None
    commitments_kept: StrictBool | None = None
    wellbeing: Scale | None = None
    goal_updates: Annotated[list[GoalUpdateIn], Field(max_length=20)] = []
    safety: Safety = Safety()
    note: Note | None = None

    @model_validator(mode="after")
    def _use_fits_the_window(self) -> CheckInAnswers:
        if self.days_used is not None and self.days_used > self.period_days:
            raise ValueError("days_used cannot be more than period_days")
        if self.days_used == 0 and self.substances_used:
            raise ValueError("substances_used given but days_used is 0")
        return self


class CheckInCreate(CheckInAnswers):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "respondent": "client",
                    "period_days": 7,
                    "days_used": 0,
                    "craving": 2,
                    "mood": 3,
                    "sleep_quality": 2,
                    "risky_situations": 1,
                    "confidence": 3,
                    "meetings_attended": 3,
                    "sober_support_contact": True,
                    "safety": {"overdose": False, "self_harm_thoughts": False, "violence": False},
                }
            ]
        }
    )

    respondent: Subject = Field(description="`client`, or the id of a participant of the case")


class SafetyRead(BaseModel):
    overdose: bool
    self_harm_thoughts: bool
    violence: bool


class GoalUpdateRead(BaseModel):
    goal_id: uuid.UUID
    value: float
    note: str | None = None


class CheckInRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    respondent: Subject
    respondent_name: str
    submitted_at: datetime
    submitted_by_kind: str
    period_days: int
    days_used: int | None
    substances_used: list[str]
    craving: int | None
    mood: int | None
    sleep_quality: int | None
    risky_situations: int | None
    confidence: int | None
    meetings_attended: int | None
    sober_support_contact: bool | None
    commitments_kept: bool | None
    wellbeing: int | None
    goal_updates: list[GoalUpdateRead]
    safety: SafetyRead
    note: str | None
    risk_level: RiskLevel


CheckInPage = Page[CheckInRead]


class Adherence(BaseModel):
    schedule_id: uuid.UUID
    respondent: Subject
    respondent_name: str
    expected: int
    received: int


class AdherenceReport(BaseModel):
    since: datetime
    items: list[Adherence]
