"""Announcing events: outbox rows written in the caller's transaction.

Bodies carry the event type, ids and time, never clinical data; receivers fetch
details through the API.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.core import clock
from api.partner.models import PartnerApiClient
from api.webhooks.models import OrganizationWebhook, WebhookDelivery


def _payload(event_type: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "type": event_type,
        "created_at": clock.now().isoformat(),
        "data": data,
    }


def announce_to_center(
    session: Session,
    organization_id: uuid.UUID,
    center_id: uuid.UUID,
    event_type: str,
    data: dict[str, Any],
) -> None:
    """To every active API client of the center that has a webhook URL."""
    clients = session.scalars(
        select(PartnerApiClient).where(
            col(PartnerApiClient.treatment_center_id) == center_id,
            col(PartnerApiClient.revoked_at).is_(None),
            col(PartnerApiClient.webhook_url).is_not(None),
        )
    ).all()
    now = clock.now()
    for client in clients:
        assert client.webhook_url is not None
        session.add(
            WebhookDelivery(
                organization_id=organization_id,
                api_client_id=client.id,
                url=client.webhook_url,
                event_type=event_type,
                payload=_payload(event_type, data),
                next_attempt_at=now,
                created_at=now,
            )
        )


def endpoint_of(session: Session, organization_id: uuid.UUID) -> OrganizationWebhook | None:
    """The organization's own webhook endpoint, if it registered one."""
    return session.scalar(
        select(OrganizationWebhook).where(
            col(OrganizationWebhook.organization_id) == organization_id
        )
    )


def announce_to_organization(
    session: Session, organization_id: uuid.UUID, event_type: str, data: dict[str, Any]
) -> None:
    """To the organization's own endpoint, when it registered one."""
    endpoint = endpoint_of(session, organization_id)
    if endpoint is None:
        return
    now = clock.now()
    session.add(
        WebhookDelivery(
            organization_id=organization_id,
            organization_webhook_id=endpoint.id,
            url=endpoint.url,
            event_type=event_type,
            payload=_payload(event_type, data),
            next_attempt_at=now,
            created_at=now,
        )
    )
