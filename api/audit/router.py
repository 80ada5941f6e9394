from __future__ import annotations

import uuid

from fastapi import APIRouter, Query

from api.audit.schemas import AuditEventPage, audit_event_page
from api.audit.service import AuditFilters, list_events
from api.auth.dependencies import AdminStaff
from api.core import audit
from api.core.audit import AuditAction
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.core.schemas import Timestamp

router = APIRouter(tags=["audit"], route_class=TransactionalRoute)


@router.get(
    "/audit-events",
    operation_id="list_audit_events",
    summary="The organization's audit log, newest first (admin)",
    response_model=AuditEventPage,
    responses=responses(400, 401, 403),
)
def list_audit_events(
    admin: AdminStaff,
    session: SessionDep,
    case_id: uuid.UUID | None = None,
    case_reference: str | None = Query(
        default=None,
        min_length=1,
        max_length=20,
        description=(
            "Only events of the case with this reference (as `C-2026-0027`), matched exactly "
            "within the organization. An unknown reference matches nothing: an empty page, "
            "not an error, as for an unknown case id."
        ),
        examples=["C-2026-0027"],
    ),
    actor_id: uuid.UUID | None = None,
    action: AuditAction | None = None,
    since: Timestamp | None = None,
    until: Timestamp | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> AuditEventPage:
    filters = AuditFilters(case_id, case_reference, actor_id, action, since, until)
    rows, next_cursor = list_events(
        session, admin.organization_id, filters, limit=limit, cursor=cursor
    )
    details = {"case_reference": case_reference} if case_reference is not None else None
    audit.record(
        session, admin.ctx, AuditAction.read, "audit_log", case_id=case_id, details=details
    )
    return audit_event_page(rows, next_cursor)
