from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.auth.schemas import TokenPair
from api.core.schemas import InputModel

OtpCode = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[0-9]{6}$"),
    Field(description="The 6-digit code the authenticator app shows now.", examples=["492039"]),
]


class MfaEnrollment(BaseModel):
    """The shared secret of a new TOTP factor (RFC 6238: SHA-1, 6 digits, 30 seconds).
    Shown once: put `otpauth_uri` in a QR code, or type `secret` into the app."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
                    "otpauth_uri": "otpauth://totp/Cairn:maya%40example.org?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Cairn",
                }
            ]
        }
    )

    secret: str = Field(description="Base32, for typing into the app by hand.")
    otpauth_uri: str


class MfaCode(InputModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"code": "492039"}]})

    code: OtpCode


class MfaConfirmation(BaseModel):
    recovery_codes: list[str] = Field(
        description=(
            "Ten single-use codes, each signs in once instead of an authenticator code. "
            "Shown only now; Cairn keeps only their digests."
        ),
        min_length=10,
        max_length=10,
    )
    tokens: TokenPair | None = Field(
        default=None,
        description=(
            "The new session, when enrolment was done with the `mfa_token` of an "
            "`mfa-enrollment-required` sign-in; absent when signed in already."
        ),
    )


class MfaStatus(BaseModel):
    enabled: bool = Field(description="A confirmed second factor is on.")
    pending: bool = Field(description="Enrolment was started but not confirmed.")
    confirmed_at: datetime | None = None
    recovery_codes_left: int
    required_by_organization: bool


class MfaChallengeProblem(BaseModel):
    """A problem document (RFC 9457); for `mfa-required` and `mfa-enrollment-required`
    it also carries the `mfa_token` of the next step and its lifetime in seconds."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    mfa_token: str | None = None
    mfa_token_expires_in: int | None = None


MFA_CHALLENGE_RESPONSE: dict[str, Any] = {
    "model": MfaChallengeProblem,
    "description": "Not signed in: invalid credentials, or a second factor is due",
    "content": {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/MfaChallengeProblem"}}
    },
}
