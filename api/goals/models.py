from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime, version_column


class GoalCategory(StrEnum):
    abstinence = "abstinence"
    recovery_activities = "recovery_activities"
    health = "health"
    family = "family"
    work_school = "work_school"
    housing = "housing"
    legal = "legal"
    wellbeing = "wellbeing"
    other = "other"


class Direction(StrEnum):
    at_least = "at_least"
    at_most = "at_most"


class LifecycleStatus(StrEnum):
    """HL7 FHIR Goal.lifecycleStatus codes (value set `goal-status`,
    http://hl7.org/fhir/R4/valueset-goal-status.html), `_` for FHIR's `-`."""

    proposed = "proposed"
    planned = "planned"
    accepted = "accepted"
    active = "active"
    on_hold = "on_hold"
    completed = "completed"
    cancelled = "cancelled"
    entered_in_error = "entered_in_error"
    rejected = "rejected"


# Goals that were never pursued or were withdrawn: the portal leaves them out and the reports
# do not count them among goals that could be achieved.
WITHDRAWN = frozenset(
    {LifecycleStatus.cancelled, LifecycleStatus.rejected, LifecycleStatus.entered_in_error}
)


class AchievementStatus(StrEnum):
    """HL7 FHIR Goal.achievementStatus codes (value set `goal-achievement`,
    http://hl7.org/fhir/R4/valueset-goal-achievement.html), `_` for FHIR's `-`.
    `no_progress` and `not_attainable` are set by hand only; the others also follow from
    the measurements (api/goals/rules.py)."""

    in_progress = "in_progress"
    improving = "improving"
    worsening = "worsening"
    no_change = "no_change"
    achieved = "achieved"
    sustaining = "sustaining"
    not_achieved = "not_achieved"
    no_progress = "no_progress"
    not_attainable = "not_attainable"


class CheckInItem(StrEnum):
    """The numeric check-in answers a goal may take its value from (api/checkins/schemas.py;
    BAM item numbers there). Such a goal is measured by its subject's check-in, so the
    check-in does not ask for it twice."""

    days_used = "days_used"
    days_abstinent = "days_abstinent"  # the recall window's days less `days_used`
    heavy_drinking_days = "heavy_drinking_days"
    meetings_attended = "meetings_attended"
    work_school_days = "work_school_days"
    craving = "craving"
    mood = "mood"
    sleep_quality = "sleep_quality"
    risky_situations = "risky_situations"
    confidence = "confidence"
    family_conflict = "family_conflict"
    wellbeing = "wellbeing"  # a family member's own check-in


# What each respondent's check-in asks (the portal's steps): the client the BAM items, a
# family member their commitments and wellbeing.
FAMILY_CHECK_IN_ITEMS = frozenset({CheckInItem.wellbeing})
CLIENT_CHECK_IN_ITEMS = frozenset(CheckInItem) - FAMILY_CHECK_IN_ITEMS


_version = version_column()


class Goal(SQLModel, table=True):
    """A measurable goal for the client or a participant."""

    __tablename__ = "goals"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}
    __table_args__ = (Index("ix_goals_case_created", "case_id", "created_at", "id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", ondelete="CASCADE")
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    # None: the goal is the client's; otherwise a participant's own goal.
    subject_participant_id: uuid.UUID | None = Field(
        default=None, foreign_key="participants.id", ondelete="CASCADE"
    )
    title: str = Field(max_length=200)
    category: str = Field(max_length=30)
    metric: str = Field(max_length=200)
    # The target has one of three shapes (api/goals/rules.py `target_shape`): a threshold
    # (`target_value` with `direction`), a range (`target_low` to `target_high`), or none in
    # numbers at all (qualitative: `target_text` says it in words). `unit` goes with numbers.
    unit: str | None = Field(default=None, max_length=40)
    target_value: float | None = None
    direction: str | None = Field(default=None, max_length=10)
    target_low: float | None = None
    target_high: float | None = None
    target_text: str | None = Field(default=None, max_length=500)
    baseline_value: float | None = None
    # When set, each check-in by the goal's subject that answers this item records it.
    check_in_item: str | None = Field(default=None, max_length=30)
    start_date: date
    due_date: date | None = None
    lifecycle_status: str = Field(max_length=20)
    # Set by staff to override the status derived from measurements.
    achievement_override: str | None = Field(default=None, max_length=20)
    latest_value: float | None = None
    achievement_status: str = Field(default=AchievementStatus.in_progress.value, max_length=20)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)


class GoalMeasurement(SQLModel, table=True):
    """One value of a goal's metric, from a check-in or entered by staff."""

    __tablename__ = "goal_measurements"
    __table_args__ = (Index("ix_goal_measurements_goal_at", "goal_id", "measured_at", "id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    goal_id: uuid.UUID = Field(foreign_key="goals.id", ondelete="CASCADE")
    value: float
    measured_at: datetime = Field(sa_type=UTCDateTime)
    check_in_id: uuid.UUID | None = Field(default=None)
    recorded_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    note: str | None = Field(default=None, sa_type=Text)
