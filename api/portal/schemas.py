from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.checkins.schemas import CheckInAnswers
from api.core.schemas import InputModel
from api.goals.models import AchievementStatus, Direction, LifecycleStatus
from api.goals.schemas import Subject
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
    unit: str
    target_value: float
    direction: Direction
    due_date: date | None
    lifecycle_status: LifecycleStatus = Field(
        description="proposed, active, on_hold or completed; cancelled goals are not listed. "
        "Check-ins should offer only active goals for progress."
    )
    achievement_status: AchievementStatus
    latest_value: float | None
    measurements: list[PortalMeasurement]


class PortalGoals(BaseModel):
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


class Resource(BaseModel):
    name: str
    kind: str
    audience: Literal["client", "family", "everyone"]
    description: str
    contact: str


class PortalResources(BaseModel):
    items: list[Resource]
