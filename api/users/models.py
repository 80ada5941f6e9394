from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from api.core.search import keep_search_key, trigram_index
from api.core.types import UTCDateTime, version_column


class Role(StrEnum):
    admin = "admin"
    supervisor = "supervisor"
    interventionist = "interventionist"


_version = version_column()


class User(SQLModel, table=True):
    """A staff member of one organization."""

    __tablename__ = "users"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}
    __table_args__ = (trigram_index("ix_users_search_key"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id", index=True)
    email: str = Field(max_length=320, unique=True)
    full_name: str = Field(max_length=200)
    role: str = Field(max_length=20)
    is_active: bool = True
    password_hash: str = Field(max_length=255)
    # Bumped when the password changes: access tokens of older sessions stop working.
    session_epoch: int = 0
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)
    # Full name and email, normalised (api.core.search); set on every write.
    search_key: str = Field(default="", sa_type=Text)


# Names only: `GET /colleagues` is open to all staff and must not match hidden e-mail
# addresses; the admins' list matches `email` itself (api/users/service.py).
keep_search_key(User, lambda user: (user.full_name,))
