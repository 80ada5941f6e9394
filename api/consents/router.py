from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from api.auth.dependencies import CurrentStaff
from api.cases.dependencies import VisibleCase
from api.consents import service
from api.consents.schemas import ConsentCreate, ConsentPage, ConsentRead, Revocation
from api.core import audit
from api.core.audit import AuditAction
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute

router = APIRouter(tags=["consents"], route_class=TransactionalRoute)


@router.get(
    "/cases/{case_id}/consents",
    operation_id="list_consents",
    summary="The case's consents to disclose, newest first",
    response_model=ConsentPage,
    responses=responses(401, 404),
)
def list_consents(
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ConsentPage:
    consents, next_cursor = service.list_consents(session, case, limit=limit, cursor=cursor)
    audit.record(session, staff.ctx, AuditAction.read, "consents", case.id, case_id=case.id)
    return ConsentPage(items=service.to_reads(consents), next_cursor=next_cursor)


@router.post(
    "/cases/{case_id}/consents",
    operation_id="create_consent",
    summary="Record a signed consent (42 CFR Part 2 elements); it cannot be changed afterwards",
    status_code=status.HTTP_201_CREATED,
    response_model=ConsentRead,
    responses=responses(401, 404, 409),
)
def create_consent(
    body: ConsentCreate,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> ConsentRead:
    consent = service.record_consent(session, staff, case, body)
    response.headers["Location"] = f"/api/v1/consents/{consent.id}"
    return service.to_reads([consent])[0]


@router.get(
    "/consents/{consent_id}",
    operation_id="get_consent",
    summary="One consent, with its current status",
    response_model=ConsentRead,
    responses=responses(401, 404),
)
def get_consent(consent_id: uuid.UUID, staff: CurrentStaff, session: SessionDep) -> ConsentRead:
    consent = service.load_consent(session, staff, consent_id)
    audit.record(
        session, staff.ctx, AuditAction.read, "consent", consent.id, case_id=consent.case_id
    )
    return service.to_reads([consent])[0]


@router.post(
    "/consents/{consent_id}/revoke",
    operation_id="revoke_consent",
    summary="Revoke a consent: nothing more is disclosed under it",
    response_model=ConsentRead,
    responses=responses(401, 404, 409),
)
def revoke_consent(
    consent_id: uuid.UUID, body: Revocation, staff: CurrentStaff, session: SessionDep
) -> ConsentRead:
    consent = service.load_consent(session, staff, consent_id)
    return service.to_reads([service.revoke(session, staff, consent, body.note)])[0]
