from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, Index, Text
from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime, version_column


class FollowUpKind(StrEnum):
    call = "call"
    visit = "visit"
    check_in = "check_in"


class FollowUpStatus(StrEnum):
    open = "open"
    done = "done"
    missed = "missed"
    cancelled = "cancelled"  # the case closed while it was still open


class MedicationKind(StrEnum):
    """Medication for opioid or alcohol use disorder (MOUD/MAUD)."""

    none = "none"
    buprenorphine = "buprenorphine"
    methadone = "methadone"
    naltrexone = "naltrexone"
    acamprosate = "acamprosate"
    disulfiram = "disulfiram"
    other = "other"


_version = version_column()


class AftercarePlan(SQLModel, table=True):
    """The aftercare plan of a case (one per case): relapse prevention, who to call, the
    resources chosen from the directory, continuing care, the family's own support, and the
    escalation agreed in advance. The sections are JSON documents, always read and saved with
    the plan; every save is kept as a revision. Follow-ups are rows of their own
    (`AftercareFollowUp`), since each is a task and a job watches them."""

    __tablename__ = "aftercare_plans"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", unique=True, ondelete="CASCADE")
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    started_at: datetime = Field(sa_type=UTCDateTime)
    relapse_prevention: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    emergency_contacts: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    resources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    sober_living: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    outpatient: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    medication: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    family_support: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    escalation_agreement: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    notes: str | None = Field(default=None, sa_type=Text)
    escalated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)

    def mentions_participant(self, participant_id: uuid.UUID) -> bool:
        """Whether the plan names this participant (support, contacts, resources, agreement)."""
        key = str(participant_id)
        agreement = self.escalation_agreement or {}
        return (
            any(s.get("participant_id") == key for s in self.family_support)
            or any(c.get("participant_id") == key for c in self.emergency_contacts)
            or any(r.get("for") == key for r in self.resources)
            or key in agreement.get("agreed_by", [])
        )


class AftercareFollowUp(SQLModel, table=True):
    """One follow-up point of the plan (7, 30, 90, 180, 365 days by default): a task in the
    assignee's work queue, and an alert once when it is past due and still open."""

    __tablename__ = "aftercare_follow_ups"
    __table_args__ = (
        Index("ix_aftercare_follow_ups_plan_due", "plan_id", "due_at", "id"),
        Index("ix_aftercare_follow_ups_status_due", "status", "due_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    plan_id: uuid.UUID = Field(foreign_key="aftercare_plans.id", ondelete="CASCADE")
    case_id: uuid.UUID = Field(foreign_key="cases.id", ondelete="CASCADE")
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    due_at: datetime = Field(sa_type=UTCDateTime)
    kind: str = Field(max_length=20)
    assigned_to_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    status: str = Field(default=FollowUpStatus.open.value, max_length=20)
    outcome_note: str | None = Field(default=None, sa_type=Text)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    task_id: uuid.UUID | None = Field(default=None, foreign_key="tasks.id", ondelete="SET NULL")
    # Set when the past-due alert was raised: the job raises it once.
    alerted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class AftercareRevision(SQLModel, table=True):
    """Every saved version of an aftercare plan: who, when, what kind of change, a snapshot."""

    __tablename__ = "aftercare_revisions"
    __table_args__ = (Index("ix_aftercare_revisions_plan_version", "plan_id", "version", "id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    plan_id: uuid.UUID = Field(foreign_key="aftercare_plans.id", ondelete="CASCADE")
    version: int
    change: str = Field(max_length=60)
    author_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    at: datetime = Field(sa_type=UTCDateTime)
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
