"""Status moves of a case, and its timeline."""

from __future__ import annotations

import uuid
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case, CaseEvent, CaseOutcome, CaseStatus
from api.cases.schemas import ActorRef, TimelineEntry
from api.cases.service import add_event
from api.cases.status import REASON_REQUIRED, allowed_transitions
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.pagination import keyset_page, split_page
from api.core.problems import FieldError, InvalidTransition, UnprocessableContent
from api.users.models import User


def _field_problem(field: str, message: str) -> UnprocessableContent:
    return UnprocessableContent(
        message, errors=[FieldError(loc=["body", field], msg=message, type="value_error")]
    )


def change_status(
    session: Session,
    staff: Staff,
    case: Case,
    to: CaseStatus,
    *,
    reason: str | None,
    outcome: CaseOutcome | None,
) -> Case:
    current = CaseStatus(case.status)
    allowed = allowed_transitions(current)
    if to not in allowed:
        raise InvalidTransition(
            f"A case in '{current.value}' can move to: {', '.join(s.value for s in allowed)}."
        )
    if to is CaseStatus.closed and outcome is None:
        raise _field_problem("outcome", "Closing a case needs an outcome.")
    if to is not CaseStatus.closed and outcome is not None:
        raise _field_problem("outcome", "An outcome is only recorded when closing a case.")
    if (current, to) in REASON_REQUIRED and not reason:
        raise _field_problem(
            "reason", f"Moving from '{current.value}' back to '{to.value}' needs a reason."
        )
    move_case(session, case, to, actor_id=staff.id, reason=reason, outcome=outcome)
    audit.record(session, staff.ctx, AuditAction.update, "case_status", case.id, case_id=case.id)
    return case


def move_case(
    session: Session,
    case: Case,
    to: CaseStatus,
    *,
    actor_id: uuid.UUID | None,
    reason: str | None = None,
    outcome: CaseOutcome | None = None,
) -> None:
    """Applies a move already known to be allowed (also used by automatic moves)."""
    previous = case.status
    case.status = to.value
    case.outcome = outcome.value if outcome else None
    case.updated_at = clock.now()
    session.flush()
    add_event(
        session,
        case,
        actor_id,
        "status_changed",
        from_status=previous,
        to_status=to.value,
        reason=reason,
        outcome=outcome.value if outcome else None,
    )


def timeline(
    session: Session, staff: Staff, case: Case, *, limit: int, cursor: str | None
) -> tuple[list[TimelineEntry], str | None]:
    statement = (
        select(CaseEvent, col(User.full_name))
        .outerjoin(User, col(User.id) == col(CaseEvent.actor_id))
        .where(col(CaseEvent.case_id) == case.id)
    )
    statement = keyset_page(
        statement,
        [col(CaseEvent.at), col(CaseEvent.id)],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    rows, next_cursor = split_page(
        session.execute(statement).all(), limit, lambda row: (row[0].at, row[0].id)
    )
    audit.record(session, staff.ctx, AuditAction.read, "case_timeline", case.id, case_id=case.id)
    entries = [
        TimelineEntry(
            id=event.id,
            at=event.at,
            kind=event.kind,
            actor=ActorRef(id=event.actor_id, full_name=name) if event.actor_id and name else None,
            from_status=CaseStatus(event.from_status) if event.from_status else None,
            to_status=CaseStatus(event.to_status) if event.to_status else None,
            reason=event.reason,
            outcome=CaseOutcome(event.outcome) if event.outcome else None,
            details=event.details or {},
        )
        for event, name in (cast(tuple[CaseEvent, str | None], tuple(row)) for row in rows)
    ]
    return entries, next_cursor
