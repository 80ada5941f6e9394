"""draft → in_review → approved → delivered, and what each step does to the case."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.auth.dependencies import Staff
from api.cases.lifecycle import move_case
from api.cases.models import Case, CaseStatus
from api.core import audit, clock, zones
from api.core.audit import AuditAction
from api.core.problems import Forbidden, InvalidTransition
from api.organizations.service import time_zone_of_case
from api.plans.models import InterventionPlan, PlanStatus
from api.plans.review import task_to_address_return, tell_submitter_approved
from api.plans.schemas import PlanDelivery
from api.plans.service import record_revision
from api.users.models import Role

APPROVERS = (Role.supervisor, Role.admin)


def _require(plan: InterventionPlan, current: PlanStatus, action: str) -> None:
    if plan.status != current.value:
        raise InvalidTransition(
            f"Only a plan that is '{current.value}' can be {action}; this one is '{plan.status}'."
        )


def submit(session: Session, staff: Staff, case: Case, plan: InterventionPlan) -> InterventionPlan:
    _require(plan, PlanStatus.draft, "submitted for review")
    now = clock.now()
    plan.status = PlanStatus.in_review.value
    plan.submitted_at, plan.submitted_by_id, plan.updated_at = now, staff.id, now
    session.flush()
    record_revision(session, staff, plan, "submitted for review")
    audit.record(session, staff.ctx, AuditAction.update, "plan", plan.id, case_id=case.id)
    return plan


def approve(session: Session, staff: Staff, case: Case, plan: InterventionPlan) -> InterventionPlan:
    if staff.role not in APPROVERS:
        raise Forbidden("Only a supervisor or an admin may approve an intervention plan.")
    _require(plan, PlanStatus.in_review, "approved")
    now = clock.now()
    plan.status = PlanStatus.approved.value
    plan.approved_at, plan.approved_by_id, plan.updated_at = now, staff.id, now
    session.flush()
    record_revision(session, staff, plan, "approved")
    tell_submitter_approved(session, staff, case, plan)
    if plan.scheduled_at is not None:
        when = zones.time_text(plan.scheduled_at, time_zone_of_case(session, case))
        _advance_case(
            session, staff, case, CaseStatus.scheduled, f"Plan approved; intervention on {when}."
        )
    audit.record(session, staff.ctx, AuditAction.update, "plan", plan.id, case_id=case.id)
    return plan


def return_for_changes(
    session: Session, staff: Staff, case: Case, plan: InterventionPlan, comment: str
) -> InterventionPlan:
    """in_review → draft with the reviewer's comment on the plan and its history; the lead
    gets a task to address it (DESIGN.md §4 plan `/return`)."""
    if staff.role not in APPROVERS:
        raise Forbidden("Only a supervisor or an admin may return a plan for changes.")
    _require(plan, PlanStatus.in_review, "returned for changes")
    now = clock.now()
    plan.status = PlanStatus.draft.value
    plan.returned_at, plan.returned_by_id, plan.return_comment = now, staff.id, comment
    plan.updated_at = now
    session.flush()
    record_revision(session, staff, plan, "returned for changes", comment=comment)
    task_to_address_return(session, staff, case, plan, comment)
    audit.record(session, staff.ctx, AuditAction.update, "plan", plan.id, case_id=case.id)
    return plan


def deliver(
    session: Session, staff: Staff, case: Case, plan: InterventionPlan, data: PlanDelivery
) -> InterventionPlan:
    _require(plan, PlanStatus.approved, "marked as delivered")
    plan.status = PlanStatus.delivered.value
    plan.held_at, plan.result, plan.result_notes = data.held_at, data.result.value, data.notes
    plan.updated_at = clock.now()
    session.flush()
    record_revision(session, staff, plan, f"delivered: {data.result.value}")
    _advance_case(
        session,
        staff,
        case,
        CaseStatus.intervention_held,
        f"Intervention held: {data.result.value.replace('_', ' ')}.",
    )
    audit.record(session, staff.ctx, AuditAction.update, "plan", plan.id, case_id=case.id)
    return plan


# The forward path of a case up to the intervention; a case further along is left alone.
_PATH = [CaseStatus.intake, CaseStatus.planning, CaseStatus.scheduled, CaseStatus.intervention_held]


def _advance_case(
    session: Session, staff: Staff, case: Case, target: CaseStatus, reason: str
) -> None:
    current = CaseStatus(case.status)
    if current not in _PATH or _PATH.index(current) >= _PATH.index(target):
        return
    # The reason belongs to the move it explains; the steps passed on the way say so instead
    # of repeating it.
    for step in _PATH[_PATH.index(current) + 1 : _PATH.index(target)]:
        move_case(session, case, step, actor_id=staff.id, details={"on_the_way_to": target.value})
    move_case(session, case, target, actor_id=staff.id, reason=reason)
