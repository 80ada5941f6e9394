"""The base of every request model."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from api.core import clock
from api.core.problems import FieldError, UnprocessableContent
from api.core.text import describe, forbidden_character, strings_in


class InputModel(BaseModel):
    """Request bodies: unknown fields are rejected (no silent drop, no mass assignment).

    Values that pydantic would coerce are typed strictly where they occur
    (`IsoDate`, `Timestamp`, `StrictBool`, `Field(strict=True)` integers): `0` is not a
    date, `"yes"` not a boolean, `"5"` not a number.

    Every string of a body, at any depth (list items, dict keys and values), is refused
    with 422 naming its field when it carries a control character other than tab and
    line breaks (api/core/text.py); one-line types refuse those too (`SingleLine`).
    """

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _integral_numbers(cls, data: Any) -> Any:
        """`5.0` is the integer 5 in JSON (JSON Schema's `integer` includes it), so integer
        fields take it; `5.5`, `"5"` and `true` stay refused by their strict validation.
        Float fields take integers anyway, so only the value's JSON type changes."""
        if isinstance(data, dict):
            return {name: _integral(value) for name, value in data.items()}
        return data

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: object) -> object:
        for text in strings_in(value):
            char = forbidden_character(text, multiline=True)
            if char is not None:
                raise ValueError(describe(char))
        return value


def _integral(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_integral(item) for item in value]
    return value


# An ISO 8601 date or timestamp starts with a four-digit year and its month and day; pydantic
# would also take a unix number ("1700000000", "-5") or a float, which RFC 3339 does not allow.
_ISO_START = re.compile(r"\s*[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_text(example: str) -> Callable[[object], object]:
    """Refuses what pydantic would otherwise coerce into a date or time (unix numbers)."""

    def check(value: object) -> object:
        if isinstance(value, date) or (isinstance(value, str) and _ISO_START.match(value)):
            return value
        raise ValueError(f"use an ISO 8601 value such as {example}")

    return check


def _as_utc(value: datetime) -> datetime:
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError as exc:  # e.g. 0001-01-01T00:00:00+00:01 has no UTC equivalent
        raise ValueError("the timestamp is out of range") from exc


EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2200, 12, 31)
EARLIEST = datetime.combine(EARLIEST_DATE, time.min, UTC)
LATEST = datetime.combine(LATEST_DATE, time.max, UTC)
CLOCK_SKEW = timedelta(minutes=5)
"""How far a device's clock may run ahead: a fact about the past may be this much later."""


def _within(earliest: date, latest: date) -> Callable[[date], date]:
    """No date of the practice lies outside these years; a value that does is a typo
    (0001-01-01, 9999-12-31), and adding hours to it overflowed (issue 11 item 2)."""

    def check(value: date) -> date:
        moment = value.date() if isinstance(value, datetime) else value
        if not earliest <= moment <= latest:
            raise ValueError(f"must be between {earliest} and {latest}")
        return value

    return check


def _not_after_today(value: date) -> date:
    if value > clock.now().date():
        raise ValueError("cannot be in the future")
    return value


def _not_in_the_future(value: datetime) -> datetime:
    if value > clock.now() + CLOCK_SKEW:
        raise ValueError("cannot be in the future: it records something that has happened")
    return value


def years_pattern(first: int, last: int) -> str:
    """A regular expression for the four-digit years `first` (a multiple of 100) to `last`."""
    parts = []
    for century in range(first // 100, last // 100 + 1):
        if century * 100 + 99 <= last:
            parts.append(f"{century}[0-9]{{2}}")
            continue
        decade, unit = divmod(last - century * 100, 10)
        if decade:
            parts.append(f"{century}[0-{decade - 1}][0-9]")
        parts.append(f"{century}{decade}[0-{unit}]")
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class _Published:
    """Adds the bounds to the JSON schema (`formatMinimum`/`formatMaximum`, the keywords
    JSON Schema validators such as ajv use for date formats) and says them in words.

    Most generators and validators ignore `formatMinimum`, so a `pattern` says the range of
    years too: 1900-2200, or 1900 to last year for a value that may not lie in the future
    (a static document cannot say "now"; this year's past days are accepted as well, as the
    description says). For timestamps the pattern names the year written, before any offset."""

    minimum: str
    maximum: str | None
    words: str
    timestamp: bool = False

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema["formatMinimum"] = self.minimum
        last = LATEST_DATE.year
        if self.maximum is not None:
            schema["formatMaximum"] = self.maximum
        else:
            last = clock.now().year - 1
        years = years_pattern(EARLIEST_DATE.year, last)
        schema["pattern"] = f"^{years}-[0-9]{{2}}-[0-9]{{2}}" + ("[Tt]" if self.timestamp else "$")
        schema["description"] = self.words
        return schema


_TIMESTAMP_RANGE = f"{EARLIEST:%Y-%m-%dT%H:%M:%SZ} to {LATEST:%Y-%m-%dT%H:%M:%SZ}"

IsoDate = Annotated[
    date,
    BeforeValidator(_iso_text("1984-06-26")),
    AfterValidator(_within(EARLIEST_DATE, LATEST_DATE)),
    _Published(
        EARLIEST_DATE.isoformat(),
        LATEST_DATE.isoformat(),
        f"A date, YYYY-MM-DD, from {EARLIEST_DATE} to {LATEST_DATE}.",
    ),
]
"""A calendar date as YYYY-MM-DD (no unix numbers), 1900-01-01 to 2200-12-31."""

Timestamp = Annotated[
    datetime,
    BeforeValidator(_iso_text("2026-03-01T09:00:00Z")),
    AfterValidator(_as_utc),
    AfterValidator(_within(EARLIEST_DATE, LATEST_DATE)),
    _Published(
        f"{EARLIEST:%Y-%m-%dT%H:%M:%SZ}",
        f"{LATEST:%Y-%m-%dT%H:%M:%SZ}",
        f"An RFC 3339 timestamp from {_TIMESTAMP_RANGE}; without an offset it is UTC.",
        timestamp=True,
    ),
]
"""An RFC 3339 timestamp (no unix numbers), 1900-01-01 to 2200-12-31 in UTC; without an
offset it is taken as UTC."""

PastDate = Annotated[
    date,
    BeforeValidator(_iso_text("1984-06-26")),
    AfterValidator(_within(EARLIEST_DATE, LATEST_DATE)),
    AfterValidator(_not_after_today),
    _Published(
        EARLIEST_DATE.isoformat(),
        None,
        f"A date, YYYY-MM-DD, from {EARLIEST_DATE} to today (UTC), such as a date of birth.",
    ),
]
"""An `IsoDate` that is not in the future (a date of birth)."""

PastTimestamp = Annotated[
    datetime,
    BeforeValidator(_iso_text("2026-03-01T09:00:00Z")),
    AfterValidator(_as_utc),
    AfterValidator(_within(EARLIEST_DATE, LATEST_DATE)),
    AfterValidator(_not_in_the_future),
    _Published(
        f"{EARLIEST:%Y-%m-%dT%H:%M:%SZ}",
        None,
        "When something happened: an RFC 3339 timestamp from "
        f"{EARLIEST:%Y-%m-%dT%H:%M:%SZ}, not later than now (5 minutes of clock skew are "
        "allowed); without an offset it is UTC.",
        timestamp=True,
    ),
]
"""A `Timestamp` of a fact about the past (held, admitted, signed, measured): at most
`CLOCK_SKEW` after the server's clock (issue 14 item 5)."""


_T = TypeVar("_T")


def _refuse_null(value: object) -> object:
    if value is None:
        raise ValueError("cannot be removed; leave the field out to keep it")
    return value


def _not_nullable(schema: dict[str, Any]) -> None:
    """Drops `null` from a PATCH field's published schema: it may be left out, never null."""
    schema.pop("default", None)
    branches = schema.pop("anyOf", None)
    if branches is None:
        return
    kept = [branch for branch in branches if branch != {"type": "null"}]
    if len(kept) == 1:
        schema.update({**kept[0], **schema})  # the field's own description wins
    else:
        schema["anyOf"] = kept


Kept = Annotated[_T | None, BeforeValidator(_refuse_null), Field(json_schema_extra=_not_nullable)]
"""A PATCH field that may be changed or left out, but not emptied: `null` is a 422 naming
the field, and the published schema does not allow it. Declare it `= None` (left out)."""


# Rules between fields, published as JSON Schema `if`/`then` (schemathesis and other
# validators check them; TypeScript generators leave them out instead of splitting a body
# type into a union of partial ones, as a model-level `anyOf` would).
def given_when_absent(field: str, other: str) -> dict[str, Any]:
    """`other` is required (a string) when `field` is left out or null."""
    return {
        "if": {"properties": {field: {"type": "null"}}},
        "then": {"properties": {other: {"type": "string"}}, "required": [other]},
    }


def absent_when_absent(field: str, other: str) -> dict[str, Any]:
    """`other` must be left out or null when `field` is left out or null."""
    return {
        "if": {"properties": {field: {"type": "null"}}},
        "then": {"properties": {other: {"type": "null"}}},
    }


def required_when(field: str, value: str, needs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """When `field` is `value`, the `needs` fields are required, each with its schema."""
    return {
        "if": {"properties": {field: {"const": value}}, "required": [field]},
        "then": {"properties": needs, "required": list(needs)},
    }


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
