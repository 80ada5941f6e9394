from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, Text
from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime


class DeliveryStatus(StrEnum):
    pending = "pending"
    delivered = "delivered"
    failed = "failed"


class OrganizationWebhook(SQLModel, table=True):
    """The organization's own endpoint for referral.status_changed and alert.created."""

    __tablename__ = "organization_webhooks"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id", unique=True)
    url: str = Field(max_length=500)
    secret_sealed: str = Field(max_length=500)
    created_at: datetime = Field(sa_type=UTCDateTime)


class WebhookDelivery(SQLModel, table=True):
    """The outbox: written in the same transaction as the change it announces, then
    delivered by the worker with retries and exponential backoff."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_org_created", "organization_id", "created_at", "id"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    api_client_id: uuid.UUID | None = Field(default=None, foreign_key="partner_api_clients.id")
    organization_webhook_id: uuid.UUID | None = Field(
        default=None, foreign_key="organization_webhooks.id", ondelete="CASCADE"
    )
    url: str = Field(max_length=500)
    event_type: str = Field(max_length=60)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    status: str = Field(default=DeliveryStatus.pending.value, max_length=20)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    last_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
