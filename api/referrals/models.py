from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime, version_column


class ReferralStatus(StrEnum):
    draft = "draft"
    sent = "sent"
    received = "received"
    accepted = "accepted"
    declined = "declined"
    admitted = "admitted"
    discharged = "discharged"
    cancelled = "cancelled"


class DischargeReason(StrEnum):
    completed = "completed"
    left_against_advice = "left_against_advice"
    administrative = "administrative"
    transferred = "transferred"


_version = version_column()


class Referral(SQLModel, table=True):
    """A referral of the client to a treatment center, under a consent that names it."""

    __tablename__ = "referrals"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}
    __table_args__ = (
        Index("ix_referrals_center_updated", "treatment_center_id", "updated_at", "id"),
        Index("ix_referrals_org_created", "organization_id", "created_at", "id"),
        # The referral list's order (newest change first), with and without a status.
        Index("ix_referrals_org_updated", "organization_id", "updated_at", "id"),
        Index("ix_referrals_org_status_updated", "organization_id", "status", "updated_at", "id"),
        Index("ix_referrals_org_admitted", "organization_id", "admitted_at"),
        Index("ix_referrals_org_discharged", "organization_id", "discharged_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    treatment_center_id: uuid.UUID = Field(foreign_key="treatment_centers.id")
    # None only on a draft made by an aftercare escalation: sending requires a consent.
    consent_id: uuid.UUID | None = Field(default=None, foreign_key="consents.id")
    level_of_care: str = Field(max_length=8)
    requested_admission_date: date | None = None
    summary: str = Field(sa_type=Text)
    status: str = Field(default=ReferralStatus.draft.value, max_length=20)
    decline_reason: str | None = Field(default=None, sa_type=Text)
    admitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    discharged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    discharge_reason: str | None = Field(default=None, max_length=30)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by_id: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)


class ReferralEvent(SQLModel, table=True):
    """The referral's history: who moved it, when, from what to what, and why."""

    __tablename__ = "referral_events"
    __table_args__ = (Index("ix_referral_events_referral_at", "referral_id", "at", "id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    referral_id: uuid.UUID = Field(foreign_key="referrals.id", ondelete="CASCADE")
    at: datetime = Field(sa_type=UTCDateTime)
    actor_type: str = Field(max_length=20)
    actor_id: uuid.UUID | None = None
    from_status: str | None = Field(default=None, max_length=20)
    to_status: str = Field(max_length=20)
    note: str | None = Field(default=None, sa_type=Text)
