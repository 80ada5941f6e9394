"""Who may enrol: a signed-in staff member, or one holding the `mfa_token` of an
`mfa-enrollment-required` sign-in (the practice requires a second factor they lack)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from api.auth.dependencies import Credentials, Staff, get_current_staff, request_audit_context
from api.core.routing import SessionDep, SettingsDep
from api.core.security import InvalidToken
from api.mfa import service


@dataclass(frozen=True)
class Enrolling:
    staff: Staff
    # True when authenticated by an enrolment token: confirming then starts the session.
    by_enrollment_token: bool


def get_enrolling_staff(
    request: Request, session: SessionDep, settings: SettingsDep, credentials: Credentials
) -> Enrolling:
    if credentials is not None:
        try:
            user = service.user_of_token(session, settings, credentials.credentials, "mfa-enroll")
        except InvalidToken:
            user = None
        if user is not None:
            request.state.principal = f"staff:{user.id}"
            ctx = request_audit_context(request, "staff", user.id, user.organization_id)
            return Enrolling(Staff(user=user, ctx=ctx), by_enrollment_token=True)
    return Enrolling(get_current_staff(request, session, settings, credentials), False)


EnrollingStaff = Annotated[Enrolling, Depends(get_enrolling_staff)]
