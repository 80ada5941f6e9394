from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from api.core.audit import AuditAction
from api.core.pagination import Page

if TYPE_CHECKING:
    from api.audit.service import AuditEventRow


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
    case_reference: str | None = Field(
        default=None,
        description="The reference of the event's case (as `C-2026-0027`); null without a case",
        examples=["C-2026-0027"],
    )
    ip: str | None
    user_agent: str | None
    request_id: str | None
    details: dict[str, Any] | None = None


AuditEventPage = Page[AuditEventRead]


def audit_event_page(rows: list[AuditEventRow], next_cursor: str | None) -> AuditEventPage:
    return AuditEventPage(
        items=[
            AuditEventRead.model_validate(event).model_copy(update={"case_reference": reference})
            for event, reference in rows
        ],
        next_cursor=next_cursor,
    )
