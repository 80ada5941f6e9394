"""Moving a referral, and what each move does to the case and the alerts."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.alerts.models import AlertKind, Severity
from api.alerts.service import raise_alert
from api.cases.lifecycle import move_case
from api.cases.models import Case, CaseStatus
from api.cases.status import allowed_transitions
from api.core import clock
from api.core.audit import AuditContext
from api.core.problems import InvalidTransition
from api.referrals.models import DischargeReason, Referral, ReferralEvent, ReferralStatus
from api.referrals.schemas import StatusReport
from api.referrals.status import NEXT, REPORTED_BY_CENTER
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
    """Move the referral to `to`; `choices` narrows the lifecycle to what this actor may do."""
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


def report(
    session: Session, ctx: AuditContext, case: Case, referral: Referral, update: StatusReport
) -> None:
    """A status update from the center, with its effects on the case."""
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
        _move_case(session, ctx, case, CaseStatus.in_treatment, "Admitted to treatment.")
    elif update.status is ReferralStatus.discharged:
        referral.discharged_at = update.discharged_at or clock.now()
        referral.discharge_reason = (
            update.discharge_reason.value if update.discharge_reason else None
        )
        if update.discharge_reason is DischargeReason.completed:
            _move_case(
                session, ctx, case, CaseStatus.aftercare, "Completed treatment; aftercare begins."
            )
    session.flush()


def _move_case(
    session: Session, ctx: AuditContext, case: Case, to: CaseStatus, reason: str
) -> None:
    current = CaseStatus(case.status)
    if current is not to and to in allowed_transitions(current):
        actor = ctx.actor_id if ctx.actor_type == "staff" else None
        move_case(session, case, to, actor_id=actor, reason=reason)
