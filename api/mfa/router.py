from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from api.auth import service as auth_service
from api.auth.dependencies import AdminStaff, CurrentStaff
from api.core import audit
from api.core.audit import AuditAction
from api.core.problems import responses
from api.core.routing import SessionDep, SettingsDep, TransactionalRoute
from api.mfa import service
from api.mfa.dependencies import EnrollingStaff
from api.mfa.schemas import MfaCode, MfaConfirmation, MfaEnrollment, MfaStatus

router = APIRouter(prefix="/auth/mfa", tags=["auth"], route_class=TransactionalRoute)
admin_router = APIRouter(prefix="/users", tags=["users"], route_class=TransactionalRoute)


@router.get(
    "",
    operation_id="get_my_mfa",
    summary="My two-step sign-in: on, pending, recovery codes left",
    response_model=MfaStatus,
    responses=responses(401, 403),
)
def get_my_mfa(staff: CurrentStaff, session: SessionDep) -> MfaStatus:
    return service.status_of(session, staff.user)


@router.post(
    "/totp",
    operation_id="start_totp_enrollment",
    summary="Start setting up an authenticator app (TOTP, RFC 6238)",
    response_model=MfaEnrollment,
    responses=responses(401, 403, 409),
)
def start_totp_enrollment(
    enrolling: EnrollingStaff, session: SessionDep, settings: SettingsDep
) -> MfaEnrollment:
    """A new secret for the app (shown once); the factor is off until confirmed. Starting
    again before confirming replaces the secret. 409 when a factor is already on. The bearer
    token is an access token, or the `mfa_token` of an `mfa-enrollment-required` sign-in."""
    return service.start_enrollment(session, settings, enrolling.staff)


@router.post(
    "/totp/confirm",
    operation_id="confirm_totp_enrollment",
    summary="Turn two-step sign-in on with the app's first code; get recovery codes",
    response_model=MfaConfirmation,
    responses=responses(401, 403, 409, 429),
)
def confirm_totp_enrollment(
    body: MfaCode, enrolling: EnrollingStaff, session: SessionDep, settings: SettingsDep
) -> MfaConfirmation:
    """Answers ten single-use recovery codes, shown only now. A wrong code is a 422
    `incorrect-mfa-code`, throttled like passwords (429). With an enrolment token, the answer
    also carries the new session's `tokens`."""
    staff = enrolling.staff
    codes = service.confirm_enrollment(session, settings, staff, body.code)
    tokens = None
    if enrolling.by_enrollment_token:
        audit.record(session, staff.ctx, AuditAction.login, "session")
        tokens = auth_service.staff_session(session, settings, staff.user)
    return MfaConfirmation(recovery_codes=codes, tokens=tokens)


@router.delete(
    "",
    operation_id="disable_mfa",
    summary="Turn my two-step sign-in off (with a current code)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 409, 429),
)
def disable_mfa(
    body: MfaCode, staff: CurrentStaff, session: SessionDep, settings: SettingsDep
) -> None:
    """409 when it is not on, or when the practice requires it; a wrong code is a 422."""
    service.disable(session, settings, staff, body.code)


@admin_router.get(
    "/{user_id}/mfa",
    operation_id="get_user_mfa",
    summary="A staff member's two-step sign-in state (admin)",
    response_model=MfaStatus,
    responses=responses(401, 403, 404),
)
def get_user_mfa(user_id: uuid.UUID, admin: AdminStaff, session: SessionDep) -> MfaStatus:
    return service.status_for_admin(session, admin, user_id)


@admin_router.delete(
    "/{user_id}/mfa",
    operation_id="reset_user_mfa",
    summary="Reset a staff member's two-step sign-in, e.g. a lost phone (admin, audited)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404),
)
def reset_user_mfa(user_id: uuid.UUID, admin: AdminStaff, session: SessionDep) -> None:
    """Removes the factor and its recovery codes; the next sign-in needs the password only,
    or leads to enrolment when the practice requires a second factor."""
    service.reset(session, admin, user_id)
