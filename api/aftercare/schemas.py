"""Request and response shapes of the aftercare plan (DESIGN.md §4 Aftercare)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.aftercare.models import FollowUpKind, FollowUpStatus, MedicationKind
from api.cases.schemas import ActorRef
from api.core.contact import Phone
from api.core.pagination import Page
from api.core.schemas import InputModel, IsoDate, Timestamp
from api.plans.models import LevelOfCare

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2_000)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
Lines = Annotated[list[Line], Field(max_length=40)]
Person = Literal["client"] | uuid.UUID
"""`"client"` or the id of a participant of this case."""


class RelapsePrevention(InputModel):
    triggers: Lines = []
    warning_signs: Lines = []
    high_risk_situations: Lines = []
    coping_strategies: Lines = []


class EmergencyContact(InputModel):
    name: Name
    relationship: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    phone: Phone
    participant_id: uuid.UUID | None = None


class ChosenResource(InputModel):
    resource_id: uuid.UUID
    for_: Person = Field(
        default="client",
        alias="for",
        description='Who it is chosen for: "client" or a participant id of this case.',
    )
    note: Note = ""


class SoberLiving(InputModel):
    resource_id: uuid.UUID | None = None
    name: Name
    move_in_date: IsoDate | None = None


class Outpatient(InputModel):
    treatment_center_id: uuid.UUID | None = None
    name: Name
    level_of_care: LevelOfCare
    first_appointment_at: Timestamp | None = None


class Medication(InputModel):
    kind: MedicationKind
    prescriber: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    notes: Note = ""


class FamilySupport(InputModel):
    participant_id: uuid.UUID
    resource_id: uuid.UUID | None = None
    commitment: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5_000)] = ""


class EscalationAgreement(InputModel):
    relapse_definition: Annotated[
        str, StringConstraints(strip_whitespace=True, max_length=2_000)
    ] = ""
    next_level_of_care: LevelOfCare | None = None
    treatment_center_id: uuid.UUID | None = None
    who_calls: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2_000)] = ""
    agreed_by: Annotated[list[Person], Field(max_length=30)] = []
    agreed_at: Timestamp | None = None


class FollowUpIn(InputModel):
    """A follow-up in the plan. With `id`: that follow-up, changed; without: a new one. A
    follow-up left out of the list is removed (with its task)."""

    id: uuid.UUID | None = None
    due_at: Timestamp
    kind: FollowUpKind = FollowUpKind.call
    assigned_to: uuid.UUID | None = Field(
        default=None, description="A staff member of the practice; by default the case lead."
    )
    status: FollowUpStatus = FollowUpStatus.open
    outcome_note: Note | None = None


EXAMPLE_PLAN: dict[str, Any] = {
    "relapse_prevention": {
        "triggers": ["Payday Fridays", "Arguments about money"],
        "warning_signs": ["Skipping meetings", "Isolating in the garage"],
        "high_risk_situations": ["Work conferences with an open bar"],
        "coping_strategies": ["Call the sponsor before 9 pm", "Walk the dog around the park"],
    },
    "emergency_contacts": [
        {"name": "Sam (sponsor)", "relationship": "sponsor", "phone": "555-0142"}
    ],
    "medication": {"kind": "naltrexone", "prescriber": "Dr. Patel", "notes": "50 mg daily"},
}


class AftercareUpdate(InputModel):
    """The whole plan (PUT replaces every section it names; a section left out is emptied),
    except `follow_ups`: left out, they stay as they are."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_PLAN]})

    relapse_prevention: RelapsePrevention = RelapsePrevention()
    emergency_contacts: Annotated[list[EmergencyContact], Field(max_length=20)] = []
    resources: Annotated[list[ChosenResource], Field(max_length=60)] = []
    sober_living: SoberLiving | None = None
    outpatient: Outpatient | None = None
    medication: Medication | None = None
    family_support: Annotated[list[FamilySupport], Field(max_length=30)] = []
    escalation_agreement: EscalationAgreement | None = None
    notes: LongText | None = None
    follow_ups: Annotated[list[FollowUpIn], Field(max_length=40)] | None = None


class FollowUpUpdate(InputModel):
    """A follow-up's outcome: marking it `done` (or `missed`) needs an outcome note."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"status": "done", "outcome_note": "Sober 30 days; goes to 3 meetings."}]
        }
    )

    status: FollowUpStatus | None = None
    outcome_note: Note | None = None
    due_at: Timestamp | None = None
    kind: FollowUpKind | None = None
    assigned_to: uuid.UUID | None = None


class Escalation(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"reason": "Drank on three days this week; agreed step-up to IOP."}]
        }
    )

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000)]


# Responses -------------------------------------------------------------------------------


class RelapsePreventionRead(BaseModel):
    triggers: list[str]
    warning_signs: list[str]
    high_risk_situations: list[str]
    coping_strategies: list[str]


class EmergencyContactRead(BaseModel):
    name: str
    relationship: str
    phone: str
    participant_id: uuid.UUID | None


class ChosenResourceRead(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    resource_id: uuid.UUID
    resource_name: str = Field(description="The directory entry's name, as it is now.")
    for_: Person = Field(alias="for")
    note: str


class SoberLivingRead(BaseModel):
    resource_id: uuid.UUID | None
    name: str
    move_in_date: date | None


class OutpatientRead(BaseModel):
    treatment_center_id: uuid.UUID | None
    name: str
    level_of_care: LevelOfCare
    first_appointment_at: datetime | None


class MedicationRead(BaseModel):
    kind: MedicationKind
    prescriber: str
    notes: str


class FamilySupportRead(BaseModel):
    participant_id: uuid.UUID
    resource_id: uuid.UUID | None
    commitment: str


class EscalationAgreementRead(BaseModel):
    relapse_definition: str
    next_level_of_care: LevelOfCare | None
    treatment_center_id: uuid.UUID | None
    who_calls: str
    agreed_by: list[Person]
    agreed_at: datetime | None


class FollowUpRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    due_at: datetime
    kind: FollowUpKind
    assigned_to: ActorRef | None
    status: FollowUpStatus
    overdue: bool = Field(description="Open and past its due time.")
    outcome_note: str | None
    completed_at: datetime | None
    completed_by: ActorRef | None
    task_id: uuid.UUID | None


class AftercareRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    version: int
    started_at: datetime = Field(description="When aftercare began: follow-ups count from here.")
    relapse_prevention: RelapsePreventionRead
    emergency_contacts: list[EmergencyContactRead]
    resources: list[ChosenResourceRead]
    sober_living: SoberLivingRead | None
    outpatient: OutpatientRead | None
    medication: MedicationRead | None
    family_support: list[FamilySupportRead]
    escalation_agreement: EscalationAgreementRead | None
    escalation_missing: list[str] = Field(
        description="What the escalation agreement still lacks before `escalate` can run "
        "(empty when it is ready)."
    )
    notes: str | None
    follow_ups: list[FollowUpRead]
    escalated_at: datetime | None
    created_at: datetime
    updated_at: datetime


class AftercareRevisionRead(BaseModel):
    id: uuid.UUID
    version: int
    change: str
    at: datetime
    author: ActorRef | None
    snapshot: dict[str, Any]


AftercareRevisionPage = Page[AftercareRevisionRead]


class EscalationResult(BaseModel):
    case_id: uuid.UUID
    case_status: str
    referral_id: uuid.UUID = Field(description="The draft referral; send it once consent holds.")
    referral_status: str
    consent_attached: bool = Field(
        description="True when an active consent naming the center was found and attached."
    )


# The portal's view ---------------------------------------------------------------------------


class NextMeeting(BaseModel):
    starts_at: datetime = Field(description="The meeting's next start (UTC).")
    ends_at: datetime
    local_start: str = Field(
        description="Wall-clock start in the resource's time zone, e.g. `2026-12-08T19:00`."
    )
    text: str = Field(description="As read aloud there: `Tue, Dec 8, 2026, 7:00 PM EST`.")


class PortalChosenResource(BaseModel):
    resource_id: uuid.UUID
    name: str
    kind: str
    format: str
    fellowship: str | None
    note: str = Field(description="Why it was chosen for me, from my plan.")
    address: str | None
    online_url: str | None
    phone: str | None
    phone_extension: str | None
    website: str | None
    time_zone: str = Field(description="IANA zone of the meeting times.")
    next_meetings: list[NextMeeting] = Field(description="The next few meetings, soonest first.")
    schedule_note: str | None


class PortalEmergencyContact(BaseModel):
    name: str
    relationship: str
    phone: str


class PortalFollowUp(BaseModel):
    due_at: datetime
    kind: FollowUpKind


class PortalAftercare(BaseModel):
    """My own part of the aftercare plan. The client: coping strategies, warning signs,
    emergency contacts, the resources chosen for them, the next follow-up. A family member:
    their own commitment and resources, nothing of the client's private sections or of other
    participants."""

    kind: Literal["client", "participant"]
    started_at: datetime
    coping_strategies: list[str] = []
    warning_signs: list[str] = []
    emergency_contacts: list[PortalEmergencyContact] = []
    my_commitment: str | None = None
    resources: list[PortalChosenResource] = []
    next_follow_up: PortalFollowUp | None = None
