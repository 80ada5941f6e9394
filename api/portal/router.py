from __future__ import annotations

from fastapi import APIRouter, Request, status

from api.auth.dependencies import CurrentPortal, CurrentStaff, request_audit_context
from api.auth.schemas import TokenPair
from api.cases.dependencies import VisibleCase
from api.checkins.service import submit_check_in
from api.core import audit
from api.core.audit import AuditAction
from api.core.problems import responses
from api.core.routing import SessionDep, SettingsDep, TransactionalRoute
from api.portal import service
from api.portal.resources import resources_for
from api.portal.schemas import (
    AcceptInvitation,
    CheckInDue,
    InvitationCode,
    InvitationCreate,
    InvitationPreview,
    InvitationRead,
    PortalCheckIn,
    PortalCheckInReceipt,
    PortalGoals,
    PortalMe,
    PortalPlan,
    PortalResources,
)
from api.sync.dependencies import UpdatedSince

router = APIRouter(route_class=TransactionalRoute)


@router.post(
    "/cases/{case_id}/invitations",
    operation_id="create_invitation",
    summary="Invite the client or a participant to the portal (the code is shown once)",
    status_code=status.HTTP_201_CREATED,
    response_model=InvitationRead,
    responses=responses(401, 404, 409),
    tags=["portal"],
)
def create_invitation(
    body: InvitationCreate, case: VisibleCase, staff: CurrentStaff, session: SessionDep
) -> InvitationRead:
    return service.invite(session, staff, case, body.respondent)


@router.post(
    "/auth/accept-invite",
    operation_id="accept_invitation",
    summary="Set a password with an invitation code; returns portal tokens",
    response_model=TokenPair,
    responses=responses(401, 429),
    tags=["auth"],
)
def accept_invitation(
    request: Request, body: AcceptInvitation, session: SessionDep, settings: SettingsDep
) -> TokenPair:
    ctx = request_audit_context(request, "anonymous", None, None)
    return service.accept(session, settings, ctx, body.code, body.password)


@router.post(
    "/auth/invitation-preview",
    operation_id="preview_invitation",
    summary="Who an invitation code is for, before a password is set (the code is not used up)",
    response_model=InvitationPreview,
    responses=responses(401, 429),
    tags=["auth"],
)
def preview_invitation(
    request: Request, body: InvitationCode, session: SessionDep, settings: SettingsDep
) -> InvitationPreview:
    ctx = request_audit_context(request, "anonymous", None, None)
    return service.preview(session, settings, ctx, body.code)


@router.get(
    "/portal/me",
    operation_id="get_portal_me",
    summary="Who I am in the portal",
    response_model=PortalMe,
    responses=responses(401, 403),
    tags=["portal"],
)
def get_portal_me(portal: CurrentPortal, session: SessionDep) -> PortalMe:
    return service.me(session, portal)


@router.get(
    "/portal/check-ins/due",
    operation_id="get_portal_check_in_due",
    summary="When my next check-in is due",
    response_model=CheckInDue,
    responses=responses(401, 403),
    tags=["portal"],
)
def get_portal_check_in_due(portal: CurrentPortal, session: SessionDep) -> CheckInDue:
    return service.due(session, portal)


@router.post(
    "/portal/check-ins",
    operation_id="create_portal_check_in",
    summary="Send my check-in (send an Idempotency-Key: a retry never creates a second one)",
    status_code=status.HTTP_201_CREATED,
    response_model=PortalCheckInReceipt,
    responses=responses(401, 403, 409),
    tags=["portal"],
)
def create_portal_check_in(
    body: PortalCheckIn, portal: CurrentPortal, session: SessionDep
) -> PortalCheckInReceipt:
    case = service.case_of(session, portal)
    service.check_own_goals(session, portal, body)
    check_in = submit_check_in(session, portal.ctx, case, portal.account.participant_id, body)
    schedule_due = service.due(session, portal).next_due_at
    return PortalCheckInReceipt(
        id=check_in.id, submitted_at=check_in.submitted_at, next_due_at=schedule_due
    )


@router.get(
    "/portal/goals",
    operation_id="list_portal_goals",
    summary="My goals and their progress",
    response_model=PortalGoals,
    responses=responses(401, 403, 410),
    tags=["portal"],
)
def list_portal_goals(
    portal: CurrentPortal, session: SessionDep, updated_since: UpdatedSince
) -> PortalGoals:
    audit.record(
        session,
        portal.ctx,
        AuditAction.read,
        "portal_goals",
        portal.id,
        case_id=portal.account.case_id,
    )
    return PortalGoals(
        items=service.goals(session, portal, updated_since=updated_since),
        removed_ids=service.goals_removed(session, portal, updated_since),
    )


@router.get(
    "/portal/plan",
    operation_id="get_portal_plan",
    summary="The logistics of the intervention and my own part in it, or null when there is none",
    response_model=PortalPlan | None,
    responses=responses(401, 403),
    tags=["portal"],
)
def get_portal_plan(portal: CurrentPortal, session: SessionDep) -> PortalPlan | None:
    audit.record(
        session,
        portal.ctx,
        AuditAction.read,
        "portal_plan",
        portal.id,
        case_id=portal.account.case_id,
    )
    return service.plan(session, portal)


@router.get(
    "/portal/resources",
    operation_id="list_portal_resources",
    summary="Support for me: my practice's directory (chosen ones first), then national lines",
    response_model=PortalResources,
    responses=responses(401, 403),
    tags=["portal"],
)
def list_portal_resources(portal: CurrentPortal, session: SessionDep) -> PortalResources:
    audit.record(
        session,
        portal.ctx,
        AuditAction.read,
        "portal_resources",
        portal.id,
        case_id=portal.account.case_id,
    )
    return PortalResources(items=resources_for(session, portal))
