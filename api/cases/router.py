from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Query, Response, status

from api.audit.schemas import AuditEventPage, audit_event_page
from api.audit.service import AuditFilters, list_events
from api.auth.dependencies import AdminStaff, CurrentStaff
from api.cases import lifecycle, service, team
from api.cases.dependencies import VisibleCase
from api.cases.models import CaseStatus, RiskFlag
from api.cases.schemas import (
    CaseCreate,
    CasePage,
    CaseRead,
    CaseUpdate,
    StatusChange,
    Team,
    TeamUpdate,
    TimelinePage,
)
from api.cases.search import participant_matches
from api.core import audit
from api.core.audit import AuditAction
from api.core.etag import IfMatch, check_if_match, etag_for
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.organizations.service import time_zone_of
from api.plans.models import PlanStatus
from api.sync import service as sync
from api.sync.dependencies import UpdatedSince
from api.sync.models import SyncResource

router = APIRouter(prefix="/cases", tags=["cases"], route_class=TransactionalRoute)


@router.get(
    "",
    operation_id="list_cases",
    summary="My caseload: cases I may see, most recently updated first",
    response_model=CasePage,
    responses=responses(400, 401, 410),
)
def list_cases(
    staff: CurrentStaff,
    session: SessionDep,
    updated_since: UpdatedSince,
    status_filter: list[CaseStatus] | None = Query(default=None, alias="status"),
    assigned_to: Literal["me"] | uuid.UUID | None = Query(
        default=None, description="`me` or a user id: cases whose team includes them"
    ),
    q: str | None = Query(
        default=None,
        max_length=200,
        description="Client name or reference, or a participant's name or phone number "
        "(each found case lists the participants that matched)",
    ),
    risk_flag: RiskFlag | None = None,
    plan_status: PlanStatus | None = Query(
        default=None, description="Only cases whose plan is in this status (`in_review`: waiting)"
    ),
    limit: Limit = 50,
    cursor: Cursor = None,
) -> CasePage:
    filters = service.CaseFilters(
        status_filter, assigned_to, q, risk_flag, updated_since, plan_status=plan_status
    )
    cases, next_cursor = service.list_cases(session, staff, filters, limit=limit, cursor=cursor)
    ids = [c.id for c in cases]
    teams, portal = service.teams_of(session, ids), service.client_portal_statuses(session, ids)
    zone = time_zone_of(session, staff.organization_id).key
    items = [service.to_read(c, teams[c.id], portal[c.id], practice_zone=zone) for c in cases]
    if q:
        found = participant_matches(session, ids, q)
        items = [item.model_copy(update={"matched_participants": found[item.id]}) for item in items]
    return CasePage(
        items=items,
        next_cursor=next_cursor,
        removed_ids=sync.removed_across_cases(session, staff, SyncResource.case, updated_since),
    )


@router.post(
    "",
    operation_id="create_case",
    summary="Open a case (you become its lead)",
    status_code=status.HTTP_201_CREATED,
    response_model=CaseRead,
    responses=responses(401, 409),
)
def create_case(
    body: CaseCreate, staff: CurrentStaff, session: SessionDep, response: Response
) -> CaseRead:
    case = service.open_case(session, staff, body)
    response.headers["ETag"] = etag_for(case.version)
    response.headers["Location"] = f"/api/v1/cases/{case.id}"
    return service.read_case(session, staff, case, audited=False)


@router.get(
    "/{case_id}",
    operation_id="get_case",
    summary="One case",
    response_model=CaseRead,
    responses=responses(401, 404),
)
def get_case(
    case: VisibleCase, staff: CurrentStaff, session: SessionDep, response: Response
) -> CaseRead:
    response.headers["ETag"] = etag_for(case.version)
    return service.read_case(session, staff, case)


@router.patch(
    "/{case_id}",
    operation_id="update_case",
    summary="Change the case record (honours If-Match)",
    response_model=CaseRead,
    responses=responses(401, 404, 412),
)
def update_case(
    body: CaseUpdate,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> CaseRead:
    check_if_match(if_match, case.version)
    case = service.update_case(session, staff, case, body)
    response.headers["ETag"] = etag_for(case.version)
    return service.read_case(session, staff, case, audited=False)


@router.post(
    "/{case_id}/status",
    operation_id="change_case_status",
    summary="Move the case to another status (with reason, or outcome when closing)",
    response_model=CaseRead,
    responses=responses(401, 404, 409, 412),
)
def change_case_status(
    body: StatusChange,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> CaseRead:
    check_if_match(if_match, case.version)
    lifecycle.change_status(
        session, staff, case, body.status, reason=body.reason, outcome=body.outcome
    )
    response.headers["ETag"] = etag_for(case.version)
    return service.read_case(session, staff, case, audited=False)


@router.get(
    "/{case_id}/timeline",
    operation_id="get_case_timeline",
    summary="What happened on the case, newest first",
    response_model=TimelinePage,
    responses=responses(400, 401, 404),
)
def get_case_timeline(
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> TimelinePage:
    entries, next_cursor = lifecycle.timeline(session, staff, case, limit=limit, cursor=cursor)
    return TimelinePage(items=entries, next_cursor=next_cursor)


@router.get(
    "/{case_id}/team",
    operation_id="get_case_team",
    summary="The case team",
    response_model=Team,
    responses=responses(401, 404),
)
def get_case_team(case: VisibleCase, staff: CurrentStaff, session: SessionDep) -> Team:
    return Team(members=team.read_team(session, staff, case))


@router.put(
    "/{case_id}/team",
    operation_id="replace_case_team",
    summary="Replace the case team (lead, supervisor or admin; exactly one lead)",
    response_model=Team,
    responses=responses(401, 403, 404, 412),
)
def replace_case_team(
    body: TeamUpdate,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Team:
    check_if_match(if_match, case.version)
    return Team(members=team.replace_team(session, staff, case, body))


@router.get(
    "/{case_id}/access-log",
    operation_id="get_case_access_log",
    summary="Who read or changed this case, newest first (admins)",
    response_model=AuditEventPage,
    responses=responses(400, 401, 403, 404),
)
def get_case_access_log(
    case: VisibleCase,
    staff: AdminStaff,
    session: SessionDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> AuditEventPage:
    """Every audit event about the case and its records, newest first, keyset-paged: who
    read or changed it, when, from where. Admins only, like the audit log itself, since it
    shows colleagues' addresses and browsers (DESIGN.md §4 Reports).

    Errors: 403 for anyone but an admin; 404 when the case is not visible."""
    rows, next_cursor = list_events(
        session, staff.organization_id, AuditFilters(case_id=case.id), limit=limit, cursor=cursor
    )
    audit.record(session, staff.ctx, AuditAction.read, "case_access_log", case.id, case_id=case.id)
    return audit_event_page(rows, next_cursor)
