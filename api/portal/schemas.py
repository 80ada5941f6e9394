from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.checkins.schemas import CheckInAnswers
from api.core.schemas import InputModel
from api.goals.models import AchievementStatus, CheckInItem, Direction, LifecycleStatus
from api.goals.schemas import Subject
from api.resources.models import Cost, ResourceFormat, ResourceKind
from api.resources.schemas import MeetingRead
from api.sync.schemas import SyncFields
from api.users.schemas import PASSWORD_MAX, PASSWORD_MIN


class InvitationCreate(InputModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"respondent": "client"}]})

    respondent: Subject = Field(description="`client`, or the id of a participant of the case")


class InvitationRead(BaseModel):
    """The code is shown once: only its digest is stored."""

    code: str
    expires_at: datetime
    respondent: Subject
    email: str
    accept_path: str = Field(
        description="Where the invited person sets their password (append to the dashboard's address)"
    )


class AcceptInvitation(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"code": "K7QX-M2PD-9VTR", "password": "a long new password"}]
        }
    )

    code: str = Field(min_length=4, max_length=64)
    password: str = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)


class InvitationCode(InputModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"code": "K7QX-M2PD-9VTR"}]})

    code: str = Field(min_length=4, max_length=64)


class InvitationPreview(BaseModel):
    """Shown on the accept page before a password is chosen."""

    organization_name: str
    name: str = Field(description="The invited person's first name.")
    email: str = Field(
        description="The address they will sign in with, masked (g•••@example.org).",
        examples=["g•••@example.org"],
    )
    expires_at: datetime


class PortalMe(BaseModel):
    id: uuid.UUID
    kind: Literal["client", "participant"]
    name: str
    client_first_name: str
    organization_name: str
    time_zone: str = Field(
        description="The IANA zone the case's dates are meant in (the client's own, else the "
        "practice's): the portal shows every time on this clock.",
        examples=["America/Chicago"],
    )


class CheckInDue(BaseModel):
    scheduled: bool = Field(description="Whether a check-in schedule is set up for you")
    cadence_days: int | None
    next_due_at: datetime | None
    due_now: bool
    last_check_in_at: datetime | None


class PortalCheckIn(CheckInAnswers):
    """A check-in answered by the signed-in client or participant about themself."""


class PortalCheckInReceipt(BaseModel):
    id: uuid.UUID
    submitted_at: datetime
    next_due_at: datetime | None


class PortalMeasurement(BaseModel):
    value: float
    measured_at: datetime


class PortalGoal(BaseModel):
    id: uuid.UUID
    title: str
    metric: str
    unit: str | None
    target_value: float | None = Field(description="A threshold with `direction`, else null")
    direction: Direction | None
    target_low: float | None = Field(description="A range's lower end, else null")
    target_high: float | None = Field(description="A range's upper end, else null")
    target_text: str | None = Field(description="The target in words, if staff wrote one")
    check_in_item: CheckInItem | None = Field(
        description="Set when an answer of my check-in measures this goal: the check-in then "
        "does not ask for it again."
    )
    due_date: date | None
    lifecycle_status: LifecycleStatus = Field(
        description="proposed, planned, accepted, active, on_hold or completed; cancelled, "
        "rejected and entered-in-error goals are not listed. Check-ins should offer only "
        "active goals for progress."
    )
    achievement_status: AchievementStatus
    latest_value: float | None
    measurements: list[PortalMeasurement]


class PortalGoals(SyncFields):
    """My goals. With `updated_since`, only those changed since then; `removed_ids` names my
    goals that left the portal view since then (cancelled, rejected and entered-in-error
    ones are not shown)."""

    items: list[PortalGoal]


class PortalPlan(BaseModel):
    """Logistics and the respondent's own part; never anyone else's letter or notes."""

    scheduled_at: datetime | None
    location: str | None
    logistics: str | None
    my_role: str
    my_speaking_position: int | None
    my_contribution: str | None
    my_letter: str | None
    my_bottom_line: str | None
    letter_ready: bool


class PortalResource(BaseModel):
    """A resource as the portal shows it: one of the practice's directory (`source: practice`,
    with its `id`) or an always-available national line (`source: national`, no `id`)."""

    id: uuid.UUID | None = Field(
        default=None, description="The directory resource; none for national lines."
    )
    source: Literal["practice", "national"]
    chosen: bool = Field(
        default=False, description="Chosen for this person in their aftercare plan; listed first."
    )
    name: str
    kind: ResourceKind
    audience: Literal["client", "family", "both", "everyone"]
    fellowship: str | None = None
    description: str | None = None
    format: ResourceFormat | None = None
    address: str | None = Field(
        default=None, description="One line: street, city, region, postal code."
    )
    online_url: str | None = None
    phone: str | None = Field(
        default=None, description="The number as written, without its extension."
    )
    phone_extension: str | None = None
    email: str | None = None
    website: str | None = None
    time_zone: str | None = Field(default=None, description="IANA zone of the meeting times.")
    meetings: list[MeetingRead] = []
    next_meeting_at: datetime | None = Field(
        default=None,
        description="The next meeting's start, with the resource's UTC offset; none without meetings.",
    )
    schedule_note: str | None = None
    languages: list[str] = []
    cost: Cost | None = None
    contact: str | None = Field(
        default=None, description="How to reach a national line, as said aloud."
    )


class PortalResources(BaseModel):
    items: list[PortalResource] = Field(
        description="The practice's active resources for this person (chosen ones first), "
        "then the national lines."
    )
