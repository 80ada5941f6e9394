from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Query

from api.alerts import service
from api.alerts.models import Alert, AlertKind, AlertStatus, Severity
from api.alerts.schemas import Acknowledgement, AlertPage, AlertRead, AlertSummary
from api.auth.dependencies import CurrentStaff
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.sync import service as sync
from api.sync.dependencies import UpdatedSince
from api.sync.models import SyncResource

router = APIRouter(prefix="/alerts", tags=["alerts"], route_class=TransactionalRoute)


@router.get(
    "",
    operation_id="list_alerts",
    summary="Alerts on the cases I may see, newest first",
    response_model=AlertPage,
    responses=responses(401, 410),
)
def list_alerts(
    staff: CurrentStaff,
    session: SessionDep,
    updated_since: UpdatedSince,
    status_filter: AlertStatus | None = Query(default=None, alias="status"),
    case_id: uuid.UUID | None = None,
    severity: Severity | None = None,
    kind: AlertKind | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> AlertPage:
    filters = service.AlertFilters(status_filter, case_id, severity, kind, updated_since)
    alerts, next_cursor = service.list_alerts(session, staff, filters, limit=limit, cursor=cursor)
    return AlertPage(
        items=service.to_reads(session, alerts),
        next_cursor=next_cursor,
        removed_ids=sync.removed_across_cases(
            session, staff, SyncResource.alert, updated_since, rows=Alert
        ),
    )


@router.get(
    "/summary",
    operation_id="get_alert_summary",
    summary="How many alerts are open (and critical) on the cases I may see",
    response_model=AlertSummary,
    responses=responses(401),
)
def get_alert_summary(staff: CurrentStaff, session: SessionDep) -> AlertSummary:
    return service.summary(session, staff)


@router.post(
    "/{alert_id}/acknowledge",
    operation_id="acknowledge_alert",
    summary="Acknowledge an alert, optionally with a note of what was done (the body may be left out)",
    response_model=AlertRead,
    responses=responses(401, 404, 409),
)
def acknowledge_alert(
    alert_id: uuid.UUID,
    staff: CurrentStaff,
    session: SessionDep,
    body: Annotated[Acknowledgement | None, Body()] = None,
) -> AlertRead:
    """No body, `{}` and `{"note": null}` all acknowledge without a note; a body that is
    there must still be an `Acknowledgement` (422 otherwise)."""
    alert = service.load_alert(session, staff, alert_id)
    note = body.note if body is not None else None
    return service.to_reads(session, [service.acknowledge(session, staff, alert, note)])[0]
