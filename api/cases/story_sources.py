"""The sources of the case's story (api/cases/story.py): one function per kind of record,
each returning at most `fetch` entries at or before `before`, newest first, in one statement
(the participants' names take one more)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVarTuple

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.alerts.models import Alert
from api.cases.models import Case, CaseEvent, CaseOutcome, CaseStatus
from api.cases.schemas import ActorRef, TimelineEntry
from api.checkins.models import CheckIn
from api.consents.models import Consent
from api.core.audit import AuditAction, AuditEvent
from api.core.db import lookup
from api.participants.models import Participant
from api.plans.models import InterventionPlan, PlanRevision
from api.referrals.models import Referral, ReferralEvent
from api.treatment_centers.models import TreatmentCenter
from api.users.models import User

# Kinds of plan revision that are milestones of the story (plain edits are not).
_PLAN_CHANGES = {
    "submitted for review": "plan_submitted",
    "returned for changes": "plan_returned",
    "approved": "plan_approved",
}
_SECOND_ENTRY = uuid.UUID("6f1b0d1e-7a51-4c1a-9a55-0c4d3a2b1e77")

Columns = TypeVarTuple("Columns")
Source = Callable[[Session, Case, datetime | None, int], list[TimelineEntry]]


def _derived_id(row_id: uuid.UUID, what: str) -> uuid.UUID:
    """A stable id for the second entry a row tells (a consent's revocation, an alert's
    acknowledgement)."""
    return uuid.uuid5(_SECOND_ENTRY, f"{row_id}:{what}")


def _actor(actor_id: uuid.UUID | None, name: str | None) -> ActorRef | None:
    return ActorRef(id=actor_id, full_name=name) if actor_id and name else None


def _window(
    statement: Select[*Columns], at: Any, before: datetime | None, fetch: int
) -> Select[*Columns]:
    if before is not None:
        statement = statement.where(at <= before)
    return statement.order_by(at.desc()).limit(fetch)


def _entry(
    entry_id: uuid.UUID,
    at: datetime,
    kind: str,
    summary: str,
    *,
    actor: ActorRef | None,
    actor_type: str,
    details: dict[str, Any] | None = None,
) -> TimelineEntry:
    return TimelineEntry(
        id=entry_id,
        at=at,
        kind=kind,
        actor=actor,
        actor_type=actor_type,
        summary=summary,
        from_status=None,
        to_status=None,
        reason=None,
        outcome=None,
        details=details or {},
    )


def _case_events(
    session: Session, case: Case, before: datetime | None, fetch: int
) -> list[TimelineEntry]:
    statement = (
        select(CaseEvent, col(User.full_name))
        .outerjoin(User, col(User.id) == col(CaseEvent.actor_id))
        .where(col(CaseEvent.case_id) == case.id)
    )
    rows = session.execute(_window(statement, col(CaseEvent.at), before, fetch)).all()
    return [
        TimelineEntry(
            id=event.id,
            at=event.at,
            kind=event.kind,
            actor=_actor(event.actor_id, name),
            actor_type="staff" if event.actor_id else "system",
            summary=None,
            from_status=CaseStatus(event.from_status) if event.from_status else None,
            to_status=CaseStatus(event.to_status) if event.to_status else None,
            reason=event.reason,
            outcome=CaseOutcome(event.outcome) if event.outcome else None,
            details=event.details or {},
        )
        for event, name in rows
    ]


def _participants_added(
    session: Session, case: Case, before: datetime | None, fetch: int
) -> list[TimelineEntry]:
    statement = (
        select(AuditEvent, col(User.full_name))
        .outerjoin(User, col(User.id) == col(AuditEvent.actor_id))
        .where(
            col(AuditEvent.case_id) == case.id,
            col(AuditEvent.action) == AuditAction.create.value,
            col(AuditEvent.resource_type) == "participant",
        )
    )
    rows = session.execute(_window(statement, col(AuditEvent.at), before, fetch)).all()
    # The audit log keeps ids as text; the names come in one more statement.
    ids = {_uuid(event.resource_id) for event, _ in rows} - {None}
    names = lookup(session, col(Participant.id), col(Participant.full_name), ids)
    entries = []
    for event, actor in rows:
        who = names.get(_uuid(event.resource_id))
        entries.append(
            _entry(
                event.id,
                event.at,
                "participant_added",
                f"{who or 'A participant (since removed)'} joined the circle",
                actor=_actor(event.actor_id, actor),
                actor_type=event.actor_type,
                details={"participant_id": event.resource_id, "participant_name": who},
            )
        )
    return entries


def _uuid(text: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


def _plan_milestones(
    session: Session, case: Case, before: datetime | None, fetch: int
) -> list[TimelineEntry]:
    statement = (
        select(PlanRevision, col(User.full_name))
        .join(InterventionPlan, col(InterventionPlan.id) == col(PlanRevision.plan_id))
        .outerjoin(User, col(User.id) == col(PlanRevision.author_id))
        .where(
            col(InterventionPlan.case_id) == case.id,
            or_(
                col(PlanRevision.change).in_(list(_PLAN_CHANGES)),
                col(PlanRevision.change).like("delivered%"),
            ),
        )
    )
    rows = session.execute(_window(statement, col(PlanRevision.at), before, fetch)).all()
    entries = []
    for revision, name in rows:
        details: dict[str, Any] = {"version": revision.version}
        if revision.change.startswith("delivered"):
            kind = "plan_delivered"
            result = revision.change.partition(": ")[2]
            details["result"] = result or None
            summary = "Intervention held" + (f": {result.replace('_', ' ')}" if result else "")
        else:
            kind = _PLAN_CHANGES[revision.change]
            summary = {
                "plan_submitted": "Plan submitted for review",
                "plan_returned": "Plan returned for changes",
                "plan_approved": "Plan approved",
            }[kind]
        if revision.comment:
            details["comment"] = revision.comment
            summary += f": {revision.comment}"
        entries.append(
            _entry(
                revision.id,
                revision.at,
                kind,
                summary,
                actor=_actor(revision.author_id, name),
                actor_type="staff",
                details=details,
            )
        )
    return entries


def _recipient(center_name: str | None, consent: Consent) -> str:
    return center_name or consent.recipient_description or "the named recipient"


def _consents_recorded(
    session: Session, case: Case, before: datetime | None, fetch: int
) -> list[TimelineEntry]:
    statement = (
        select(Consent, col(User.full_name), col(TreatmentCenter.name))
        .outerjoin(User, col(User.id) == col(Consent.created_by_id))
        .outerjoin(
            TreatmentCenter,
            col(TreatmentCenter.id) == col(Consent.recipient_treatment_center_id),
        )
        .where(col(Consent.case_id) == case.id)
    )
    rows = session.execute(_window(statement, col(Consent.created_at), before, fetch)).all()
    return [
        _entry(
            consent.id,
            consent.created_at,
            "consent_recorded",
            f"Consent to disclose to {_recipient(center, consent)} recorded, "
            f"signed by {consent.signed_by}",
            actor=_actor(consent.created_by_id, name),
            actor_type="staff",
            details={"consent_id": str(consent.id), "recipient": _recipient(center, consent)},
        )
        for consent, name, center in rows
    ]


def _consents_revoked(
    session: Session, case: Case, before: datetime | None, fetch: int
) -> list[TimelineEntry]:
    statement = (
        select(Consent, col(User.full_name), col(TreatmentCenter.name))
        .outerjoin(User, col(User.id) == col(Consent.revoked_by_id))
        .outerjoin(
            TreatmentCenter,
            col(TreatmentCenter.id) == col(Consent.recipient_treatment_center_id),
        )
        .where(col(Consent.case_id) == case.id, col(Consent.revoked_at).is_not(None))
    )
    rows = session.execute(_window(statement, col(Consent.revoked_at), before, fetch)).all()
    entries = []
    for consent, name, center in rows:
        assert consent.revoked_at is not None
        entries.append(
            _entry(
                _derived_id(consent.id, "revoked"),
                consent.revoked_at,
                "consent_revoked",
                f"Consent to disclose to {_recipient(center, consent)} revoked",
                actor=_actor(consent.revoked_by_id, name),
                actor_type="staff",
                details={"consent_id": str(consent.id), "note": consent.revocation_note},
            )
        )
    return entries


_REFERRAL_WORDS = {
    "draft": "drafted",
    "sent": "sent",
    "received": "received",
    "accepted": "accepted",
    "declined": "declined",
    "admitted": "admitted the client",
    "discharged": "discharged the client",
    "cancelled": "cancelled",
}


def _referral_history(
    session: Session, case: Case, before: datetime | None, fetch: int
) -> list[TimelineEntry]:
    statement = (
        select(
            ReferralEvent,
            col(Referral.treatment_center_id),
            col(TreatmentCenter.name),
            col(User.full_name),
        )
        .join(Referral, col(Referral.id) == col(ReferralEvent.referral_id))
        .join(TreatmentCenter, col(TreatmentCenter.id) == col(Referral.treatment_center_id))
        .outerjoin(
            User,
            and_(
                col(User.id) == col(ReferralEvent.actor_id),
                col(ReferralEvent.actor_type) == "staff",
            ),
        )
        .where(col(Referral.case_id) == case.id)
    )
    rows = session.execute(_window(statement, col(ReferralEvent.at), before, fetch)).all()
    entries = []
    for event, center_id, center, staff_name in rows:
        word = _REFERRAL_WORDS.get(event.to_status, event.to_status)
        actor: ActorRef | None
        if event.actor_type == "partner":
            # A partner answers for its own center: the entry names the center.
            actor = ActorRef(id=center_id, full_name=center)
            summary = f"{center} {word}"
        else:
            actor = _actor(event.actor_id, staff_name)
            summary = f"Referral to {center} {word}"
        if event.note:
            summary += f": {event.note}"
        entries.append(
            _entry(
                event.id,
                event.at,
                f"referral_{event.to_status}",
                summary,
                actor=actor,
                actor_type=event.actor_type,
                details={
                    "referral_id": str(event.referral_id),
                    "center": center,
                    "from_status": event.from_status,
                    "to_status": event.to_status,
                },
            )
        )
    return entries


def _check_ins(
    session: Session, case: Case, before: datetime | None, fetch: int
) -> list[TimelineEntry]:
    statement = (
        select(CheckIn, col(Participant.full_name), col(User.full_name))
        .outerjoin(Participant, col(Participant.id) == col(CheckIn.respondent_participant_id))
        .outerjoin(
            User,
            and_(
                col(User.id) == col(CheckIn.submitted_by_id),
                col(CheckIn.submitted_by_kind) == "staff",
            ),
        )
        .where(col(CheckIn.case_id) == case.id)
    )
    rows = session.execute(_window(statement, col(CheckIn.submitted_at), before, fetch)).all()
    client = f"{case.client_first_name} {case.client_last_name}".strip()
    entries = []
    for check_in, participant, staff_name in rows:
        respondent = participant or client
        if check_in.submitted_by_kind == "staff":
            actor = _actor(check_in.submitted_by_id, staff_name)
        else:
            actor = ActorRef(
                id=check_in.respondent_participant_id or check_in.submitted_by_id,
                full_name=respondent,
            )
        entries.append(
            _entry(
                check_in.id,
                check_in.submitted_at,
                "check_in",
                f"Check-in from {respondent}: {check_in.risk_level} risk",
                actor=actor,
                actor_type=check_in.submitted_by_kind,
                details={"risk_level": check_in.risk_level, "respondent": respondent},
            )
        )
    return entries


def _alerts_raised(
    session: Session, case: Case, before: datetime | None, fetch: int
) -> list[TimelineEntry]:
    statement = select(Alert).where(col(Alert.case_id) == case.id)
    alerts = session.scalars(_window(statement, col(Alert.created_at), before, fetch)).all()
    return [
        _entry(
            alert.id,
            alert.created_at,
            "alert_raised",
            f"Alert ({alert.severity}): {alert.title}",
            actor=None,
            actor_type="system",
            details={
                "alert_id": str(alert.id),
                "severity": alert.severity,
                "alert_kind": alert.kind,
            },
        )
        for alert in alerts
    ]


def _alerts_acknowledged(
    session: Session, case: Case, before: datetime | None, fetch: int
) -> list[TimelineEntry]:
    statement = (
        select(Alert, col(User.full_name))
        .outerjoin(User, col(User.id) == col(Alert.acknowledged_by_id))
        .where(col(Alert.case_id) == case.id, col(Alert.acknowledged_at).is_not(None))
    )
    rows = session.execute(_window(statement, col(Alert.acknowledged_at), before, fetch)).all()
    entries = []
    for alert, name in rows:
        assert alert.acknowledged_at is not None
        summary = f"Alert acknowledged: {alert.title}"
        if alert.acknowledgement_note:
            summary += f" ({alert.acknowledgement_note})"
        entries.append(
            _entry(
                _derived_id(alert.id, "acknowledged"),
                alert.acknowledged_at,
                "alert_acknowledged",
                summary,
                actor=_actor(alert.acknowledged_by_id, name),
                actor_type="staff",
                details={"alert_id": str(alert.id), "severity": alert.severity},
            )
        )
    return entries


# Every source of the story, in no particular order (the merge sorts).
SOURCES: tuple[Source, ...] = (
    _case_events,
    _participants_added,
    _plan_milestones,
    _consents_recorded,
    _consents_revoked,
    _referral_history,
    _check_ins,
    _alerts_raised,
    _alerts_acknowledged,
)
