"""Phases of the action plan that are over, and closing their open tasks in one step.

The case's status says which phase of the action plan it is in (`phase_for`); every phase
before that one is over. Preparation tasks still open after the intervention was held are
not overdue work any more: the SPA offers to close them all at once (issue 14, item 3).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.problems import Conflict
from api.tasks.models import Task, TaskPhase, TaskStatus
from api.tasks.service import phase_for

PHASE_ORDER = list(TaskPhase)


def phases_over(case: Case) -> list[TaskPhase]:
    """The phases before the one the case is in now, in order."""
    current = phase_for(case.status)
    return PHASE_ORDER[: PHASE_ORDER.index(current)]


def phase_summary(session: Session, staff: Staff, case: Case) -> list[tuple[TaskPhase, int, bool]]:
    """(phase, open tasks, is over) for every phase, in order; one statement."""
    counts = dict(
        session.execute(
            select(col(Task.phase), func.count())
            .where(col(Task.case_id) == case.id, col(Task.status) == TaskStatus.open.value)
            .group_by(col(Task.phase))
        ).all()
    )
    over = set(phases_over(case))
    audit.record(session, staff.ctx, AuditAction.read, "case_tasks", case.id, case_id=case.id)
    return [(phase, int(counts.get(phase.value, 0)), phase in over) for phase in PHASE_ORDER]


def close_phase(
    session: Session, staff: Staff, case: Case, phase: TaskPhase, status: TaskStatus
) -> Sequence[Task]:
    """Marks every open task of a phase that is over `status` (done or cancelled).
    Conflict when the phase is not over yet: its tasks are the work of now."""
    if phase not in phases_over(case):
        raise Conflict(
            f"The {phase.value.replace('_', ' ')} phase is not over for a case in "
            f"'{case.status}'; close its tasks one by one."
        )
    tasks = session.scalars(
        select(Task).where(
            col(Task.case_id) == case.id,
            col(Task.phase) == phase.value,
            col(Task.status) == TaskStatus.open.value,
        )
    ).all()
    now = clock.now()
    for task in tasks:
        task.status = status.value
        task.completed_at = now if status is TaskStatus.done else None
        task.updated_at = now
    session.flush()
    audit.record_many(
        session, staff.ctx, AuditAction.update, "task", [(t.id, t.case_id) for t in tasks]
    )
    return tasks
