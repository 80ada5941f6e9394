from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, Index, Text, UniqueConstraint
from sqlmodel import Field

from api.core.search import keep_search_key, trigram_index
from api.core.types import UTCDateTime, version_column
from api.core.zones import DEFAULT_TIME_ZONE
from api.interop.listing import ListingColumns


class ResourceKind(StrEnum):
    mutual_help = "mutual_help"
    family_support = "family_support"
    counseling = "counseling"
    sober_living = "sober_living"
    crisis_line = "crisis_line"
    community_program = "community_program"
    recovery_coaching = "recovery_coaching"
    peer_support = "peer_support"


class Audience(StrEnum):
    """Who the resource serves: the client, the family, or both."""

    client = "client"
    family = "family"
    both = "both"


class ResourceFormat(StrEnum):
    in_person = "in_person"
    online = "online"
    hybrid = "hybrid"


class Cost(StrEnum):
    free = "free"
    donation = "donation"
    sliding_scale = "sliding_scale"
    insurance = "insurance"
    fee = "fee"


class DayOfWeek(StrEnum):
    """Days by English name, Monday first (ISO 8601 numbers them 1 to 7 in this order)."""

    monday = "monday"
    tuesday = "tuesday"
    wednesday = "wednesday"
    thursday = "thursday"
    friday = "friday"
    saturday = "saturday"
    sunday = "sunday"

    @property
    def iso_number(self) -> int:
        """1 for Monday … 7 for Sunday, as `date.isoweekday()` counts."""
        return list(DayOfWeek).index(self) + 1


_version = version_column()


class Resource(ListingColumns, table=True):
    """A support group, program or line in the practice's directory of continued support.

    `meetings` holds `{"day_of_week": "monday", "start_time": "19:00", "end_time": "20:00"}`
    objects, wall-clock times in `time_zone` (IANA), so a meeting stays at 7 pm local across
    daylight-saving changes. A resource an aftercare plan uses is deactivated, never deleted.
    The listing columns (external id, coordinates, …) come from `ListingColumns`.
    """

    __tablename__ = "resources"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}
    __table_args__ = (
        trigram_index("ix_resources_search_key"),
        Index("ix_resources_org_lat_lon", "organization_id", "latitude", "longitude"),
        UniqueConstraint(
            "organization_id", "external_source", "external_id", name="uq_resources_external_id"
        ),
        # The directory's order (by name): a page reads its rows however long the list.
        Index("ix_resources_org_name", "organization_id", "name", "id"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id", index=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=32)
    audience: str = Field(max_length=16)
    fellowship: str | None = Field(default=None, max_length=100)
    description: str | None = Field(default=None, sa_type=Text)
    format: str = Field(max_length=16)
    address_line: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=100)
    region: str | None = Field(default=None, max_length=100)
    postal_code: str | None = Field(default=None, max_length=20)
    country: str | None = Field(default=None, max_length=2)
    online_url: str | None = Field(default=None, max_length=500)
    phone: str | None = Field(default=None, max_length=40)
    phone_extension: str | None = Field(default=None, max_length=10)
    email: str | None = Field(default=None, max_length=320)
    website: str | None = Field(default=None, max_length=300)
    time_zone: str = Field(default=DEFAULT_TIME_ZONE, max_length=64)
    meetings: list[dict[str, str]] = Field(default_factory=list, sa_type=JSON)
    schedule_note: str | None = Field(default=None, max_length=500)
    languages: list[str] = Field(default_factory=list, sa_type=JSON)
    populations: list[str] = Field(default_factory=list, sa_type=JSON)
    cost: str | None = Field(default=None, max_length=16)
    is_active: bool = True
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)
    # Name, fellowship and city, normalised (api.core.search); set on every write.
    search_key: str = Field(default="", sa_type=Text)


keep_search_key(Resource, lambda resource: (resource.name, resource.fellowship, resource.city))
