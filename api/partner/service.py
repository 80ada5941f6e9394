"""What a partner center's system may see and do: its own referrals, from `sent` on."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Partner
from api.cases.models import Case
from api.consents.models import REDISCLOSURE_NOTICE, Consent
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.pagination import keyset_page, split_page
from api.core.problems import Conflict, ConsentNotActive, NotFound
from api.organizations.models import Organization
from api.plans.models import LevelOfCare
from api.referrals import lifecycle
from api.referrals.models import Referral, ReferralStatus
from api.referrals.schemas import (
    ConsentSummary,
    PartnerHistoryEntry,
    PartnerReferral,
    ReferredClient,
    StatusReport,
)
from api.referrals.service import histories
from api.referrals.status import REPORTED_BY_CENTER
from api.treatment_centers.models import TreatmentCenter


def _addressed_to(partner: Partner) -> list[ColumnElement[bool]]:
    return [
        col(Referral.treatment_center_id) == partner.treatment_center_id,
        col(Referral.organization_id) == partner.organization_id,
        col(Referral.status) != ReferralStatus.draft.value,
    ]


def load_referral(session: Session, partner: Partner, referral_id: uuid.UUID) -> Referral:
    referral = session.scalar(
        select(Referral).where(col(Referral.id) == referral_id, *_addressed_to(partner))
    )
    if referral is None:
        raise NotFound("No referral with that id is addressed to your center.")
    return referral


def list_referrals(
    session: Session,
    partner: Partner,
    *,
    status: ReferralStatus | None,
    updated_since: datetime | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Referral], str | None]:
    """Oldest change first, so that polling with `updated_since` never misses one."""
    statement = select(Referral).where(*_addressed_to(partner))
    if status is not None:
        statement = statement.where(col(Referral.status) == status.value)
    if updated_since is not None:
        statement = statement.where(col(Referral.updated_at) >= updated_since)
    statement = keyset_page(
        statement,
        [col(Referral.updated_at), col(Referral.id)],
        descending=False,
        limit=limit,
        cursor=cursor,
    )
    return split_page(session.scalars(statement).all(), limit, lambda r: (r.updated_at, r.id))


def disclose(
    session: Session, partner: Partner, referrals: Sequence[Referral], *, require_consent: bool
) -> list[PartnerReferral]:
    """The partner's view; clinical details only under an active consent naming the center.
    Every disclosure is an audit event with action `disclose`."""
    consents = (
        {
            c.id: c
            for c in session.scalars(
                select(Consent).where(col(Consent.id).in_({r.consent_id for r in referrals}))
            )
        }
        if referrals
        else {}
    )
    cases = (
        {
            c.id: c
            for c in session.scalars(
                select(Case).where(col(Case.id).in_({r.case_id for r in referrals}))
            )
        }
        if referrals
        else {}
    )
    history = _partner_histories(session, partner, referrals)
    now = clock.now()
    views: list[PartnerReferral] = []
    disclosed: list[tuple[uuid.UUID, uuid.UUID]] = []
    for referral in referrals:
        # A partner sees only referrals that were sent, and sending requires a consent.
        assert referral.consent_id is not None
        consent = consents[referral.consent_id]
        status = consent.status_at(now)
        allowed = consent.discloses_to(partner.treatment_center_id, now)
        if not allowed and require_consent:
            raise ConsentNotActive(
                "The client's consent for this referral was revoked or has expired."
            )
        case = cases[referral.case_id]
        views.append(
            PartnerReferral(
                id=referral.id,
                status=ReferralStatus(referral.status),
                level_of_care=LevelOfCare(referral.level_of_care),
                requested_admission_date=referral.requested_admission_date,
                client=ReferredClient(
                    first_name=case.client_first_name,
                    last_name=case.client_last_name,
                    date_of_birth=case.client_date_of_birth,
                )
                if allowed
                else None,
                summary=referral.summary if allowed else None,
                disclosure_withheld=not allowed,
                consent=ConsentSummary(
                    id=consent.id,
                    status=status,
                    purpose=consent.purpose,
                    information_description=consent.information_description,
                    expires_at=consent.expires_at,
                    expiration_event=consent.expiration_event,
                    signed_at=consent.signed_at,
                ),
                redisclosure_notice=REDISCLOSURE_NOTICE,
                history=history[referral.id],
                sent_at=referral.sent_at,
                updated_at=referral.updated_at,
            )
        )
        if allowed:
            disclosed.append((referral.id, referral.case_id))
    audit.record_many(session, partner.ctx, AuditAction.disclose, "referral", disclosed)
    return views


def _partner_histories(
    session: Session, partner: Partner, referrals: Sequence[Referral]
) -> dict[uuid.UUID, list[PartnerHistoryEntry]]:
    """The history with the practice or the center as actor: staff user ids and names, and
    the ids of API clients, stay inside the practice."""
    organization = session.get(Organization, partner.organization_id)
    center = session.get(TreatmentCenter, partner.treatment_center_id)
    assert organization is not None
    assert center is not None
    actors: dict[str, tuple[Literal["practice", "treatment_center"], str]] = {
        "staff": ("practice", organization.name),
        "partner": ("treatment_center", center.name),
    }
    return {
        referral_id: [
            PartnerHistoryEntry(
                at=entry.at,
                actor_type=actors.get(entry.actor_type, ("system", None))[0],
                actor_name=actors.get(entry.actor_type, ("system", None))[1],
                from_status=entry.from_status,
                to_status=entry.to_status,
                note=entry.note,
            )
            for entry in entries
        ]
        for referral_id, entries in histories(session, referrals).items()
    }


def report_status(
    session: Session, partner: Partner, referral: Referral, update: StatusReport
) -> Referral:
    """Accepted even after the consent ended: the center must be able to close the loop."""
    if update.status not in REPORTED_BY_CENTER:
        raise Conflict(
            f"A center reports one of: {', '.join(sorted(s.value for s in REPORTED_BY_CENTER))}."
        )
    case = session.get(Case, referral.case_id)
    assert case is not None
    lifecycle.report(session, partner.ctx, case, referral, update)
    audit.record(session, partner.ctx, AuditAction.update, "referral", referral.id, case_id=case.id)
    return referral


def set_capacity(session: Session, partner: Partner, beds: int) -> TreatmentCenter:
    center = session.get(TreatmentCenter, partner.treatment_center_id)
    assert center is not None
    center.beds_available, center.beds_updated_at = beds, clock.now()
    center.updated_at = center.beds_updated_at
    session.flush()
    audit.record(session, partner.ctx, AuditAction.update, "treatment_center_capacity", center.id)
    return center
