from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime


class RefreshToken(SQLModel, table=True):
    """One refresh token of a session ("family"). Each use spends it and issues the
    next one in the family; presenting a spent one revokes the whole family."""

    __tablename__ = "refresh_tokens"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    family_id: uuid.UUID = Field(index=True)
    principal_kind: str = Field(max_length=20)
    principal_id: uuid.UUID = Field(index=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LoginThrottle(SQLModel, table=True):
    """Sign-in counters, shared by every API process through the database.

    `ip:<address>` counts attempts per minute; `account:<email>|<address>`
    counts failures and holds the lockout (see docs/security.md).
    """

    __tablename__ = "login_throttles"

    key: str = Field(primary_key=True, max_length=400)
    window_started_at: datetime = Field(sa_type=UTCDateTime)
    attempts: int = 0
    failures: int = 0
    lockouts: int = 0
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
