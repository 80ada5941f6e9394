"""Relapse in aftercare: the alert names the agreed next step, and `escalate` carries the
escalation agreement out in one step (DESIGN.md §4 Aftercare; the Systemic Family
Intervention model agrees the next level of care in advance, §1)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.aftercare.models import AftercarePlan
from api.aftercare.service import escalation_missing, find_plan, load_plan, record_revision
from api.auth.dependencies import Staff
from api.cases.lifecycle import move_case
from api.cases.models import Case, CaseStatus
from api.consents.models import Consent
from api.consents.service import active_consent_for
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.problems import Conflict, InvalidTransition
from api.plans.models import LevelOfCare
from api.referrals.models import Referral, ReferralEvent, ReferralStatus
from api.treatment_centers.models import TreatmentCenter

_LEVEL_NAMES = {
    "0.5": "early intervention (0.5)",
    "1": "outpatient (1)",
    "2.1": "intensive outpatient (2.1)",
    "2.5": "partial hospitalization (2.5)",
    "3.1": "low-intensity residential (3.1)",
    "3.3": "population-specific residential (3.3)",
    "3.5": "high-intensity residential (3.5)",
    "3.7": "medically monitored inpatient (3.7)",
    "4": "medically managed inpatient (4)",
}


def level_name(level: str | None) -> str:
    return _LEVEL_NAMES.get(level or "", level or "")


def next_step_text(session: Session, case: Case) -> str | None:
    """The agreed next step in words, for a relapse alert: None when the case is not in
    aftercare. Without an agreement, says so (the professional must decide)."""
    if case.status != CaseStatus.aftercare.value:
        return None
    plan = find_plan(session, case)
    agreement = plan.escalation_agreement if plan is not None else None
    if not agreement or not agreement.get("next_level_of_care"):
        return (
            "No escalation agreement is recorded: agree the next level of care with the "
            "client and family now."
        )
    center = _center(session, case, agreement.get("treatment_center_id"))
    step = f"Agreed next step: {level_name(agreement['next_level_of_care'])}"
    if center is not None:
        step += f" at {center.name}"
    if agreement.get("who_calls"):
        step += f". Who calls whom: {agreement['who_calls'].rstrip('.')}"
    return step + "."


def _center(session: Session, case: Case, center_id: str | None) -> TreatmentCenter | None:
    if not center_id:
        return None
    center = session.get(TreatmentCenter, uuid.UUID(center_id))
    if center is None or center.organization_id != case.organization_id:
        return None
    return center


def escalate(
    session: Session, staff: Staff, case: Case, reason: str
) -> tuple[AftercarePlan, Referral, bool]:
    """Moves the case aftercare → in_treatment with the reason on the timeline and creates a
    draft referral at the agreed level of care and center. An active consent of this case
    that names the center is attached when there is one; sending still requires it.

    409 when the case is not in aftercare (naming its status), or when the agreement lacks
    what the step needs (naming each missing part); 404 when there is no plan."""
    if case.status != CaseStatus.aftercare.value:
        raise InvalidTransition(
            f"Only a case in aftercare can be escalated; this one is '{case.status}'."
        )
    plan = load_plan(session, case)
    missing = escalation_missing(plan)
    if missing:
        raise Conflict(
            "The escalation agreement is not complete; it still needs: " + "; ".join(missing) + "."
        )
    agreement = plan.escalation_agreement or {}
    center = _center(session, case, agreement["treatment_center_id"])
    if center is None:
        raise Conflict(
            "The treatment center named in the escalation agreement is no longer listed."
        )
    now = clock.now()
    consent = _consent_naming(session, case, center.id)
    referral = Referral(
        case_id=case.id,
        organization_id=case.organization_id,
        treatment_center_id=center.id,
        consent_id=consent.id if consent is not None else None,
        level_of_care=LevelOfCare(agreement["next_level_of_care"]).value,
        summary=f"Relapse in aftercare; escalation as agreed in advance. {reason}"[:4_000],
        created_by_id=staff.id,
        created_at=now,
        updated_at=now,
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
            note="Created by the aftercare escalation.",
        )
    )
    move_case(
        session,
        case,
        CaseStatus.in_treatment,
        actor_id=staff.id,
        reason=reason,
        details={
            "cause": "aftercare_escalation",
            "referral_id": str(referral.id),
            "treatment_center_id": str(center.id),
            "level_of_care": referral.level_of_care,
        },
    )
    plan.escalated_at = now
    plan.updated_at = now
    session.flush()
    record_revision(session, staff, plan, "escalated")
    audit.record(session, staff.ctx, AuditAction.create, "referral", referral.id, case_id=case.id)
    audit.record(session, staff.ctx, AuditAction.update, "aftercare_plan", plan.id, case_id=case.id)
    return plan, referral, consent is not None


def _consent_naming(session: Session, case: Case, center_id: uuid.UUID) -> Consent | None:
    candidates = session.scalars(
        select(col(Consent.id))
        .where(
            col(Consent.case_id) == case.id,
            col(Consent.recipient_treatment_center_id) == center_id,
        )
        .order_by(col(Consent.signed_at).desc())
    ).all()
    for consent_id in candidates:
        consent = active_consent_for(session, consent_id, case, center_id)
        if consent is not None:
            return consent
    return None
