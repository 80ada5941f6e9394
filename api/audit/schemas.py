from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from api.core.audit import AuditAction
from api.core.pagination import Page


class AuditEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    at: datetime
    actor_type: str
    actor_id: uuid.UUID | None
    organization_id: uuid.UUID | None
    action: AuditAction
    resource_type: str
    resource_id: str | None
    case_id: uuid.UUID | None
    ip: str | None
    user_agent: str | None
    request_id: str | None
    details: dict[str, Any] | None = None


AuditEventPage = Page[AuditEventRead]
