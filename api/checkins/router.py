from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.auth.dependencies import CurrentStaff
from api.cases.dependencies import VisibleCase
from api.cases.service import load_in_case
from api.checkins import schedules, service
from api.checkins.models import CheckIn
from api.checkins.schemas import (
    AdherenceReport,
    CheckInCreate,
    CheckInPage,
    CheckInRead,
    ScheduleCreate,
    SchedulePage,
    ScheduleRead,
    ScheduleUpdate,
)
from api.core import audit
from api.core.audit import AuditAction
from api.core.etag import IfMatch, check_if_match, etag_for
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.core.schemas import Timestamp
from api.goals.schemas import Subject
from api.participants.service import resolve_subject
from api.sync.dependencies import UpdatedSince
from api.sync.models import SyncResource
from api.sync.service import removed_in_case

router = APIRouter(tags=["check-ins"], route_class=TransactionalRoute)


@router.get(
    "/cases/{case_id}/check-in-schedules",
    operation_id="list_check_in_schedules",
    summary="Who checks in on this case, how often, and when next",
    response_model=SchedulePage,
    responses=responses(401, 404, 410),
)
def list_check_in_schedules(
    case: VisibleCase, staff: CurrentStaff, session: SessionDep, updated_since: UpdatedSince
) -> SchedulePage:
    found = schedules.list_schedules(session, case, updated_since=updated_since)
    audit.record(
        session, staff.ctx, AuditAction.read, "check_in_schedules", case.id, case_id=case.id
    )
    return SchedulePage(
        items=schedules.to_reads(session, case, found),
        next_cursor=None,
        removed_ids=removed_in_case(session, case, SyncResource.check_in_schedule, updated_since),
    )


@router.post(
    "/cases/{case_id}/check-in-schedules",
    operation_id="create_check_in_schedule",
    summary="Schedule regular check-ins for the client or a participant (one schedule each)",
    status_code=status.HTTP_201_CREATED,
    response_model=ScheduleRead,
    responses=responses(401, 404, 409),
)
def create_check_in_schedule(
    body: ScheduleCreate,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> ScheduleRead:
    schedule = schedules.add_schedule(session, staff, case, body)
    response.headers["ETag"] = etag_for(schedule.version)
    response.headers["Location"] = f"/api/v1/check-in-schedules/{schedule.id}"
    return schedules.to_reads(session, case, [schedule])[0]


@router.patch(
    "/check-in-schedules/{schedule_id}",
    operation_id="update_check_in_schedule",
    summary="Change cadence, grace, next due time or pause a schedule (honours If-Match)",
    response_model=ScheduleRead,
    responses=responses(401, 404, 412),
)
def update_check_in_schedule(
    schedule_id: uuid.UUID,
    body: ScheduleUpdate,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> ScheduleRead:
    schedule, case = schedules.load_schedule(session, staff, schedule_id)
    check_if_match(if_match, schedule.version)
    schedule = schedules.update_schedule(session, staff, schedule, body)
    response.headers["ETag"] = etag_for(schedule.version)
    return schedules.to_reads(session, case, [schedule])[0]


@router.delete(
    "/check-in-schedules/{schedule_id}",
    operation_id="delete_check_in_schedule",
    summary="Remove a check-in schedule",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 404, 412),
)
def delete_check_in_schedule(
    schedule_id: uuid.UUID, staff: CurrentStaff, session: SessionDep, if_match: IfMatch = None
) -> None:
    schedule, _case = schedules.load_schedule(session, staff, schedule_id)
    check_if_match(if_match, schedule.version)
    schedules.delete_schedule(session, staff, schedule)


@router.get(
    "/cases/{case_id}/check-ins",
    operation_id="list_check_ins",
    summary="Check-in history, newest first",
    response_model=CheckInPage,
    responses=responses(401, 404, 410),
)
def list_check_ins(
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    updated_since: UpdatedSince,
    respondent: Annotated[Subject | None, Query(description="`client` or a participant id")] = None,
    since: Timestamp | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> CheckInPage:
    who: uuid.UUID | str | None = (
        "any"
        if respondent is None
        else resolve_subject(session, case, respondent, "respondent", where="query")
    )
    found, next_cursor = service.list_check_ins(
        session,
        case,
        respondent_participant_id=who,
        since=since,
        updated_since=updated_since,
        limit=limit,
        cursor=cursor,
    )
    audit.record_many(
        session, staff.ctx, AuditAction.read, "check_in", [(c.id, case.id) for c in found]
    )
    return CheckInPage(
        items=service.to_reads(session, case, found),
        next_cursor=next_cursor,
        removed_ids=removed_in_case(session, case, SyncResource.check_in, updated_since),
    )


@router.post(
    "/cases/{case_id}/check-ins",
    operation_id="create_check_in",
    summary="Record a check-in (staff entering it for the respondent); raises alerts",
    status_code=status.HTTP_201_CREATED,
    response_model=CheckInRead,
    responses=responses(401, 404, 409),
)
def create_check_in(
    body: CheckInCreate,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> CheckInRead:
    respondent = resolve_subject(session, case, body.respondent, "respondent")
    check_in = service.submit_check_in(session, staff.ctx, case, respondent, body)
    response.headers["Location"] = f"/api/v1/check-ins/{check_in.id}"
    return service.to_reads(session, case, [check_in])[0]


@router.get(
    "/check-ins/{check_in_id}",
    operation_id="get_check_in",
    summary="One check-in",
    response_model=CheckInRead,
    responses=responses(401, 404),
)
def get_check_in(check_in_id: uuid.UUID, staff: CurrentStaff, session: SessionDep) -> CheckInRead:
    check_in, case = load_in_case(session, staff, CheckIn, check_in_id, "check-in")
    audit.record(session, staff.ctx, AuditAction.read, "check_in", check_in.id, case_id=case.id)
    return service.to_reads(session, case, [check_in])[0]


@router.get(
    "/cases/{case_id}/check-in-adherence",
    operation_id="get_check_in_adherence",
    summary="Check-ins received against expected, per schedule, over the last weeks",
    response_model=AdherenceReport,
    responses=responses(401, 404),
)
def get_check_in_adherence(
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    weeks: Annotated[int, Query(ge=1, le=104)] = 12,
) -> AdherenceReport:
    audit.record(
        session, staff.ctx, AuditAction.read, "check_in_adherence", case.id, case_id=case.id
    )
    return service.adherence(session, case, weeks=weeks)
