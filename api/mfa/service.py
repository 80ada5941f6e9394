"""Staff second factor: enrol, confirm, turn off, the sign-in challenge, admin reset.

Wrong codes are throttled like passwords (api.auth.throttle) under one key per
account, `mfa:<user id>`, not per address: only someone who already has the
password reaches this step, so they cannot spread guesses across addresses.
"""

from __future__ import annotations

import uuid

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth import throttle
from api.auth.dependencies import Staff
from api.core import audit, clock
from api.core.audit import AuditAction, AuditContext
from api.core.config import Settings
from api.core.problems import Conflict
from api.core.security import (
    InvalidToken,
    MfaPurpose,
    digest,
    issue_mfa_token,
    seal,
    unseal,
    verify_mfa_token,
)
from api.mfa import totp
from api.mfa.models import MfaRecoveryCode, StaffMfa
from api.mfa.problems import (
    IncorrectMfaCode,
    InvalidMfaCode,
    MfaEnrollmentRequired,
    MfaRequired,
)
from api.mfa.schemas import MfaEnrollment, MfaStatus
from api.organizations.models import Organization
from api.users import service as users_service
from api.users.models import User

MFA_TOKEN_MINUTES = 5
ENROLLMENT_TOKEN_MINUTES = 15


def _throttle_key(user_id: uuid.UUID) -> str:
    return f"mfa:{user_id}"


def _factor(session: Session, user_id: uuid.UUID, *, lock: bool = False) -> StaffMfa | None:
    # Locked when a code is checked, so two requests cannot both spend one code.
    return session.get(StaffMfa, user_id, with_for_update=lock, populate_existing=lock)


def _organization_requires(session: Session, organization_id: uuid.UUID) -> bool:
    required = session.scalar(
        select(col(Organization.require_mfa)).where(col(Organization.id) == organization_id)
    )
    return bool(required)


def _codes_left(session: Session, user_id: uuid.UUID) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(MfaRecoveryCode)
            .where(
                col(MfaRecoveryCode.user_id) == user_id,
                col(MfaRecoveryCode.used_at).is_(None),
            )
        )
        or 0
    )


def status_of(session: Session, user: User) -> MfaStatus:
    factor = _factor(session, user.id)
    confirmed = factor is not None and factor.confirmed_at is not None
    return MfaStatus(
        enabled=confirmed,
        pending=factor is not None and not confirmed,
        confirmed_at=factor.confirmed_at if factor else None,
        recovery_codes_left=_codes_left(session, user.id) if confirmed else 0,
        required_by_organization=_organization_requires(session, user.organization_id),
    )


def is_enabled(session: Session, user_id: uuid.UUID) -> bool:
    factor = _factor(session, user_id)
    return factor is not None and factor.confirmed_at is not None


# --- the staff member's own factor ---------------------------------------------------


def start_enrollment(session: Session, settings: Settings, staff: Staff) -> MfaEnrollment:
    """A new secret, pending until confirmed; starting again replaces a pending one.
    Errors: Conflict when a confirmed factor is on (turn it off first)."""
    now = clock.now()
    factor = _factor(session, staff.id, lock=True)
    if factor is not None and factor.confirmed_at is not None:
        raise Conflict("Two-step sign-in is already on. Turn it off before setting it up again.")
    secret = totp.new_secret()
    if factor is None:
        factor = StaffMfa(
            user_id=staff.id,
            organization_id=staff.organization_id,
            secret_sealed=seal(settings, secret),
            created_at=now,
            updated_at=now,
        )
        session.add(factor)
    else:
        factor.secret_sealed, factor.last_used_step, factor.updated_at = (
            seal(settings, secret),
            None,
            now,
        )
    session.flush()
    audit.record(session, staff.ctx, AuditAction.create, "mfa_enrollment", staff.id)
    return MfaEnrollment(secret=secret, otpauth_uri=totp.provisioning_uri(secret, staff.user.email))


def _check_code(
    session: Session, settings: Settings, factor: StaffMfa, code: str, key: str
) -> bool:
    """Accepts the code once (marks its step used) or counts a failure."""
    now = clock.now()
    step = totp.matching_step(
        unseal(settings, factor.secret_sealed), code, now, after=factor.last_used_step
    )
    if step is None:
        throttle.record_failure(session, settings, key, now)
        return False
    factor.last_used_step, factor.updated_at = step, now
    throttle.record_success(session, key)
    session.flush()
    return True


def confirm_enrollment(session: Session, settings: Settings, staff: Staff, code: str) -> list[str]:
    """Turns the pending factor on with its first right code and answers ten new recovery
    codes (only their digests are kept). Errors: Conflict when there is nothing pending;
    IncorrectMfaCode (422) for a wrong code; AccountLocked (429) after repeated failures."""
    now, key = clock.now(), _throttle_key(staff.id)
    throttle.ensure_not_locked(session, key, now)
    factor = _factor(session, staff.id, lock=True)
    if factor is None or factor.confirmed_at is not None:
        raise Conflict("Start setting up two-step sign-in first (POST /auth/mfa/totp).")
    if not _check_code(session, settings, factor, code, key):
        raise IncorrectMfaCode(
            "That code is not right. Check the phone's clock and enter the newest code."
        )
    factor.confirmed_at = now
    codes = totp.new_recovery_codes()
    session.execute(delete(MfaRecoveryCode).where(col(MfaRecoveryCode.user_id) == staff.id))
    session.add_all(
        MfaRecoveryCode(
            organization_id=staff.organization_id,
            user_id=staff.id,
            code_hash=digest(totp.normalize_recovery_code(code)),
            created_at=now,
        )
        for code in codes
    )
    session.flush()
    audit.record(session, staff.ctx, AuditAction.update, "mfa", staff.id)
    return codes


def _remove_factor(session: Session, user_id: uuid.UUID) -> bool:
    session.execute(delete(MfaRecoveryCode).where(col(MfaRecoveryCode.user_id) == user_id))
    factor = _factor(session, user_id, lock=True)
    if factor is None:
        return False
    session.delete(factor)
    session.flush()
    return True


def disable(session: Session, settings: Settings, staff: Staff, code: str) -> None:
    """Turns the factor off, proven by a current code. Errors: Conflict when it is not on
    or the practice requires it; IncorrectMfaCode (422); AccountLocked (429)."""
    now, key = clock.now(), _throttle_key(staff.id)
    throttle.ensure_not_locked(session, key, now)
    factor = _factor(session, staff.id, lock=True)
    if factor is None or factor.confirmed_at is None:
        raise Conflict("Two-step sign-in is not on.")
    if _organization_requires(session, staff.organization_id):
        raise Conflict("Your practice requires two-step sign-in; it cannot be turned off.")
    if not _check_code(session, settings, factor, code, key):
        raise IncorrectMfaCode("That code is not right; enter the newest code.")
    _remove_factor(session, staff.id)
    audit.record(session, staff.ctx, AuditAction.delete, "mfa", staff.id)


# --- administration ---------------------------------------------------------------------


def status_for_admin(session: Session, admin: Staff, user_id: uuid.UUID) -> MfaStatus:
    """Errors: NotFound for a user of another organisation."""
    user = users_service.get_user(session, admin, user_id)
    audit.record(session, admin.ctx, AuditAction.read, "mfa", user.id)
    return status_of(session, user)


def reset(session: Session, admin: Staff, user_id: uuid.UUID) -> None:
    """Removes a colleague's factor and recovery codes (a lost phone), audited. They sign in
    with the password alone, or are sent to enrol if the practice requires a second factor.
    Errors: NotFound for a user of another organisation."""
    user = users_service.get_user(session, admin, user_id)
    _remove_factor(session, user.id)
    throttle.record_success(session, _throttle_key(user.id))
    audit.record(session, admin.ctx, AuditAction.delete, "mfa", user.id)


# --- sign-in ----------------------------------------------------------------------------


def _token(settings: Settings, user: User, purpose: MfaPurpose, minutes: int) -> str:
    return issue_mfa_token(
        settings,
        subject=str(user.id),
        organization_id=str(user.organization_id),
        purpose=purpose,
        session_epoch=user.session_epoch,
        minutes=minutes,
    )


def challenge_after_password(session: Session, settings: Settings, user: User) -> None:
    """Called once the password is right. Returns when no second factor is needed; raises
    MfaRequired (the account has one) or MfaEnrollmentRequired (the practice requires one
    and the account has none), each carrying its short-lived `mfa_token`."""
    if is_enabled(session, user.id):
        raise MfaRequired(
            "Enter the code from your authenticator app.",
            mfa_token=_token(settings, user, "mfa", MFA_TOKEN_MINUTES),
            expires_in=MFA_TOKEN_MINUTES * 60,
        )
    if _organization_requires(session, user.organization_id):
        raise MfaEnrollmentRequired(
            "Your practice requires two-step sign-in: set it up to continue.",
            mfa_token=_token(settings, user, "mfa-enroll", ENROLLMENT_TOKEN_MINUTES),
            expires_in=ENROLLMENT_TOKEN_MINUTES * 60,
        )


def user_of_token(session: Session, settings: Settings, token: str, purpose: MfaPurpose) -> User:
    """The active user an mfa_token names. Raises InvalidToken otherwise (expired, forged,
    for another purpose, or the password changed since)."""
    claims = verify_mfa_token(settings, token, purpose)
    try:
        user = session.get(User, uuid.UUID(claims.subject))
    except ValueError as exc:
        raise InvalidToken("malformed subject") from exc
    if (
        user is None
        or not user.is_active
        or str(user.organization_id) != claims.organization_id
        or user.session_epoch != claims.session_epoch
    ):
        raise InvalidToken("account changed")
    return user


def _spend_recovery_code(session: Session, user_id: uuid.UUID, code: str) -> bool:
    row = session.scalar(
        select(MfaRecoveryCode)
        .where(
            col(MfaRecoveryCode.user_id) == user_id,
            col(MfaRecoveryCode.code_hash) == digest(totp.normalize_recovery_code(code)),
            col(MfaRecoveryCode.used_at).is_(None),
        )
        .with_for_update()
    )
    if row is None:
        return False
    row.used_at = clock.now()
    session.flush()
    return True


def verify_second_factor(
    session: Session,
    settings: Settings,
    ctx: AuditContext,
    mfa_token: str,
    *,
    otp: str | None,
    recovery_code: str | None,
) -> User:
    """The `mfa_otp` grant: the user whose `mfa_token` and code (or unused recovery code)
    are right. Errors: InvalidMfaCode (401), RateLimited / AccountLocked (429)."""
    now = clock.now()
    throttle.count_ip_attempt(session, settings, ctx.ip or "unknown", now)
    try:
        user = user_of_token(session, settings, mfa_token, "mfa")
    except InvalidToken as exc:
        raise InvalidMfaCode(
            "This sign-in has expired or is not valid. Sign in with your password again."
        ) from exc
    key = _throttle_key(user.id)
    throttle.ensure_not_locked(session, key, now)
    factor = _factor(session, user.id, lock=True)
    if factor is None or factor.confirmed_at is None:
        raise InvalidMfaCode("Two-step sign-in was reset. Sign in with your password again.")
    if recovery_code:
        accepted = _spend_recovery_code(session, user.id, recovery_code)
        if accepted:
            throttle.record_success(session, key)
        else:
            throttle.record_failure(session, settings, key, now)
    else:
        accepted = _check_code(session, settings, factor, otp or "", key)
    if not accepted:
        failed = AuditContext(
            "staff", user.id, user.organization_id, ctx.ip, ctx.user_agent, ctx.request_id
        )
        audit.record(session, failed, AuditAction.login_failed, "mfa")
        raise InvalidMfaCode("The code is not right, or it was already used.")
    return user
