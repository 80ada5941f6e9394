"""Consents (42 CFR Part 2): recorded once, revocable, and checked before any disclosure."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.alerts.models import AlertKind, Severity
from api.alerts.service import raise_alert
from api.auth.dependencies import Staff
from api.cases.models import Case
from api.cases.service import load_in_case
from api.consents.models import REDISCLOSURE_NOTICE, Consent, ConsentStatus
from api.consents.schemas import ConsentCreate, ConsentRead
from api.core import audit, clock, zones
from api.core.audit import AuditAction
from api.core.pagination import keyset_page, split_page
from api.core.problems import Conflict, FieldError, UnprocessableContent
from api.core.references import TREATMENT_CENTER, Ref, require_references
from api.organizations.service import time_zone_of
from api.referrals.models import Referral
from api.tasks.service import phase_for, raise_task

EXPIRY_WARNING = timedelta(days=14)
# A consent that ends on an event Cairn cannot see: staff confirm it within this many days.
CONFIRM_WITHIN_DAYS = 3


def _field_problem(field: str, message: str) -> UnprocessableContent:
    return UnprocessableContent(
        message, errors=[FieldError(loc=["body", field], msg=message, type="value_error")]
    )


def record_consent(session: Session, staff: Staff, case: Case, data: ConsentCreate) -> Consent:
    now = clock.now()
    require_references(
        session,
        organization_id=case.organization_id,
        refs=[
            Ref(
                TREATMENT_CENTER,
                data.recipient_treatment_center_id,
                ("body", "recipient_treatment_center_id"),
            )
        ],
        detail="The recipient must be a treatment center of your directory.",
    )
    if data.signed_at > now + timedelta(minutes=5):
        raise UnprocessableContent(
            "A consent cannot be signed in the future.",
            errors=[FieldError(loc=["body", "signed_at"], msg="in the future", type="value_error")],
        )
    tz = time_zone_of(session, case.organization_id)
    expires_at = _expiry_instant(data.expires_at, tz)
    if expires_at is not None and expires_at <= data.signed_at:
        raise _field_problem("expires_at", "expires_at must be after signed_at")
    consent = Consent(
        case_id=case.id,
        organization_id=case.organization_id,
        created_by_id=staff.id,
        created_at=now,
        **{**data.model_dump(), "expires_at": expires_at},
    )
    session.add(consent)
    session.flush()
    audit.record(session, staff.ctx, AuditAction.create, "consent", consent.id, case_id=case.id)
    if consent.expiration_event and consent.structured_event is None:
        _ask_to_confirm(session, staff, case, consent, tz)
    return consent


def _expiry_instant(value: date | datetime | None, tz: ZoneInfo) -> datetime | None:
    """A date means the end of that day in the practice's zone (DESIGN.md §3 Time)."""
    if value is None or isinstance(value, datetime):
        return value
    return zones.end_of_local_day(value, tz)


def _ask_to_confirm(
    session: Session, staff: Staff, case: Case, consent: Consent, tz: ZoneInfo
) -> None:
    """A free-text expiration event is one Cairn cannot see happen: a task asks the case lead
    to confirm the consent still holds, and to revoke it if the event has come."""
    due = zones.local_date(clock.now(), tz) + timedelta(days=CONFIRM_WITHIN_DAYS)
    raise_task(
        session,
        case,
        title="Confirm the consent to disclose is still in force",
        description=(
            f"The consent signed by {consent.signed_by} on {zones.day_text(consent.signed_at, tz)} "
            f"ends on an event Cairn cannot see: \u201c{consent.expiration_event}\u201d. Check "
            "whether it has happened; if it has, revoke the consent so nothing more is "
            "disclosed under it."
        ),
        phase=phase_for(case.status),
        due_at=zones.end_of_local_day(due, tz),
        fallback_user_id=staff.id,
    )


def load_consent(session: Session, staff: Staff, consent_id: uuid.UUID) -> Consent:
    return load_in_case(session, staff, Consent, consent_id, "consent")[0]


def revoke(session: Session, staff: Staff, consent: Consent, note: str | None) -> Consent:
    if consent.revoked_at is not None:
        raise Conflict("This consent was already revoked.")
    now = clock.now()
    consent.revoked_at, consent.revoked_by_id, consent.revocation_note = now, staff.id, note
    # What a partner may see of these referrals just changed: mark them changed, so a
    # center polling with updated_since learns that the disclosure is now withheld.
    for referral in session.scalars(select(Referral).where(col(Referral.consent_id) == consent.id)):
        referral.updated_at = now
    session.flush()
    audit.record(
        session, staff.ctx, AuditAction.update, "consent", consent.id, case_id=consent.case_id
    )
    return consent


def list_consents(
    session: Session, case: Case, *, limit: int, cursor: str | None
) -> tuple[list[Consent], str | None]:
    statement = keyset_page(
        select(Consent).where(col(Consent.case_id) == case.id),
        [col(Consent.created_at), col(Consent.id)],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    return split_page(session.scalars(statement).all(), limit, lambda c: (c.created_at, c.id))


def _ended(consent: Consent, now: datetime) -> tuple[datetime | None, str | None]:
    """When and by what the consent expired, if it has."""
    if consent.status_at(now) is not ConsentStatus.expired:
        return None, None
    if consent.expired_at is not None and (
        consent.expires_at is None or consent.expired_at <= consent.expires_at
    ):
        return consent.expired_at, consent.expired_by
    return consent.expires_at, "date"


def to_reads(consents: Sequence[Consent]) -> list[ConsentRead]:
    now = clock.now()
    reads = []
    for c in consents:
        expired_at, expired_by = _ended(c, now)
        reads.append(
            ConsentRead.model_validate(
                {
                    **c.model_dump(),
                    "status": c.status_at(now),
                    "expiration_event_evaluated": c.structured_event is not None,
                    "expired_at": expired_at,
                    "expired_by": expired_by,
                    "expiry_note": c.expiry_note if expired_by not in (None, "date") else None,
                    "redisclosure_notice": REDISCLOSURE_NOTICE,
                }
            )
        )
    return reads


def warn_expiring_consents(session: Session, now: datetime) -> int:
    """A job: a `consent_expiring` alert once per consent, 14 days before its `expires_at`
    (whether or not it also names an event), its date written in the practice's zone."""
    expiring = session.execute(
        select(Consent, Case)
        .join(Case, col(Case.id) == col(Consent.case_id))
        .where(
            col(Consent.revoked_at).is_(None),
            col(Consent.expired_at).is_(None),
            col(Consent.expires_at) > now,
            col(Consent.expires_at) <= now + EXPIRY_WARNING,
        )
    ).all()
    raised = 0
    zones_of: dict[uuid.UUID, ZoneInfo] = {}
    for consent, case in expiring:
        if case.organization_id not in zones_of:
            zones_of[case.organization_id] = time_zone_of(session, case.organization_id)
        assert consent.expires_at is not None
        day = zones.day_text(consent.expires_at, zones_of[case.organization_id])
        if raise_alert(
            session,
            case,
            AlertKind.consent_expiring,
            Severity.moderate,
            f"A consent to disclose expires on {day}",
            detail="Renew it with the client before the referral needs it again.",
            dedupe_key=f"consent-expiring:{consent.id}",
        ):
            raised += 1
    return raised


def touch_referrals_of_expired_consents(session: Session, now: datetime) -> int:
    """A job: when a consent expires, what a partner may see of its referrals changes, so
    mark those referrals changed once (as a revocation does) for centers polling with
    updated_since. A referral last changed before its consent expired is the sign."""
    referrals = session.scalars(
        select(Referral)
        .join(Consent, col(Consent.id) == col(Referral.consent_id))
        .where(
            col(Consent.revoked_at).is_(None),
            col(Consent.expired_at).is_(None),  # an event ended it: touched then
            col(Consent.expires_at) <= now,
            col(Referral.updated_at) < col(Consent.expires_at),
        )
    ).all()
    for referral in referrals:
        referral.updated_at = now
    session.flush()
    return len(referrals)


def active_consent_for(
    session: Session, consent_id: uuid.UUID, case: Case, center_id: uuid.UUID
) -> Consent | None:
    """The consent if it is active, of this case, and names this treatment center."""
    consent = session.get(Consent, consent_id)
    if (
        consent is None
        or consent.case_id != case.id
        or not consent.discloses_to(center_id, clock.now())
    ):
        return None
    return consent
