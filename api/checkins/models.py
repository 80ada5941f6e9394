from __future__ import annotations

import math
import uuid
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Index, Text, false, text
from sqlmodel import Field, SQLModel

from api.core import zones
from api.core.types import UTCDateTime, version_column


class RiskLevel(StrEnum):
    low = "low"
    moderate = "moderate"
    high = "high"
    critical = "critical"


_version = version_column()


class CheckInSchedule(SQLModel, table=True):
    """How often the client or a participant checks in, and when the next one is due.

    A schedule keeps a local wall-clock anchor (DESIGN.md §3): `next_due_local` is the
    due time as the respondent's clock shows it in `time_zone` (the case's zone, else the
    practice's). Each next slot adds whole cadence days to that local time, and only then
    becomes UTC, so "Monday 18:00" stays Monday 18:00 across daylight-saving changes.
    """

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
    # IANA zone the schedule runs in; follows the case's (or the practice's) zone.
    time_zone: str = Field(max_length=64)
    # The anchor: next_due_at as a naive wall-clock time in time_zone.
    next_due_local: datetime = Field(sa_type=DateTime(timezone=False))
    # next_due_local placed in time_zone, in UTC: what clients read and the job compares.
    next_due_at: datetime = Field(sa_type=UTCDateTime)
    # next_due_at + grace: stored so the missed-check-in job finds late schedules with an index.
    overdue_after: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)

    def set_next_due(self, due: datetime) -> None:
        """Anchors the schedule at `due` (aware), read as a wall-clock time in its zone."""
        self.next_due_local = due.astimezone(zones.zone(self.time_zone)).replace(tzinfo=None)
        self.place()

    def place(self) -> None:
        """Derives the UTC due and overdue times from the local anchor, zone and grace.

        A local time that does not exist (skipped by a spring-forward change) lands the
        same length of time after the change; an ambiguous one takes its first occurrence."""
        local = self.next_due_local.replace(tzinfo=zones.zone(self.time_zone))
        self.next_due_at = local.astimezone(UTC)
        self.overdue_after = self.next_due_at + timedelta(hours=self.grace_hours)

    def advance(self, slots: int = 1) -> None:
        """Moves the anchor on by `slots` whole cadences of local days."""
        self.next_due_local += timedelta(days=self.cadence_days * slots)
        self.place()

    def rezone(self, time_zone: str) -> None:
        """The case's or practice's zone changed: same wall-clock anchor, new zone."""
        self.time_zone = time_zone
        self.place()

    def answer(self, at: datetime) -> None:
        """A check-in at `at` answers the anchored slot nearest to it (early or late), and
        the schedule moves to the slot after that one; it never moves backwards, so an extra
        check-in between slots leaves the pending slot where it is."""
        nearest = math.floor((at - self.next_due_at) / timedelta(days=self.cadence_days) + 0.5)
        if nearest >= 0:
            self.advance(nearest + 1)


class CheckIn(SQLModel, table=True):
    """One check-in, following the Brief Addiction Monitor (use, risk, protective factors)."""

    __tablename__ = "check_ins"
    __table_args__ = (
        # A case's check-ins newest first (keyset).
        Index("ix_check_ins_case_submitted", "case_id", "submitted_at", "id"),
        # The reports' count, per schedule, of the check-ins a schedule asked for: only
        # those rows, narrow, read from the index alone (migration 0032).
        Index(
            "ix_check_ins_case_on_schedule",
            "case_id",
            "submitted_at",
            "respondent_participant_id",
            postgresql_where=text("on_schedule"),
            sqlite_where=text("on_schedule"),
        ),
        # The reports count check-ins per month and respondent kind (migration 0025).
        Index(
            "ix_check_ins_org_submitted",
            "organization_id",
            "submitted_at",
            "respondent_participant_id",
        ),
    )

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
    # BAM items 5, 13 and 15 (api/checkins/bam.py).
    heavy_drinking_days: int | None = None
    work_school_days: int | None = None
    family_conflict: int | None = None
    commitments_kept: bool | None = None
    wellbeing: int | None = None
    goal_updates: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    safety_overdose: bool = False
    safety_self_harm_thoughts: bool = False
    safety_violence: bool = False
    note: str | None = Field(default=None, sa_type=Text)
    risk_level: str = Field(max_length=20)
    # Whether a schedule for this respondent existed when it was sent: the reports count
    # these as received against what schedules expected (api/checkins/schedules.py keeps
    # it current as schedules come and go; migration 0031).
    on_schedule: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
