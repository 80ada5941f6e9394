"""Consents that end on an event Cairn sees happen itself (DESIGN.md §4 Consents).

`on_discharge` ends when the client is discharged from the recipient treatment center (a
referral of the case to that center reaches `discharged`), `on_referral_closed` when a referral
under the consent ends (discharged, declined, or cancelled once sent), and `on_case_closed` when the case
moves to `closed`. The consent then reads `expired`: the partner API withholds the referral
(403 consent problem) and no new referral or send may use it. Its referrals are marked changed,
as a revocation does, so a center polling with `updated_since` learns it.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.cases.models import Case
from api.cases.service import add_event
from api.consents.models import Consent, ConsentStatus, ExpirationEvent
from api.core import clock
from api.referrals.models import Referral, ReferralStatus
from api.referrals.status import is_closed
from api.treatment_centers.models import TreatmentCenter


def _still_in_force(case_id: uuid.UUID) -> list[ColumnElement[bool]]:
    return [
        col(Consent.case_id) == case_id,
        col(Consent.revoked_at).is_(None),
        col(Consent.expired_at).is_(None),
    ]


def after_referral_moved(
    session: Session, referral: Referral, to: ReferralStatus, *, actor_id: uuid.UUID | None
) -> list[Consent]:
    """Ends the consents that this referral's move ends; returns them."""
    if not is_closed(to.value):
        return []
    if to is ReferralStatus.cancelled and referral.sent_at is None:
        return []  # a draft withdrawn before anyone saw it: no referral was made under it
    events = [
        (col(Consent.id) == referral.consent_id)
        & (col(Consent.expiration_event) == ExpirationEvent.on_referral_closed.value)
    ]
    if to is ReferralStatus.discharged:
        events.append(
            (col(Consent.expiration_event) == ExpirationEvent.on_discharge.value)
            & (col(Consent.recipient_treatment_center_id) == referral.treatment_center_id)
        )
    consents = session.scalars(
        select(Consent).where(*_still_in_force(referral.case_id), or_(*events))
    ).all()
    if not consents:
        return []
    center = session.get(TreatmentCenter, referral.treatment_center_id)
    name = center.name if center is not None else "the treatment center"
    notes = {
        ReferralStatus.discharged: f"Discharged from {name} (referral).",
        ReferralStatus.cancelled: f"The referral to {name} was cancelled.",
        ReferralStatus.declined: f"{name} declined the referral.",
    }
    for consent in consents:
        _end(session, consent, ExpirationEvent(str(consent.expiration_event)), notes[to], actor_id)
    session.flush()
    return list(consents)


def after_case_closed(session: Session, case: Case, *, actor_id: uuid.UUID | None) -> list[Consent]:
    """Ends the case's `on_case_closed` consents; returns them."""
    consents = session.scalars(
        select(Consent).where(
            *_still_in_force(case.id),
            col(Consent.expiration_event) == ExpirationEvent.on_case_closed.value,
        )
    ).all()
    for consent in consents:
        _end(session, consent, ExpirationEvent.on_case_closed, "The case was closed.", actor_id)
    session.flush()
    return list(consents)


def _end(
    session: Session,
    consent: Consent,
    event: ExpirationEvent,
    note: str,
    actor_id: uuid.UUID | None,
) -> None:
    now = clock.now()
    if consent.status_at(now) is not ConsentStatus.active:
        return  # already ended by its date: nothing changes for anyone
    consent.expired_at, consent.expired_by, consent.expiry_note = now, event.value, note[:300]
    # What a partner may see of these referrals just changed (as with a revocation).
    for referral in session.scalars(select(Referral).where(col(Referral.consent_id) == consent.id)):
        referral.updated_at = now
    case = session.get(Case, consent.case_id)
    if case is not None:
        add_event(
            session,
            case,
            actor_id,
            "consent_expired",
            reason=f"A consent to disclose ended: {note}",
            details={"consent_id": str(consent.id), "event": event.value},
        )
