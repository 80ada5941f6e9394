from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Query, Response, status

from api.auth.dependencies import CurrentStaff
from api.cases.dependencies import VisibleCase
from api.core.etag import IfMatch, check_if_match, etag_for
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.sync import service as sync
from api.sync.dependencies import UpdatedSince
from api.sync.models import SyncResource
from api.tasks import phases, service
from api.tasks.models import Task, TaskStatus
from api.tasks.schemas import (
    PhaseClose,
    PhaseCloseResult,
    PhaseSummary,
    PhaseSummaryList,
    TaskCreate,
    TaskPage,
    TaskRead,
    TaskUpdate,
)

router = APIRouter(tags=["tasks"], route_class=TransactionalRoute)


@router.get(
    "/cases/{case_id}/tasks",
    operation_id="list_case_tasks",
    summary="The case's action plan",
    response_model=TaskPage,
    responses=responses(401, 404, 410),
)
def list_case_tasks(
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    updated_since: UpdatedSince,
    status_filter: TaskStatus | None = Query(default=None, alias="status"),
    limit: Limit = 50,
    cursor: Cursor = None,
) -> TaskPage:
    tasks, next_cursor = service.list_case_tasks(
        session,
        staff,
        case,
        status=status_filter,
        updated_since=updated_since,
        limit=limit,
        cursor=cursor,
    )
    return TaskPage(
        items=service.to_reads(session, tasks),
        next_cursor=next_cursor,
        removed_ids=sync.removed_in_case(session, case, SyncResource.task, updated_since),
    )


@router.post(
    "/cases/{case_id}/tasks",
    operation_id="create_task",
    summary="Add a task to the case's action plan",
    status_code=status.HTTP_201_CREATED,
    response_model=TaskRead,
    responses=responses(401, 404, 409),
)
def create_task(
    body: TaskCreate,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> TaskRead:
    task = service.add_task(session, staff, case, body)
    response.headers["ETag"] = etag_for(task.version)
    response.headers["Location"] = f"/api/v1/tasks/{task.id}"
    return service.to_reads(session, [task])[0]


@router.get(
    "/tasks",
    operation_id="list_tasks",
    summary="Work queue: tasks across the cases I may see, soonest due first",
    response_model=TaskPage,
    responses=responses(401, 410),
)
def list_tasks(
    staff: CurrentStaff,
    session: SessionDep,
    updated_since: UpdatedSince,
    assigned_to: Literal["me"] | uuid.UUID | None = Query(
        default=None, description="`me` or a staff user id"
    ),
    overdue: bool = Query(default=False, description="Only open tasks past their due date"),
    status_filter: TaskStatus | None = Query(default=None, alias="status"),
    limit: Limit = 50,
    cursor: Cursor = None,
) -> TaskPage:
    assignee = staff.id if assigned_to == "me" else assigned_to
    assert assignee is None or isinstance(assignee, uuid.UUID)
    filters = service.QueueFilters(assignee, overdue, status_filter, updated_since)
    tasks, next_cursor = service.work_queue(session, staff, filters, limit=limit, cursor=cursor)
    return TaskPage(
        items=service.to_reads(session, tasks),
        next_cursor=next_cursor,
        removed_ids=sync.removed_across_cases(
            session, staff, SyncResource.task, updated_since, rows=Task
        ),
    )


@router.get(
    "/tasks/{task_id}",
    operation_id="get_task",
    summary="One task",
    response_model=TaskRead,
    responses=responses(401, 404),
)
def get_task(
    task_id: uuid.UUID, staff: CurrentStaff, session: SessionDep, response: Response
) -> TaskRead:
    task, _case = service.load_task(session, staff, task_id)
    response.headers["ETag"] = etag_for(task.version)
    return service.to_reads(session, [task])[0]


@router.patch(
    "/tasks/{task_id}",
    operation_id="update_task",
    summary="Change, complete or cancel a task (honours If-Match)",
    response_model=TaskRead,
    responses=responses(401, 404, 412),
)
def update_task(
    task_id: uuid.UUID,
    body: TaskUpdate,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> TaskRead:
    task, case = service.load_task(session, staff, task_id)
    check_if_match(if_match, task.version)
    task = service.update_task(session, staff, task, case, body)
    response.headers["ETag"] = etag_for(task.version)
    return service.to_reads(session, [task])[0]


@router.delete(
    "/tasks/{task_id}",
    operation_id="delete_task",
    summary="Delete a task",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 404, 412),
)
def delete_task(
    task_id: uuid.UUID, staff: CurrentStaff, session: SessionDep, if_match: IfMatch = None
) -> None:
    task, _case = service.load_task(session, staff, task_id)
    check_if_match(if_match, task.version)
    service.delete_task(session, staff, task)


@router.get(
    "/cases/{case_id}/task-phases",
    operation_id="list_task_phases",
    summary="Open tasks per phase of the action plan, and which phases are over",
    response_model=PhaseSummaryList,
    responses=responses(401, 404),
)
def list_task_phases(
    case: VisibleCase, staff: CurrentStaff, session: SessionDep
) -> PhaseSummaryList:
    return PhaseSummaryList(
        items=[
            PhaseSummary(phase=phase, open_count=count, over=over)
            for phase, count, over in phases.phase_summary(session, staff, case)
        ]
    )


@router.post(
    "/cases/{case_id}/tasks/close-phase",
    operation_id="close_task_phase",
    summary="Close every open task of a phase that is over, in one step",
    description=(
        "For example the preparation tasks still open after the intervention was held. "
        "409 when the case has not moved past that phase."
    ),
    response_model=PhaseCloseResult,
    responses=responses(401, 404, 409, 422),
)
def close_task_phase(
    body: PhaseClose, case: VisibleCase, staff: CurrentStaff, session: SessionDep
) -> PhaseCloseResult:
    closed = phases.close_phase(session, staff, case, body.phase, TaskStatus(body.status))
    return PhaseCloseResult(
        phase=body.phase, closed=len(closed), items=service.to_reads(session, closed)
    )
