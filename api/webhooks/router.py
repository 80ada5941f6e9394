from __future__ import annotations

from fastapi import APIRouter, Query, status
from sqlalchemy import delete, select
from sqlmodel import col

from api.auth.dependencies import AdminStaff
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.pagination import Cursor, Limit, keyset_page, split_page
from api.core.problems import responses
from api.core.routing import SessionDep, SettingsDep, TransactionalRoute
from api.core.security import new_secret, seal
from api.webhooks import egress
from api.webhooks.models import DeliveryStatus, OrganizationWebhook, WebhookDelivery
from api.webhooks.outbox import endpoint_of
from api.webhooks.schemas import (
    DeliveryPage,
    DeliveryRead,
    EndpointRead,
    EndpointSet,
    EndpointWithSecret,
)

router = APIRouter(tags=["webhooks"], route_class=TransactionalRoute)


@router.put(
    "/webhook-endpoint",
    operation_id="set_webhook_endpoint",
    summary="Set the organization's endpoint for referral.status_changed and alert.created (admin)",
    response_model=EndpointWithSecret,
    responses=responses(401, 403),
)
def set_webhook_endpoint(
    body: EndpointSet, admin: AdminStaff, session: SessionDep, settings: SettingsDep
) -> EndpointWithSecret:
    egress.check_url(settings, str(body.url), "url")
    secret = new_secret(32)
    endpoint = endpoint_of(session, admin.organization_id)
    if endpoint is None:
        endpoint = OrganizationWebhook(
            organization_id=admin.organization_id,
            url=str(body.url),
            secret_sealed="",
            created_at=clock.now(),
        )
        session.add(endpoint)
    endpoint.url, endpoint.secret_sealed = str(body.url), seal(settings, secret)
    session.flush()
    audit.record(session, admin.ctx, AuditAction.update, "organization_webhook", endpoint.id)
    return EndpointWithSecret(url=endpoint.url, created_at=endpoint.created_at, secret=secret)


@router.get(
    "/webhook-endpoint",
    operation_id="get_webhook_endpoint",
    summary="The organization's webhook endpoint, or null when none is set (admin)",
    response_model=EndpointRead | None,
    responses=responses(401, 403),
)
def get_webhook_endpoint(admin: AdminStaff, session: SessionDep) -> EndpointRead | None:
    endpoint = endpoint_of(session, admin.organization_id)
    if endpoint is None:
        return None
    return EndpointRead(url=endpoint.url, created_at=endpoint.created_at)


@router.delete(
    "/webhook-endpoint",
    operation_id="delete_webhook_endpoint",
    summary="Stop sending events to the organization's endpoint (admin)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403),
)
def delete_webhook_endpoint(admin: AdminStaff, session: SessionDep) -> None:
    session.execute(
        delete(OrganizationWebhook).where(
            col(OrganizationWebhook.organization_id) == admin.organization_id
        )
    )
    audit.record(session, admin.ctx, AuditAction.delete, "organization_webhook")


@router.get(
    "/webhook-deliveries",
    operation_id="list_webhook_deliveries",
    summary="Webhook deliveries and their attempts, newest first (admin)",
    response_model=DeliveryPage,
    responses=responses(401, 403),
)
def list_webhook_deliveries(
    admin: AdminStaff,
    session: SessionDep,
    status_filter: DeliveryStatus | None = Query(default=None, alias="status"),
    event_type: str | None = Query(default=None, max_length=60),
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DeliveryPage:
    statement = select(WebhookDelivery).where(
        col(WebhookDelivery.organization_id) == admin.organization_id
    )
    if status_filter is not None:
        statement = statement.where(col(WebhookDelivery.status) == status_filter.value)
    if event_type:
        statement = statement.where(col(WebhookDelivery.event_type) == event_type)
    statement = keyset_page(
        statement,
        [col(WebhookDelivery.created_at), col(WebhookDelivery.id)],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    rows, next_cursor = split_page(
        session.scalars(statement).all(), limit, lambda d: (d.created_at, d.id)
    )
    return DeliveryPage(
        items=[
            DeliveryRead.model_validate(
                {**d.model_dump(), "target": "partner" if d.api_client_id else "organization"}
            )
            for d in rows
        ],
        next_cursor=next_cursor,
    )
