from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from api.auth.dependencies import CurrentStaff
from api.cases.dependencies import VisibleCase
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.etag import IfMatch, check_if_match, etag_for
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.goals import service
from api.goals.schemas import (
    GoalCreate,
    GoalPage,
    GoalProgress,
    GoalRead,
    GoalUpdate,
    MeasurementCreate,
)
from api.sync.dependencies import UpdatedSince
from api.sync.models import SyncResource
from api.sync.service import removed_in_case

router = APIRouter(tags=["goals"], route_class=TransactionalRoute)


@router.get(
    "/cases/{case_id}/goals",
    operation_id="list_goals",
    summary="The case's measurable goals",
    response_model=GoalPage,
    responses=responses(401, 404, 410),
)
def list_goals(
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    updated_since: UpdatedSince,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> GoalPage:
    goals, next_cursor = service.list_goals(
        session, staff, case, updated_since=updated_since, limit=limit, cursor=cursor
    )
    return GoalPage(
        items=service.to_reads(session, case, goals),
        next_cursor=next_cursor,
        removed_ids=removed_in_case(session, case, SyncResource.goal, updated_since),
    )


@router.post(
    "/cases/{case_id}/goals",
    operation_id="create_goal",
    summary="Set a measurable goal for the client or a participant",
    status_code=status.HTTP_201_CREATED,
    response_model=GoalRead,
    responses=responses(401, 404, 409),
)
def create_goal(
    body: GoalCreate,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> GoalRead:
    goal = service.add_goal(session, staff, case, body)
    response.headers["ETag"] = etag_for(goal.version)
    response.headers["Location"] = f"/api/v1/goals/{goal.id}"
    return service.to_reads(session, case, [goal])[0]


@router.get(
    "/goals/{goal_id}",
    operation_id="get_goal",
    summary="One goal",
    response_model=GoalRead,
    responses=responses(401, 404),
)
def get_goal(
    goal_id: uuid.UUID, staff: CurrentStaff, session: SessionDep, response: Response
) -> GoalRead:
    goal, case = service.load_goal(session, staff, goal_id)
    audit.record(session, staff.ctx, AuditAction.read, "goal", goal.id, case_id=case.id)
    response.headers["ETag"] = etag_for(goal.version)
    return service.to_reads(session, case, [goal])[0]


@router.patch(
    "/goals/{goal_id}",
    operation_id="update_goal",
    summary="Change a goal, or set its achievement status by hand (honours If-Match)",
    response_model=GoalRead,
    responses=responses(401, 404, 412),
)
def update_goal(
    goal_id: uuid.UUID,
    body: GoalUpdate,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> GoalRead:
    goal, case = service.load_goal(session, staff, goal_id)
    check_if_match(if_match, goal.version)
    goal = service.update_goal(session, staff, goal, body)
    response.headers["ETag"] = etag_for(goal.version)
    return service.to_reads(session, case, [goal])[0]


@router.get(
    "/goals/{goal_id}/progress",
    operation_id="get_goal_progress",
    summary="The goal's measurement series against its target",
    response_model=GoalProgress,
    responses=responses(401, 404),
)
def get_goal_progress(goal_id: uuid.UUID, staff: CurrentStaff, session: SessionDep) -> GoalProgress:
    goal, _case = service.load_goal(session, staff, goal_id)
    return service.progress(session, staff, goal)


@router.post(
    "/goals/{goal_id}/measurements",
    operation_id="create_goal_measurement",
    summary="Record a measurement entered by staff",
    status_code=status.HTTP_201_CREATED,
    response_model=GoalRead,
    responses=responses(401, 404),
)
def create_goal_measurement(
    goal_id: uuid.UUID, body: MeasurementCreate, staff: CurrentStaff, session: SessionDep
) -> GoalRead:
    goal, case = service.load_goal(session, staff, goal_id)
    service.record_measurement(
        session,
        goal,
        body.value,
        measured_at=body.measured_at or clock.now(),
        recorded_by=staff.id,
        note=body.note,
    )
    audit.record(
        session, staff.ctx, AuditAction.create, "goal_measurement", goal.id, case_id=case.id
    )
    return service.to_reads(session, case, [goal])[0]
