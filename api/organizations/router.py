from __future__ import annotations

from fastapi import APIRouter, Response

from api.auth.dependencies import AdminStaff, CurrentStaff
from api.core.etag import IfMatch, check_if_match, etag_for
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.organizations import service
from api.organizations.schemas import OrganizationRead, OrganizationUpdate

router = APIRouter(prefix="/organization", tags=["organization"], route_class=TransactionalRoute)


@router.get(
    "",
    operation_id="get_organization",
    summary="My practice: its name and time zone",
    response_model=OrganizationRead,
    responses=responses(401),
)
def get_organization(
    staff: CurrentStaff, session: SessionDep, response: Response
) -> OrganizationRead:
    """Any staff member reads their own practice; the ETag guards a later PATCH."""
    organization = service.get_own(session, staff)
    response.headers["ETag"] = etag_for(organization.version)
    return OrganizationRead.model_validate(organization, from_attributes=True)


@router.patch(
    "",
    operation_id="update_organization",
    summary="Rename the practice, set its time zone or require MFA (admin)",
    response_model=OrganizationRead,
    responses=responses(401, 403, 409, 412),
)
def update_organization(
    body: OrganizationUpdate,
    admin: AdminStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> OrganizationRead:
    """A new `time_zone` (IANA; anything else is a 422) applies at once: dates are meant in
    it, and the check-in schedules of cases without a client zone keep their local wall-clock
    time in it. A stale If-Match is a 412; a name another practice uses is a 409."""
    organization = service.get_own(session, admin)
    check_if_match(if_match, organization.version)
    organization = service.update_organization(session, admin, organization, body)
    response.headers["ETag"] = etag_for(organization.version)
    return OrganizationRead.model_validate(organization, from_attributes=True)
