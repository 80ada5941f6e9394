"""Request and response shapes of the resource directory (DESIGN.md §4 Resources)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    UrlConstraints,
    model_validator,
)

from api.core.contact import EXTENSION_NEEDS_NUMBER, Email, Phone, PhoneExtension, PhoneFields
from api.core.pagination import Page
from api.core.schemas import InputModel
from api.core.zones import TimeZoneName
from api.interop.listing import ListingFields, ListingRead, PopulationList
from api.resources.models import Audience, Cost, DayOfWeek, ResourceFormat, ResourceKind

WallClock = Annotated[
    str,
    StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$"),
    Field(
        description="A wall-clock time, 24-hour `HH:MM`, in the resource's `time_zone`.",
        examples=["19:00"],
    ),
]
LanguageTag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"),
    Field(description="A BCP 47 language tag such as `en` or `es-MX`.", examples=["en"]),
]
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Url = Annotated[HttpUrl, UrlConstraints(max_length=280)]


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


class Meeting(InputModel):
    """One weekly meeting: a day and a start and end in the resource's own time zone;
    `end_time` is after `start_time` on the same day (422 on the meeting otherwise)."""

    day_of_week: DayOfWeek
    start_time: WallClock
    end_time: WallClock

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        # Zero-padded HH:MM strings order like the times they name.
        if self.end_time <= self.start_time:
            raise ValueError("end_time must be after start_time on the same day")
        return self


class _ResourceFields(ListingFields, PhoneFields, InputModel):
    fellowship: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
        | None
    ) = Field(default=None, description="AA, NA, SMART Recovery, Al-Anon, Nar-Anon, CRAFT, …")
    description: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None
    ) = None
    address_line: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None
    ) = None
    city: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    region: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    postal_code: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] | None = (
        None
    )
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    online_url: Url | None = Field(default=None, description="Where an online meeting is joined.")
    phone: Phone | None = None
    phone_extension: PhoneExtension | None = None
    email: Email | None = None
    website: Url | None = None
    time_zone: TimeZoneName | None = Field(
        default=None,
        description="IANA zone of the meeting times; the practice's zone when left out on create.",
    )
    meetings: Annotated[list[Meeting], Field(max_length=50)] = []
    schedule_note: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None
    ) = Field(default=None, description="When there are no fixed weekly meetings: '24/7', …")
    languages: Annotated[list[LanguageTag], Field(max_length=20), AfterValidator(_unique)] = []
    cost: Cost | None = None
    is_active: Annotated[bool, Field(strict=True)] = True
    populations: PopulationList | None = None


class ResourceCreate(_ResourceFields):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Tuesday Night Serenity Group",
                    "kind": "mutual_help",
                    "audience": "client",
                    "fellowship": "AA",
                    "format": "in_person",
                    "address_line": "412 Elm Street, Fellowship Hall",
                    "city": "Madison",
                    "region": "WI",
                    "country": "US",
                    "phone": "(608) 555-0142 ext. 12",
                    "meetings": [
                        {"day_of_week": "tuesday", "start_time": "19:00", "end_time": "20:00"}
                    ],
                    "languages": ["en"],
                    "cost": "donation",
                }
            ],
            "allOf": [EXTENSION_NEEDS_NUMBER],
        }
    )

    name: Text200
    kind: ResourceKind
    audience: Audience
    format: ResourceFormat


class ResourceUpdate(_ResourceFields):
    """Only the fields sent change; `meetings` and `languages` are replaced whole."""

    name: Text200 | None = None
    kind: ResourceKind | None = None
    audience: Audience | None = None
    format: ResourceFormat | None = None
    meetings: Annotated[list[Meeting], Field(max_length=50)] | None = None  # type: ignore[assignment]
    languages: (
        Annotated[list[LanguageTag], Field(max_length=20), AfterValidator(_unique)] | None
    ) = None  # type: ignore[assignment]
    is_active: Annotated[bool, Field(strict=True)] | None = None  # type: ignore[assignment]


class MeetingRead(BaseModel):
    day_of_week: DayOfWeek
    start_time: str = Field(description="`HH:MM` in the resource's `time_zone`.")
    end_time: str = Field(description="`HH:MM` in the resource's `time_zone`.")


class ResourceRead(ListingRead):
    id: uuid.UUID
    name: str
    kind: ResourceKind
    audience: Audience
    fellowship: str | None
    description: str | None
    format: ResourceFormat
    address_line: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None
    online_url: str | None
    phone: str | None = Field(description="The number as written, without its extension.")
    phone_extension: str | None = Field(description="The extension's digits, if any.")
    email: str | None
    website: str | None
    time_zone: str = Field(description="IANA zone the meeting times are meant in.")
    meetings: list[MeetingRead] = Field(description="Weekly meetings, Monday first, by start.")
    schedule_note: str | None
    languages: list[str]
    cost: Cost | None
    is_active: bool
    created_at: datetime
    updated_at: datetime
    version: int


ResourcePage = Page[ResourceRead]
"""The practice's directory of continued support."""
