"""The action plan: tasks of a case, and each professional's work queue."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case, CaseStatus, CaseTeamMember, TeamRole
from api.cases.service import load_in_case, visible_to
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.db import lookup
from api.core.pagination import keyset_page, split_page
from api.core.references import PARTICIPANT, STAFF, Ref, require_references
from api.core.schemas import changes_of
from api.participants.models import Participant
from api.sync.models import SyncResource
from api.sync.service import record_deleted
from api.tasks.models import Task, TaskPhase, TaskStatus, due_order
from api.tasks.schemas import Assignee, AssigneeRead, TaskCreate, TaskRead, TaskUpdate
from api.users.models import User

REQUIRED = ("title", "phase", "status")
# Tasks without a due date sort after every dated one in the work queue.
NO_DUE_DATE = datetime(9999, 12, 31, tzinfo=UTC)


def load_task(session: Session, staff: Staff, task_id: uuid.UUID) -> tuple[Task, Case]:
    return load_in_case(session, staff, Task, task_id, "task")


def _check_assignee(session: Session, case: Case, assignee: Assignee | None) -> None:
    """An active staff member of the practice, or a participant of this case (else 422)."""
    if assignee is None:
        return
    require_references(
        session,
        organization_id=case.organization_id,
        case_id=case.id,
        refs=[
            Ref(STAFF, assignee.user_id, ("body", "assignee", "user_id")),
            Ref(PARTICIPANT, assignee.participant_id, ("body", "assignee", "participant_id")),
        ],
        detail="The assignee must be an active colleague or a participant of this case.",
    )


def add_task(session: Session, staff: Staff, case: Case, data: TaskCreate) -> Task:
    _check_assignee(session, case, data.assignee)
    now = clock.now()
    task = Task(
        case_id=case.id,
        organization_id=case.organization_id,
        title=data.title,
        description=data.description,
        phase=data.phase.value,
        assignee_user_id=data.assignee.user_id if data.assignee else None,
        assignee_participant_id=data.assignee.participant_id if data.assignee else None,
        due_at=data.due_at,
        created_by_id=staff.id,
        created_at=now,
        updated_at=now,
    )
    session.add(task)
    session.flush()
    audit.record(session, staff.ctx, AuditAction.create, "task", task.id, case_id=case.id)
    return task


def _active_lead(session: Session, case: Case) -> uuid.UUID | None:
    return session.scalar(
        select(col(CaseTeamMember.user_id))
        .join(User, col(User.id) == col(CaseTeamMember.user_id))
        .where(
            col(CaseTeamMember.case_id) == case.id,
            col(CaseTeamMember.role) == TeamRole.lead.value,
            col(User.is_active).is_(True),
        )
    )


# The phase of the action plan a case in each status is in.
_PHASE_OF_STATUS = {
    CaseStatus.intake: TaskPhase.preparation,
    CaseStatus.planning: TaskPhase.preparation,
    CaseStatus.scheduled: TaskPhase.preparation,
    CaseStatus.intervention_held: TaskPhase.intervention,
    CaseStatus.in_treatment: TaskPhase.treatment,
    CaseStatus.aftercare: TaskPhase.aftercare,
    CaseStatus.closed: TaskPhase.follow_up,
}


def phase_for(case_status: str) -> TaskPhase:
    """The action-plan phase of a case in `case_status` (intake..scheduled → preparation, …)."""
    return _PHASE_OF_STATUS[CaseStatus(case_status)]


def raise_task(
    session: Session,
    case: Case,
    *,
    title: str,
    description: str | None,
    phase: TaskPhase,
    due_at: datetime | None,
    fallback_user_id: uuid.UUID | None,
    assignee_user_id: uuid.UUID | None = None,
) -> Task:
    """A task Cairn itself raises on a case, for `assignee_user_id` if given, else the case
    lead (else, when the lead was deactivated, `fallback_user_id`), so it shows in someone's
    work queue."""
    now = clock.now()
    task = Task(
        case_id=case.id,
        organization_id=case.organization_id,
        title=title[:200],
        description=description,
        phase=phase.value,
        due_at=due_at,
        assignee_user_id=assignee_user_id or _active_lead(session, case) or fallback_user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(task)
    session.flush()
    return task


def add_template_tasks(
    session: Session,
    staff: Staff,
    case: Case,
    items: Sequence[tuple[str, str, str, int | None]],
    *,
    anchor_day: int | None = None,
) -> list[Task]:
    """Tasks from a plan template's action items: (title, description, phase, due_in_days).
    They go to the case lead (else, when the lead was deactivated, whoever made the plan), so
    they show in someone's work queue and their due dates are not missed; the lead hands each
    one on as needed. `anchor_day` is the template's intervention day: each task keeps its
    place around it, so its date follows the plan's `scheduled_at` (api/tasks/anchors.py)."""
    now = clock.now()
    lead = _active_lead(session, case)
    tasks = [
        Task(
            case_id=case.id,
            organization_id=case.organization_id,
            title=title[:200],
            description=description,
            phase=TaskPhase(phase).value,
            due_at=now + timedelta(days=days) if days is not None else None,
            assignee_user_id=lead or staff.id,
            from_template=True,
            template_day=days,
            template_anchor_day=anchor_day if days is not None else None,
            created_by_id=staff.id,
            created_at=now,
            updated_at=now,
        )
        for title, description, phase, days in items
    ]
    session.add_all(tasks)
    session.flush()
    return tasks


def update_task(session: Session, staff: Staff, task: Task, case: Case, data: TaskUpdate) -> Task:
    changes = changes_of(data, required=REQUIRED)
    wanted: dict[str, Any] = {}
    if "assignee" in changes:
        changes.pop("assignee")
        _check_assignee(session, case, data.assignee)
        wanted["assignee_user_id"] = data.assignee.user_id if data.assignee else None
        wanted["assignee_participant_id"] = data.assignee.participant_id if data.assignee else None
    if "status" in changes:
        status = TaskStatus(changes.pop("status"))
        if status.value != task.status:
            wanted["status"] = status.value
            wanted["completed_at"] = clock.now() if status is TaskStatus.done else None
    if "phase" in changes:
        changes["phase"] = TaskPhase(changes["phase"]).value
    if "due_at" in changes and changes["due_at"] != task.due_at:
        # A date chosen by hand stays put when the intervention is rescheduled.
        wanted["due_set_by_hand"] = True
    wanted |= changes
    changed = {field: value for field, value in wanted.items() if getattr(task, field) != value}
    if not changed:
        return task
    for field, value in changed.items():
        setattr(task, field, value)
    task.updated_at = clock.now()
    session.flush()
    if changed.get("status") == TaskStatus.done.value:
        # An aftercare follow-up is finished with its task (imported here: aftercare
        # builds on tasks).
        from api.aftercare.follow_ups import task_finished

        task_finished(session, task, staff.id)
    audit.record(session, staff.ctx, AuditAction.update, "task", task.id, case_id=case.id)
    return task


def delete_task(session: Session, staff: Staff, task: Task) -> None:
    audit.record(session, staff.ctx, AuditAction.delete, "task", task.id, case_id=task.case_id)
    record_deleted(
        session,
        SyncResource.task,
        [task.id],
        case_id=task.case_id,
        organization_id=task.organization_id,
    )
    session.delete(task)
    session.flush()


def list_case_tasks(
    session: Session,
    staff: Staff,
    case: Case,
    *,
    status: TaskStatus | None,
    updated_since: datetime | None = None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Task], str | None]:
    statement = select(Task).where(col(Task.case_id) == case.id)
    if status is not None:
        statement = statement.where(col(Task.status) == status.value)
    if updated_since is not None:
        statement = statement.where(col(Task.updated_at) >= updated_since)
    statement = keyset_page(
        statement,
        [col(Task.created_at), col(Task.id)],
        descending=False,
        limit=limit,
        cursor=cursor,
    )
    tasks, next_cursor = split_page(
        session.scalars(statement).all(), limit, lambda t: (t.created_at, t.id)
    )
    audit.record(session, staff.ctx, AuditAction.read, "case_tasks", case.id, case_id=case.id)
    return tasks, next_cursor


@dataclass(frozen=True)
class QueueFilters:
    assignee_id: uuid.UUID | None
    overdue: bool
    status: TaskStatus | None
    updated_since: datetime | None = None


def work_queue(
    session: Session, staff: Staff, filters: QueueFilters, *, limit: int, cursor: str | None
) -> tuple[list[Task], str | None]:
    """Tasks across every case `staff` may see, soonest due first."""
    statement = (
        select(Task)
        .join(Case, col(Case.id) == col(Task.case_id))
        # The task's own organisation too, so its index serves the filter and the order.
        .where(col(Task.organization_id) == staff.organization_id, *visible_to(staff))
    )
    if filters.assignee_id is not None:
        statement = statement.where(col(Task.assignee_user_id) == filters.assignee_id)
    if filters.status is not None:
        statement = statement.where(col(Task.status) == filters.status.value)
    if filters.overdue:
        statement = statement.where(
            col(Task.status) == TaskStatus.open.value, col(Task.due_at) < clock.now()
        )
    if filters.updated_since is not None:
        statement = statement.where(col(Task.updated_at) >= filters.updated_since)
    due = due_order()
    statement = keyset_page(
        statement, [due, col(Task.id)], descending=False, limit=limit, cursor=cursor
    )
    tasks, next_cursor = split_page(
        session.scalars(statement).all(), limit, lambda t: (t.due_at or NO_DUE_DATE, t.id)
    )
    audit.record_many(
        session, staff.ctx, AuditAction.read, "task", [(t.id, t.case_id) for t in tasks]
    )
    return tasks, next_cursor


def to_reads(session: Session, tasks: Sequence[Task]) -> list[TaskRead]:
    """Task views with case references and assignee names, in three queries at most."""
    case_ids = {t.case_id for t in tasks}
    user_ids = {t.assignee_user_id for t in tasks if t.assignee_user_id}
    participant_ids = {t.assignee_participant_id for t in tasks if t.assignee_participant_id}
    references = lookup(session, col(Case.id), col(Case.reference), case_ids)
    names = lookup(session, col(User.id), col(User.full_name), user_ids)
    names |= lookup(session, col(Participant.id), col(Participant.full_name), participant_ids)
    now = clock.now()
    return [
        TaskRead(
            id=t.id,
            case_id=t.case_id,
            case_reference=references.get(t.case_id, ""),
            title=t.title,
            description=t.description,
            phase=TaskPhase(t.phase),
            assignee=_assignee(t, names),
            due_at=t.due_at,
            status=TaskStatus(t.status),
            overdue=t.status == TaskStatus.open.value and t.due_at is not None and t.due_at < now,
            completed_at=t.completed_at,
            from_template=t.from_template,
            due_set_by_hand=t.due_set_by_hand,
            created_at=t.created_at,
            updated_at=t.updated_at,
            version=t.version,
        )
        for t in tasks
    ]


def _assignee(task: Task, names: dict[uuid.UUID, str]) -> AssigneeRead | None:
    person = task.assignee_user_id or task.assignee_participant_id
    if person is None:
        return None
    return AssigneeRead(
        user_id=task.assignee_user_id,
        participant_id=task.assignee_participant_id,
        name=names.get(person, ""),
    )


def cancel_open_tasks(session: Session, case: Case) -> int:
    """The case closed: its open tasks are `cancelled` (done ones keep their outcome), so they
    leave the work queue and the reports' overdue work, and mobile devices sync the change
    (updated_at moves). Returns how many."""
    open_tasks = session.scalars(
        select(Task).where(col(Task.case_id) == case.id, col(Task.status) == TaskStatus.open.value)
    ).all()
    now = clock.now()
    for task in open_tasks:
        task.status, task.updated_at = TaskStatus.cancelled.value, now
    session.flush()
    return len(open_tasks)
