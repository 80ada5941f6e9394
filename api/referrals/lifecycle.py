"""Moving a referral, and what each move does to the case and the alerts."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from api.alerts.models import AlertKind, Severity
from api.alerts.service import raise_alert
from api.cases.lifecycle import move_case
from api.cases.models import Case, CaseStatus
from api.cases.status import BEFORE_TREATMENT
from api.consents.expiry import after_referral_moved
from api.core import clock
from api.core.audit import AuditContext
from api.core.problems import FieldError, InvalidTransition, UnprocessableContent
from api.referrals.models import DischargeReason, Referral, ReferralEvent, ReferralStatus
from api.referrals.schemas import StatusReport
from api.referrals.status import NEXT, REPORTED_BY_CENTER
from api.treatment_centers.models import TreatmentCenter
from api.webhooks.outbox import announce_to_organization


def move(
    session: Session,
    ctx: AuditContext,
    referral: Referral,
    to: ReferralStatus,
    *,
    note: str | None = None,
    choices: frozenset[ReferralStatus] | None = None,
) -> None:
    """Move the referral to `to`; `choices` narrows the lifecycle to what this actor may do.
    A move that ends the referral also ends the consents that end on it (api.consents.expiry)."""
    current = ReferralStatus(referral.status)
    possible = NEXT[current] if choices is None else NEXT[current] & choices
    if to not in possible:
        allowed = ", ".join(sorted(s.value for s in possible)) or "none"
        raise InvalidTransition(f"A referral that is '{current.value}' can move to: {allowed}.")
    now = clock.now()
    referral.status = to.value
    referral.updated_at = now
    if to is ReferralStatus.sent:
        referral.sent_at = now
    session.add(
        ReferralEvent(
            referral_id=referral.id,
            at=now,
            actor_type=ctx.actor_type,
            actor_id=ctx.actor_id,
            from_status=current.value,
            to_status=to.value,
            note=note,
        )
    )
    announce_to_organization(
        session,
        referral.organization_id,
        "referral.status_changed",
        {
            "referral_id": str(referral.id),
            "case_id": str(referral.case_id),
            "from_status": current.value,
            "to_status": to.value,
        },
    )
    session.flush()
    after_referral_moved(session, referral, to, actor_id=_staff_actor(ctx))


def report(
    session: Session, ctx: AuditContext, case: Case, referral: Referral, update: StatusReport
) -> None:
    """A status update from the center, with its effects on the case.

    Raises UnprocessableContent (422, field `discharged_at`) for a discharge dated before
    the admission: the dates feed the treatment-entry and completion figures."""
    if (
        update.status is ReferralStatus.discharged
        and update.discharged_at is not None
        and referral.admitted_at is not None
        and update.discharged_at < referral.admitted_at
    ):
        raise UnprocessableContent(
            "A discharge cannot come before the admission.",
            errors=[
                FieldError(
                    loc=["body", "discharged_at"],
                    msg="before the admission",
                    type="value_error",
                )
            ],
        )
    note = update.note or update.decline_reason
    move(session, ctx, referral, update.status, note=note, choices=REPORTED_BY_CENTER)
    if update.status is ReferralStatus.declined:
        referral.decline_reason = update.decline_reason
        raise_alert(
            session,
            case,
            AlertKind.referral_declined,
            Severity.high,
            f"A treatment center declined the referral: {update.decline_reason}"[:200],
            dedupe_key=f"referral-declined:{referral.id}",
        )
    elif update.status is ReferralStatus.admitted:
        referral.admitted_at = update.admitted_at or clock.now()
        # Whatever stage the case had reached (ARISE clients often enter treatment at the
        # first call), and a client in aftercare who is admitted again: in treatment now.
        if CaseStatus(case.status) in BEFORE_TREATMENT | {CaseStatus.aftercare}:
            _follow(
                session,
                ctx,
                case,
                referral,
                CaseStatus.in_treatment,
                f"Admitted to {_center_name(session, referral)} (referral).",
            )
    elif update.status is ReferralStatus.discharged:
        referral.discharged_at = update.discharged_at or clock.now()
        referral.discharge_reason = (
            update.discharge_reason.value if update.discharge_reason else None
        )
        # Also from before treatment, when the admission never reached the case.
        if update.discharge_reason is DischargeReason.completed and (
            CaseStatus(case.status) in BEFORE_TREATMENT | {CaseStatus.in_treatment}
        ):
            _follow(
                session,
                ctx,
                case,
                referral,
                CaseStatus.aftercare,
                f"Completed treatment at {_center_name(session, referral)} (referral); "
                "aftercare begins.",
            )
    session.flush()


def _staff_actor(ctx: AuditContext) -> uuid.UUID | None:
    return ctx.actor_id if ctx.actor_type == "staff" else None


def _center_name(session: Session, referral: Referral) -> str:
    center = session.get(TreatmentCenter, referral.treatment_center_id)
    return center.name if center is not None else "a treatment center"


def _follow(
    session: Session,
    ctx: AuditContext,
    case: Case,
    referral: Referral,
    to: CaseStatus,
    reason: str,
) -> None:
    """The case follows what happened to the client, on the timeline with its cause: the
    staff member who recorded it, or the partner center that reported it."""
    details = {
        "cause": f"referral_{referral.status}",
        "referral_id": str(referral.id),
        "treatment_center_id": str(referral.treatment_center_id),
        "reported_by": ctx.actor_type,
    }
    move_case(session, case, to, actor_id=_staff_actor(ctx), reason=reason, details=details)
