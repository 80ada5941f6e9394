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
from api.cases.service import labels_of, load_in_case, visible_to
from api.consents.service import active_consent_for
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.db import lookup
from api.core.pagination import keyset_page, split_page
from api.core.problems import Conflict, ConsentRequired
from api.core.references import CONSENT, TREATMENT_CENTER, Ref, require_references
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
from api.referrals.status import NEXT, REPORTED_BY_CENTER, is_closed
from api.treatment_centers.models import TreatmentCenter
from api.treatment_centers.service import is_partner, partners_among
from api.users.models import User
from api.webhooks.outbox import announce_to_center


def require_consent(
    session: Session, case: Case, consent_id: uuid.UUID | None, center_id: uuid.UUID
) -> None:
    if consent_id is None:
        raise ConsentRequired(
            "This draft referral has no consent yet. Attach an active consent that names this "
            "treatment center (consent_id), then send it."
        )
    if active_consent_for(session, consent_id, case, center_id) is None:
        raise ConsentRequired(
            "The consent must be of this case, active (not revoked or expired), and name this "
            "treatment center as the recipient."
        )


def create_referral(session: Session, staff: Staff, case: Case, data: ReferralCreate) -> Referral:
    require_references(
        session,
        organization_id=case.organization_id,
        case_id=case.id,
        refs=[
            Ref(TREATMENT_CENTER, data.treatment_center_id, ("body", "treatment_center_id")),
            Ref(CONSENT, data.consent_id, ("body", "consent_id")),
        ],
        detail="The referral names a center or consent that is not of this practice or case.",
    )
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
        require_references(
            session,
            organization_id=case.organization_id,
            case_id=case.id,
            refs=[Ref(CONSENT, changes["consent_id"], ("body", "consent_id"))],
            detail="The consent is not of this case.",
        )
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
    if update.status not in REPORTED_BY_CENTER:
        raise Conflict("Use send or cancel for those changes.")
    lifecycle.report(session, staff.ctx, case, referral, update)
    audit.record(session, staff.ctx, AuditAction.update, "referral", referral.id, case_id=case.id)
    return referral


@dataclass(frozen=True)
class ReferralFilters:
    case_id: uuid.UUID | None = None
    status: ReferralStatus | None = None
    treatment_center_id: uuid.UUID | None = None


def list_referrals(
    session: Session, staff: Staff, filters: ReferralFilters, *, limit: int, cursor: str | None
) -> tuple[list[Referral], str | None]:
    statement = (
        select(Referral)
        .join(Case, col(Case.id) == col(Referral.case_id))
        # The referral's own organisation too, so its indexes serve the filter and the order.
        .where(col(Referral.organization_id) == staff.organization_id, *visible_to(staff))
    )
    if filters.case_id is not None:
        statement = statement.where(col(Referral.case_id) == filters.case_id)
    if filters.status is not None:
        statement = statement.where(col(Referral.status) == filters.status.value)
    if filters.treatment_center_id is not None:
        statement = statement.where(
            col(Referral.treatment_center_id) == filters.treatment_center_id
        )
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
    session: Session,
    referrals: Sequence[Referral],
    center_names: dict[uuid.UUID, str] | None = None,
) -> dict[uuid.UUID, list[HistoryEntry]]:
    """Each referral's moves, oldest first. With `center_names` (the staff view) the actor
    is named: a staff member by name, a partner by its center's name."""
    found: dict[uuid.UUID, list[HistoryEntry]] = {r.id: [] for r in referrals}
    if not referrals:
        return found
    centers = {r.id: r.treatment_center_id for r in referrals}
    events = session.scalars(
        select(ReferralEvent)
        .where(col(ReferralEvent.referral_id).in_(found))
        .order_by(col(ReferralEvent.at), col(ReferralEvent.id))
    ).all()
    staff_ids = {e.actor_id for e in events if e.actor_type == "staff" and e.actor_id}
    staff_names = (
        lookup(session, col(User.id), col(User.full_name), staff_ids)
        if center_names is not None
        else {}
    )
    for event in events:
        name: str | None = None
        if center_names is None:
            pass
        elif event.actor_type == "staff" and event.actor_id:
            name = staff_names.get(event.actor_id)
        elif event.actor_type == "partner":
            name = center_names.get(centers[event.referral_id])
        found[event.referral_id].append(
            HistoryEntry.model_validate({**event.model_dump(), "actor_name": name})
        )
    return found


def staff_moves(referral: Referral, partner: bool) -> list[ReferralStatus]:
    """What staff may move this referral to next: send and cancel always; the center's own
    answers only when the center is not a partner (a partner reports them itself)."""
    moves = NEXT[ReferralStatus(referral.status)]
    if partner:
        moves = moves - REPORTED_BY_CENTER
    return sorted(moves, key=list(ReferralStatus).index)


def to_reads(session: Session, referrals: Sequence[Referral]) -> list[ReferralRead]:
    center_ids = {r.treatment_center_id for r in referrals}
    centers = lookup(session, col(TreatmentCenter.id), col(TreatmentCenter.name), center_ids)
    partners = partners_among(session, center_ids)
    history = histories(session, referrals, centers)
    cases = labels_of(session, {r.case_id for r in referrals})
    return [
        ReferralRead.model_validate(
            {
                **r.model_dump(),
                "case_reference": cases[r.case_id].reference,
                "client_name": cases[r.case_id].client_name,
                "treatment_center_name": centers.get(r.treatment_center_id, ""),
                "treatment_center_is_partner": r.treatment_center_id in partners,
                "allowed_transitions": staff_moves(r, r.treatment_center_id in partners),
                "is_closed": is_closed(r.status),
                "history": history[r.id],
            }
        )
        for r in referrals
    ]
