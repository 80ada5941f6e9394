"""Sign-in throttling, kept in the database so every API process shares it.

- Per IP: at most `login_ip_limit_per_minute` password attempts a minute (an
  office behind one address gets at least 30), then 429 until the window ends.
- Per account *and* address: after `login_account_failures_before_lockout`
  failures the pair is locked for base * 2^(n-1) seconds, capped at
  `login_lockout_max_seconds`. Attempts during a lock are refused without being
  counted, so a lock never extends itself; and because the lock is per address,
  someone guessing from elsewhere cannot lock the real user out at all.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.auth.models import LoginThrottle
from api.core.config import Settings
from api.core.problems import AccountLocked, RateLimited

WINDOW = timedelta(minutes=1)


def _row(session: Session, key: str, now: datetime) -> LoginThrottle:
    row = session.get(LoginThrottle, key, with_for_update=True)
    if row is None:
        try:
            with session.begin_nested():
                session.add(LoginThrottle(key=key, window_started_at=now, updated_at=now))
        except IntegrityError:
            pass  # created concurrently; lock and use it
        row = session.get(LoginThrottle, key, with_for_update=True, populate_existing=True)
    assert row is not None
    return row


def _retry_after(until: datetime, now: datetime) -> dict[str, str]:
    return {"Retry-After": str(max(1, math.ceil((until - now).total_seconds())))}


def count_ip_attempt(session: Session, settings: Settings, ip: str, now: datetime) -> None:
    row = _row(session, f"ip:{ip}", now)
    if now - row.window_started_at >= WINDOW:
        row.window_started_at, row.attempts = now, 0
    row.attempts += 1
    row.updated_at = now
    session.flush()
    if row.attempts > settings.login_ip_limit_per_minute:
        raise RateLimited(
            "Too many sign-in attempts from this network. Wait a minute and try again.",
            headers=_retry_after(row.window_started_at + WINDOW, now),
        )


def account_key(email: str, ip: str) -> str:
    # Normalised exactly as the account lookup does, so that " Maya@…" and
    # "maya@…" share one lock: otherwise each spelling would get fresh guesses.
    return f"account:{email.strip().lower()}|{ip}"[:400]


def ensure_not_locked(session: Session, key: str, now: datetime) -> None:
    row = session.get(LoginThrottle, key)
    if row is not None and row.locked_until is not None and row.locked_until > now:
        raise AccountLocked(
            "Too many failed sign-ins. Sign-in is paused for this account for a short while.",
            headers=_retry_after(row.locked_until, now),
        )


def record_failure(session: Session, settings: Settings, key: str, now: datetime) -> None:
    row = _row(session, key, now)
    if row.locked_until is not None and now - row.locked_until > timedelta(
        seconds=settings.login_lockout_max_seconds
    ):
        row.lockouts = 0  # quiet for a while: start the back-off again from the bottom
    row.failures += 1
    if row.failures >= settings.login_account_failures_before_lockout:
        seconds = min(
            settings.login_lockout_base_seconds * 2**row.lockouts,
            settings.login_lockout_max_seconds,
        )
        row.locked_until = now + timedelta(seconds=seconds)
        row.lockouts += 1
        row.failures = 0
    row.updated_at = now
    session.flush()


def record_success(session: Session, key: str) -> None:
    row = session.get(LoginThrottle, key)
    if row is not None:
        session.delete(row)
        session.flush()
