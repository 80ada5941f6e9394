"""The base of every request model."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainValidator, WithJsonSchema


class InputModel(BaseModel):
    """Request bodies: unknown fields are rejected (no silent drop, no mass assignment).

    Values that pydantic would coerce are typed strictly where they occur
    (`IsoDate`, `Timestamp`, `StrictBool`): `0` is not a date, `"yes"` not a boolean.
    """

    model_config = ConfigDict(extra="forbid")


def _iso_date(value: object) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("use a date like 1984-06-26")


IsoDate = Annotated[
    date,
    PlainValidator(_iso_date, json_schema_input_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]
"""A calendar date as YYYY-MM-DD (no unix numbers)."""


def _iso_timestamp(value: object) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and "-" in value:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError as exc:
            raise ValueError("use an RFC 3339 timestamp, e.g. 2026-03-01T09:00:00Z") from exc
    else:
        raise ValueError("use an RFC 3339 timestamp, e.g. 2026-03-01T09:00:00Z")
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


Timestamp = Annotated[
    datetime,
    PlainValidator(_iso_timestamp, json_schema_input_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
"""An RFC 3339 timestamp (no unix numbers); without an offset it is taken as UTC."""
