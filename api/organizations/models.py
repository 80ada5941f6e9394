from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime


class Organization(SQLModel, table=True):
    """A practice: the tenant. Nothing crosses from one organisation to another."""

    __tablename__ = "organizations"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
