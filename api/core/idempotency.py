"""Idempotency-Key for POST requests.

The key is reserved in its own committed transaction (so a concurrent retry
sees it and gets 409), and completed with the stored response in the *same*
transaction as the work it protects: either both are committed or neither.
A reservation whose request failed is released; one abandoned by a crashed
process can be taken over after `ABANDONED_AFTER`, which is safe because its
work was never committed.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, LargeBinary, UniqueConstraint, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel, col
from starlette.requests import Request
from starlette.responses import Response

from api.core import clock
from api.core.db import SessionFactory, affected_rows
from api.core.problems import BadRequest, IdempotencyInFlight, IdempotencyKeyReused
from api.core.types import UTCDateTime

HEADER = "Idempotency-Key"
KEPT_FOR = timedelta(hours=24)
ABANDONED_AFTER = timedelta(minutes=2)
REPLAYED_HEADERS = ("content-type", "location", "etag")


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("principal", "key"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    principal: str = Field(max_length=80)
    key: str = Field(max_length=255)
    request_hash: str = Field(max_length=64)
    completed: bool = False
    response_status: int | None = None
    response_body: bytes | None = Field(default=None, sa_type=LargeBinary)
    response_headers: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)
    locked_at: datetime = Field(sa_type=UTCDateTime)


@dataclass(frozen=True)
class Reservation:
    record_id: uuid.UUID

    def complete(self, session: Session, response: Response) -> None:
        headers = {k: v for k, v in response.headers.items() if k in REPLAYED_HEADERS}
        session.execute(
            update(IdempotencyRecord)
            .where(col(IdempotencyRecord.id) == self.record_id)
            .values(
                completed=True,
                response_status=response.status_code,
                response_body=bytes(response.body),
                response_headers=headers,
            )
        )

    def release(self, factory: SessionFactory) -> None:
        with factory() as session:
            session.execute(
                delete(IdempotencyRecord).where(
                    col(IdempotencyRecord.id) == self.record_id,
                    col(IdempotencyRecord.completed).is_(False),
                )
            )
            session.commit()


def request_fingerprint(method: str, path: str, query: str, body: bytes) -> str:
    h = hashlib.sha256()
    for part in (method.encode(), path.encode(), query.encode(), body):
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


KEY_PATTERN = r"^[!-~](?:[ -~]{0,253}[!-~])?$"
"""1 to 255 visible ASCII characters, inner spaces allowed (published as the header's schema)."""
_KEY = re.compile(KEY_PATTERN)


def validate_key(key: str) -> str:
    # HTTP strips a header value's surrounding whitespace on the wire (RFC 9110 §5.5).
    if not _KEY.match(key) or key.endswith("\n"):
        raise BadRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.")
    return key


def reserve(
    factory: SessionFactory, principal: str, key: str, fingerprint: str
) -> Reservation | Response:
    """A new reservation, or the stored response to replay. Raises 409/422."""
    now = clock.now()
    with factory() as session:
        for _attempt in range(3):
            existing = session.scalar(_lookup(principal, key))
            if existing is not None and existing.created_at < now - KEPT_FOR:
                session.delete(existing)
                session.flush()
                existing = None
            if existing is None:
                record = IdempotencyRecord(
                    principal=principal,
                    key=key,
                    request_hash=fingerprint,
                    created_at=now,
                    locked_at=now,
                )
                session.add(record)
                try:
                    session.commit()
                except IntegrityError:
                    session.rollback()  # a concurrent request with the same key won
                    continue
                return Reservation(record.id)
            return _resolve_existing(session, existing, fingerprint, now)
    raise IdempotencyInFlight("A request with this Idempotency-Key is in progress.")


def _lookup(principal: str, key: str) -> Any:
    return select(IdempotencyRecord).where(
        col(IdempotencyRecord.principal) == principal, col(IdempotencyRecord.key) == key
    )


def _resolve_existing(
    session: Session, existing: IdempotencyRecord, fingerprint: str, now: datetime
) -> Reservation | Response:
    if existing.request_hash != fingerprint:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was used for a different request; use a new key."
        )
    if existing.completed:
        headers = dict(existing.response_headers or {})
        headers["Idempotent-Replayed"] = "true"
        return Response(
            content=existing.response_body or b"",
            status_code=existing.response_status or 200,
            headers=headers,
        )
    if existing.locked_at < now - ABANDONED_AFTER:
        taken = session.execute(
            update(IdempotencyRecord)
            .where(
                col(IdempotencyRecord.id) == existing.id,
                col(IdempotencyRecord.locked_at) == existing.locked_at,
            )
            .values(locked_at=now)
        )
        session.commit()
        if affected_rows(taken) == 1:
            return Reservation(existing.id)
    raise IdempotencyInFlight("A request with this Idempotency-Key is still in progress.")


def purge_expired(session: Session, now: datetime) -> int:
    result = session.execute(
        delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) < now - KEPT_FOR)
    )
    return affected_rows(result)


async def body_fingerprint(request: Request) -> str:
    body = await request.body()
    return request_fingerprint(request.method, request.url.path, request.url.query, body)
