from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.core.schemas import InputModel, required_when
from api.users.models import Role
from api.users.schemas import PASSWORD_MAX, PASSWORD_MIN


def _grant(grant_type: str, *fields: str) -> dict[str, Any]:
    return required_when(
        "grant_type", grant_type, {name: {"type": "string", "minLength": 1} for name in fields}
    )


def _given(name: str) -> dict[str, Any]:
    return {"properties": {name: {"type": "string", "minLength": 1}}, "required": [name]}


# mfa_otp: the `mfa_token` and either the `otp` or a `recovery_code`.
_MFA_OTP_GRANT = required_when("grant_type", "mfa_otp", _given("mfa_token")["properties"])
_MFA_OTP_GRANT["then"]["anyOf"] = [_given("otp"), _given("recovery_code")]


class TokenRequest(InputModel):
    """OAuth2 token request (application/x-www-form-urlencoded)."""

    # Which fields a grant needs, published per grant_type (each a 422 if
    # missing or empty; the endpoint's docstring says the same in words).
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                _grant("password", "username", "password"),
                _grant("refresh_token", "refresh_token"),
                _grant("client_credentials", "client_id", "client_secret"),
                _MFA_OTP_GRANT,
            ]
        }
    )

    grant_type: Literal["password", "refresh_token", "client_credentials", "mfa_otp"]
    username: str | None = Field(default=None, max_length=320)
    password: str | None = Field(default=None, max_length=PASSWORD_MAX)
    refresh_token: str | None = Field(default=None, max_length=200)
    client_id: str | None = Field(default=None, max_length=64)
    client_secret: str | None = Field(default=None, max_length=200)
    scope: str | None = Field(default=None, max_length=200)
    mfa_token: str | None = Field(
        default=None, max_length=2000, description="From the `mfa-required` problem."
    )
    otp: str | None = Field(
        default=None, max_length=6, description="The 6-digit authenticator code (mfa_otp grant)."
    )
    recovery_code: str | None = Field(
        default=None, max_length=40, description="A recovery code instead of `otp`."
    )


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
    time_zone: str = Field(
        description="The practice's IANA time zone: show times in it (GET /organization).",
        examples=["America/Chicago"],
    )


class Me(BaseModel):
    id: uuid.UUID
    kind: Literal["staff", "portal", "partner"]
    email: str | None = None
    full_name: str | None = None
    role: Role | None = None
    organization: OrganizationRef
