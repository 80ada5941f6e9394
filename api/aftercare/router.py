from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from api.aftercare import escalation, follow_ups, portal, service
from api.aftercare.models import AftercareFollowUp
from api.aftercare.schemas import (
    AftercareRead,
    AftercareRevisionPage,
    AftercareUpdate,
    Escalation,
    EscalationResult,
    FollowUpRead,
    FollowUpUpdate,
    PortalAftercare,
)
from api.auth.dependencies import CurrentPortal, CurrentStaff
from api.cases.dependencies import VisibleCase
from api.cases.service import load_in_case
from api.core import audit
from api.core.audit import AuditAction
from api.core.etag import IfMatch, check_if_match, etag_for
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute

router = APIRouter(tags=["aftercare"], route_class=TransactionalRoute)


@router.get(
    "/cases/{case_id}/aftercare",
    operation_id="get_aftercare_plan",
    summary="The case's aftercare plan with its follow-ups, or null while the case has none",
    response_model=AftercareRead | None,
    responses=responses(401, 404),
)
def get_aftercare_plan(
    case: VisibleCase, staff: CurrentStaff, session: SessionDep, response: Response
) -> AftercareRead | None:
    # No plan yet is the expected state before aftercare, not an error: 200 with null, as
    # the intervention plan (404 stays for a case the caller cannot see).
    plan = service.find_plan(session, case)
    if plan is None:
        return None
    response.headers["ETag"] = etag_for(plan.version)
    return service.read_plan(session, staff, case, plan)


@router.put(
    "/cases/{case_id}/aftercare",
    operation_id="put_aftercare_plan",
    summary="Save the aftercare plan (creates it when there is none; If-Match required after)",
    response_model=AftercareRead,
    responses=responses(401, 404, 412, 428),
)
def put_aftercare_plan(
    body: AftercareUpdate,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> AftercareRead:
    """Replaces every section the body names (a section left out is emptied); `follow_ups`,
    when sent, become the plan's follow-ups (by id; new ones without). Without a plan, this
    creates it (200 with the plan either way); a second PUT without If-Match then answers
    428, so a retried first save never overwrites a colleague's work."""
    plan = service.find_plan(session, case)
    if plan is not None:
        check_if_match(if_match, plan.version, required=True)
    plan, _created = service.save_plan(session, staff, case, plan, body)
    response.headers["ETag"] = etag_for(plan.version)
    return service.to_read(session, plan)


@router.get(
    "/cases/{case_id}/aftercare/revisions",
    operation_id="list_aftercare_revisions",
    summary="Every saved version of the aftercare plan, newest first: who, when, a snapshot",
    response_model=AftercareRevisionPage,
    responses=responses(401, 404),
)
def list_aftercare_revisions(
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> AftercareRevisionPage:
    plan = service.load_plan(session, case)
    revisions, next_cursor = service.list_revisions(
        session, staff, case, plan, limit=limit, cursor=cursor
    )
    return AftercareRevisionPage(items=revisions, next_cursor=next_cursor)


@router.patch(
    "/follow-ups/{follow_up_id}",
    operation_id="update_follow_up",
    summary="Mark an aftercare follow-up done or missed (with its outcome), move or reassign it",
    response_model=FollowUpRead,
    responses=responses(401, 404, 412),
)
def update_follow_up(
    follow_up_id: uuid.UUID,
    body: FollowUpUpdate,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> FollowUpRead:
    """`If-Match` here is the aftercare plan's ETag (optional): the follow-ups are part of
    the plan, and a change to one moves the plan's version (answered in `ETag`)."""
    follow_up, case = load_in_case(session, staff, AftercareFollowUp, follow_up_id, "follow-up")
    plan = service.load_plan(session, case)
    check_if_match(if_match, plan.version)
    if follow_ups.update(session, staff, case, follow_up, body):
        service.touch(session, staff, plan, f"follow-up {follow_up.status}")
    response.headers["ETag"] = etag_for(plan.version)
    return follow_ups.to_reads(session, [follow_up])[0]


@router.post(
    "/cases/{case_id}/aftercare/escalate",
    operation_id="escalate_aftercare",
    summary="Carry out the escalation agreement: back to treatment, with a draft referral",
    response_model=EscalationResult,
    status_code=201,
    responses=responses(401, 404, 409),
)
def escalate_aftercare(
    body: Escalation,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> EscalationResult:
    """Moves the case `aftercare → in_treatment` (the reason on the timeline) and creates a
    **draft** referral at the agreed level of care and center; sending it still needs an
    active consent naming the center (one is attached if the case has it). 409 names what the
    escalation agreement is missing. Accepts `Idempotency-Key`."""
    plan, referral, consent_attached = escalation.escalate(session, staff, case, body.reason)
    response.headers["ETag"] = etag_for(plan.version)
    response.headers["Location"] = f"/api/v1/referrals/{referral.id}"
    return EscalationResult(
        case_id=case.id,
        case_status=case.status,
        referral_id=referral.id,
        referral_status=referral.status,
        consent_attached=consent_attached,
    )


@router.get(
    "/portal/aftercare",
    operation_id="get_portal_aftercare",
    summary="My own part of the aftercare plan, or null until it is started",
    response_model=PortalAftercare | None,
    responses=responses(401, 403),
    tags=["portal"],
)
def get_portal_aftercare(principal: CurrentPortal, session: SessionDep) -> PortalAftercare | None:
    """The client: coping strategies, warning signs, emergency contacts, the resources chosen
    for them with their next meetings, the next follow-up. A family member: their own
    commitment and resources. Null until the plan exists."""
    audit.record(
        session,
        principal.ctx,
        AuditAction.read,
        "portal_aftercare",
        principal.id,
        case_id=principal.account.case_id,
    )
    return portal.portal_aftercare(
        session,
        principal.organization_id,
        principal.account.case_id,
        principal.account.participant_id,
    )
