from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from api.core.contact import Email
from api.core.pagination import Page
from api.core.schemas import InputModel, Kept
from api.users.models import Role

PASSWORD_MIN = 10
PASSWORD_MAX = 256

FullName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class UserCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "email": "sam.rivera@example.org",
                    "full_name": "Sam Rivera",
                    "role": "interventionist",
                    "password": "a-long-initial-password",
                }
            ]
        },
    )

    email: Email
    full_name: FullName
    role: Role
    password: str = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)


class UserUpdate(InputModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"role": "supervisor"}]})

    email: Kept[Email] = None
    full_name: Kept[FullName] = None
    role: Kept[Role] = None
    is_active: Kept[StrictBool] = None


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    full_name: str
    role: Role
    is_active: bool
    created_at: datetime
    updated_at: datetime
    version: int


UserPage = Page[UserRead]


class ColleagueRead(BaseModel):
    """A colleague as every staff member sees them: enough to pick a case team or an
    assignee, nothing more (no email, no account state)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    full_name: str
    role: Role


ColleaguePage = Page[ColleagueRead]
