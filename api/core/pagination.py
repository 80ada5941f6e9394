"""Keyset pagination: `?limit=&cursor=` → `{items, next_cursor}`.

The cursor is the sort key of the last row, opaque to clients. A page costs the
same however deep it is.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, tuple_
from sqlalchemy.orm import Mapped

from api.core.problems import BadRequest
from api.core.text import forbidden_character

T = TypeVar("T")
Row = TypeVar("Row")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200

Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description="Page size (default 50, at most 200).")
]
Cursor = Annotated[
    str | None,
    Query(max_length=512, description="`next_cursor` of the previous page."),
]


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, uuid.UUID):
        return {"u": str(value)}
    return value


def _decode_value(value: Any) -> Any:
    """One value of a cursor, checked as strictly as any other input: a forged cursor is a
    400, never a value the database chokes on (a naive or far-off time, a huge number,
    a control character)."""
    if isinstance(value, dict) and len(value) == 1:
        ((tag, raw),) = value.items()
        if tag == "t" and isinstance(raw, str):
            moment = datetime.fromisoformat(raw)
            if moment.tzinfo is None or not 1900 <= moment.year <= 2200:
                raise ValueError("not a time this API writes")
            return moment
        if tag == "u" and isinstance(raw, str):
            return uuid.UUID(raw)
        raise ValueError("unknown tag")
    if value is None:
        return value
    if isinstance(value, bool):
        raise ValueError("not a sort key")
    if isinstance(value, int):
        if abs(value) >= 2**63:
            raise ValueError("out of range")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("out of range")
        return value
    if isinstance(value, str):
        if len(value) > 1000 or forbidden_character(value, multiline=True) is not None:
            raise ValueError("not a sort key")
        return value
    if isinstance(value, list):
        return [_decode_value(item) for item in value]
    raise ValueError("not a sort key")


def _fits(column: Any, value: Any) -> bool:
    """Whether a decoded cursor value has the type of the column it is compared with."""
    if value is None:
        return True
    try:
        expected = column.type.python_type
    except (AttributeError, NotImplementedError):
        return not isinstance(value, list)
    if expected in (int, float):
        return isinstance(value, int | float)
    return isinstance(value, expected)


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps([_encode_value(v) for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, width: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list) or len(values) != width:
            raise ValueError("wrong width")
        return [_decode_value(v) for v in values]
    except (ValueError, binascii.Error, json.JSONDecodeError, TypeError) as exc:
        raise BadRequest("The cursor is not valid; start again from the first page.") from exc


def keyset_page(
    statement: Select[*tuple[Any, ...]],
    order_by: Sequence[ColumnElement[Any] | Mapped[Any]],
    *,
    descending: bool,
    limit: int,
    cursor: str | None,
) -> Select[*tuple[Any, ...]]:
    """Orders `statement` by `order_by` (last column unique) and starts after `cursor`."""
    if cursor:
        after = decode_cursor(cursor, len(order_by))
        if not all(_fits(column, value) for column, value in zip(order_by, after, strict=True)):
            raise BadRequest("The cursor is not valid; start again from the first page.")
        key = tuple_(*order_by)
        statement = statement.where(key < tuple(after) if descending else key > tuple(after))
    ordering = [column.desc() if descending else column.asc() for column in order_by]
    return statement.order_by(*ordering).limit(limit + 1)


def split_page(rows: Sequence[Row], limit: int, key: Any) -> tuple[list[Row], str | None]:
    """Cuts the extra row fetched by `keyset_page` and builds the next cursor."""
    items = list(rows[:limit])
    next_cursor = encode_cursor(key(items[-1])) if len(rows) > limit and items else None
    return items, next_cursor
