from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime, version_column


class Relationship(StrEnum):
    parent = "parent"
    spouse = "spouse"
    partner = "partner"
    child = "child"
    sibling = "sibling"
    grandparent = "grandparent"
    friend = "friend"
    coworker = "coworker"
    employer = "employer"
    clergy = "clergy"
    other = "other"


class ParticipantRole(StrEnum):
    team_leader = "team_leader"
    speaker = "speaker"
    supporter = "supporter"
    observer = "observer"
    not_attending = "not_attending"


class Readiness(StrEnum):
    not_contacted = "not_contacted"
    contacted = "contacted"
    committed = "committed"
    declined = "declined"


class PortalStatus(StrEnum):
    none = "none"
    invited = "invited"
    active = "active"


_version = version_column()


class Participant(SQLModel, table=True):
    """Someone from the client's circle taking part in the intervention."""

    __tablename__ = "participants"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}
    __table_args__ = (Index("ix_participants_case_created", "case_id", "created_at", "id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", ondelete="CASCADE")
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    full_name: str = Field(max_length=200)
    relationship: str = Field(max_length=20)
    role: str = Field(max_length=20)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)
    readiness: str = Field(max_length=20)
    letter: str | None = Field(default=None, sa_type=Text)
    bottom_line: str | None = Field(default=None, sa_type=Text)
    speaking_order: int | None = None
    notes: str | None = Field(default=None, sa_type=Text)
    portal_status: str = Field(default=PortalStatus.none.value, max_length=20)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)
