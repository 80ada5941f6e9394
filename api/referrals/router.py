from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status
from sqlalchemy.orm import Session

from api.auth.dependencies import CurrentStaff
from api.cases.dependencies import VisibleCase
from api.cases.models import Case
from api.core import audit
from api.core.audit import AuditAction
from api.core.etag import IfMatch, check_if_match, etag_for
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.referrals import service
from api.referrals.models import Referral, ReferralStatus
from api.referrals.schemas import (
    Cancellation,
    ReferralCreate,
    ReferralPage,
    ReferralRead,
    ReferralUpdate,
    StatusReport,
)

router = APIRouter(tags=["referrals"], route_class=TransactionalRoute)


def referral_to_change(
    referral_id: uuid.UUID, staff: CurrentStaff, session: SessionDep, if_match: IfMatch = None
) -> tuple[Referral, Case]:
    """The referral a write is about, loaded through its case, with If-Match checked."""
    referral, case = service.load_referral(session, staff, referral_id)
    check_if_match(if_match, referral.version)
    return referral, case


ReferralToChange = Annotated[tuple[Referral, Case], Depends(referral_to_change)]


def _answer(session: Session, response: Response, referral: Referral) -> ReferralRead:
    """The referral as written, with its new ETag."""
    response.headers["ETag"] = etag_for(referral.version)
    return service.to_reads(session, [referral])[0]


@router.get(
    "/cases/{case_id}/referrals",
    operation_id="list_case_referrals",
    summary="The case's referrals, most recently updated first",
    response_model=ReferralPage,
    responses=responses(401, 404),
)
def list_case_referrals(
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ReferralPage:
    filters = service.ReferralFilters(case_id=case.id)
    referrals, next_cursor = service.list_referrals(
        session, staff, filters, limit=limit, cursor=cursor
    )
    return ReferralPage(items=service.to_reads(session, referrals), next_cursor=next_cursor)


@router.post(
    "/cases/{case_id}/referrals",
    operation_id="create_referral",
    summary="Draft a referral under a consent that names the center",
    status_code=status.HTTP_201_CREATED,
    response_model=ReferralRead,
    responses=responses(401, 404, 409),
)
def create_referral(
    body: ReferralCreate,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> ReferralRead:
    referral = service.create_referral(session, staff, case, body)
    response.headers["Location"] = f"/api/v1/referrals/{referral.id}"
    return _answer(session, response, referral)


@router.get(
    "/referrals",
    operation_id="list_referrals",
    summary="Referrals on the cases I may see (the referral board)",
    response_model=ReferralPage,
    responses=responses(401),
)
def list_referrals(
    staff: CurrentStaff,
    session: SessionDep,
    status_filter: ReferralStatus | None = Query(default=None, alias="status"),
    treatment_center_id: uuid.UUID | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ReferralPage:
    filters = service.ReferralFilters(status=status_filter, treatment_center_id=treatment_center_id)
    referrals, next_cursor = service.list_referrals(
        session, staff, filters, limit=limit, cursor=cursor
    )
    return ReferralPage(items=service.to_reads(session, referrals), next_cursor=next_cursor)


@router.get(
    "/referrals/{referral_id}",
    operation_id="get_referral",
    summary="One referral with its history",
    response_model=ReferralRead,
    responses=responses(401, 404),
)
def get_referral(
    referral_id: uuid.UUID, staff: CurrentStaff, session: SessionDep, response: Response
) -> ReferralRead:
    referral, case = service.load_referral(session, staff, referral_id)
    audit.record(session, staff.ctx, AuditAction.read, "referral", referral.id, case_id=case.id)
    return _answer(session, response, referral)


@router.patch(
    "/referrals/{referral_id}",
    operation_id="update_referral",
    summary="Change a draft referral (honours If-Match)",
    response_model=ReferralRead,
    responses=responses(401, 404, 409, 412),
)
def update_referral(
    target: ReferralToChange,
    body: ReferralUpdate,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> ReferralRead:
    referral, case = target
    return _answer(session, response, service.update_draft(session, staff, case, referral, body))


@router.post(
    "/referrals/{referral_id}/send",
    operation_id="send_referral",
    summary="Send the referral to the center (the consent must still be active)",
    response_model=ReferralRead,
    responses=responses(401, 404, 409, 412),
)
def send_referral(
    target: ReferralToChange,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> ReferralRead:
    referral, case = target
    return _answer(session, response, service.send(session, staff, case, referral))


@router.post(
    "/referrals/{referral_id}/cancel",
    operation_id="cancel_referral",
    summary="Cancel the referral",
    response_model=ReferralRead,
    responses=responses(401, 404, 409, 412),
)
def cancel_referral(
    target: ReferralToChange,
    body: Cancellation,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> ReferralRead:
    referral, case = target
    return _answer(session, response, service.cancel(session, staff, case, referral, body.reason))


@router.post(
    "/referrals/{referral_id}/status",
    operation_id="record_referral_status",
    summary="Record a status update from a center that is not a partner",
    response_model=ReferralRead,
    responses=responses(401, 404, 409, 412),
)
def record_referral_status(
    target: ReferralToChange,
    body: StatusReport,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> ReferralRead:
    referral, case = target
    return _answer(session, response, service.record_update(session, staff, case, referral, body))
