"""Supervisor review of intervention plans: the queue of plans waiting, and who is told what.

A submitted plan waits in the queue of the organization's supervisors and admins
(`GET /plan-reviews`, oldest first). A return for changes gives the case lead a task with the
reviewer's comment; an approval gives whoever submitted the plan a task saying so, so each
learns the outcome in their own work queue (issue 14, items 1 and 2).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case
from api.cases.schemas import ActorRef
from api.cases.service import visible_to
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.pagination import keyset_page, split_page
from api.plans.models import InterventionPlan, PlanStatus
from api.tasks.models import Task
from api.tasks.service import phase_for, raise_task
from api.users.models import User

# A returned plan usually holds up the intervention date: the lead should look within two days.
RETURN_TASK_DUE = timedelta(days=2)


def task_to_address_return(
    session: Session, staff: Staff, case: Case, plan: InterventionPlan, comment: str
) -> Task:
    """A task for the case lead (else whoever submitted the plan, else the reviewer)."""
    reviewer = staff.user.full_name or "The reviewer"
    return raise_task(
        session,
        case,
        title="Address the review comments on the intervention plan",
        description=f"{reviewer} returned the plan for changes: {comment}",
        phase=phase_for(case.status),
        due_at=clock.now() + RETURN_TASK_DUE,
        fallback_user_id=plan.submitted_by_id or staff.id,
    )


def tell_submitter_approved(
    session: Session, staff: Staff, case: Case, plan: InterventionPlan
) -> Task:
    """A task for whoever submitted the plan (else the lead): approved, so tell the team."""
    reviewer = staff.user.full_name or "A reviewer"
    task = raise_task(
        session,
        case,
        title="Plan approved: confirm the arrangements with the team",
        description=(
            f"{reviewer} approved the intervention plan (version {plan.version}). "
            "Share the date, place and speaking order with the participants."
        ),
        phase=phase_for(case.status),
        due_at=None,
        fallback_user_id=staff.id,
    )
    if plan.submitted_by_id is not None and _is_active(session, plan.submitted_by_id):
        task.assignee_user_id = plan.submitted_by_id
        session.flush()
    return task


def _is_active(session: Session, user_id: uuid.UUID) -> bool:
    return bool(session.scalar(select(col(User.is_active)).where(col(User.id) == user_id)))


@dataclass(frozen=True)
class WaitingPlan:
    case_id: uuid.UUID
    case_reference: str
    client_name: str
    case_status: str
    model: str
    plan_version: int
    scheduled_at: datetime | None
    submitted_at: datetime | None
    submitted_by: ActorRef | None


def review_count(session: Session, staff: Staff) -> int:
    """How many plans wait for review on cases `staff` may see. Nothing of a case is shown,
    so nothing is audited: the navigation's badge asks this every minute, and asking the
    queue for one row recorded a read of the oldest plan each time (a read nobody made)."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(InterventionPlan)
            .join(Case, col(Case.id) == col(InterventionPlan.case_id))
            .where(
                col(InterventionPlan.organization_id) == staff.organization_id,
                col(InterventionPlan.status) == PlanStatus.in_review.value,
                *visible_to(staff),
            )
        )
        or 0
    )


def review_queue(
    session: Session, staff: Staff, *, limit: int, cursor: str | None
) -> tuple[list[WaitingPlan], str | None, int]:
    """Plans in review on cases `staff` may see, oldest submission first, and how many in all.
    Two statements whatever the page size."""
    submitter = aliased(User)
    waiting = (
        col(InterventionPlan.organization_id) == staff.organization_id,
        col(InterventionPlan.status) == PlanStatus.in_review.value,
    )
    statement = (
        select(InterventionPlan, Case, col(submitter.full_name))
        .join(Case, col(Case.id) == col(InterventionPlan.case_id))
        .outerjoin(submitter, col(submitter.id) == col(InterventionPlan.submitted_by_id))
        .where(*waiting, *visible_to(staff))
    )
    submitted = func.coalesce(col(InterventionPlan.submitted_at), col(InterventionPlan.updated_at))
    statement = keyset_page(
        statement,
        [submitted, col(InterventionPlan.id)],
        descending=False,
        limit=limit,
        cursor=cursor,
    )
    rows, next_cursor = split_page(
        session.execute(statement).all(),
        limit,
        lambda row: (row[0].submitted_at or row[0].updated_at, row[0].id),
    )
    total = review_count(session, staff)
    audit.record_many(
        session, staff.ctx, AuditAction.read, "plan", [(row[0].id, row[0].case_id) for row in rows]
    )
    items = [
        WaitingPlan(
            case_id=case.id,
            case_reference=case.reference,
            client_name=f"{case.client_first_name} {case.client_last_name}".strip(),
            case_status=case.status,
            model=plan.model,
            plan_version=plan.version,
            scheduled_at=plan.scheduled_at,
            submitted_at=plan.submitted_at,
            submitted_by=(
                ActorRef(id=plan.submitted_by_id, full_name=name)
                if plan.submitted_by_id and name
                else None
            ),
        )
        for plan, case, name in rows
    ]
    return items, next_cursor, int(total or 0)
