"""The append-only audit log: who read or changed what, when, from where.

Rows are only ever inserted. On PostgreSQL a trigger (see the first migration)
makes the database itself refuse UPDATE and DELETE on the table.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, insert, text
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel

from api.core import clock
from api.core.types import UTCDateTime


class AuditAction(StrEnum):
    read = "read"
    create = "create"
    update = "update"
    delete = "delete"
    login = "login"
    login_failed = "login_failed"
    disclose = "disclose"
    export = "export"


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_org_at", "organization_id", "at", "id"),
        Index("ix_audit_events_case_at", "case_id", "at", "id"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    actor_type: str = Field(max_length=20)
    actor_id: uuid.UUID | None = Field(default=None)
    organization_id: uuid.UUID | None = Field(default=None)
    action: str = Field(max_length=20)
    resource_type: str = Field(max_length=40)
    resource_id: str | None = Field(default=None, max_length=64)
    case_id: uuid.UUID | None = Field(default=None)
    ip: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=300)
    request_id: str | None = Field(default=None, max_length=128)
    # What an export or other bulk action covered (e.g. a report's filters); no PHI.
    details: dict[str, Any] | None = Field(default=None, sa_type=JSON)


@dataclass(frozen=True)
class AuditContext:
    """Who is acting and from where; built once per request by the auth dependency."""

    actor_type: str
    actor_id: uuid.UUID | None
    organization_id: uuid.UUID | None
    ip: str | None
    user_agent: str | None
    request_id: str | None


def record(
    session: Session,
    ctx: AuditContext,
    action: AuditAction,
    resource_type: str,
    resource_id: uuid.UUID | str | None = None,
    *,
    case_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    record_many(
        session, ctx, action, resource_type, [(resource_id, case_id)], organization_id, details
    )


# PostgreSQL: one statement whatever the number of events, its parameters two arrays. The
# rows are the same as the portable path's (one per case, so "who saw this case" stays a
# per-case query); only the ids are drawn by the database. Measured by `make bench`
# (docs/performance.md): the 50-row executemany was a fifth of a case list's time.
_POSTGRES_INSERT_MANY = text(
    """
    INSERT INTO audit_events (id, at, actor_type, actor_id, organization_id, action,
        resource_type, resource_id, case_id, ip, user_agent, request_id, details)
    SELECT gen_random_uuid(), :at, :actor_type, :actor_id, :organization_id, :action,
        :resource_type, target.resource_id, target.case_id, :ip, :user_agent, :request_id,
        CAST(:details AS json)
    FROM unnest(CAST(:resource_ids AS varchar[]), CAST(:case_ids AS uuid[]))
        AS target(resource_id, case_id)
    """
)


def record_many(
    session: Session,
    ctx: AuditContext,
    action: AuditAction,
    resource_type: str,
    targets: Iterable[tuple[uuid.UUID | str | None, uuid.UUID | None]],
    organization_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """One INSERT for many events (a list read audits every case it shows)."""
    pairs = [
        (str(resource_id) if resource_id is not None else None, case_id)
        for resource_id, case_id in targets
    ]
    if not pairs:
        return
    common = {
        "at": clock.now(),
        "actor_type": ctx.actor_type,
        "actor_id": ctx.actor_id,
        "organization_id": organization_id or ctx.organization_id,
        "action": action.value,
        "resource_type": resource_type,
        "ip": ctx.ip,
        "user_agent": (ctx.user_agent or "")[:300] or None,
        "request_id": ctx.request_id,
    }
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            _POSTGRES_INSERT_MANY,
            {
                **common,
                "details": json.dumps(details) if details is not None else None,
                "resource_ids": [resource_id for resource_id, _ in pairs],
                "case_ids": [case_id for _, case_id in pairs],
            },
        )
        return
    rows = [
        {
            **common,
            "id": uuid.uuid4(),
            "resource_id": resource_id,
            "case_id": case_id,
            "details": details,
        }
        for resource_id, case_id in pairs
    ]
    session.execute(insert(AuditEvent), rows)
