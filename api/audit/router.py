from __future__ import annotations

import uuid

from fastapi import APIRouter

from api.audit.schemas import AuditEventPage, AuditEventRead
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
    actor_id: uuid.UUID | None = None,
    action: AuditAction | None = None,
    since: Timestamp | None = None,
    until: Timestamp | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> AuditEventPage:
    filters = AuditFilters(case_id, actor_id, action, since, until)
    events, next_cursor = list_events(
        session, admin.organization_id, filters, limit=limit, cursor=cursor
    )
    audit.record(session, admin.ctx, AuditAction.read, "audit_log", case_id=case_id)
    return AuditEventPage(
        items=[AuditEventRead.model_validate(e) for e in events], next_cursor=next_cursor
    )
