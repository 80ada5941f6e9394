from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from api.consents.models import ConsentStatus
from api.core.pagination import Page
from api.core.schemas import InputModel, IsoDate, Kept, PastTimestamp, required_when
from api.plans.models import LevelOfCare
from api.referrals.models import DischargeReason, ReferralStatus

Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4_000)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2_000)]


class ReferralCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "treatment_center_id": "5d0c3c5e-0e64-4d2b-9d6c-1b1f9f8c2a10",
                    "consent_id": "0b7a3c0e-6f4e-4c1b-8c55-2a4e8f2b9d33",
                    "level_of_care": "3.7",
                    "requested_admission_date": "2026-12-06",
                    "summary": "Alcohol use disorder, severe; medically monitored withdrawal likely needed.",
                }
            ]
        }
    )

    treatment_center_id: uuid.UUID
    consent_id: uuid.UUID
    level_of_care: LevelOfCare
    requested_admission_date: IsoDate | None = None
    summary: Summary = Field(description="The minimum necessary for the center to decide")


class ReferralUpdate(InputModel):
    consent_id: Kept[uuid.UUID] = None
    level_of_care: Kept[LevelOfCare] = None
    requested_admission_date: IsoDate | None = None
    summary: Kept[Summary] = None


class StatusReport(InputModel):
    """A status update from the treatment center (or recorded by staff for a non-partner center)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"status": "admitted", "admitted_at": "2026-12-04T14:00:00Z"}],
            # The fields a status needs (`_fields_of_the_status`).
            "allOf": [
                required_when(
                    "status",
                    ReferralStatus.declined.value,
                    {"decline_reason": {"type": "string", "pattern": "\\S"}},
                ),
                required_when(
                    "status",
                    ReferralStatus.discharged.value,
                    {"discharge_reason": {"type": "string"}},
                ),
            ],
        }
    )

    status: ReferralStatus
    decline_reason: Note | None = None
    admitted_at: PastTimestamp | None = None
    discharged_at: PastTimestamp | None = None
    discharge_reason: DischargeReason | None = None
    note: Note | None = None

    @model_validator(mode="after")
    def _fields_of_the_status(self) -> StatusReport:
        if self.status is ReferralStatus.declined and not self.decline_reason:
            raise ValueError("a decline needs decline_reason")
        if self.status is ReferralStatus.discharged and self.discharge_reason is None:
            raise ValueError("a discharge needs discharge_reason")
        return self


class Cancellation(InputModel):
    reason: Note | None = None


class HistoryEntry(BaseModel):
    at: datetime
    actor_type: str
    actor_id: uuid.UUID | None
    actor_name: str | None = Field(
        description="The staff member's name, or the center's for a partner; null for the system."
    )
    from_status: ReferralStatus | None
    to_status: ReferralStatus
    note: str | None


class PartnerHistoryEntry(BaseModel):
    """A move of the referral as a partner sees it: who acted is the practice or the center,
    by name; no user or client id of the practice is disclosed."""

    at: datetime
    actor_type: Literal["practice", "treatment_center", "system"]
    actor_name: str | None = Field(description="The practice's or the center's name")
    from_status: ReferralStatus | None
    to_status: ReferralStatus
    note: str | None


class ReferralRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    client_name: str
    treatment_center_id: uuid.UUID
    treatment_center_name: str
    treatment_center_is_partner: bool = Field(
        description="The center reports its own status changes through the partner API."
    )
    consent_id: uuid.UUID | None = Field(
        description="None on a draft made by an aftercare escalation until a consent is attached."
    )
    level_of_care: LevelOfCare
    requested_admission_date: date | None
    summary: str
    status: ReferralStatus
    decline_reason: str | None
    admitted_at: datetime | None
    discharged_at: datetime | None
    discharge_reason: DischargeReason | None
    sent_at: datetime | None
    allowed_transitions: list[ReferralStatus] = Field(
        description="What staff may move it to next: send, cancel, and for a center that is "
        "not a partner the center's answers (POST /referrals/{id}/status)."
    )
    is_closed: bool = Field(
        description="The referral has ended (declined, discharged or cancelled): nothing more "
        "will happen to it, from staff or from the center."
    )
    history: list[HistoryEntry]
    created_at: datetime
    updated_at: datetime
    version: int


ReferralPage = Page[ReferralRead]


class ConsentSummary(BaseModel):
    id: uuid.UUID
    status: ConsentStatus
    purpose: str
    information_description: str
    expires_at: datetime | None
    expiration_event: str | None
    signed_at: datetime


class ReferredClient(BaseModel):
    first_name: str
    last_name: str
    date_of_birth: date | None


class PartnerReferral(BaseModel):
    """What a partner center sees: the minimum necessary, under the consent, with the notice."""

    id: uuid.UUID
    status: ReferralStatus
    level_of_care: LevelOfCare
    requested_admission_date: date | None
    client: ReferredClient | None = Field(
        description="Withheld once the consent is no longer active"
    )
    summary: str | None = Field(description="Withheld once the consent is no longer active")
    disclosure_withheld: bool
    consent: ConsentSummary
    redisclosure_notice: str
    history: list[PartnerHistoryEntry]
    sent_at: datetime | None
    updated_at: datetime


PartnerReferralPage = Page[PartnerReferral]


class Capacity(InputModel):
    beds_available: Annotated[int, Field(strict=True, ge=0, le=10_000)]


class CapacityRead(BaseModel):
    treatment_center_id: uuid.UUID
    beds_available: int
    beds_updated_at: datetime
