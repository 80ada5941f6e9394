from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from api.core.search import keep_search_key, trigram_index
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
    __table_args__ = (
        Index("ix_participants_case_created", "case_id", "created_at", "id"),
        trigram_index("ix_participants_search_key"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", ondelete="CASCADE")
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    full_name: str = Field(max_length=200)
    relationship: str = Field(max_length=20)
    role: str = Field(max_length=20)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)
    phone_extension: str | None = Field(default=None, max_length=10)
    readiness: str = Field(max_length=20)
    letter: str | None = Field(default=None, sa_type=Text)
    bottom_line: str | None = Field(default=None, sa_type=Text)
    speaking_order: int | None = None
    notes: str | None = Field(default=None, sa_type=Text)
    portal_status: str = Field(default=PortalStatus.none.value, max_length=20)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)
    # Name and phone, normalised (api.core.search), so the caseload search finds the
    # spouse or parent on the phone; set on every write.
    search_key: str = Field(default="", sa_type=Text)


def phone_search_forms(phone: str | None) -> tuple[str | None, ...]:
    """The phone as written and, for a North American number, with and without its
    country code: "+1 (555) 555-0142" is found by "555-0142", "5555550142" and
    "1 555 555 0142" alike. The extension is not searched."""
    if not phone:
        return ()
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        return (phone, digits[1:])
    if len(digits) == 10:
        return (phone, f"1{digits}")
    return (phone,)


def participant_search_fields(participant: Participant) -> tuple[str | None, ...]:
    """What `Participant.search_key` is made of (migration 0024 fills existing rows the same way)."""
    return (participant.full_name, *phone_search_forms(participant.phone))


keep_search_key(Participant, participant_search_fields)
