"""The action plan: tasks of a case, and each professional's work queue."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case, CaseTeamMember, TeamRole
from api.cases.service import load_in_case, visible_to
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.db import lookup
from api.core.pagination import keyset_page, split_page
from api.core.problems import FieldError, UnprocessableContent
from api.core.schemas import changes_of
from api.participants.models import Participant
from api.tasks.models import Task, TaskPhase, TaskStatus
from api.tasks.schemas import Assignee, AssigneeRead, TaskCreate, TaskRead, TaskUpdate
from api.users.models import User

REQUIRED = ("title", "phase", "status")
# Tasks without a due date sort after every dated one in the work queue.
NO_DUE_DATE = datetime(9999, 12, 31, tzinfo=UTC)


def load_task(session: Session, staff: Staff, task_id: uuid.UUID) -> tuple[Task, Case]:
    return load_in_case(session, staff, Task, task_id, "task")


def _check_assignee(session: Session, case: Case, assignee: Assignee | None) -> None:
    if assignee is None:
        return
    if assignee.user_id is not None:
        user = session.get(User, assignee.user_id)
        ok = user is not None and user.organization_id == case.organization_id and user.is_active
        field = "user_id"
    else:
        participant = session.get(Participant, assignee.participant_id)
        ok = participant is not None and participant.case_id == case.id
        field = "participant_id"
    if not ok:
        message = (
            "not an active staff member of your organisation"
            if field == "user_id"
            else "not a participant of this case"
        )
        raise UnprocessableContent(
            f"The assignee is {message}.",
            errors=[FieldError(loc=["body", "assignee", field], msg=message, type="value_error")],
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


def add_template_tasks(
    session: Session,
    staff: Staff,
    case: Case,
    items: Sequence[tuple[str, str, str, int | None]],
) -> list[Task]:
    """Tasks from a plan template's action items: (title, description, phase, due_in_days).
    They go to the case lead (else, when the lead was deactivated, whoever made the plan), so
    they show in someone's work queue and their due dates are not missed; the lead hands each
    one on as needed."""
    now = clock.now()
    lead = session.scalar(
        select(col(CaseTeamMember.user_id))
        .join(User, col(User.id) == col(CaseTeamMember.user_id))
        .where(
            col(CaseTeamMember.case_id) == case.id,
            col(CaseTeamMember.role) == TeamRole.lead.value,
            col(User.is_active).is_(True),
        )
    )
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
    wanted |= changes
    changed = {field: value for field, value in wanted.items() if getattr(task, field) != value}
    if not changed:
        return task
    for field, value in changed.items():
        setattr(task, field, value)
    task.updated_at = clock.now()
    session.flush()
    audit.record(session, staff.ctx, AuditAction.update, "task", task.id, case_id=case.id)
    return task


def delete_task(session: Session, staff: Staff, task: Task) -> None:
    audit.record(session, staff.ctx, AuditAction.delete, "task", task.id, case_id=task.case_id)
    session.delete(task)
    session.flush()


def list_case_tasks(
    session: Session,
    staff: Staff,
    case: Case,
    *,
    status: TaskStatus | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Task], str | None]:
    statement = select(Task).where(col(Task.case_id) == case.id)
    if status is not None:
        statement = statement.where(col(Task.status) == status.value)
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


def work_queue(
    session: Session, staff: Staff, filters: QueueFilters, *, limit: int, cursor: str | None
) -> tuple[list[Task], str | None]:
    """Tasks across every case `staff` may see, soonest due first."""
    statement = select(Task).join(Case, col(Case.id) == col(Task.case_id)).where(*visible_to(staff))
    if filters.assignee_id is not None:
        statement = statement.where(col(Task.assignee_user_id) == filters.assignee_id)
    if filters.status is not None:
        statement = statement.where(col(Task.status) == filters.status.value)
    if filters.overdue:
        statement = statement.where(
            col(Task.status) == TaskStatus.open.value, col(Task.due_at) < clock.now()
        )
    due = func.coalesce(col(Task.due_at), NO_DUE_DATE)
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
