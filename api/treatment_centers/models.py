from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, Index, Text, UniqueConstraint
from sqlmodel import Field

from api.core.search import keep_search_key, trigram_index
from api.core.types import UTCDateTime, version_column
from api.interop.listing import ListingColumns


class Service(StrEnum):
    detox = "detox"
    dual_diagnosis = "dual_diagnosis"
    family_program = "family_program"
    residential = "residential"
    outpatient = "outpatient"
    sober_living = "sober_living"
    trauma = "trauma"
    adolescent = "adolescent"
    other = "other"


_version = version_column()


class TreatmentCenter(ListingColumns, table=True):
    """A treatment center in the organization's directory; a partner when it has an API client.

    The listing columns (external id, coordinates, intake and hotline phones, payment,
    accreditation, medications for opioid use disorder, …) come from `ListingColumns`
    (api/interop/listing.py). The old `mat` service is `opioid_medications: ["unspecified"]`.
    """

    __tablename__ = "treatment_centers"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}
    __table_args__ = (
        trigram_index("ix_treatment_centers_search_key"),
        # Distance search narrows to a bounding box first (api/interop/geo.py).
        Index("ix_treatment_centers_org_lat_lon", "organization_id", "latitude", "longitude"),
        # An import matches its rows by external id (api/interop/directory_import.py).
        UniqueConstraint(
            "organization_id",
            "external_source",
            "external_id",
            name="uq_treatment_centers_external_id",
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organizations.id", index=True)
    name: str = Field(max_length=200)
    levels_of_care: list[str] = Field(default_factory=list, sa_type=JSON)
    services: list[str] = Field(default_factory=list, sa_type=JSON)
    populations: list[str] = Field(default_factory=list, sa_type=JSON)
    insurance_accepted: list[str] = Field(default_factory=list, sa_type=JSON)
    languages: list[str] = Field(default_factory=list, sa_type=JSON)
    address_line: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=100)
    region: str | None = Field(default=None, max_length=100)
    postal_code: str | None = Field(default=None, max_length=20)
    country: str | None = Field(default=None, max_length=2)
    phone: str | None = Field(default=None, max_length=40)
    phone_extension: str | None = Field(default=None, max_length=10)
    website: str | None = Field(default=None, max_length=300)
    beds_available: int | None = None
    beds_updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)
    # Name and city, normalised (api.core.search); set on every write.
    search_key: str = Field(default="", sa_type=Text)


keep_search_key(TreatmentCenter, lambda center: (center.name, center.city))
