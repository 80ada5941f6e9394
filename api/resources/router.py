"""HTTP of the resource directory: `/resources` (staff read; supervisors and admins write)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from api.auth.dependencies import CurrentStaff, Staff, require_role
from api.core import audit
from api.core.audit import AuditAction
from api.core.etag import IfMatch, check_if_match, etag_for
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.interop.geo import parse_near
from api.interop.geo_query import NEAR_DESCRIPTION, NearQuery, WithinKm
from api.resources import service
from api.resources.models import Audience, DayOfWeek, ResourceFormat, ResourceKind
from api.resources.schemas import ResourceCreate, ResourcePage, ResourceRead, ResourceUpdate
from api.users.models import Role

DirectoryEditor = Annotated[Staff, Depends(require_role(Role.supervisor, Role.admin))]
"""Supervisors and admins keep the directory; everyone else gets 403."""

router = APIRouter(prefix="/resources", tags=["resources"], route_class=TransactionalRoute)


@router.get(
    "",
    operation_id="list_resources",
    summary="The practice's directory of continued support, by name; or nearest first with near",
    description=NEAR_DESCRIPTION,
    response_model=ResourcePage,
    responses=responses(401, 422),
)
def list_resources(
    staff: CurrentStaff,
    session: SessionDep,
    kind: ResourceKind | None = None,
    audience: Audience | None = Query(
        default=None, description="`client` or `family` also list resources for `both`."
    ),
    format: ResourceFormat | None = None,
    day_of_week: DayOfWeek | None = Query(default=None, description="Meets on this day"),
    is_active: bool | None = None,
    q: str | None = Query(
        default=None, max_length=200, description="Name, fellowship or city contains"
    ),
    near: NearQuery = None,
    within_km: WithinKm = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ResourcePage:
    where = parse_near(near, within_km)
    filters = service.ResourceFilters(kind, audience, format, day_of_week, is_active, q)
    resources, next_cursor, distances = service.list_resources(
        session, staff, filters, limit=limit, cursor=cursor, near=where
    )
    return ResourcePage(items=service.to_reads(resources, distances), next_cursor=next_cursor)


@router.post(
    "",
    operation_id="create_resource",
    summary="Add a resource to the directory (supervisor or admin; honours Idempotency-Key)",
    status_code=status.HTTP_201_CREATED,
    response_model=ResourceRead,
    responses=responses(401, 403, 409),
)
def create_resource(
    body: ResourceCreate, editor: DirectoryEditor, session: SessionDep, response: Response
) -> ResourceRead:
    resource = service.add_resource(session, editor, body)
    response.headers["ETag"] = etag_for(resource.version)
    response.headers["Location"] = f"/api/v1/resources/{resource.id}"
    return service.to_read(resource)


@router.get(
    "/{resource_id}",
    operation_id="get_resource",
    summary="One resource",
    response_model=ResourceRead,
    responses=responses(401, 404),
)
def get_resource(
    resource_id: uuid.UUID, staff: CurrentStaff, session: SessionDep, response: Response
) -> ResourceRead:
    resource = service.load_resource(session, staff.organization_id, resource_id)
    audit.record(session, staff.ctx, AuditAction.read, "resource", resource.id)
    response.headers["ETag"] = etag_for(resource.version)
    return service.to_read(resource)


@router.patch(
    "/{resource_id}",
    operation_id="update_resource",
    summary="Change a resource, or deactivate it with is_active=false (supervisor or admin; "
    "honours If-Match)",
    response_model=ResourceRead,
    responses=responses(401, 403, 404, 409, 412),
)
def update_resource(
    resource_id: uuid.UUID,
    body: ResourceUpdate,
    editor: DirectoryEditor,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> ResourceRead:
    resource = service.load_resource(session, editor.organization_id, resource_id)
    check_if_match(if_match, resource.version)
    resource = service.update_resource(session, editor, resource, body)
    response.headers["ETag"] = etag_for(resource.version)
    return service.to_read(resource)


@router.delete(
    "/{resource_id}",
    operation_id="delete_resource",
    summary="Delete a resource nothing uses (supervisor or admin; 409 when an aftercare plan "
    "uses it: deactivate it instead)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404, 409, 412),
)
def delete_resource(
    resource_id: uuid.UUID,
    editor: DirectoryEditor,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    resource = service.load_resource(session, editor.organization_id, resource_id)
    check_if_match(if_match, resource.version)
    service.delete_resource(session, editor, resource)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
