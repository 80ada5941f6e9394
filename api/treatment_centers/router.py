from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response, status

from api.auth.dependencies import AdminStaff, CurrentStaff
from api.core import audit
from api.core.audit import AuditAction
from api.core.etag import IfMatch, check_if_match, etag_for
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.interop.geo import parse_near
from api.interop.geo_query import NEAR_DESCRIPTION, NearQuery, WithinKm
from api.interop.listing import OpioidMedication
from api.plans.models import LevelOfCare
from api.treatment_centers import service
from api.treatment_centers.models import Service
from api.treatment_centers.schemas import (
    TreatmentCenterCreate,
    TreatmentCenterPage,
    TreatmentCenterRead,
    TreatmentCenterUpdate,
)

router = APIRouter(
    prefix="/treatment-centers", tags=["treatment centers"], route_class=TransactionalRoute
)


@router.get(
    "",
    operation_id="list_treatment_centers",
    summary="The organization's treatment center directory, by name; or nearest first with near",
    description=NEAR_DESCRIPTION,
    response_model=TreatmentCenterPage,
    responses=responses(401, 422),
)
def list_treatment_centers(
    staff: CurrentStaff,
    session: SessionDep,
    level_of_care: LevelOfCare | None = None,
    service_filter: Service | None = Query(default=None, alias="service"),
    has_beds: bool | None = None,
    q: str | None = Query(default=None, max_length=200, description="Name or city contains"),
    opioid_medication: OpioidMedication | None = Query(
        default=None, description="Offers this medication for opioid use disorder"
    ),
    near: NearQuery = None,
    within_km: WithinKm = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> TreatmentCenterPage:
    where = parse_near(near, within_km)
    filters = service.CenterFilters(level_of_care, service_filter, has_beds, q, opioid_medication)
    centers, next_cursor, distances = service.list_centers(
        session, staff, filters, limit=limit, cursor=cursor, near=where
    )
    return TreatmentCenterPage(
        items=service.to_reads(session, centers, distances), next_cursor=next_cursor
    )


@router.post(
    "",
    operation_id="create_treatment_center",
    summary="Add a treatment center to the directory (admin)",
    status_code=status.HTTP_201_CREATED,
    response_model=TreatmentCenterRead,
    responses=responses(401, 403, 409),
)
def create_treatment_center(
    body: TreatmentCenterCreate, admin: AdminStaff, session: SessionDep, response: Response
) -> TreatmentCenterRead:
    center = service.add_center(session, admin, body)
    response.headers["ETag"] = etag_for(center.version)
    response.headers["Location"] = f"/api/v1/treatment-centers/{center.id}"
    return service.to_reads(session, [center])[0]


@router.get(
    "/{center_id}",
    operation_id="get_treatment_center",
    summary="One treatment center",
    response_model=TreatmentCenterRead,
    responses=responses(401, 404),
)
def get_treatment_center(
    center_id: uuid.UUID, staff: CurrentStaff, session: SessionDep, response: Response
) -> TreatmentCenterRead:
    center = service.load_center(session, staff.organization_id, center_id)
    audit.record(session, staff.ctx, AuditAction.read, "treatment_center", center.id)
    response.headers["ETag"] = etag_for(center.version)
    return service.to_reads(session, [center])[0]


@router.patch(
    "/{center_id}",
    operation_id="update_treatment_center",
    summary="Change a treatment center (admin; honours If-Match)",
    response_model=TreatmentCenterRead,
    responses=responses(401, 403, 404, 409, 412),
)
def update_treatment_center(
    center_id: uuid.UUID,
    body: TreatmentCenterUpdate,
    admin: AdminStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> TreatmentCenterRead:
    center = service.load_center(session, admin.organization_id, center_id)
    check_if_match(if_match, center.version)
    center = service.update_center(session, admin, center, body)
    response.headers["ETag"] = etag_for(center.version)
    return service.to_reads(session, [center])[0]
