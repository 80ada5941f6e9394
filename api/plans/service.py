"""The intervention plan: one per case, built from a model's template, revised on every save."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.lifecycle import move_case
from api.cases.models import Case, CaseStatus
from api.cases.schemas import ActorRef
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.pagination import keyset_page, split_page
from api.core.problems import Conflict, FieldError, NotFound, UnprocessableContent
from api.core.references import PARTICIPANT, TREATMENT_CENTER, Ref, require_references
from api.plans.models import DeliveryResult, InterventionPlan, PlanRevision, PlanStatus
from api.plans.schemas import PlanCreate, PlanRead, PlanRevisionRead, PlanUpdate
from api.plans.suggestions import next_step_suggestion
from api.plans.templates import TEMPLATES, PlanTemplate
from api.tasks.anchors import INTERVENTION_DAY, reanchor_template_tasks
from api.tasks.service import add_template_tasks
from api.users.models import User

JSON_LISTS = ("contributions", "treatment_options", "contingencies", "rehearsals")


def find_plan(session: Session, case: Case) -> InterventionPlan | None:
    return session.scalar(select(InterventionPlan).where(col(InterventionPlan.case_id) == case.id))


def load_plan(session: Session, case: Case) -> InterventionPlan:
    plan = find_plan(session, case)
    if plan is None:
        raise NotFound("This case has no intervention plan yet; create one first.")
    return plan


def create_plan(session: Session, staff: Staff, case: Case, data: PlanCreate) -> InterventionPlan:
    if find_plan(session, case) is not None:
        raise Conflict("This case already has an intervention plan; change that one.")
    template = TEMPLATES[data.template] if data.template else None
    now = clock.now()
    plan = InterventionPlan(
        case_id=case.id,
        organization_id=case.organization_id,
        model=template.model if template else (case.intervention_model or "other"),
        sections=_template_sections(template),
        contingencies=[
            {"scenario": c.scenario, "response": c.response}
            for c in (template.contingencies if template else ())
        ],
        created_at=now,
        updated_at=now,
    )
    session.add(plan)
    session.flush()
    if template is not None:
        add_template_tasks(
            session,
            staff,
            case,
            [(a.title, a.description, a.phase, a.due_in_days) for a in template.action_items],
            anchor_day=INTERVENTION_DAY.get(template.model),
        )
    record_revision(session, staff, plan, "created")
    if case.status == CaseStatus.intake.value:
        # Planning starts with the plan (DESIGN.md §4 status machine; issue 14 item 6).
        move_case(session, case, CaseStatus.planning, actor_id=staff.id, reason="Planning started.")
    audit.record(session, staff.ctx, AuditAction.create, "plan", plan.id, case_id=case.id)
    return plan


def _template_sections(template: PlanTemplate | None) -> list[dict[str, Any]]:
    if template is None:
        return []
    return [
        {"key": s.key, "title": s.title, "guidance": s.guidance, "content": ""}
        for s in template.sections
    ]


def update_plan(
    session: Session, staff: Staff, case: Case, plan: InterventionPlan, data: PlanUpdate
) -> InterventionPlan:
    if plan.status == PlanStatus.delivered.value:
        raise Conflict("A delivered plan is the record of what happened; it can no longer change.")
    # Top-level fields the client sent, each dumped whole (list items keep their defaults).
    dumped = data.model_dump(mode="json")
    changes = {field: dumped[field] for field in data.model_fields_set}
    _check_references(session, case, data)
    wanted: dict[str, Any] = {}
    for field, value in changes.items():
        if field == "sections":
            wanted["sections"] = _merge_guidance(plan, value or [])
        elif field == "scheduled_at":
            wanted[field] = data.scheduled_at
        elif field in (*JSON_LISTS, "speaking_order"):
            wanted[field] = value or []
        elif field == "model" and value is None:
            continue
        else:
            wanted[field] = value
    changed = {f: v for f, v in wanted.items() if getattr(plan, f) != v}
    if not changed:
        return plan
    for field, value in changed.items():
        setattr(plan, field, value)
    change = "updated"
    if plan.status == PlanStatus.approved.value:
        # An approval covers the plan as it was; a changed plan is reviewed again.
        plan.status = PlanStatus.draft.value
        plan.approved_at = plan.approved_by_id = None
        change = "updated; approval cleared"
    elif plan.status == PlanStatus.in_review.value:
        # The reviewer would be reading a moving target: the plan is submitted again when ready.
        plan.status = PlanStatus.draft.value
        change = "updated; review withdrawn"
    plan.updated_at = clock.now()
    session.flush()
    record_revision(session, staff, plan, change)
    if "scheduled_at" in changed:
        reanchor_template_tasks(session, staff, case, plan.scheduled_at)
    audit.record(session, staff.ctx, AuditAction.update, "plan", plan.id, case_id=case.id)
    return plan


def _merge_guidance(plan: InterventionPlan, sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    guidance = {s["key"]: s.get("guidance") for s in plan.sections}
    template = TEMPLATES.get(plan.model)
    if template is not None:
        guidance |= {s.key: s.guidance for s in template.sections}
    keys = [s["key"] for s in sections]
    if len(set(keys)) != len(keys):
        raise UnprocessableContent(
            "Each section key may appear once.",
            errors=[FieldError(loc=["body", "sections"], msg="duplicate key", type="value_error")],
        )
    return [{**s, "guidance": guidance.get(s["key"])} for s in sections]


def _check_references(session: Session, case: Case, data: PlanUpdate) -> None:
    """Speaking order and contributions may only name participants of this case, and
    treatment options only centers of the practice's directory."""
    refs = [
        Ref(PARTICIPANT, participant_id, ("body", "speaking_order", index))
        for index, participant_id in enumerate(data.speaking_order or [])
    ]
    refs += [
        Ref(PARTICIPANT, c.participant_id, ("body", "contributions", index, "participant_id"))
        for index, c in enumerate(data.contributions or [])
    ]
    refs += [
        Ref(
            TREATMENT_CENTER,
            option.treatment_center_id,
            ("body", "treatment_options", index, "treatment_center_id"),
        )
        for index, option in enumerate(data.treatment_options or [])
    ]
    require_references(
        session,
        organization_id=case.organization_id,
        case_id=case.id,
        refs=refs,
        detail="The plan names people or centers that are not of this case or practice.",
    )


def record_revision(
    session: Session,
    staff: Staff,
    plan: InterventionPlan,
    change: str,
    *,
    comment: str | None = None,
) -> None:
    session.add(
        PlanRevision(
            plan_id=plan.id,
            version=plan.version,
            change=change,
            comment=comment,
            author_id=staff.id,
            at=clock.now(),
            snapshot=to_read(session, plan).model_dump(mode="json"),
        )
    )
    session.flush()


def to_read(session: Session, plan: InterventionPlan) -> PlanRead:
    actors = _actor_names(session, {plan.submitted_by_id, plan.approved_by_id, plan.returned_by_id})
    result = DeliveryResult(plan.result) if plan.result else None
    return PlanRead.model_validate(
        {
            **plan.model_dump(
                exclude={"organization_id", "submitted_by_id", "approved_by_id", "returned_by_id"}
            ),
            "submitted_by": actors.get(plan.submitted_by_id),
            "approved_by": actors.get(plan.approved_by_id),
            "returned_by": actors.get(plan.returned_by_id),
            "next_step_suggestion": next_step_suggestion(plan.model, result),
        }
    )


def _actor_names(session: Session, ids: set[uuid.UUID | None]) -> dict[uuid.UUID | None, ActorRef]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(col(User.id), col(User.full_name)).where(col(User.id).in_(wanted))
    ).all()
    return {row[0]: ActorRef(id=row[0], full_name=row[1]) for row in rows}


def read_plan(session: Session, staff: Staff, case: Case, plan: InterventionPlan) -> PlanRead:
    audit.record(session, staff.ctx, AuditAction.read, "plan", plan.id, case_id=case.id)
    return to_read(session, plan)


def list_revisions(
    session: Session,
    staff: Staff,
    case: Case,
    plan: InterventionPlan,
    *,
    limit: int,
    cursor: str | None,
) -> tuple[list[PlanRevisionRead], str | None]:
    statement = select(PlanRevision).where(col(PlanRevision.plan_id) == plan.id)
    statement = keyset_page(
        statement,
        [col(PlanRevision.version), col(PlanRevision.id)],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    revisions, next_cursor = split_page(
        session.scalars(statement).all(), limit, lambda r: (r.version, r.id)
    )
    authors = _actor_names(session, {r.author_id for r in revisions})
    audit.record(session, staff.ctx, AuditAction.read, "plan_revisions", plan.id, case_id=case.id)
    return [
        PlanRevisionRead(
            id=r.id,
            version=r.version,
            change=r.change,
            at=r.at,
            author=authors.get(r.author_id),
            comment=r.comment,
            snapshot=r.snapshot,
        )
        for r in revisions
    ], next_cursor
