from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.core.schemas import InputModel
from api.users.models import Role
from api.users.schemas import PASSWORD_MAX, PASSWORD_MIN


class TokenRequest(InputModel):
    """OAuth2 token request (application/x-www-form-urlencoded)."""

    grant_type: Literal["password", "refresh_token", "client_credentials"]
    username: str | None = Field(default=None, max_length=320)
    password: str | None = Field(default=None, max_length=PASSWORD_MAX)
    refresh_token: str | None = Field(default=None, max_length=200)
    client_id: str | None = Field(default=None, max_length=64)
    client_secret: str | None = Field(default=None, max_length=200)
    scope: str | None = Field(default=None, max_length=200)


class TokenPair(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "access_token": "eyJhbGciOiJIUzI1NiIs…",
                    "token_type": "bearer",
                    "expires_in": 900,
                    "refresh_token": "k3V9…",
                }
            ]
        }
    )

    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105  (the OAuth2 token type)
    expires_in: int
    refresh_token: str | None = None


class LogoutRequest(InputModel):
    refresh_token: str = Field(min_length=1, max_length=200)


class PasswordChange(InputModel):
    current_password: str = Field(min_length=1, max_length=PASSWORD_MAX)
    new_password: str = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)


class OrganizationRef(BaseModel):
    id: uuid.UUID
    name: str


class Me(BaseModel):
    id: uuid.UUID
    kind: Literal["staff", "portal", "partner"]
    email: str | None = None
    full_name: str | None = None
    role: Role | None = None
    organization: OrganizationRef
