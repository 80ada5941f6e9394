from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, UrlConstraints

from api.core.schemas import InputModel


class ApiClientCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"webhook_url": "https://partner.example.org/cairn/webhooks"}]
        }
    )

    webhook_url: Annotated[HttpUrl, UrlConstraints(max_length=480)] | None = Field(
        default=None, description="Where referral events are delivered"
    )


class ApiClientUpdate(InputModel):
    webhook_url: Annotated[HttpUrl, UrlConstraints(max_length=480)] | None = None


class ApiClientRead(BaseModel):
    id: uuid.UUID
    treatment_center_id: uuid.UUID
    client_id: str
    webhook_url: str | None
    created_at: datetime
    revoked_at: datetime | None


class ApiClientCredentials(ApiClientRead):
    """Shown once, when the client is created: only digests (and a sealed copy of the
    webhook secret, for signing) are kept."""

    client_secret: str
    webhook_secret: str


class ApiClientList(BaseModel):
    items: list[ApiClientRead]
