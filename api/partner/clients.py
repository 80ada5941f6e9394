"""Partner API clients: created and revoked by admins, used with the client-credentials grant."""

from __future__ import annotations

import secrets
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.config import Settings
from api.core.problems import Conflict, NotFound
from api.core.security import digest, new_secret, seal
from api.partner.models import PartnerApiClient
from api.partner.schemas import ApiClientCredentials, ApiClientRead
from api.treatment_centers.models import TreatmentCenter


def create_client(
    session: Session,
    settings: Settings,
    admin: Staff,
    center: TreatmentCenter,
    webhook_url: str | None,
) -> ApiClientCredentials:
    client_secret, webhook_secret = new_secret(32), new_secret(32)
    client = PartnerApiClient(
        organization_id=admin.organization_id,
        treatment_center_id=center.id,
        client_id=f"tc_{secrets.token_hex(12)}",
        secret_hash=digest(client_secret),
        webhook_url=webhook_url,
        webhook_secret_sealed=seal(settings, webhook_secret),
        created_by_id=admin.id,
        created_at=clock.now(),
    )
    session.add(client)
    session.flush()
    audit.record(session, admin.ctx, AuditAction.create, "partner_api_client", client.id)
    return ApiClientCredentials(
        **to_read(client).model_dump(), client_secret=client_secret, webhook_secret=webhook_secret
    )


def load_client(session: Session, admin: Staff, client_id: uuid.UUID) -> PartnerApiClient:
    client = session.get(PartnerApiClient, client_id)
    if client is None or client.organization_id != admin.organization_id:
        raise NotFound("No API client with that id in your organization.")
    return client


def list_clients(session: Session, center: TreatmentCenter) -> list[PartnerApiClient]:
    return list(
        session.scalars(
            select(PartnerApiClient)
            .where(col(PartnerApiClient.treatment_center_id) == center.id)
            .order_by(col(PartnerApiClient.created_at))
        )
    )


def set_webhook(
    session: Session, admin: Staff, client: PartnerApiClient, webhook_url: str | None
) -> PartnerApiClient:
    if client.revoked_at is not None:
        raise Conflict("This API client was revoked.")
    client.webhook_url = webhook_url
    session.flush()
    audit.record(session, admin.ctx, AuditAction.update, "partner_api_client", client.id)
    return client


def revoke(session: Session, admin: Staff, client: PartnerApiClient) -> None:
    if client.revoked_at is None:
        client.revoked_at = clock.now()
        session.flush()
        audit.record(session, admin.ctx, AuditAction.delete, "partner_api_client", client.id)


def authenticate(session: Session, client_id: str, client_secret: str) -> PartnerApiClient | None:
    client = session.scalar(
        select(PartnerApiClient).where(col(PartnerApiClient.client_id) == client_id)
    )
    # Compare digests whether or not the client exists, so timing says nothing.
    presented = digest(client_secret)
    stored = client.secret_hash if client is not None else digest(new_secret())
    if (
        not secrets.compare_digest(presented, stored)
        or client is None
        or client.revoked_at is not None
    ):
        return None
    return client


def to_read(client: PartnerApiClient) -> ApiClientRead:
    return ApiClientRead.model_validate(client.model_dump())
