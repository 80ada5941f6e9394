from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
)

from api.cases.models import CaseOutcome, CaseStatus, InterventionModel, RiskFlag, TeamRole
from api.core import clock
from api.core.pagination import Page
from api.core.schemas import InputModel, IsoDate
from api.participants.models import PortalStatus

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ().\-]+$")


def _phone_number(value: str) -> str:
    digits = sum(ch.isdigit() for ch in value)
    if not PHONE_CHARACTERS.match(value) or not 7 <= digits <= 15:
        raise ValueError("enter a phone number of 7 to 15 digits, e.g. +1 555 010 0123")
    return value


Phone = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=7, max_length=40),
    AfterValidator(_phone_number),
]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


def _plausible_birth_date(value: date | None) -> date | None:
    if value is not None and not date(1900, 1, 1) <= value <= clock.now().date():
        raise ValueError("date of birth must be between 1900-01-01 and today")
    return value


BirthDate = Annotated[IsoDate | None, AfterValidator(_plausible_birth_date)]


def _unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


class ClientIn(InputModel):
    first_name: Name
    last_name: Name
    preferred_name: Name | None = None
    date_of_birth: BirthDate = None
    email: EmailStr | None = Field(default=None, max_length=320)
    phone: Phone | None = None


class ClientPatch(InputModel):
    first_name: Name | None = None
    last_name: Name | None = None
    preferred_name: Name | None = None
    date_of_birth: BirthDate = None
    email: EmailStr | None = Field(default=None, max_length=320)
    phone: Phone | None = None

    @field_validator("first_name", "last_name")
    @classmethod
    def _required_names_stay(cls, value: str | None) -> str | None:
        if value is None:
            raise ValueError("cannot be removed")
        return value


class _CaseFields(InputModel):
    primary_substance: ShortText | None = None
    substances: Annotated[list[ShortText], Field(max_length=20), AfterValidator(_unique)] = []
    risk_flags: Annotated[list[RiskFlag], Field(max_length=8), AfterValidator(_unique)] = []
    intervention_model: InterventionModel | None = None
    summary: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)] | None = None


class CaseCreate(_CaseFields):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "client": {
                        "first_name": "Daniel",
                        "last_name": "Okafor",
                        "preferred_name": "Danny",
                    },
                    "primary_substance": "alcohol",
                    "substances": ["alcohol", "benzodiazepines"],
                    "risk_flags": ["medical_detox_needed"],
                    "intervention_model": "arise",
                    "summary": "Sister called after a second DUI. Family ready to meet this week.",
                }
            ]
        },
    )

    client: ClientIn


class CaseUpdate(_CaseFields):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"risk_flags": ["overdose_history"]}]}
    )

    client: ClientPatch | None = None
    substances: Annotated[list[ShortText], Field(max_length=20), AfterValidator(_unique)] | None = (
        None  # type: ignore[assignment]
    )
    risk_flags: Annotated[list[RiskFlag], Field(max_length=8), AfterValidator(_unique)] | None = (
        None  # type: ignore[assignment]
    )


class ClientRead(BaseModel):
    first_name: str
    last_name: str
    preferred_name: str | None
    date_of_birth: date | None
    email: str | None
    phone: str | None


class TeamMemberRead(BaseModel):
    user_id: uuid.UUID
    full_name: str
    role: TeamRole


class CaseRead(BaseModel):
    id: uuid.UUID
    reference: str = Field(examples=["C-2026-0042"])
    client: ClientRead
    primary_substance: str | None
    substances: list[str]
    risk_flags: list[RiskFlag]
    intervention_model: InterventionModel | None
    status: CaseStatus
    outcome: CaseOutcome | None
    summary: str | None
    team: list[TeamMemberRead]
    client_portal_status: PortalStatus = Field(
        description="The client's own portal access: none, invited (a code was sent and not "
        "yet used) or active (signed up). Participants carry theirs as portal_status."
    )
    allowed_transitions: list[CaseStatus] = Field(
        description="The statuses this case may move to next (POST /cases/{id}/status)."
    )
    created_at: datetime
    updated_at: datetime
    version: int


CasePage = Page[CaseRead]


class StatusChange(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"status": "planning", "reason": "Family agreed to prepare an intervention."},
                {
                    "status": "closed",
                    "outcome": "entered_treatment",
                    "reason": "Admitted and discharged.",
                },
            ]
        },
    )

    status: CaseStatus
    reason: Reason | None = None
    outcome: CaseOutcome | None = None


class ActorRef(BaseModel):
    id: uuid.UUID
    full_name: str


class TimelineEntry(BaseModel):
    id: uuid.UUID
    at: datetime
    kind: str
    actor: ActorRef | None
    from_status: CaseStatus | None
    to_status: CaseStatus | None
    reason: str | None
    outcome: CaseOutcome | None
    details: dict[str, Any]


TimelinePage = Page[TimelineEntry]


class TeamMemberIn(InputModel):
    user_id: uuid.UUID
    role: TeamRole


class TeamUpdate(InputModel):
    members: list[TeamMemberIn] = Field(min_length=1, max_length=20)


class Team(BaseModel):
    members: list[TeamMemberRead]
