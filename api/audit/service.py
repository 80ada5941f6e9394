from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.cases.models import Case
from api.core.audit import AuditAction, AuditEvent
from api.core.pagination import keyset_page, split_page

# An event with the reference of its case (None when it has no case).
AuditEventRow = tuple[AuditEvent, str | None]


@dataclass(frozen=True)
class AuditFilters:
    case_id: uuid.UUID | None = None
    # A case's reference ("C-2026-0027"), matched exactly within the organisation; an
    # unknown one matches no event (an empty page, as for an unknown case id).
    case_reference: str | None = None
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
) -> tuple[list[AuditEventRow], str | None]:
    # The case's reference by an outer join on its primary key: one index probe for each
    # row of the page, whatever the size of the log.
    statement = (
        select(AuditEvent, col(Case.reference))
        .outerjoin(
            Case,
            and_(
                col(Case.id) == col(AuditEvent.case_id),
                col(Case.organization_id) == organization_id,
            ),
        )
        .where(col(AuditEvent.organization_id) == organization_id)
    )
    if filters.case_id is not None:
        statement = statement.where(col(AuditEvent.case_id) == filters.case_id)
    if filters.case_reference is not None:
        # The reference resolves through the (organization_id, reference) unique index;
        # no such case gives NULL, which equals no event's case.
        case_id = (
            select(col(Case.id))
            .where(
                col(Case.organization_id) == organization_id,
                col(Case.reference) == filters.case_reference,
            )
            .scalar_subquery()
        )
        statement = statement.where(col(AuditEvent.case_id) == case_id)
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
    rows: list[AuditEventRow] = [
        (event, reference) for event, reference in session.execute(statement)
    ]
    return split_page(rows, limit, lambda row: (row[0].at, row[0].id))
