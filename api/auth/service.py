"""Sign-in, token refresh with rotation and reuse detection, sign-out, password change."""

from __future__ import annotations

import uuid
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
    access, expires_in = issue_access_token(
        settings,
        subject=str(principal_id),
        kind=kind,
        organization_id=str(organization_id),
        session_epoch=session_epoch,
    )
    refresh: str | None = None
    if with_refresh:
        refresh = new_secret()
        now = clock.now()
        session.add(
            RefreshToken(
                family_id=family_id or uuid.uuid4(),
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


def sign_in_with_password(
    session: Session, settings: Settings, ctx: AuditContext, email: str, password: str
) -> TokenPair:
    now = clock.now()
    ip = ctx.ip or "unknown"
    throttle.count_ip_attempt(session, settings, ip, now)
    key = throttle.account_key(email, ip)
    throttle.ensure_not_locked(session, key, now)

    user = session.scalar(select(User).where(col(User.email) == email.strip().lower()))
    # Verify even for unknown or inactive accounts: same answer, same time.
    valid = verify_password(password, user.password_hash if user else None)
    if user is None or not valid or not user.is_active:
        throttle.record_failure(session, settings, key, now)
        failed = AuditContext(
            "staff" if user else "anonymous",
            user.id if user else None,
            user.organization_id if user else None,
            ctx.ip,
            ctx.user_agent,
            ctx.request_id,
        )
        audit.record(session, failed, AuditAction.login_failed, "session")
        raise InvalidCredentials("The email or password is not right.")

    throttle.record_success(session, key)
    signed_in = AuditContext(
        "staff", user.id, user.organization_id, ctx.ip, ctx.user_agent, ctx.request_id
    )
    audit.record(session, signed_in, AuditAction.login, "session")
    return staff_session(session, settings, user)


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
    if token.principal_kind != "staff":
        raise InvalidGrant("Unknown session kind.")
    user = session.get(User, token.principal_id)
    if user is None or not user.is_active:
        revoke_family(session, token.family_id)
        raise InvalidGrant("This account is no longer active.")
    return staff_session(session, settings, user, family_id=token.family_id)


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
