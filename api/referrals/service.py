"""Referrals as staff see them: create under a consent, send, cancel, record updates."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case
from api.cases.service import load_in_case, visible_to
from api.consents.service import active_consent_for
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.pagination import keyset_page, split_page
from api.core.problems import Conflict, ConsentRequired
from api.core.schemas import changes_of
from api.referrals import lifecycle
from api.referrals.models import Referral, ReferralEvent, ReferralStatus
from api.referrals.schemas import (
    HistoryEntry,
    ReferralCreate,
    ReferralRead,
    ReferralUpdate,
    StatusReport,
)
from api.treatment_centers.models import TreatmentCenter
from api.treatment_centers.service import is_partner, load_center
from api.webhooks.outbox import announce_to_center


def require_consent(
    session: Session, case: Case, consent_id: uuid.UUID, center_id: uuid.UUID
) -> None:
    if active_consent_for(session, consent_id, case, center_id) is None:
        raise ConsentRequired(
            "The consent must be of this case, active (not revoked or expired), and name this "
            "treatment center as the recipient."
        )


def create_referral(session: Session, staff: Staff, case: Case, data: ReferralCreate) -> Referral:
    load_center(session, staff.organization_id, data.treatment_center_id)
    require_consent(session, case, data.consent_id, data.treatment_center_id)
    now = clock.now()
    referral = Referral(
        case_id=case.id,
        organization_id=case.organization_id,
        created_by_id=staff.id,
        created_at=now,
        updated_at=now,
        **{**data.model_dump(), "level_of_care": data.level_of_care.value},
    )
    session.add(referral)
    session.flush()
    session.add(
        ReferralEvent(
            referral_id=referral.id,
            at=now,
            actor_type="staff",
            actor_id=staff.id,
            to_status=ReferralStatus.draft.value,
        )
    )
    audit.record(session, staff.ctx, AuditAction.create, "referral", referral.id, case_id=case.id)
    return referral


def load_referral(session: Session, staff: Staff, referral_id: uuid.UUID) -> tuple[Referral, Case]:
    return load_in_case(session, staff, Referral, referral_id, "referral")


def update_draft(
    session: Session, staff: Staff, case: Case, referral: Referral, data: ReferralUpdate
) -> Referral:
    if referral.status != ReferralStatus.draft.value:
        raise Conflict("Only a draft referral can be changed; cancel and create a new one instead.")
    changes = changes_of(data, required=("consent_id", "level_of_care", "summary"))
    if "level_of_care" in changes:
        changes["level_of_care"] = str(changes["level_of_care"])
    if "consent_id" in changes:
        require_consent(session, case, changes["consent_id"], referral.treatment_center_id)
    changed = {f: v for f, v in changes.items() if getattr(referral, f) != v}
    for field, value in changed.items():
        setattr(referral, field, value)
    if changed:
        referral.updated_at = clock.now()
        session.flush()
        audit.record(
            session, staff.ctx, AuditAction.update, "referral", referral.id, case_id=case.id
        )
    return referral


def send(session: Session, staff: Staff, case: Case, referral: Referral) -> Referral:
    require_consent(session, case, referral.consent_id, referral.treatment_center_id)
    lifecycle.move(session, staff.ctx, referral, ReferralStatus.sent)
    announce_to_center(
        session,
        referral.organization_id,
        referral.treatment_center_id,
        "referral.sent",
        {"referral_id": str(referral.id)},
    )
    audit.record(session, staff.ctx, AuditAction.update, "referral", referral.id, case_id=case.id)
    return referral


def cancel(
    session: Session, staff: Staff, case: Case, referral: Referral, reason: str | None
) -> Referral:
    was_sent = referral.sent_at is not None
    lifecycle.move(session, staff.ctx, referral, ReferralStatus.cancelled, note=reason)
    if was_sent:  # the center knew of it
        announce_to_center(
            session,
            referral.organization_id,
            referral.treatment_center_id,
            "referral.cancelled",
            {"referral_id": str(referral.id)},
        )
    audit.record(session, staff.ctx, AuditAction.update, "referral", referral.id, case_id=case.id)
    return referral


def record_update(
    session: Session, staff: Staff, case: Case, referral: Referral, update: StatusReport
) -> Referral:
    """Staff recording what a non-partner center said (partners report through their API)."""
    if is_partner(session, referral.treatment_center_id):
        raise Conflict("This center is a partner: it reports status changes through its own API.")
    if update.status not in {
        ReferralStatus.received,
        ReferralStatus.accepted,
        ReferralStatus.declined,
        ReferralStatus.admitted,
        ReferralStatus.discharged,
    }:
        raise Conflict("Use send or cancel for those changes.")
    lifecycle.report(session, staff.ctx, case, referral, update)
    audit.record(session, staff.ctx, AuditAction.update, "referral", referral.id, case_id=case.id)
    return referral


@dataclass(frozen=True)
class ReferralFilters:
    case_id: uuid.UUID | None = None
    status: ReferralStatus | None = None


def list_referrals(
    session: Session, staff: Staff, filters: ReferralFilters, *, limit: int, cursor: str | None
) -> tuple[list[Referral], str | None]:
    statement = (
        select(Referral).join(Case, col(Case.id) == col(Referral.case_id)).where(*visible_to(staff))
    )
    if filters.case_id is not None:
        statement = statement.where(col(Referral.case_id) == filters.case_id)
    if filters.status is not None:
        statement = statement.where(col(Referral.status) == filters.status.value)
    statement = keyset_page(
        statement,
        [col(Referral.updated_at), col(Referral.id)],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    referrals, next_cursor = split_page(
        session.scalars(statement).all(), limit, lambda r: (r.updated_at, r.id)
    )
    audit.record_many(
        session, staff.ctx, AuditAction.read, "referral", [(r.id, r.case_id) for r in referrals]
    )
    return referrals, next_cursor


def histories(
    session: Session, referral_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[HistoryEntry]]:
    found: dict[uuid.UUID, list[HistoryEntry]] = {rid: [] for rid in referral_ids}
    if referral_ids:
        for event in session.scalars(
            select(ReferralEvent)
            .where(col(ReferralEvent.referral_id).in_(referral_ids))
            .order_by(col(ReferralEvent.at), col(ReferralEvent.id))
        ):
            found[event.referral_id].append(HistoryEntry.model_validate(event.model_dump()))
    return found


def to_reads(session: Session, referrals: Sequence[Referral]) -> list[ReferralRead]:
    ids = [r.id for r in referrals]
    history = histories(session, ids)
    references = (
        {
            row[0]: row[1]
            for row in session.execute(
                select(col(Case.id), col(Case.reference)).where(
                    col(Case.id).in_({r.case_id for r in referrals})
                )
            ).all()
        }
        if referrals
        else {}
    )
    centers = (
        {
            row[0]: row[1]
            for row in session.execute(
                select(col(TreatmentCenter.id), col(TreatmentCenter.name)).where(
                    col(TreatmentCenter.id).in_({r.treatment_center_id for r in referrals})
                )
            ).all()
        }
        if referrals
        else {}
    )
    return [
        ReferralRead.model_validate(
            {
                **r.model_dump(),
                "case_reference": references.get(r.case_id, ""),
                "treatment_center_name": centers.get(r.treatment_center_id, ""),
                "history": history[r.id],
            }
        )
        for r in referrals
    ]
