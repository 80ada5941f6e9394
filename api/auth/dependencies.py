"""Who is calling. Route signatures say it: `CurrentStaff`, `AdminStaff`, …"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import exists, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.models import RefreshToken
from api.core.audit import AuditContext
from api.core.config import Settings
from api.core.problems import Forbidden, Unauthorized
from api.core.routing import SessionDep, SettingsDep
from api.core.security import AccessClaims, InvalidToken, verify_access_token
from api.partner.models import PartnerApiClient
from api.portal.models import PortalAccount, PortalAccountStatus
from api.users.models import Role, User

bearer = HTTPBearer(auto_error=False, description="Access token from POST /auth/token")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def request_audit_context(
    request: Request, actor_type: str, actor_id: uuid.UUID | None, org: uuid.UUID | None
) -> AuditContext:
    return AuditContext(
        actor_type=actor_type,
        actor_id=actor_id,
        organization_id=org,
        ip=request.client.host if request.client else None,
        user_agent=request.headers.get("user-agent"),
        request_id=getattr(request.state, "request_id", None),
    )


@dataclass(frozen=True)
class Staff:
    """A signed-in staff member of one organization."""

    user: User
    ctx: AuditContext

    @property
    def id(self) -> uuid.UUID:
        return self.user.id

    @property
    def organization_id(self) -> uuid.UUID:
        return self.user.organization_id

    @property
    def role(self) -> Role:
        return Role(self.user.role)

    @property
    def sees_every_case(self) -> bool:
        return self.role in (Role.admin, Role.supervisor)


@dataclass(frozen=True)
class Portal:
    """A signed-in client or participant: reaches only their own case's portal view."""

    account: PortalAccount
    ctx: AuditContext

    @property
    def id(self) -> uuid.UUID:
        return self.account.id

    @property
    def organization_id(self) -> uuid.UUID:
        return self.account.organization_id


def _claims(settings: Settings, credentials: HTTPAuthorizationCredentials | None) -> AccessClaims:
    if credentials is None:
        raise Unauthorized("Sign in first: send Authorization: Bearer <access token>.")
    try:
        return verify_access_token(settings, credentials.credentials)
    except InvalidToken as exc:
        raise Unauthorized("The access token is invalid or expired.") from exc


def _subject(claims: AccessClaims) -> uuid.UUID:
    try:
        return uuid.UUID(claims.subject)
    except ValueError as exc:
        raise Unauthorized("The access token is invalid.") from exc


Account = TypeVar("Account", User, PortalAccount)


def _with_live_session(
    session: Session, model: type[Account], claims: AccessClaims
) -> Account | None:
    """The token's account, if its sign-in session (the refresh-token family named by
    `sid`) has not been ended: one query, the session check joined to the account load.
    A family is ended when all its tokens are revoked (sign-out, reuse, password change)."""
    if claims.session_id is None:
        return None
    try:
        family_id = uuid.UUID(claims.session_id)
    except ValueError:
        return None
    live = exists().where(
        col(RefreshToken.family_id) == family_id,
        col(RefreshToken.principal_id) == _subject(claims),
        col(RefreshToken.revoked_at).is_(None),
    )
    row = session.execute(
        select(model, live.label("live")).where(col(model.id) == _subject(claims))
    ).first()
    if row is None or not row[1]:
        return None
    account: Account = row[0]
    return account


def get_current_portal(
    request: Request, session: SessionDep, settings: SettingsDep, credentials: Credentials
) -> Portal:
    claims = _claims(settings, credentials)
    if claims.kind != "portal":
        raise Forbidden("This endpoint is for client and family portal accounts.")
    account = _with_live_session(session, PortalAccount, claims)
    if (
        account is None
        or account.status != PortalAccountStatus.active.value
        or str(account.organization_id) != claims.organization_id
        or account.session_epoch != claims.session_epoch
    ):
        raise Unauthorized("This session has ended; sign in again.")
    request.state.principal = f"portal:{account.id}"
    ctx = request_audit_context(request, "portal", account.id, account.organization_id)
    return Portal(account=account, ctx=ctx)


CurrentPortal = Annotated[Portal, Depends(get_current_portal)]


@dataclass(frozen=True)
class Partner:
    """A partner treatment center's system: reaches only referrals addressed to its center."""

    client: PartnerApiClient
    ctx: AuditContext

    @property
    def id(self) -> uuid.UUID:
        return self.client.id

    @property
    def organization_id(self) -> uuid.UUID:
        return self.client.organization_id

    @property
    def treatment_center_id(self) -> uuid.UUID:
        return self.client.treatment_center_id


def get_current_partner(
    request: Request, session: SessionDep, settings: SettingsDep, credentials: Credentials
) -> Partner:
    claims = _claims(settings, credentials)
    if claims.kind != "partner":
        raise Forbidden("This endpoint is for partner treatment centers' API clients.")
    client = session.get(PartnerApiClient, _subject(claims))
    if (
        client is None
        or client.revoked_at is not None
        or str(client.organization_id) != claims.organization_id
    ):
        raise Unauthorized("This API client was revoked; ask the practice for new credentials.")
    request.state.principal = f"partner:{client.id}"
    return Partner(
        client=client,
        ctx=request_audit_context(request, "partner", client.id, client.organization_id),
    )


CurrentPartner = Annotated[Partner, Depends(get_current_partner)]


def get_current_staff(
    request: Request, session: SessionDep, settings: SettingsDep, credentials: Credentials
) -> Staff:
    claims = _claims(settings, credentials)
    if claims.kind != "staff":
        raise Forbidden("This endpoint is for staff accounts.")
    user = _with_live_session(session, User, claims)
    if (
        user is None
        or not user.is_active
        or str(user.organization_id) != claims.organization_id
        or user.session_epoch != claims.session_epoch
    ):
        raise Unauthorized("This session has ended; sign in again.")
    request.state.principal = f"staff:{user.id}"
    return Staff(
        user=user, ctx=request_audit_context(request, "staff", user.id, user.organization_id)
    )


CurrentStaff = Annotated[Staff, Depends(get_current_staff)]


def get_current_principal(
    request: Request, session: SessionDep, settings: SettingsDep, credentials: Credentials
) -> Staff | Portal | Partner:
    """Any signed-in principal, for the few endpoints every kind may call (GET /auth/me)."""
    kind = _claims(settings, credentials).kind
    if kind == "portal":
        return get_current_portal(request, session, settings, credentials)
    if kind == "partner":
        return get_current_partner(request, session, settings, credentials)
    return get_current_staff(request, session, settings, credentials)


CurrentPrincipal = Annotated[Staff | Portal | Partner, Depends(get_current_principal)]


def require_role(*roles: Role) -> Callable[[Staff], Staff]:
    names = [f"{r.value}s" for r in roles]  # "Only supervisors or admins may do this."
    allowed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"

    def check(staff: CurrentStaff) -> Staff:
        if staff.role not in roles:
            raise Forbidden(f"Only {allowed} may do this.")
        return staff

    return check


AdminStaff = Annotated[Staff, Depends(require_role(Role.admin))]
