from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from api.cases.models import CaseOutcome, CaseStatus, InterventionModel, RiskFlag, TeamRole
from api.core.contact import EXTENSION_NEEDS_NUMBER, Email, Phone, PhoneExtension, PhoneFields
from api.core.pagination import Page
from api.core.schemas import InputModel, PastDate
from api.core.text import SingleLine
from api.core.zones import TimeZoneName
from api.participants.models import PortalStatus
from api.sync.schemas import SyncPage

Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), SingleLine
]
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), SingleLine
]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


BirthDate = PastDate | None


def _unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


class ClientIn(PhoneFields, InputModel):
    model_config = ConfigDict(json_schema_extra={"allOf": [EXTENSION_NEEDS_NUMBER]})

    first_name: Name
    last_name: Name
    preferred_name: Name | None = None
    date_of_birth: BirthDate = None
    email: Email | None = None
    phone: Phone | None = None
    phone_extension: PhoneExtension | None = None


class ClientPatch(PhoneFields, InputModel):
    first_name: Name | None = None
    last_name: Name | None = None
    preferred_name: Name | None = None
    date_of_birth: BirthDate = None
    email: Email | None = None
    phone: Phone | None = None
    phone_extension: PhoneExtension | None = None

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
    time_zone: TimeZoneName | None = Field(
        default=None,
        description="The client's own IANA time zone when it is not the practice's; null "
        "follows the practice. The case's check-in schedules run in it.",
        examples=["America/Los_Angeles"],
    )


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
    phone: str | None = Field(description="The number as written, without its extension.")
    phone_extension: str | None = Field(description="The extension's digits, if any.")


class TeamMemberRead(BaseModel):
    user_id: uuid.UUID
    full_name: str
    role: TeamRole


class ParticipantMatch(BaseModel):
    """A participant the caseload search found by name or phone number."""

    id: uuid.UUID
    full_name: str
    relationship: str = Field(examples=["spouse"])


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
    time_zone: str | None = Field(
        description="The client's own IANA time zone, or null to follow the practice's."
    )
    effective_time_zone: str = Field(
        description="The zone the case's dates and schedules are meant in (read-only): "
        "`time_zone` when set, else the practice's.",
        examples=["America/New_York"],
    )
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
    matched_participants: list[ParticipantMatch] | None = Field(
        default=None,
        description="In a caseload search (`GET /cases?q=`): the participants whose name or "
        "phone number matched, by name (empty when the client or reference matched); "
        "null elsewhere.",
    )


CasePage = SyncPage[CaseRead]


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
    """One entry of the case's story. `kind` is a case event (`case_opened`,
    `status_changed`, `team_changed`, `case_updated`, …) or one read from the case's other
    records: `participant_added`, `plan_submitted|plan_returned|plan_approved|plan_delivered`,
    `consent_recorded|consent_revoked`, `referral_<status>`, `check_in`,
    `alert_raised|alert_acknowledged`."""

    id: uuid.UUID
    at: datetime
    kind: str
    actor: ActorRef | None = Field(
        description="Who did it: a staff member, the portal respondent, or the partner center."
    )
    actor_type: str | None = Field(
        default=None, description="`staff`, `portal`, `partner` or `system`."
    )
    summary: str | None = Field(
        default=None, description="The entry in a sentence (not on status changes: see reason)."
    )
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
