from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, Index, Text, literal_column
from sqlalchemy import case as when
from sqlalchemy.sql.elements import Grouping
from sqlmodel import Field, SQLModel, col

from api.core.types import UTCDateTime


class AlertKind(StrEnum):
    safety = "safety"
    relapse_reported = "relapse_reported"
    missed_check_in = "missed_check_in"
    referral_declined = "referral_declined"
    consent_expiring = "consent_expiring"
    follow_up_overdue = "follow_up_overdue"


class Severity(StrEnum):
    low = "low"
    moderate = "moderate"
    high = "high"
    critical = "critical"


class AlertStatus(StrEnum):
    open = "open"
    acknowledged = "acknowledged"


class Alert(SQLModel, table=True):
    """Something a professional must see: a safety answer, a relapse, a missed check-in …"""

    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_org_status_created", "organization_id", "status", "created_at", "id"),
        Index("ix_alerts_case_created", "case_id", "created_at", "id"),
        Index("ix_alerts_org_updated", "organization_id", "updated_at", "id"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", ondelete="CASCADE")
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    kind: str = Field(max_length=40)
    severity: str = Field(max_length=20)
    status: str = Field(default=AlertStatus.open.value, max_length=20)
    title: str = Field(max_length=200)
    detail: str | None = Field(default=None, sa_type=Text)
    check_in_id: uuid.UUID | None = Field(default=None)
    # One alert per occurrence: e.g. "missed:<schedule>:<due time>". Unique, so a
    # job that runs twice (or in two workers) cannot raise the same alert twice.
    dedupe_key: str | None = Field(default=None, max_length=200, unique=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    # Moves on every change (acknowledgement), for devices that sync with updated_since.
    updated_at: datetime = Field(sa_type=UTCDateTime)
    acknowledged_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    acknowledged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    acknowledgement_note: str | None = Field(default=None, sa_type=Text)


# How alerts are ordered: the most severe first.
SEVERITY_RANK: dict[Severity, int] = {
    Severity.critical: 4,
    Severity.high: 3,
    Severity.moderate: 2,
    Severity.low: 1,
}


def severity_rank() -> ColumnElement[int]:
    """`SEVERITY_RANK` of `Alert.severity` as an SQL expression (a CASE), for ordering.

    Its values are written into the SQL, not bound: the list's query must spell the
    expression exactly as the indexes below do for PostgreSQL to use them."""
    return when(
        *(
            (col(Alert.severity) == literal_column(f"'{level.value}'"), literal_column(str(rank)))
            for level, rank in SEVERITY_RANK.items()
        ),
        else_=literal_column("0"),
    )


# The alert list's order (most severe, newest first) within a practice, with and without
# a status filter: a page reads its 50 rows however many alerts there are (issue 15).
Index(
    "ix_alerts_org_rank",
    col(Alert.organization_id),
    Grouping(severity_rank()),  # PostgreSQL wants an expression in parentheses
    col(Alert.created_at),
    col(Alert.id),
)
Index(
    "ix_alerts_org_status_rank",
    col(Alert.organization_id),
    col(Alert.status),
    Grouping(severity_rank()),
    col(Alert.created_at),
    col(Alert.id),
)
