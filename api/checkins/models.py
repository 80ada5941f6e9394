from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, Index, Text
from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime, version_column


class RiskLevel(StrEnum):
    low = "low"
    moderate = "moderate"
    high = "high"
    critical = "critical"


_version = version_column()


class CheckInSchedule(SQLModel, table=True):
    """How often the client or a participant checks in, and when the next one is due."""

    __tablename__ = "check_in_schedules"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}
    __table_args__ = (Index("ix_check_in_schedules_overdue", "active", "overdue_after"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    respondent_participant_id: uuid.UUID | None = Field(
        default=None, foreign_key="participants.id", ondelete="CASCADE"
    )
    cadence_days: int
    grace_hours: int
    active: bool = True
    next_due_at: datetime = Field(sa_type=UTCDateTime)
    # next_due_at + grace: stored so the missed-check-in job finds late schedules with an index.
    overdue_after: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)

    def set_next_due(self, due: datetime) -> None:
        self.next_due_at = due
        self.overdue_after = due + timedelta(hours=self.grace_hours)


class CheckIn(SQLModel, table=True):
    """One check-in, following the Brief Addiction Monitor (use, risk, protective factors)."""

    __tablename__ = "check_ins"
    __table_args__ = (Index("ix_check_ins_case_submitted", "case_id", "submitted_at", "id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", ondelete="CASCADE")
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    respondent_participant_id: uuid.UUID | None = Field(
        default=None, foreign_key="participants.id", ondelete="CASCADE"
    )
    submitted_by_kind: str = Field(max_length=20)
    submitted_by_id: uuid.UUID
    submitted_at: datetime = Field(sa_type=UTCDateTime)
    period_days: int
    days_used: int | None = None
    substances_used: list[str] = Field(default_factory=list, sa_type=JSON)
    craving: int | None = None
    mood: int | None = None
    sleep_quality: int | None = None
    risky_situations: int | None = None
    confidence: int | None = None
    meetings_attended: int | None = None
    sober_support_contact: bool | None = None
    commitments_kept: bool | None = None
    wellbeing: int | None = None
    goal_updates: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    safety_overdose: bool = False
    safety_self_harm_thoughts: bool = False
    safety_violence: bool = False
    note: str | None = Field(default=None, sa_type=Text)
    risk_level: str = Field(max_length=20)
