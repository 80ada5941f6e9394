from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from api.consents.models import ConsentStatus, SignatureMethod, SignerRelationship
from api.core.pagination import Page
from api.core.schemas import InputModel, Timestamp

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5_000)]


class ConsentCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "patient_name": "Daniel Okafor",
                    "disclosing_party": "Harbor Light Interventions",
                    "recipient_treatment_center_id": "5d0c3c5e-0e64-4d2b-9d6c-1b1f9f8c2a10",
                    "purpose": "Referral for admission to residential treatment and coordination of care.",
                    "information_description": "Substance use history, current use, risk factors and the intervention summary.",
                    "expires_at": "2027-05-31T23:59:59Z",
                    "signed_by": "Daniel Okafor",
                    "signer_relationship": "self",
                    "signed_at": "2026-12-01T15:30:00Z",
                    "signature_method": "typed_name",
                }
            ]
        }
    )

    patient_name: Line
    disclosing_party: Line
    recipient_treatment_center_id: uuid.UUID | None = None
    recipient_description: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
        | None
    ) = None
    purpose: Paragraph
    information_description: Paragraph = Field(
        description="How much and what kind of information may be disclosed"
    )
    expires_at: Timestamp | None = None
    expiration_event: Line | None = None
    signed_by: Line
    signer_relationship: SignerRelationship
    signed_at: Timestamp
    signature_method: SignatureMethod

    @model_validator(mode="after")
    def _required_elements(self) -> ConsentCreate:
        if self.recipient_treatment_center_id is None and self.recipient_description is None:
            raise ValueError(
                "name the recipient: recipient_treatment_center_id or recipient_description"
            )
        if self.expires_at is None and self.expiration_event is None:
            raise ValueError("a consent needs expires_at or expiration_event")
        if self.expires_at is not None and self.expires_at <= self.signed_at:
            raise ValueError("expires_at must be after signed_at")
        return self


class Revocation(InputModel):
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2_000)] | None = None


class ConsentRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    patient_name: str
    disclosing_party: str
    recipient_treatment_center_id: uuid.UUID | None
    recipient_description: str | None
    purpose: str
    information_description: str
    expires_at: datetime | None
    expiration_event: str | None
    signed_by: str
    signer_relationship: SignerRelationship
    signed_at: datetime
    signature_method: SignatureMethod
    status: ConsentStatus
    created_at: datetime
    revoked_at: datetime | None
    revocation_note: str | None
    redisclosure_notice: str


ConsentPage = Page[ConsentRead]
