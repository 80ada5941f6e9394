from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, status

from api.auth import service
from api.auth.dependencies import (
    CurrentPrincipal,
    CurrentStaff,
    Partner,
    Portal,
    request_audit_context,
)
from api.auth.schemas import (
    LogoutRequest,
    Me,
    OrganizationRef,
    PasswordChange,
    TokenPair,
    TokenRequest,
)
from api.core.problems import UnprocessableContent, responses
from api.core.routing import SessionDep, SettingsDep, TransactionalRoute
from api.mfa.schemas import MFA_CHALLENGE_RESPONSE
from api.organizations.models import Organization
from api.portal import service as portal_service
from api.treatment_centers.models import TreatmentCenter

router = APIRouter(prefix="/auth", tags=["auth"], route_class=TransactionalRoute)


@router.post(
    "/token",
    operation_id="create_token",
    summary="Sign in or refresh a session (OAuth2 token endpoint)",
    response_model=TokenPair,
    responses={**responses(401, 429), 401: MFA_CHALLENGE_RESPONSE},
)
def create_token(
    request: Request,
    form: Annotated[TokenRequest, Form()],
    session: SessionDep,
    settings: SettingsDep,
) -> TokenPair:
    """`grant_type=password` with `username` (email) and `password`;
    `grant_type=refresh_token` with `refresh_token`; or, for a partner treatment
    center's system, `grant_type=client_credentials` with `client_id` and
    `client_secret` (no refresh token; ask again when the access token expires). Refresh tokens rotate: store
    the new one each time; presenting a spent one ends the whole session.

    Staff with a second factor get a 401 problem `mfa-required` carrying `mfa_token`
    (5 minutes) for the password grant; then `grant_type=mfa_otp` with `mfa_token` and
    `otp` (or `recovery_code`) answers the tokens. When the practice requires a second
    factor and the account has none, the problem is `mfa-enrollment-required`: its
    `mfa_token` (15 minutes) is the bearer token of POST /auth/mfa/totp and
    /auth/mfa/totp/confirm (see docs/security.md)."""
    if form.grant_type == "password":
        if not form.username or not form.password:
            raise UnprocessableContent("username and password are required for this grant.")
        ctx = request_audit_context(request, "anonymous", None, None)
        return service.sign_in_with_password(session, settings, ctx, form.username, form.password)
    if form.grant_type == "mfa_otp":
        if not form.mfa_token or not (form.otp or form.recovery_code):
            raise UnprocessableContent("mfa_token and otp (or recovery_code) are required.")
        ctx = request_audit_context(request, "anonymous", None, None)
        return service.sign_in_with_second_factor(
            session, settings, ctx, form.mfa_token, otp=form.otp, recovery_code=form.recovery_code
        )
    if form.grant_type == "client_credentials":
        if not form.client_id or not form.client_secret:
            raise UnprocessableContent("client_id and client_secret are required for this grant.")
        ctx = request_audit_context(request, "anonymous", None, None)
        return service.sign_in_partner(session, settings, ctx, form.client_id, form.client_secret)
    if not form.refresh_token:
        raise UnprocessableContent("refresh_token is required for this grant.")
    return service.refresh_session(session, settings, form.refresh_token)


@router.post(
    "/logout",
    operation_id="logout",
    summary="End this session (revokes its refresh token family)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(),
)
def logout(body: LogoutRequest, session: SessionDep) -> None:
    """The refresh token is the credential here, so signing out works even after
    the access token expired. The answer is 204 whether or not the token was live."""
    service.sign_out(session, body.refresh_token)


@router.get(
    "/me",
    operation_id="get_me",
    summary="Who am I (staff or portal account)",
    response_model=Me,
    responses=responses(401),
)
def get_me(principal: CurrentPrincipal, session: SessionDep) -> Me:
    organization = session.get(Organization, principal.organization_id)
    assert organization is not None
    org = OrganizationRef(
        id=organization.id, name=organization.name, time_zone=organization.time_zone
    )
    if isinstance(principal, Partner):
        center = session.get(TreatmentCenter, principal.treatment_center_id)
        return Me(
            id=principal.id,
            kind="partner",
            full_name=center.name if center else None,
            organization=org,
        )
    if isinstance(principal, Portal):
        name = portal_service.me(session, principal).name
        return Me(
            id=principal.id,
            kind="portal",
            email=principal.account.email,
            full_name=name,
            organization=org,
        )
    return Me(
        id=principal.id,
        kind="staff",
        email=principal.user.email,
        full_name=principal.user.full_name,
        role=principal.role,
        organization=org,
    )


@router.post(
    "/password",
    operation_id="change_password",
    summary="Change my password (ends my other sessions, returns new tokens)",
    response_model=TokenPair,
    responses=responses(401, 429),
)
def change_password(
    body: PasswordChange, staff: CurrentStaff, session: SessionDep, settings: SettingsDep
) -> TokenPair:
    return service.change_password(
        session, settings, staff.user, staff.ctx, body.current_password, body.new_password
    )
