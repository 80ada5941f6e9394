from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime, version_column
from api.core.zones import DEFAULT_TIME_ZONE

_version = version_column()


class Organization(SQLModel, table=True):
    """A practice: the tenant. Nothing crosses from one organization to another."""

    __tablename__ = "organizations"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    # IANA name; where the practice lives. Dates and deadlines are meant in it.
    time_zone: str = Field(default=DEFAULT_TIME_ZONE, max_length=64)
    # Every staff member must sign in with a second factor (TOTP); those without one
    # are sent to enrol at their next sign-in (see docs/security.md).
    require_mfa: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    created_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)
