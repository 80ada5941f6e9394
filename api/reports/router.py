from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from api.auth.dependencies import CurrentStaff
from api.cases.models import InterventionModel
from api.core import audit
from api.core.audit import AuditAction
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.core.schemas import IsoDate
from api.reports import service
from api.reports.exports import EXPORTS
from api.reports.schemas import ReportSummary
from api.reports.scope import Scope, Window, scope_for, window_for

router = APIRouter(prefix="/reports", tags=["reports"], route_class=TransactionalRoute)

FROM = Query(
    default=None,
    alias="from",
    description="First day (YYYY-MM-DD) in the practice's time zone; default a year before `to`.",
)
TO = Query(
    default=None,
    alias="to",
    description="Last day (YYYY-MM-DD, inclusive) in the practice's time zone; default today.",
)
LEAD = Query(
    default=None,
    description="Only cases whose lead is this user (an interventionist may name only themselves).",
)
MODEL = Query(default=None, description="Only cases of this intervention model.")


def _filters(scope: Scope, window: Window) -> dict[str, Any]:
    return {
        "from": window.from_date.isoformat(),
        "to": window.to_date.isoformat(),
        "lead_id": str(scope.lead_id) if scope.lead_id else None,
        "model": scope.model,
    }


@router.get(
    "/summary",
    operation_id="get_report_summary",
    summary="Outcome figures over the cases I may see, for a window of days",
    response_model=ReportSummary,
    responses=responses(401, 403, 404, 422),
)
def get_report_summary(
    staff: CurrentStaff,
    session: SessionDep,
    from_date: IsoDate | None = FROM,
    to_date: IsoDate | None = TO,
    lead_id: uuid.UUID | None = LEAD,
    model: InterventionModel | None = MODEL,
) -> ReportSummary:
    """Supervisors and admins see the whole organisation, an interventionist the cases on
    their own team. Each figure carries its numerator and denominator; rates are null when
    there is nothing to divide by. Definitions: docs/reports.md.

    Errors: 422 when `from` is after `to` or the window spans more than 5 years; 403 when
    an interventionist names another lead; 404 when `lead_id` is no user of the organisation."""
    window = window_for(session, staff.organization_id, from_date, to_date)
    scope = scope_for(session, staff, lead_id, model.value if model else None)
    report = service.summary(session, scope, window)
    audit.record(
        session, staff.ctx, AuditAction.read, "report_summary", details=_filters(scope, window)
    )
    return report


CSV_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "UTF-8 CSV with a header row, streamed.",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    },
    **responses(401, 403, 404, 422),
}


def _export(
    kind: str,
    request: Request,
    staff: CurrentStaff,
    session: SessionDep,
    from_date: Any,
    to_date: Any,
    lead_id: uuid.UUID | None,
    model: InterventionModel | None,
) -> StreamingResponse:
    window = window_for(session, staff.organization_id, from_date, to_date)
    scope = scope_for(session, staff, lead_id, model.value if model else None)
    export = EXPORTS[kind](scope, window)
    filename = f"{kind.replace('_', '-')}.csv"
    audit.record(session, staff.ctx, AuditAction.export, filename, details=_filters(scope, window))
    stamp = f"{window.from_date.isoformat()}_{window.to_date.isoformat()}"
    return StreamingResponse(
        export.stream(request.app.state.session_factory, staff.ctx, filename),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": (
                f'attachment; filename="cairn-{kind.replace("_", "-")}-{stamp}.csv"'
            ),
            "Cache-Control": "no-store",
        },
    )


@router.get(
    "/cases.csv",
    operation_id="export_cases_csv",
    summary="The cases a report covers, as CSV",
    response_class=StreamingResponse,
    responses=CSV_RESPONSES,
)
def export_cases_csv(
    request: Request,
    staff: CurrentStaff,
    session: SessionDep,
    from_date: IsoDate | None = FROM,
    to_date: IsoDate | None = TO,
    lead_id: uuid.UUID | None = LEAD,
    model: InterventionModel | None = MODEL,
) -> StreamingResponse:
    """Cases open at some time in the window (opened before its end; not closed, or last
    changed on or after its start). One audit event `export` with the filters."""
    return _export("cases", request, staff, session, from_date, to_date, lead_id, model)


@router.get(
    "/check-ins.csv",
    operation_id="export_check_ins_csv",
    summary="The check-ins submitted in the window, as CSV",
    response_class=StreamingResponse,
    responses=CSV_RESPONSES,
)
def export_check_ins_csv(
    request: Request,
    staff: CurrentStaff,
    session: SessionDep,
    from_date: IsoDate | None = FROM,
    to_date: IsoDate | None = TO,
    lead_id: uuid.UUID | None = LEAD,
    model: InterventionModel | None = MODEL,
) -> StreamingResponse:
    """One audit event `export` with the filters."""
    return _export("check_ins", request, staff, session, from_date, to_date, lead_id, model)


@router.get(
    "/referrals.csv",
    operation_id="export_referrals_csv",
    summary="The referrals created in the window, as CSV",
    response_class=StreamingResponse,
    responses=CSV_RESPONSES,
)
def export_referrals_csv(
    request: Request,
    staff: CurrentStaff,
    session: SessionDep,
    from_date: IsoDate | None = FROM,
    to_date: IsoDate | None = TO,
    lead_id: uuid.UUID | None = LEAD,
    model: InterventionModel | None = MODEL,
) -> StreamingResponse:
    """One audit event `export` with the filters."""
    return _export("referrals", request, staff, session, from_date, to_date, lead_id, model)
