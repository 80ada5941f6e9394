from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime


class SyncResource(StrEnum):
    """The kinds of rows a mobile client keeps a copy of."""

    case = "case"
    participant = "participant"
    task = "task"
    goal = "goal"
    check_in = "check_in"
    check_in_schedule = "check_in_schedule"
    alert = "alert"


class SyncRemoval(SQLModel, table=True):
    """A row that left someone's view, so that a syncing device can purge its copy.

    `user_id` empty: the row was deleted (it left everyone's view). `user_id` set: that
    staff member lost access to the case (`resource_type` is `case`). Kept for
    `api.sync.service.RETENTION`; no foreign key to the case, so a tombstone outlives it.
    """

    __tablename__ = "sync_removals"
    __table_args__ = (
        Index("ix_sync_removals_org_type_at", "organization_id", "resource_type", "removed_at"),
        Index("ix_sync_removals_case_type_at", "case_id", "resource_type", "removed_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    resource_type: str = Field(max_length=30)
    resource_id: uuid.UUID
    case_id: uuid.UUID
    user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="CASCADE")
    removed_at: datetime = Field(sa_type=UTCDateTime)
