from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.core.audit import AuditAction, AuditEvent
from api.core.pagination import keyset_page, split_page


@dataclass(frozen=True)
class AuditFilters:
    case_id: uuid.UUID | None = None
    actor_id: uuid.UUID | None = None
    action: AuditAction | None = None
    since: datetime | None = None
    until: datetime | None = None


def list_events(
    session: Session,
    organization_id: uuid.UUID,
    filters: AuditFilters,
    *,
    limit: int,
    cursor: str | None,
) -> tuple[list[AuditEvent], str | None]:
    statement = select(AuditEvent).where(col(AuditEvent.organization_id) == organization_id)
    if filters.case_id is not None:
        statement = statement.where(col(AuditEvent.case_id) == filters.case_id)
    if filters.actor_id is not None:
        statement = statement.where(col(AuditEvent.actor_id) == filters.actor_id)
    if filters.action is not None:
        statement = statement.where(col(AuditEvent.action) == filters.action.value)
    if filters.since is not None:
        statement = statement.where(col(AuditEvent.at) >= filters.since)
    if filters.until is not None:
        statement = statement.where(col(AuditEvent.at) < filters.until)
    statement = keyset_page(
        statement,
        [col(AuditEvent.at), col(AuditEvent.id)],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    return split_page(session.scalars(statement).all(), limit, lambda e: (e.at, e.id))
