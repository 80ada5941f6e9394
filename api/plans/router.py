from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from api.auth.dependencies import CurrentStaff, Staff, require_role
from api.cases.dependencies import VisibleCase
from api.core.etag import IfMatch, check_if_match, etag_for
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.plans import lifecycle, review, service
from api.plans.schemas import (
    PlanCreate,
    PlanDelivery,
    PlanRead,
    PlanReturn,
    PlanReviewCount,
    PlanReviewItem,
    PlanReviewPage,
    PlanRevisionPage,
    PlanTemplateList,
    PlanTemplateRead,
    PlanUpdate,
)
from api.plans.templates import TEMPLATES
from api.users.models import Role

router = APIRouter(tags=["plans"], route_class=TransactionalRoute)

Reviewer = Annotated[Staff, Depends(require_role(Role.supervisor, Role.admin))]


@router.get(
    "/plan-templates",
    operation_id="list_plan_templates",
    summary="The built-in plan templates, one per intervention model",
    response_model=PlanTemplateList,
    responses=responses(401),
)
def list_plan_templates(_staff: CurrentStaff) -> PlanTemplateList:
    return PlanTemplateList(
        items=[PlanTemplateRead.model_validate(t, from_attributes=True) for t in TEMPLATES.values()]
    )


@router.post(
    "/cases/{case_id}/plan",
    operation_id="create_plan",
    summary="Create the case's intervention plan, optionally from a model's template",
    status_code=status.HTTP_201_CREATED,
    response_model=PlanRead,
    responses=responses(401, 404, 409),
)
def create_plan(
    body: PlanCreate,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> PlanRead:
    plan = service.create_plan(session, staff, case, body)
    response.headers["ETag"] = etag_for(plan.version)
    response.headers["Location"] = f"/api/v1/cases/{case.id}/plan"
    return service.to_read(session, plan)


@router.get(
    "/cases/{case_id}/plan",
    operation_id="get_plan",
    summary="The case's intervention plan, or null while the case has none",
    response_model=PlanRead | None,
    responses=responses(401, 404),
)
def get_plan(
    case: VisibleCase, staff: CurrentStaff, session: SessionDep, response: Response
) -> PlanRead | None:
    # No plan yet is the expected state of a new case, not an error: 200 with null
    # (404 stays for a case the caller cannot see).
    plan = service.find_plan(session, case)
    if plan is None:
        return None
    response.headers["ETag"] = etag_for(plan.version)
    return service.read_plan(session, staff, case, plan)


@router.patch(
    "/cases/{case_id}/plan",
    operation_id="update_plan",
    summary="Change the plan (If-Match required; an approved or in-review plan returns to draft)",
    response_model=PlanRead,
    responses=responses(401, 404, 409, 412, 428),
)
def update_plan(
    body: PlanUpdate,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> PlanRead:
    plan = service.load_plan(session, case)
    check_if_match(if_match, plan.version, required=True)
    plan = service.update_plan(session, staff, case, plan, body)
    response.headers["ETag"] = etag_for(plan.version)
    return service.to_read(session, plan)


@router.post(
    "/cases/{case_id}/plan/submit",
    operation_id="submit_plan",
    summary="Submit the draft plan for review",
    response_model=PlanRead,
    responses=responses(401, 404, 409, 412),
)
def submit_plan(
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> PlanRead:
    plan = service.load_plan(session, case)
    check_if_match(if_match, plan.version)
    plan = lifecycle.submit(session, staff, case, plan)
    response.headers["ETag"] = etag_for(plan.version)
    return service.to_read(session, plan)


@router.post(
    "/cases/{case_id}/plan/approve",
    operation_id="approve_plan",
    summary="Approve the plan in review (supervisor or admin); a scheduled plan schedules the case",
    response_model=PlanRead,
    responses=responses(401, 403, 404, 409, 412),
)
def approve_plan(
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> PlanRead:
    plan = service.load_plan(session, case)
    check_if_match(if_match, plan.version)
    plan = lifecycle.approve(session, staff, case, plan)
    response.headers["ETag"] = etag_for(plan.version)
    return service.to_read(session, plan)


@router.post(
    "/cases/{case_id}/plan/return",
    operation_id="return_plan",
    summary="Return the plan in review for changes (supervisor or admin; a comment is required)",
    description=(
        "The plan goes back to draft. The comment stays on the plan (`return_comment`) and on "
        "its revision history, and the case lead gets a task to address it."
    ),
    response_model=PlanRead,
    responses=responses(401, 403, 404, 409, 412, 422),
)
def return_plan(
    body: PlanReturn,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> PlanRead:
    plan = service.load_plan(session, case)
    check_if_match(if_match, plan.version)
    plan = lifecycle.return_for_changes(session, staff, case, plan, body.comment)
    response.headers["ETag"] = etag_for(plan.version)
    return service.to_read(session, plan)


@router.get(
    "/plan-reviews/count",
    operation_id="count_plan_reviews",
    summary="How many plans wait for review (supervisor or admin), for a badge",
    response_model=PlanReviewCount,
    responses=responses(401, 403),
)
def count_plan_reviews(staff: Reviewer, session: SessionDep) -> PlanReviewCount:
    """Only a number: no plan or case is shown, so no read is audited."""
    return PlanReviewCount(total=review.review_count(session, staff))


@router.get(
    "/plan-reviews",
    operation_id="list_plan_reviews",
    summary="Plans waiting for review (supervisor or admin), oldest submission first",
    response_model=PlanReviewPage,
    responses=responses(400, 401, 403),
)
def list_plan_reviews(
    staff: Reviewer, session: SessionDep, limit: Limit = 50, cursor: Cursor = None
) -> PlanReviewPage:
    items, next_cursor, total = review.review_queue(session, staff, limit=limit, cursor=cursor)
    return PlanReviewPage(
        items=[PlanReviewItem.model_validate(asdict(item)) for item in items],
        next_cursor=next_cursor,
        total=total,
    )


@router.post(
    "/cases/{case_id}/plan/deliver",
    operation_id="deliver_plan",
    summary="Record that the intervention was held, and how it went",
    response_model=PlanRead,
    responses=responses(401, 404, 409, 412),
)
def deliver_plan(
    body: PlanDelivery,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> PlanRead:
    plan = service.load_plan(session, case)
    check_if_match(if_match, plan.version)
    plan = lifecycle.deliver(session, staff, case, plan, body)
    response.headers["ETag"] = etag_for(plan.version)
    return service.to_read(session, plan)


@router.get(
    "/cases/{case_id}/plan/revisions",
    operation_id="list_plan_revisions",
    summary="Every saved version of the plan, newest first, with a snapshot of each",
    response_model=PlanRevisionPage,
    responses=responses(401, 404),
)
def list_plan_revisions(
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> PlanRevisionPage:
    plan = service.load_plan(session, case)
    revisions, next_cursor = service.list_revisions(
        session, staff, case, plan, limit=limit, cursor=cursor
    )
    return PlanRevisionPage(items=revisions, next_cursor=next_cursor)
