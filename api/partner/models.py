from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime


class PartnerApiClient(SQLModel, table=True):
    """Machine-to-machine credentials of a partner treatment center.

    The client secret is stored only as a digest. The webhook secret must be
    used to sign deliveries, so it is stored sealed (encrypted) with a key
    derived from CAIRN_SECRET_KEY.
    """

    __tablename__ = "partner_api_clients"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    treatment_center_id: uuid.UUID = Field(foreign_key="treatment_centers.id", index=True)
    client_id: str = Field(max_length=64, unique=True)
    secret_hash: str = Field(max_length=64)
    webhook_url: str | None = Field(default=None, max_length=500)
    webhook_secret_sealed: str = Field(max_length=500)
    created_by_id: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
