"""Scheduled jobs. Each takes the session and "now", so tests can move time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session
from sqlmodel import col

from api.aftercare.follow_ups import raise_overdue_follow_ups
from api.auth.models import LoginThrottle
from api.checkins.schedules import raise_missed_check_ins
from api.consents.service import touch_referrals_of_expired_consents, warn_expiring_consents
from api.core import idempotency
from api.core.config import Settings
from api.core.db import affected_rows
from api.sync.service import purge_old_removals
from api.webhooks.delivery import deliver_due

Job = Callable[[Session, datetime, Settings], int]


def purge_expired_idempotency_keys(session: Session, now: datetime) -> int:
    return idempotency.purge_expired(session, now)


def purge_stale_login_throttles(session: Session, now: datetime) -> int:
    result = session.execute(
        delete(LoginThrottle).where(col(LoginThrottle.updated_at) < now - timedelta(days=1))
    )
    return affected_rows(result)


def _ignoring_settings(job: Callable[[Session, datetime], int]) -> Job:
    return lambda session, now, _settings: job(session, now)


JOBS: dict[str, Job] = {
    "deliver_webhooks": deliver_due,
    "raise_missed_check_ins": _ignoring_settings(raise_missed_check_ins),
    "raise_overdue_follow_ups": _ignoring_settings(raise_overdue_follow_ups),
    "warn_expiring_consents": _ignoring_settings(warn_expiring_consents),
    "touch_referrals_of_expired_consents": _ignoring_settings(touch_referrals_of_expired_consents),
    "purge_expired_idempotency_keys": _ignoring_settings(purge_expired_idempotency_keys),
    "purge_stale_login_throttles": _ignoring_settings(purge_stale_login_throttles),
    "purge_old_sync_removals": _ignoring_settings(purge_old_removals),
}
