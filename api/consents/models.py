from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime


class SignerRelationship(StrEnum):
    self_ = "self"
    guardian = "guardian"
    authorized_representative = "authorized_representative"


class SignatureMethod(StrEnum):
    typed_name = "typed_name"
    wet_signature = "wet_signature"
    electronic_signature = "electronic_signature"


class ExpirationEvent(StrEnum):
    """Events Cairn sees happen itself, so it ends the consent when they do (DESIGN.md §4
    Consents). Any other `expiration_event` is free text that staff must watch for."""

    on_discharge = "on_discharge"  # the client is discharged from the recipient center
    on_case_closed = "on_case_closed"  # the case is closed
    # a referral under it is discharged, declined, or cancelled once sent
    on_referral_closed = "on_referral_closed"


class ConsentStatus(StrEnum):
    active = "active"
    revoked = "revoked"
    expired = "expired"


# 42 CFR § 2.32, as updated in 2024: every disclosure carries it.
REDISCLOSURE_NOTICE = (
    "This record which has been disclosed to you is protected by federal confidentiality "
    "rules (42 CFR part 2). 42 CFR part 2 prohibits unauthorized use or disclosure of these "
    "records."
)


class Consent(SQLModel, table=True):
    """A written consent to disclose substance-use records (42 CFR § 2.31). Never changed
    once recorded; it can only be revoked."""

    __tablename__ = "consents"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    patient_name: str = Field(max_length=200)
    disclosing_party: str = Field(max_length=300)
    recipient_treatment_center_id: uuid.UUID | None = Field(
        default=None, foreign_key="treatment_centers.id"
    )
    recipient_description: str | None = Field(default=None, max_length=500)
    purpose: str = Field(sa_type=Text)
    information_description: str = Field(sa_type=Text)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    expiration_event: str | None = Field(default=None, max_length=300)
    signed_by: str = Field(max_length=200)
    signer_relationship: str = Field(max_length=30)
    signed_at: datetime = Field(sa_type=UTCDateTime)
    signature_method: str = Field(max_length=30)
    created_by_id: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    revocation_note: str | None = Field(default=None, sa_type=Text)
    # Set when a structured expiration event happened: when, which one, and what it was.
    expired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    expired_by: str | None = Field(default=None, max_length=30)
    expiry_note: str | None = Field(default=None, max_length=300)

    @property
    def structured_event(self) -> ExpirationEvent | None:
        """The expiration event when Cairn evaluates it itself; None for free text or none."""
        try:
            return ExpirationEvent(self.expiration_event) if self.expiration_event else None
        except ValueError:
            return None

    def status_at(self, now: datetime) -> ConsentStatus:
        if self.revoked_at is not None:
            return ConsentStatus.revoked
        if self.expired_at is not None and self.expired_at <= now:
            return ConsentStatus.expired
        if self.expires_at is not None and self.expires_at <= now:
            return ConsentStatus.expired
        return ConsentStatus.active

    def discloses_to(self, center_id: uuid.UUID, now: datetime) -> bool:
        """The Part 2 gate: active at `now` and naming that treatment center."""
        return (
            self.status_at(now) is ConsentStatus.active
            and self.recipient_treatment_center_id == center_id
        )
