"""Consents (42 CFR Part 2): recorded once, revocable, and checked before any disclosure."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.alerts.models import AlertKind, Severity
from api.alerts.service import raise_alert
from api.auth.dependencies import Staff
from api.cases.models import Case
from api.cases.service import load_in_case
from api.consents.models import REDISCLOSURE_NOTICE, Consent
from api.consents.schemas import ConsentCreate, ConsentRead
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.pagination import keyset_page, split_page
from api.core.problems import Conflict, FieldError, UnprocessableContent
from api.referrals.models import Referral
from api.treatment_centers.models import TreatmentCenter

EXPIRY_WARNING = timedelta(days=14)


def record_consent(session: Session, staff: Staff, case: Case, data: ConsentCreate) -> Consent:
    now = clock.now()
    if data.recipient_treatment_center_id is not None:
        center = session.get(TreatmentCenter, data.recipient_treatment_center_id)
        if center is None or center.organization_id != case.organization_id:
            raise UnprocessableContent(
                "The recipient must be a treatment center of your directory.",
                errors=[
                    FieldError(
                        loc=["body", "recipient_treatment_center_id"],
                        msg="not in your directory",
                        type="value_error",
                    )
                ],
            )
    if data.signed_at > now + timedelta(minutes=5):
        raise UnprocessableContent(
            "A consent cannot be signed in the future.",
            errors=[FieldError(loc=["body", "signed_at"], msg="in the future", type="value_error")],
        )
    consent = Consent(
        case_id=case.id,
        organization_id=case.organization_id,
        created_by_id=staff.id,
        created_at=now,
        **data.model_dump(),
    )
    session.add(consent)
    session.flush()
    audit.record(session, staff.ctx, AuditAction.create, "consent", consent.id, case_id=case.id)
    return consent


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


def to_reads(consents: Sequence[Consent]) -> list[ConsentRead]:
    now = clock.now()
    return [
        ConsentRead.model_validate(
            {
                **c.model_dump(),
                "status": c.status_at(now),
                "redisclosure_notice": REDISCLOSURE_NOTICE,
            }
        )
        for c in consents
    ]


def warn_expiring_consents(session: Session, now: datetime) -> int:
    """A job: a `consent_expiring` alert once per consent, 14 days before it expires."""
    expiring = session.execute(
        select(Consent, Case)
        .join(Case, col(Case.id) == col(Consent.case_id))
        .where(
            col(Consent.revoked_at).is_(None),
            col(Consent.expires_at) > now,
            col(Consent.expires_at) <= now + EXPIRY_WARNING,
        )
    ).all()
    raised = 0
    for consent, case in expiring:
        if raise_alert(
            session,
            case,
            AlertKind.consent_expiring,
            Severity.moderate,
            f"A consent to disclose expires on {consent.expires_at:%Y-%m-%d}",
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
