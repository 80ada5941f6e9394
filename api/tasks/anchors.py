"""Template task dates anchored to the scheduled intervention (DESIGN.md §4 plan; issue 14).

A template lists its action items by day (``due_in_days``) in the order the work is done:
letters, then rehearsals, then the meeting, the escort on the same day, then the follow-ups.
Its *intervention day* is the day of the meeting in that list. Once the plan has a
``scheduled_at``, each template task keeps its place around that moment:

- the meeting and whatever the template puts on its day (the escort) fall due at
  ``scheduled_at`` itself;
- later tasks fall due the same number of days after ``scheduled_at`` as in the template;
- earlier tasks fall due the same number of days before it, unless the plan leaves less time
  than the template's preparation needs; then the preparation is compressed in proportion
  between the plan's creation and ``scheduled_at``, so letters still come before rehearsals
  and rehearsals before the day.

Without a ``scheduled_at`` (or for CRAFT, whose fourteen weekly sessions have no meeting day)
the days count from the plan's creation. Rescheduling moves every open template task except
the ones whose due date someone changed by hand.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case
from api.core import audit, clock
from api.core.audit import AuditAction
from api.tasks.models import Task, TaskStatus

# The day of the intervention meeting in each template's action items (api/plans/templates.py):
# Johnson, Love First and Systemic Family hold it on day 14, ARISE its first network meeting on
# day 5. CRAFT coaches the family over weekly sessions; it has no meeting day to anchor to.
INTERVENTION_DAY: dict[str, int] = {
    "johnson": 14,
    "love_first": 14,
    "arise": 5,
    "systemic_family": 14,
}


def anchored_due(
    template_day: int | None,
    anchor_day: int | None,
    *,
    planned_from: datetime,
    scheduled_at: datetime | None,
) -> datetime | None:
    """The due time (UTC) of a template task on `template_day` of a template whose meeting is
    on `anchor_day`, for a plan made at `planned_from` and held at `scheduled_at`.
    None when the template gives no day (the task depends on events)."""
    if template_day is None:
        return None
    if anchor_day is None or scheduled_at is None:
        return planned_from + timedelta(days=template_day)
    if template_day >= anchor_day:
        return scheduled_at + timedelta(days=template_day - anchor_day)
    window = scheduled_at - planned_from
    if window >= timedelta(days=anchor_day):
        return scheduled_at - timedelta(days=anchor_day - template_day)
    if window <= timedelta(0):
        return scheduled_at
    due = planned_from + window * template_day / anchor_day
    return due.replace(second=0, microsecond=0)


def reanchor_template_tasks(
    session: Session, staff: Staff, case: Case, scheduled_at: datetime | None
) -> list[Task]:
    """Moves the case's open template tasks to follow `scheduled_at`; tasks whose due date was
    set by hand stay put. Returns the tasks that moved (each audited as an update)."""
    tasks = session.scalars(
        select(Task).where(
            col(Task.case_id) == case.id,
            col(Task.from_template).is_(True),
            col(Task.status) == TaskStatus.open.value,
            col(Task.due_set_by_hand).is_(False),
            col(Task.template_day).is_not(None),
        )
    ).all()
    now = clock.now()
    moved = []
    for task in tasks:
        due = anchored_due(
            task.template_day,
            task.template_anchor_day,
            planned_from=task.created_at,
            scheduled_at=scheduled_at,
        )
        if due != task.due_at:
            task.due_at, task.updated_at = due, now
            moved.append(task)
    session.flush()
    audit.record_many(
        session, staff.ctx, AuditAction.update, "task", [(t.id, t.case_id) for t in moved]
    )
    return moved
