from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, HttpUrl, UrlConstraints

from api.core.pagination import Page
from api.core.schemas import InputModel
from api.webhooks.models import DeliveryStatus


class EndpointSet(InputModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"url": "https://practice.example.org/cairn-events"}]}
    )

    url: Annotated[HttpUrl, UrlConstraints(max_length=480)]


class EndpointRead(BaseModel):
    url: str
    created_at: datetime


class EndpointWithSecret(EndpointRead):
    """The signing secret is shown once, each time the endpoint is set."""

    secret: str


class DeliveryRead(BaseModel):
    id: uuid.UUID
    event_type: str
    url: str
    target: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    payload: dict[str, Any]


DeliveryPage = Page[DeliveryRead]
