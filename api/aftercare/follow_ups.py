"""Aftercare follow-ups: the default schedule, each one's task in the work queue, marking one
done with its outcome, and the job that raises an alert once for a follow-up past due.

The default points, 7, 30, 90, 180 and 365 days after aftercare begins, are the usual
outcome follow-up points of addiction-treatment studies and continuing-care protocols (e.g.
McKay JR, "Continuing care research: what we have learned and where we are going", J Subst
Abuse Treat. 2009;36(2):131-145). Each is due at the end of that calendar day in the case's
time zone (a date-only deadline means the end of that day there, DESIGN.md §3).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import col

from api.aftercare.models import AftercareFollowUp, AftercarePlan, FollowUpKind, FollowUpStatus
from api.aftercare.schemas import FollowUpIn, FollowUpRead, FollowUpUpdate
from api.alerts.models import AlertKind, Severity
from api.alerts.service import raise_alert
from api.auth.dependencies import Staff
from api.cases.models import Case, CaseStatus
from api.cases.schemas import ActorRef
from api.core import audit, clock, zones
from api.core.audit import AuditAction
from api.core.db import lookup
from api.core.problems import FieldError, UnprocessableContent
from api.core.references import STAFF, Ref, require_references
from api.organizations.service import time_zone_of_case
from api.tasks.models import Task, TaskPhase, TaskStatus
from api.tasks.service import raise_task
from api.users.models import User

DEFAULT_DAYS = (7, 30, 90, 180, 365)
_KIND_WORDS = {"call": "call", "visit": "visit", "check_in": "check-in"}


def default_follow_ups(
    session: Session, case: Case, plan: AftercarePlan, *, fallback_user_id: uuid.UUID | None
) -> list[AftercareFollowUp]:
    """The standard follow-ups from `plan.started_at`, each with its task for the case lead."""
    tz = time_zone_of_case(session, case)
    first_day = zones.local_date(plan.started_at, tz)
    follow_ups = []
    for days in DEFAULT_DAYS:
        due = zones.end_of_local_day(first_day + timedelta(days=days), tz)
        follow_ups.append(
            _new(session, case, plan, due, FollowUpKind.call, None, fallback_user_id, days)
        )
    return follow_ups


def _new(
    session: Session,
    case: Case,
    plan: AftercarePlan,
    due_at: datetime,
    kind: FollowUpKind,
    assigned_to: uuid.UUID | None,
    fallback_user_id: uuid.UUID | None,
    days: int | None = None,
) -> AftercareFollowUp:
    now = clock.now()
    follow_up = AftercareFollowUp(
        plan_id=plan.id,
        case_id=case.id,
        organization_id=case.organization_id,
        due_at=due_at,
        kind=kind.value,
        created_at=now,
        updated_at=now,
    )
    when = f"{days}-day " if days else ""
    task = raise_task(
        session,
        case,
        title=f"Aftercare {when}follow-up {_KIND_WORDS[kind.value]} with {case.client_called}",
        description="Record the outcome on the case's Aftercare tab when it is done.",
        phase=TaskPhase.follow_up,
        due_at=due_at,
        fallback_user_id=fallback_user_id,
        assignee_user_id=assigned_to,
    )
    follow_up.task_id = task.id
    follow_up.assigned_to_id = task.assignee_user_id
    session.add(follow_up)
    session.flush()
    return follow_up


def list_for(session: Session, plan: AftercarePlan) -> list[AftercareFollowUp]:
    return list(
        session.scalars(
            select(AftercareFollowUp)
            .where(col(AftercareFollowUp.plan_id) == plan.id)
            .order_by(col(AftercareFollowUp.due_at), col(AftercareFollowUp.id))
        )
    )


def to_reads(session: Session, follow_ups: Sequence[AftercareFollowUp]) -> list[FollowUpRead]:
    people = {f.assigned_to_id for f in follow_ups} | {f.completed_by_id for f in follow_ups}
    names = lookup(session, col(User.id), col(User.full_name), {p for p in people if p})
    now = clock.now()

    def actor(user_id: uuid.UUID | None) -> ActorRef | None:
        return ActorRef(id=user_id, full_name=names[user_id]) if user_id in names else None

    return [
        FollowUpRead(
            id=f.id,
            case_id=f.case_id,
            due_at=f.due_at,
            kind=FollowUpKind(f.kind),
            assigned_to=actor(f.assigned_to_id),
            status=FollowUpStatus(f.status),
            overdue=f.status == FollowUpStatus.open.value and f.due_at < now,
            outcome_note=f.outcome_note,
            completed_at=f.completed_at,
            completed_by=actor(f.completed_by_id),
            task_id=f.task_id,
        )
        for f in follow_ups
    ]


def _check_assignees(session: Session, case: Case, refs: list[Ref]) -> None:
    require_references(
        session,
        organization_id=case.organization_id,
        refs=refs,
        detail="A follow-up is assigned to an active staff member of the practice.",
    )


def _require_note(status: FollowUpStatus, note: str | None, loc: list[str | int]) -> None:
    if status is not FollowUpStatus.open and not (note or "").strip():
        raise UnprocessableContent(
            "A follow-up marked done or missed records its outcome.",
            errors=[FieldError(loc=loc, msg="an outcome note is required", type="missing")],
        )


def sync(
    session: Session, staff: Staff, case: Case, plan: AftercarePlan, wanted: list[FollowUpIn]
) -> bool:
    """Makes the plan's follow-ups the `wanted` list (PUT): changes those named by id, adds
    those without, removes the others with their tasks. 422 for an id not of this plan, an
    assignee who is not an active colleague, or a finished follow-up without an outcome."""
    current = {f.id: f for f in list_for(session, plan)}
    _check_assignees(
        session,
        case,
        [
            Ref(STAFF, item.assigned_to, ("body", "follow_ups", index, "assigned_to"))
            for index, item in enumerate(wanted)
        ],
    )
    errors = [
        FieldError(
            loc=["body", "follow_ups", index, "id"],
            msg="not a follow-up of this plan",
            type="value_error",
        )
        for index, item in enumerate(wanted)
        if item.id is not None and item.id not in current
    ]
    if errors:
        raise UnprocessableContent("The plan names follow-ups it does not have.", errors=errors)
    for index, item in enumerate(wanted):
        _require_note(item.status, item.outcome_note, ["body", "follow_ups", index, "outcome_note"])
    changed = False
    kept = {item.id for item in wanted if item.id is not None}
    for follow_up_id, follow_up in current.items():
        if follow_up_id not in kept:
            _remove(session, follow_up)
            changed = True
    for item in wanted:
        if item.id is None:
            _new(session, case, plan, item.due_at, item.kind, item.assigned_to, staff.id)
            changed = True
        else:
            changed |= _apply(
                session,
                staff,
                current[item.id],
                status=item.status,
                outcome_note=item.outcome_note,
                due_at=item.due_at,
                kind=item.kind,
                assigned_to=item.assigned_to or current[item.id].assigned_to_id,
            )
    session.flush()
    return changed


def _remove(session: Session, follow_up: AftercareFollowUp) -> None:
    task = session.get(Task, follow_up.task_id) if follow_up.task_id else None
    if task is not None and task.status == TaskStatus.open.value:
        task.status = TaskStatus.cancelled.value
        task.updated_at = clock.now()
    session.delete(follow_up)


def _apply(
    session: Session,
    staff: Staff,
    follow_up: AftercareFollowUp,
    *,
    status: FollowUpStatus,
    outcome_note: str | None,
    due_at: datetime,
    kind: FollowUpKind,
    assigned_to: uuid.UUID | None,
) -> bool:
    wanted = {
        "status": status.value,
        "outcome_note": outcome_note,
        "due_at": due_at,
        "kind": kind.value,
        "assigned_to_id": assigned_to,
    }
    changed = {f: v for f, v in wanted.items() if getattr(follow_up, f) != v}
    if not changed:
        return False
    now = clock.now()
    for field, value in changed.items():
        setattr(follow_up, field, value)
    if "status" in changed:
        finished = status is not FollowUpStatus.open
        follow_up.completed_at = now if finished else None
        follow_up.completed_by_id = staff.id if finished else None
    if "due_at" in changed:
        follow_up.alerted_at = None  # a new due time may be missed again
    follow_up.updated_at = now
    _mirror_on_task(session, follow_up)
    return True


def _mirror_on_task(session: Session, follow_up: AftercareFollowUp) -> None:
    """The follow-up's task in the work queue follows it: due time, assignee, done or not."""
    task = session.get(Task, follow_up.task_id) if follow_up.task_id else None
    if task is None:
        return
    status = (
        TaskStatus.open.value
        if follow_up.status == FollowUpStatus.open.value
        else TaskStatus.done.value
    )
    wanted: dict[str, object] = {
        "due_at": follow_up.due_at,
        "assignee_user_id": follow_up.assigned_to_id,
        "status": status,
    }
    changed = {f: v for f, v in wanted.items() if getattr(task, f) != v}
    if not changed:
        return
    for field, value in changed.items():
        setattr(task, field, value)
    if "status" in changed:
        task.completed_at = follow_up.completed_at if status == TaskStatus.done.value else None
    task.updated_at = clock.now()


def update(
    session: Session, staff: Staff, case: Case, follow_up: AftercareFollowUp, data: FollowUpUpdate
) -> bool:
    """Marks a follow-up done or missed (an outcome note required), or moves or reassigns it."""
    status = data.status or FollowUpStatus(follow_up.status)
    note = data.outcome_note if "outcome_note" in data.model_fields_set else follow_up.outcome_note
    _require_note(status, note, ["body", "outcome_note"])
    if data.assigned_to is not None:
        _check_assignees(session, case, [Ref(STAFF, data.assigned_to, ("body", "assigned_to"))])
    changed = _apply(
        session,
        staff,
        follow_up,
        status=status,
        outcome_note=note,
        due_at=data.due_at or follow_up.due_at,
        kind=data.kind or FollowUpKind(follow_up.kind),
        assigned_to=data.assigned_to or follow_up.assigned_to_id,
    )
    if changed:
        session.flush()
        audit.record(
            session,
            staff.ctx,
            AuditAction.update,
            "aftercare_follow_up",
            follow_up.id,
            case_id=case.id,
        )
    return changed


def task_finished(session: Session, task: Task, actor_id: uuid.UUID | None) -> None:
    """A follow-up's task marked done in the work queue: the follow-up is done too, its
    outcome note kept (or a note saying where it was marked, for the record)."""
    follow_up = session.scalar(
        select(AftercareFollowUp).where(col(AftercareFollowUp.task_id) == task.id)
    )
    if follow_up is None or follow_up.status != FollowUpStatus.open.value:
        return
    now = clock.now()
    follow_up.status = FollowUpStatus.done.value
    follow_up.outcome_note = follow_up.outcome_note or "Marked done in the work queue."
    follow_up.completed_at, follow_up.completed_by_id, follow_up.updated_at = now, actor_id, now
    plan = session.get(AftercarePlan, follow_up.plan_id)
    if plan is not None:  # the plan's ETag covers its follow-ups
        plan.updated_at = now
        flag_modified(plan, "updated_at")
    session.flush()


def cancel_open_follow_ups(session: Session, case: Case, actor_id: uuid.UUID | None) -> int:
    """The case closed: its open follow-ups are `cancelled` with a note saying why, and their
    tasks leave the work queue. Done and missed ones keep their outcome. Returns how many."""
    open_ones = session.scalars(
        select(AftercareFollowUp).where(
            col(AftercareFollowUp.case_id) == case.id,
            col(AftercareFollowUp.status) == FollowUpStatus.open.value,
        )
    ).all()
    now = clock.now()
    for follow_up in open_ones:
        follow_up.status = FollowUpStatus.cancelled.value
        follow_up.outcome_note = follow_up.outcome_note or "Cancelled: the case was closed."
        follow_up.completed_at, follow_up.completed_by_id, follow_up.updated_at = now, actor_id, now
        task = session.get(Task, follow_up.task_id) if follow_up.task_id else None
        if task is not None and task.status == TaskStatus.open.value:
            task.status, task.updated_at = TaskStatus.cancelled.value, now
    if open_ones:
        plan = session.get(AftercarePlan, open_ones[0].plan_id)
        if plan is not None:  # the plan's ETag covers its follow-ups
            plan.updated_at = now
            flag_modified(plan, "updated_at")
    session.flush()
    return len(open_ones)


def raise_overdue_follow_ups(session: Session, now: datetime) -> int:
    """A job: one `follow_up_overdue` alert for each open follow-up past its due time.

    `alerted_at` is set in the same transaction and the alert's dedupe key names the
    follow-up and its due time, so a second run, or a second worker, raises nothing; rows
    are taken with SKIP LOCKED on PostgreSQL so workers running at once share them out.
    A closed case is no longer followed."""
    late = session.execute(
        select(AftercareFollowUp, Case)
        .join(Case, col(Case.id) == col(AftercareFollowUp.case_id))
        .where(
            col(AftercareFollowUp.status) == FollowUpStatus.open.value,
            col(AftercareFollowUp.due_at) < now,
            col(AftercareFollowUp.alerted_at).is_(None),
            col(Case.status) != CaseStatus.closed.value,
        )
        .order_by(col(AftercareFollowUp.due_at))
        .limit(500)
        .with_for_update(skip_locked=True, of=AftercareFollowUp)
    ).all()
    raised = 0
    for follow_up, case in late:
        tz = time_zone_of_case(session, case)
        title = (
            f"Aftercare follow-up {_KIND_WORDS[follow_up.kind]} with {case.client_called} was due "
            f"{zones.day_text(follow_up.due_at, tz)}"
        )
        if raise_alert(
            session,
            case,
            AlertKind.follow_up_overdue,
            Severity.moderate,
            title,
            detail="Reach the client, then record the outcome on the case's Aftercare tab.",
            dedupe_key=f"follow-up:{follow_up.id}:{follow_up.due_at.isoformat()}",
        ):
            raised += 1
        follow_up.alerted_at = now
    session.flush()
    return raised
