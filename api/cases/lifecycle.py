"""Status moves of a case, and its timeline."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from api.auth.dependencies import Staff
from api.cases.models import Case, CaseOutcome, CaseStatus
from api.cases.schemas import TimelineEntry
from api.cases.service import add_event
from api.cases.status import allowed_transitions, needs_reason
from api.cases.story import story_page
from api.consents.expiry import after_case_closed
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.problems import FieldError, InvalidTransition, UnprocessableContent


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
    if needs_reason(current, to) and not reason:
        raise _field_problem(
            "reason", f"Moving from '{current.value}' to '{to.value}' needs a reason."
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
    details: dict[str, Any] | None = None,
) -> None:
    """Applies a move already known to be allowed (also used by automatic moves, whose
    `details` say what caused them). Closing the case ends its `on_case_closed` consents;
    reaching aftercare opens the aftercare plan; closing cancels its open follow-ups and
    its open tasks."""
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
        details=details or {},
    )
    if to is CaseStatus.closed:
        after_case_closed(session, case, actor_id=actor_id)
        from api.aftercare.follow_ups import cancel_open_follow_ups
        from api.tasks.service import cancel_open_tasks

        cancel_open_follow_ups(session, case, actor_id)
        cancel_open_tasks(session, case)
    elif to is CaseStatus.aftercare:
        # The aftercare plan opens (with its follow-ups) if the case has none yet; imported
        # here because aftercare builds on cases.
        from api.aftercare.service import case_reached_aftercare

        case_reached_aftercare(session, case, actor_id)


def timeline(
    session: Session, staff: Staff, case: Case, *, limit: int, cursor: str | None
) -> tuple[list[TimelineEntry], str | None]:
    """The case's story, newest first (api/cases/story.py)."""
    entries, next_cursor = story_page(session, case, limit=limit, cursor=cursor)
    audit.record(session, staff.ctx, AuditAction.read, "case_timeline", case.id, case_id=case.id)
    return entries, next_cursor
