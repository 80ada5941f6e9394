"""Admin endpoints for partner API clients (the partner-facing API is api/partner/router.py)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from api.auth.dependencies import AdminStaff
from api.core.problems import responses
from api.core.routing import SessionDep, SettingsDep, TransactionalRoute
from api.partner import clients
from api.partner.schemas import (
    ApiClientCreate,
    ApiClientCredentials,
    ApiClientList,
    ApiClientRead,
    ApiClientUpdate,
)
from api.treatment_centers.service import load_center
from api.webhooks import egress

router = APIRouter(tags=["partner API clients"], route_class=TransactionalRoute)


@router.post(
    "/treatment-centers/{center_id}/api-clients",
    operation_id="create_api_client",
    summary="Give a treatment center API access (admin; secrets are shown once)",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiClientCredentials,
    responses=responses(401, 403, 404),
)
def create_api_client(
    center_id: uuid.UUID,
    body: ApiClientCreate,
    admin: AdminStaff,
    session: SessionDep,
    settings: SettingsDep,
) -> ApiClientCredentials:
    center = load_center(session, admin.organization_id, center_id)
    webhook = str(body.webhook_url) if body.webhook_url else None
    egress.check_url(settings, webhook, "webhook_url")
    return clients.create_client(session, settings, admin, center, webhook)


@router.get(
    "/treatment-centers/{center_id}/api-clients",
    operation_id="list_api_clients",
    summary="A treatment center's API clients (admin; no secrets)",
    response_model=ApiClientList,
    responses=responses(401, 403, 404),
)
def list_api_clients(center_id: uuid.UUID, admin: AdminStaff, session: SessionDep) -> ApiClientList:
    center = load_center(session, admin.organization_id, center_id)
    return ApiClientList(items=[clients.to_read(c) for c in clients.list_clients(session, center)])


@router.patch(
    "/api-clients/{client_id}",
    operation_id="update_api_client",
    summary="Set or change the client's webhook URL (admin)",
    response_model=ApiClientRead,
    responses=responses(401, 403, 404, 409),
)
def update_api_client(
    client_id: uuid.UUID,
    body: ApiClientUpdate,
    admin: AdminStaff,
    session: SessionDep,
    settings: SettingsDep,
) -> ApiClientRead:
    client = clients.load_client(session, admin, client_id)
    webhook = str(body.webhook_url) if body.webhook_url else None
    egress.check_url(settings, webhook, "webhook_url")
    return clients.to_read(clients.set_webhook(session, admin, client, webhook))


@router.delete(
    "/api-clients/{client_id}",
    operation_id="revoke_api_client",
    summary="Revoke an API client at once (admin)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404),
)
def revoke_api_client(client_id: uuid.UUID, admin: AdminStaff, session: SessionDep) -> None:
    clients.revoke(session, admin, clients.load_client(session, admin, client_id))
