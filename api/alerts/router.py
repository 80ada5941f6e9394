from __future__ import annotations

import uuid

from fastapi import APIRouter, Query

from api.alerts import service
from api.alerts.models import AlertKind, AlertStatus, Severity
from api.alerts.schemas import Acknowledgement, AlertPage, AlertRead, AlertSummary
from api.auth.dependencies import CurrentStaff
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute

router = APIRouter(prefix="/alerts", tags=["alerts"], route_class=TransactionalRoute)


@router.get(
    "",
    operation_id="list_alerts",
    summary="Alerts on the cases I may see, newest first",
    response_model=AlertPage,
    responses=responses(401),
)
def list_alerts(
    staff: CurrentStaff,
    session: SessionDep,
    status_filter: AlertStatus | None = Query(default=None, alias="status"),
    case_id: uuid.UUID | None = None,
    severity: Severity | None = None,
    kind: AlertKind | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> AlertPage:
    filters = service.AlertFilters(status_filter, case_id, severity, kind)
    alerts, next_cursor = service.list_alerts(session, staff, filters, limit=limit, cursor=cursor)
    return AlertPage(items=service.to_reads(session, alerts), next_cursor=next_cursor)


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
    summary="Acknowledge an alert, with a note of what was done",
    response_model=AlertRead,
    responses=responses(401, 404, 409),
)
def acknowledge_alert(
    alert_id: uuid.UUID, body: Acknowledgement, staff: CurrentStaff, session: SessionDep
) -> AlertRead:
    alert = service.load_alert(session, staff, alert_id)
    return service.to_reads(session, [service.acknowledge(session, staff, alert, body.note)])[0]
