"""Sign-in, token refresh with rotation and reuse detection, sign-out, password change."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth import throttle
from api.auth.models import RefreshToken
from api.auth.schemas import TokenPair
from api.core import audit, clock
from api.core.audit import AuditAction, AuditContext
from api.core.config import Settings
from api.core.problems import InvalidCredentials, InvalidGrant
from api.core.security import (
    PrincipalKind,
    digest,
    hash_password,
    issue_access_token,
    new_secret,
    verify_password,
)
from api.mfa import service as mfa_service
from api.partner import clients as partner_clients
from api.portal.models import PortalAccount, PortalAccountStatus
from api.users.models import User
from api.users.service import end_sessions


def issue_session(
    session: Session,
    settings: Settings,
    *,
    kind: PrincipalKind,
    principal_id: uuid.UUID,
    organization_id: uuid.UUID,
    session_epoch: int = 0,
    family_id: uuid.UUID | None = None,
    with_refresh: bool = True,
) -> TokenPair:
    """Access token, plus a refresh token unless `with_refresh` is off (partner clients).
    A session is a refresh-token family: its id is the access token's `sid`, so ending
    the family (sign-out, reuse, password change) ends its access tokens at once."""
    family_id = (family_id or uuid.uuid4()) if with_refresh else None
    access, expires_in = issue_access_token(
        settings,
        subject=str(principal_id),
        kind=kind,
        organization_id=str(organization_id),
        session_epoch=session_epoch,
        session_id=str(family_id) if family_id else None,
    )
    refresh: str | None = None
    if family_id is not None:
        refresh = new_secret()
        now = clock.now()
        session.add(
            RefreshToken(
                family_id=family_id,
                principal_kind=kind,
                principal_id=principal_id,
                organization_id=organization_id,
                token_hash=digest(refresh),
                created_at=now,
                expires_at=now + timedelta(days=settings.refresh_token_days),
            )
        )
        session.flush()
    return TokenPair(access_token=access, expires_in=expires_in, refresh_token=refresh)


def staff_session(
    session: Session, settings: Settings, user: User, *, family_id: uuid.UUID | None = None
) -> TokenPair:
    return issue_session(
        session,
        settings,
        kind="staff",
        principal_id=user.id,
        organization_id=user.organization_id,
        session_epoch=user.session_epoch,
        family_id=family_id,
    )


@dataclass(frozen=True)
class _Account:
    """Whoever an email signs in as: a staff member, or else a portal account."""

    kind: PrincipalKind
    id: uuid.UUID
    organization_id: uuid.UUID
    password_hash: str | None
    active: bool
    session_epoch: int

    @classmethod
    def of_user(cls, user: User) -> _Account:
        return cls(
            "staff",
            user.id,
            user.organization_id,
            user.password_hash,
            user.is_active,
            user.session_epoch,
        )

    @classmethod
    def of_portal(cls, portal: PortalAccount) -> _Account:
        return cls(
            "portal",
            portal.id,
            portal.organization_id,
            portal.password_hash,
            portal.status == PortalAccountStatus.active.value,
            portal.session_epoch,
        )


def _account_for(session: Session, email: str) -> _Account | None:
    email = email.strip().lower()
    user = session.scalar(select(User).where(col(User.email) == email))
    if user is not None:
        return _Account.of_user(user)
    portal = session.scalar(select(PortalAccount).where(col(PortalAccount.email) == email))
    return _Account.of_portal(portal) if portal is not None else None


def sign_in_with_password(
    session: Session, settings: Settings, ctx: AuditContext, email: str, password: str
) -> TokenPair:
    now = clock.now()
    ip = ctx.ip or "unknown"
    throttle.count_ip_attempt(session, settings, ip, now)
    key = throttle.account_key(email, ip)
    throttle.ensure_not_locked(session, key, now)

    account = _account_for(session, email)
    # Verify even for unknown or inactive accounts: same answer, same time.
    valid = verify_password(password, account.password_hash if account else None)
    if account is None or not valid or not account.active:
        throttle.record_failure(session, settings, key, now)
        failed = AuditContext(
            account.kind if account else "anonymous",
            account.id if account else None,
            account.organization_id if account else None,
            ctx.ip,
            ctx.user_agent,
            ctx.request_id,
        )
        audit.record(session, failed, AuditAction.login_failed, "session")
        raise InvalidCredentials("The email or password is not right.")

    throttle.record_success(session, key)
    if account.kind == "staff":
        user = session.get(User, account.id)
        assert user is not None
        # Raises mfa-required / mfa-enrollment-required when a second step is due.
        mfa_service.challenge_after_password(session, settings, user)
    signed_in = AuditContext(
        account.kind, account.id, account.organization_id, ctx.ip, ctx.user_agent, ctx.request_id
    )
    audit.record(session, signed_in, AuditAction.login, "session")
    return issue_session(
        session,
        settings,
        kind=account.kind,
        principal_id=account.id,
        organization_id=account.organization_id,
        session_epoch=account.session_epoch,
    )


def sign_in_with_second_factor(
    session: Session,
    settings: Settings,
    ctx: AuditContext,
    mfa_token: str,
    *,
    otp: str | None,
    recovery_code: str | None,
) -> TokenPair:
    """The `mfa_otp` grant, after the password grant answered `mfa-required`."""
    user = mfa_service.verify_second_factor(
        session, settings, ctx, mfa_token, otp=otp, recovery_code=recovery_code
    )
    signed_in = AuditContext(
        "staff", user.id, user.organization_id, ctx.ip, ctx.user_agent, ctx.request_id
    )
    audit.record(session, signed_in, AuditAction.login, "session")
    return staff_session(session, settings, user)


def sign_in_partner(
    session: Session, settings: Settings, ctx: AuditContext, client_id: str, client_secret: str
) -> TokenPair:
    """The client-credentials grant: not throttled like password guesses (the secret
    is 256 random bits), but every failure is audited."""
    client = partner_clients.authenticate(session, client_id, client_secret)
    if client is None:
        audit.record(session, ctx, AuditAction.login_failed, "partner_session")
        raise InvalidCredentials("The client id or secret is not right, or the client was revoked.")
    signed_in = AuditContext(
        "partner", client.id, client.organization_id, ctx.ip, ctx.user_agent, ctx.request_id
    )
    audit.record(session, signed_in, AuditAction.login, "partner_session")
    return issue_session(
        session,
        settings,
        kind="partner",
        principal_id=client.id,
        organization_id=client.organization_id,
        with_refresh=False,
    )


def refresh_session(session: Session, settings: Settings, refresh_token: str) -> TokenPair:
    now = clock.now()
    token = session.scalar(
        select(RefreshToken)
        .where(col(RefreshToken.token_hash) == digest(refresh_token))
        .with_for_update()
    )
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        raise InvalidGrant("This session has ended; sign in again.")
    if token.used_at is not None:
        # A spent token came back: it was copied. End the whole session.
        revoke_family(session, token.family_id)
        raise InvalidGrant("This refresh token was already used; the session has been ended.")
    token.used_at = now
    account = _account_by_id(session, token.principal_kind, token.principal_id)
    if account is None or not account.active:
        revoke_family(session, token.family_id)
        raise InvalidGrant("This account is no longer active.")
    return issue_session(
        session,
        settings,
        kind=account.kind,
        principal_id=account.id,
        organization_id=account.organization_id,
        session_epoch=account.session_epoch,
        family_id=token.family_id,
    )


def _account_by_id(session: Session, kind: str, principal_id: uuid.UUID) -> _Account | None:
    if kind == "staff":
        user = session.get(User, principal_id)
        return _Account.of_user(user) if user is not None else None
    if kind == "portal":
        portal = session.get(PortalAccount, principal_id)
        return _Account.of_portal(portal) if portal is not None else None
    return None


def revoke_family(session: Session, family_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(
            col(RefreshToken.family_id) == family_id,
            col(RefreshToken.revoked_at).is_(None),
        )
        .values(revoked_at=clock.now())
    )


def sign_out(session: Session, refresh_token: str) -> None:
    token = session.scalar(
        select(RefreshToken).where(col(RefreshToken.token_hash) == digest(refresh_token))
    )
    if token is not None:
        revoke_family(session, token.family_id)


def change_password(
    session: Session,
    settings: Settings,
    user: User,
    ctx: AuditContext,
    current_password: str,
    new_password: str,
) -> TokenPair:
    # Throttled like sign-in, so a stolen access token cannot guess the password.
    now, key = clock.now(), throttle.account_key(user.email, ctx.ip or "unknown")
    throttle.ensure_not_locked(session, key, now)
    if not verify_password(current_password, user.password_hash):
        throttle.record_failure(session, settings, key, now)
        raise InvalidCredentials("The current password is not right.")
    throttle.record_success(session, key)
    user.password_hash = hash_password(new_password)
    user.updated_at = clock.now()
    end_sessions(session, user)
    session.flush()
    audit.record(session, ctx, AuditAction.update, "password", user.id)
    return staff_session(session, settings, user)
