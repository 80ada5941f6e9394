from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime


class StaffMfa(SQLModel, table=True):
    """A staff member's TOTP second factor (RFC 6238), one per user.

    Pending until `confirmed_at` is set by a first right code. The shared secret is
    sealed (api.core.security.seal); `last_used_step` is the 30-second time step of the
    last code accepted, so a code is never accepted twice (no replay within its window).
    """

    __tablename__ = "staff_mfa"

    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id", index=True)
    secret_sealed: str = Field(max_length=500)
    confirmed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_step: int | None = Field(default=None)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class MfaRecoveryCode(SQLModel, table=True):
    """One single-use recovery code, stored only as its SHA-256 digest."""

    __tablename__ = "staff_mfa_recovery_codes"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id", index=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    code_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
