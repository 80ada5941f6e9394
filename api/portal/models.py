from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime


class PortalAccountStatus(StrEnum):
    invited = "invited"
    active = "active"
    disabled = "disabled"


class PortalAccount(SQLModel, table=True):
    """The client's or a participant's own sign-in, confined to their case's portal view."""

    __tablename__ = "portal_accounts"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    case_id: uuid.UUID = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    # None: the account is the client's; otherwise this participant's.
    participant_id: uuid.UUID | None = Field(
        default=None, foreign_key="participants.id", ondelete="CASCADE"
    )
    email: str = Field(max_length=320, unique=True)
    password_hash: str | None = Field(default=None, max_length=255)
    status: str = Field(default=PortalAccountStatus.invited.value, max_length=20)
    session_epoch: int = 0
    created_at: datetime = Field(sa_type=UTCDateTime)
    activated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Invitation(SQLModel, table=True):
    """A single-use code that lets the invited person set their password. Only its digest is kept."""

    __tablename__ = "portal_invitations"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    portal_account_id: uuid.UUID = Field(
        foreign_key="portal_accounts.id", ondelete="CASCADE", index=True
    )
    code_hash: str = Field(max_length=64, unique=True)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by_id: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
