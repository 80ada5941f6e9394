"""The problems of the second sign-in factor (documented at /api/v1/problems/<slug>)."""

from __future__ import annotations

from typing import Any

from api.core.problems import Problem, UnprocessableContent


class _CarriesMfaToken(Problem):
    status = 401
    keep_changes = True  # the password step's throttle reset stays

    def __init__(self, detail: str, *, mfa_token: str, expires_in: int) -> None:
        super().__init__(detail)
        self.mfa_token = mfa_token
        self.expires_in = expires_in

    def extensions(self) -> dict[str, Any]:
        return {"mfa_token": self.mfa_token, "mfa_token_expires_in": self.expires_in}


class MfaRequired(_CarriesMfaToken):
    slug, title = "mfa-required", "Second factor required"
    description = (
        "The password was right and this account signs in with a second factor. Send "
        "`grant_type=mfa_otp` to POST /auth/token with the `mfa_token` of this problem and "
        "`otp` (the 6-digit code of the authenticator app) or `recovery_code`, within "
        "`mfa_token_expires_in` seconds."
    )


class MfaEnrollmentRequired(_CarriesMfaToken):
    slug, title = "mfa-enrollment-required", "Set up a second factor first"
    description = (
        "The password was right, but the practice requires a second factor and this account "
        "has none yet. Send the `mfa_token` of this problem as the bearer token to POST "
        "/auth/mfa/totp, then to POST /auth/mfa/totp/confirm with the first code: the answer "
        "carries the recovery codes and the session's tokens."
    )


class InvalidMfaCode(Problem):
    status, slug, title = 401, "invalid-mfa-code", "Invalid second-factor code"
    description = (
        "The code is wrong, already used, or the mfa_token has expired (then sign in with the "
        "password again). Failures are throttled like passwords."
    )
    keep_changes = True  # the failure is counted


class IncorrectMfaCode(UnprocessableContent):
    slug, title = "incorrect-mfa-code", "The code is not right"
    description = (
        "The authenticator code is wrong or was already used; wait for the next one. "
        "Failures are throttled like passwords."
    )
    keep_changes = True
