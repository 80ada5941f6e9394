from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, model_validator

from api.checkins.models import RiskLevel
from api.core.schemas import InputModel, Kept, Timestamp
from api.goals.schemas import Measure, Subject
from api.sync.schemas import SyncPage

Scale = Annotated[int, Field(strict=True, ge=0, le=4, description="0 (none) to 4 (extreme)")]
DayCount = Annotated[
    int,
    Field(strict=True, ge=0, le=31, description="Days within the recall window (0-`period_days`)"),
]
# The day counts a check-in may carry: each at most `period_days` (checked by the service).
DAY_COUNT_ITEMS = ("days_used", "heavy_drinking_days", "meetings_attended", "work_school_days")
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
    next_due_at: Timestamp | None = Field(
        default=None,
        description="The first due time; defaults to now + cadence. Its wall-clock time in "
        "the case's zone (the client's override, else the practice's) is the schedule's anchor: "
        "every later slot is that local time, cadence days on, across daylight-saving changes.",
        examples=["2027-03-08T18:00:00-05:00"],
    )


class ScheduleUpdate(InputModel):
    cadence_days: Kept[Annotated[int, Field(strict=True, ge=1, le=90)]] = None
    grace_hours: Kept[Annotated[int, Field(strict=True, ge=0, le=168)]] = None
    active: Kept[StrictBool] = None
    next_due_at: Kept[Timestamp] = Field(
        default=None, description="Re-anchors the schedule at this time, read in its zone."
    )


class ScheduleRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    respondent: Subject
    respondent_name: str
    cadence_days: int
    grace_hours: int
    active: bool
    next_due_at: datetime = Field(
        description="The next due time (UTC): the local anchor placed in `time_zone`."
    )
    time_zone: str = Field(
        description="The IANA zone the schedule runs in: the case's client zone, else the "
        "practice's. It follows changes to either.",
        examples=["America/New_York"],
    )
    created_at: datetime
    updated_at: datetime
    version: int


SchedulePage = SyncPage[ScheduleRead]


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

    period_days: Annotated[
        int,
        Field(
            strict=True,
            ge=1,
            le=31,
            description="The recall window in days: 7 (the weekly check-in), 30 (the BAM's own "
            "window) or the schedule's cadence. Every day count is within it.",
        ),
    ] = 7
    days_used: DayCount | None = None
    heavy_drinking_days: (
        Annotated[
            int,
            Field(
                strict=True,
                ge=0,
                le=31,
                description="BAM item 5: of `days_used`, days with 5 or more drinks (4 for a woman)",
            ),
        ]
        | None
    ) = None
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
    meetings_attended: (
        Annotated[
            int,
            Field(strict=True, ge=0, le=31, description="BAM item 10: days with a support meeting"),
        ]
        | None
    ) = None
    sober_support_contact: StrictBool | None = None
    family_conflict: (
        Annotated[
            int,
            Field(
                strict=True,
                ge=0,
                le=4,
                description="BAM item 15: how much arguments or problems getting along with family "
                "or friends bothered you, 0 (not at all) to 4 (extremely)",
            ),
        ]
        | None
    ) = None
    work_school_days: (
        Annotated[
            int,
            Field(
                strict=True,
                ge=0,
                le=31,
                description="BAM item 13: days spent much of the time at work, school or volunteering",
            ),
        ]
        | None
    ) = None
    commitments_kept: StrictBool | None = None
    wellbeing: Scale | None = None
    goal_updates: Annotated[list[GoalUpdateIn], Field(max_length=20)] = []
    safety: Safety = Safety()
    note: Note | None = None

    @model_validator(mode="after")
    def _substances_need_use(self) -> CheckInAnswers:
        # Day counts against `period_days` are checked by the service, so the 422 names the field.
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
                    "family_conflict": 1,
                    "work_school_days": 5,
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


class BamComposites(BaseModel):
    """The Brief Addiction Monitor's composites of a client check-in (`api/checkins/bam.py`;
    Cacciola et al., J Subst Abuse Treat 2013;44(3):256-263, and the VA BAM manual). Each
    `None` when too few of its items were answered."""

    use: int | None = Field(description="0-12, higher is more use (BAM items 4, 5, 6)")
    risk: float | None = Field(
        description="0-24, higher is more risk (items 1, 2, 3, 8, 11, 15), scaled from the "
        "items answered"
    )
    protective: float | None = Field(
        description="0-24, higher is more protection (items 9, 10, 12, 13, 14, 16), scaled "
        "from the items answered"
    )
    items_scored: list[int] = Field(description="The BAM item numbers the composites read")


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
    heavy_drinking_days: int | None
    work_school_days: int | None
    family_conflict: int | None
    commitments_kept: bool | None
    wellbeing: int | None
    goal_updates: list[GoalUpdateRead]
    safety: SafetyRead
    note: str | None
    risk_level: RiskLevel
    bam: BamComposites | None = Field(
        description="The BAM composites; `null` for a family member's check-in"
    )


CheckInPage = SyncPage[CheckInRead]


class Adherence(BaseModel):
    schedule_id: uuid.UUID
    respondent: Subject
    respondent_name: str
    expected: int
    received: int


class AdherenceReport(BaseModel):
    since: datetime
    items: list[Adherence]
