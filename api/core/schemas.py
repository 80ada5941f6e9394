"""The base of every request model."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict

from api.core.problems import FieldError, UnprocessableContent


class InputModel(BaseModel):
    """Request bodies: unknown fields are rejected (no silent drop, no mass assignment).

    Values that pydantic would coerce are typed strictly where they occur
    (`IsoDate`, `Timestamp`, `StrictBool`): `0` is not a date, `"yes"` not a boolean.
    """

    model_config = ConfigDict(extra="forbid")


def _iso_text(example: str) -> Callable[[object], object]:
    """Refuses what pydantic would otherwise coerce into a date or time (unix numbers)."""

    def check(value: object) -> object:
        if isinstance(value, date) or (isinstance(value, str) and "-" in value):
            return value
        raise ValueError(f"use an ISO 8601 value such as {example}")

    return check


def _as_utc(value: datetime) -> datetime:
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError as exc:  # e.g. 0001-01-01T00:00:00+00:01 has no UTC equivalent
        raise ValueError("the timestamp is out of range") from exc


IsoDate = Annotated[date, BeforeValidator(_iso_text("1984-06-26"))]
"""A calendar date as YYYY-MM-DD (no unix numbers)."""

Timestamp = Annotated[
    datetime, BeforeValidator(_iso_text("2026-03-01T09:00:00Z")), AfterValidator(_as_utc)
]
"""An RFC 3339 timestamp (no unix numbers); without an offset it is taken as UTC."""


def changes_of(update: BaseModel, *, required: Iterable[str] = ()) -> dict[str, Any]:
    """The fields a PATCH body set. A `required` field may be changed but not emptied."""
    changes = update.model_dump(exclude_unset=True)
    emptied = [name for name in required if name in changes and changes[name] is None]
    if emptied:
        raise UnprocessableContent(
            f"These fields cannot be removed: {', '.join(emptied)}",
            errors=[
                FieldError(loc=["body", name], msg="cannot be removed", type="value_error")
                for name in emptied
            ],
        )
    return changes
