from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    UrlConstraints,
)

from api.core.contact import EXTENSION_NEEDS_NUMBER, Phone, PhoneExtension, PhoneFields
from api.core.pagination import Page
from api.core.schemas import InputModel, Kept
from api.interop.listing import LanguageList, ListingFields, ListingRead
from api.plans.models import LevelOfCare
from api.treatment_centers.models import Service

Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


def _unique(values: list[object]) -> list[object]:
    return list(dict.fromkeys(values))


class _CenterFields(ListingFields, PhoneFields, InputModel):
    levels_of_care: Annotated[list[LevelOfCare], Field(max_length=15), AfterValidator(_unique)] = []
    services: Annotated[list[Service], Field(max_length=10), AfterValidator(_unique)] = []
    populations: Annotated[list[Label], Field(max_length=20), AfterValidator(_unique)] = []
    insurance_accepted: Annotated[list[Label], Field(max_length=40), AfterValidator(_unique)] = []
    address_line: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None
    ) = None
    city: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    region: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    postal_code: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] | None = (
        None
    )
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    phone: Phone | None = None
    phone_extension: PhoneExtension | None = None
    website: Annotated[HttpUrl, UrlConstraints(max_length=280)] | None = None
    beds_available: Annotated[int, Field(strict=True, ge=0, le=10_000)] | None = None
    languages: LanguageList | None = None


class TreatmentCenterCreate(_CenterFields):
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [EXTENSION_NEEDS_NUMBER],
            "examples": [
                {
                    "name": "Hazelden Betty Ford, Center City",
                    "levels_of_care": ["3.5", "3.7"],
                    "services": ["detox", "family_program"],
                    "opioid_medications": ["buprenorphine", "naltrexone"],
                    "payment_accepted": ["medicaid", "private_insurance"],
                    "latitude": 45.5722,
                    "longitude": -92.8113,
                    "intake_phone": "+1 800 257 7810 ext. 2",
                    "insurance_accepted": ["Aetna", "BCBS"],
                    "city": "Center City",
                    "region": "MN",
                    "country": "US",
                    "phone": "+1 800 257 7810",
                    "beds_available": 4,
                }
            ],
        }
    )

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class TreatmentCenterUpdate(_CenterFields):
    name: Kept[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    ] = None
    levels_of_care: (
        Annotated[list[LevelOfCare], Field(max_length=15), AfterValidator(_unique)] | None
    ) = None  # type: ignore[assignment]
    services: Annotated[list[Service], Field(max_length=10), AfterValidator(_unique)] | None = None  # type: ignore[assignment]
    populations: Annotated[list[Label], Field(max_length=20), AfterValidator(_unique)] | None = None  # type: ignore[assignment]
    insurance_accepted: (
        Annotated[list[Label], Field(max_length=40), AfterValidator(_unique)] | None
    ) = None  # type: ignore[assignment]


class TreatmentCenterRead(ListingRead):
    id: uuid.UUID
    name: str
    levels_of_care: list[LevelOfCare]
    services: list[Service]
    populations: list[str]
    insurance_accepted: list[str]
    address_line: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None
    phone: str | None = Field(description="The number as written, without its extension.")
    phone_extension: str | None = Field(description="The extension's digits, if any.")
    website: str | None
    is_partner: bool = Field(description="Read-only: the center has an active partner API client.")
    beds_available: int | None
    beds_updated_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


TreatmentCenterPage = Page[TreatmentCenterRead]
