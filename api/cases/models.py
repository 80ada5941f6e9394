from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.search import keep_search_key, trigram_index
from api.core.types import UTCDateTime, version_column


class CaseStatus(StrEnum):
    intake = "intake"
    planning = "planning"
    scheduled = "scheduled"
    intervention_held = "intervention_held"
    in_treatment = "in_treatment"
    aftercare = "aftercare"
    closed = "closed"


class CaseOutcome(StrEnum):
    entered_treatment = "entered_treatment"
    completed_treatment = "completed_treatment"
    declined_treatment = "declined_treatment"
    lost_contact = "lost_contact"
    referred_elsewhere = "referred_elsewhere"
    other = "other"


class RiskFlag(StrEnum):
    overdose_history = "overdose_history"
    suicidal_ideation = "suicidal_ideation"
    violence_risk = "violence_risk"
    medical_detox_needed = "medical_detox_needed"
    co_occurring_mental_health = "co_occurring_mental_health"
    legal_issues = "legal_issues"
    pregnancy = "pregnancy"
    minor_children_at_home = "minor_children_at_home"


class InterventionModel(StrEnum):
    johnson = "johnson"
    love_first = "love_first"
    arise = "arise"
    craft = "craft"
    systemic_family = "systemic_family"
    other = "other"


class TeamRole(StrEnum):
    lead = "lead"
    co_interventionist = "co_interventionist"
    supervisor = "supervisor"


_version = version_column()


class Case(SQLModel, table=True):
    """One client (the loved one) and the work around them."""

    __tablename__ = "cases"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}
    __table_args__ = (
        UniqueConstraint("organization_id", "reference"),
        Index("ix_cases_org_updated", "organization_id", "updated_at", "id"),
        Index("ix_cases_org_created", "organization_id", "created_at", "id"),
        trigram_index("ix_cases_search_key"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    reference: str = Field(max_length=20)
    client_first_name: str = Field(max_length=100)
    client_last_name: str = Field(max_length=100)
    client_preferred_name: str | None = Field(default=None, max_length=100)
    client_date_of_birth: date | None = None
    client_email: str | None = Field(default=None, max_length=320)
    client_phone: str | None = Field(default=None, max_length=40)
    client_phone_extension: str | None = Field(default=None, max_length=10)
    # IANA name; the client's own zone when it differs from the practice's.
    time_zone: str | None = Field(default=None, max_length=64)
    primary_substance: str | None = Field(default=None, max_length=100)
    substances: list[str] = Field(default_factory=list, sa_type=JSON)
    risk_flags: list[str] = Field(default_factory=list, sa_type=JSON)
    intervention_model: str | None = Field(default=None, max_length=20)
    status: str = Field(default=CaseStatus.intake.value, max_length=30, index=True)
    outcome: str | None = Field(default=None, max_length=30)
    summary: str | None = Field(default=None, sa_type=Text)
    created_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)
    # The client's names and the reference, normalised (api.core.search); set on every write.
    search_key: str = Field(default="", sa_type=Text)

    @property
    def client_called(self) -> str:
        """What the client is called to their face: the preferred name, else the first name."""
        return self.client_preferred_name or self.client_first_name


keep_search_key(
    Case,
    lambda case: (
        f"{case.client_first_name} {case.client_last_name}",
        case.client_preferred_name and f"{case.client_preferred_name} {case.client_last_name}",
        case.reference,
    ),
)


class CaseReferenceCounter(SQLModel, table=True):
    """The last number handed out for C-<year>-NNNN in one organization; the row
    lock of the increment makes concurrent case creation safe on PostgreSQL."""

    __tablename__ = "case_reference_counters"

    organization_id: uuid.UUID = Field(foreign_key="organizations.id", primary_key=True)
    year: int = Field(primary_key=True)
    last_number: int = 0


class CaseTeamMember(SQLModel, table=True):
    __tablename__ = "case_team_members"
    __table_args__ = (Index("ix_case_team_members_user", "user_id", "case_id"),)

    case_id: uuid.UUID = Field(foreign_key="cases.id", primary_key=True, ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True)
    role: str = Field(max_length=30)
    added_at: datetime = Field(sa_type=UTCDateTime)


class CaseEvent(SQLModel, table=True):
    """The case timeline: creation, every status move with actor and reason, edits."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_case_at", "case_id", "at", "id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", ondelete="CASCADE")
    at: datetime = Field(sa_type=UTCDateTime)
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    kind: str = Field(max_length=40)
    from_status: str | None = Field(default=None, max_length=30)
    to_status: str | None = Field(default=None, max_length=30)
    reason: str | None = Field(default=None, sa_type=Text)
    outcome: str | None = Field(default=None, max_length=30)
    details: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
