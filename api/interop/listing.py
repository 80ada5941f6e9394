"""What a referrer needs from public listings, shared by treatment centers and resources.

DESIGN.md §4 Interoperability: an external id and its source, coordinates, intake and hotline
phones with extensions, payment accepted, accreditation, the medications for opioid use
disorder (MOUD) offered, telehealth, languages, populations and the genders accepted. The
columns (`ListingColumns`), the input fields (`ListingFields`) and the read fields
(`ListingRead`) are declared once here and mixed into both domains.

Codes:
- `payment_accepted`: `medicaid`, `medicare`, `private_insurance`, `sliding_scale`, `free`,
  plus `self_pay`, `military_insurance` and `state_financed`, which the SAMHSA locator lists
  as payment categories of their own (docs/interoperability.md has the mapping table).
- `opioid_medications`: `methadone` (dispensed only by an opioid treatment program, OTP),
  `buprenorphine`, `naltrexone`, and `unspecified`. `unspecified` means "offers medications
  for opioid use disorder, which ones not recorded": it is what the old single `mat`
  service became in migration 0028, so no center that said "MAT" loses that, and none is
  said to offer a medication nobody recorded.
- `genders_accepted`: `female`, `male`, `nonbinary`; empty means not recorded.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    StringConstraints,
    model_validator,
)
from sqlalchemy import JSON, select
from sqlalchemy.orm import Session
from sqlmodel import Field as ColumnField
from sqlmodel import SQLModel

from api.core.contact import Phone, PhoneExtension, split_phone
from api.core.problems import Conflict, FieldError, UnprocessableContent

EXTERNAL_SOURCE_PATTERN = r"^[a-z0-9][a-z0-9_.:-]{0,39}$"


class Payment(StrEnum):
    medicaid = "medicaid"
    medicare = "medicare"
    private_insurance = "private_insurance"
    sliding_scale = "sliding_scale"
    free = "free"
    self_pay = "self_pay"
    military_insurance = "military_insurance"
    state_financed = "state_financed"


class OpioidMedication(StrEnum):
    """Medications for opioid use disorder; `unspecified` is the old `mat` (see module doc)."""

    methadone = "methadone"
    buprenorphine = "buprenorphine"
    naltrexone = "naltrexone"
    unspecified = "unspecified"


class Gender(StrEnum):
    female = "female"
    male = "male"
    nonbinary = "nonbinary"


def _unique(values: list[object]) -> list[object]:
    return list(dict.fromkeys(values))


def _medications(values: list[OpioidMedication]) -> list[OpioidMedication]:
    """A named medication makes `unspecified` redundant."""
    values = list(dict.fromkeys(values))
    if len(values) > 1 and OpioidMedication.unspecified in values:
        values.remove(OpioidMedication.unspecified)
    return values


Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
LanguageTag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"),
    Field(description="A BCP 47 language tag such as `en` or `es-MX`.", examples=["en"]),
]
Latitude = Annotated[float, Field(ge=-90, le=90, description="WGS 84 decimal degrees.")]
Longitude = Annotated[float, Field(ge=-180, le=180, description="WGS 84 decimal degrees.")]

PaymentList = Annotated[list[Payment], Field(max_length=8), AfterValidator(_unique)]
AccreditationList = Annotated[list[Label], Field(max_length=20), AfterValidator(_unique)]
MedicationList = Annotated[
    list[OpioidMedication], Field(max_length=4), AfterValidator(_medications)
]
LanguageList = Annotated[list[LanguageTag], Field(max_length=20), AfterValidator(_unique)]
PopulationList = Annotated[list[Label], Field(max_length=20), AfterValidator(_unique)]
GenderList = Annotated[list[Gender], Field(max_length=3), AfterValidator(_unique)]

LIST_COLUMNS = (
    "payment_accepted",
    "accreditation",
    "opioid_medications",
    "languages",
    "populations",
    "genders_accepted",
)
"""JSON list columns of a listing: stored as lists of plain strings, never null."""


class ListingColumns(SQLModel):
    """Columns both directory tables gain (migration 0028)."""

    external_source: str | None = ColumnField(default=None, max_length=40)
    external_id: str | None = ColumnField(default=None, max_length=100)
    latitude: float | None = None
    longitude: float | None = None
    intake_phone: str | None = ColumnField(default=None, max_length=40)
    intake_phone_extension: str | None = ColumnField(default=None, max_length=10)
    hotline_phone: str | None = ColumnField(default=None, max_length=40)
    hotline_phone_extension: str | None = ColumnField(default=None, max_length=10)
    payment_accepted: list[str] = ColumnField(default_factory=list, sa_type=JSON)
    accreditation: list[str] = ColumnField(default_factory=list, sa_type=JSON)
    opioid_medications: list[str] = ColumnField(default_factory=list, sa_type=JSON)
    telehealth: bool | None = None
    genders_accepted: list[str] = ColumnField(default_factory=list, sa_type=JSON)


class ListingFields(BaseModel):
    """Input fields of a listing. Phones are typed as people write them and split like `phone`
    (api/core/contact.py): `(555) 555-0142 ext. 12` → number and extension.

    `latitude` and `longitude` come together, and `external_id` needs `external_source`: the
    services check that against what is stored (`require_pairs`), so a PATCH may send one."""

    external_source: Annotated[str, StringConstraints(pattern=EXTERNAL_SOURCE_PATTERN)] | None = (
        Field(
            default=None,
            description="Where the listing came from, e.g. `samhsa_locator` or `hsds`; lower case.",
        )
    )
    external_id: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
        | None
    ) = Field(default=None, description="The listing's id at its source (unique per source).")
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    intake_phone: Phone | None = None
    intake_phone_extension: PhoneExtension | None = None
    hotline_phone: Phone | None = None
    hotline_phone_extension: PhoneExtension | None = None
    payment_accepted: PaymentList | None = None
    accreditation: AccreditationList | None = None
    opioid_medications: MedicationList | None = None
    telehealth: Annotated[bool, Field(strict=True)] | None = None
    genders_accepted: GenderList | None = None

    @model_validator(mode="after")
    def _extra_phones_apart(self) -> Self:
        for name in ("intake_phone", "hotline_phone"):
            if name not in self.model_fields_set:
                continue
            number = getattr(self, name)
            extension = getattr(self, f"{name}_extension")
            if number is not None:
                number, written = split_phone(number)
                if written is not None and extension is not None and written != extension:
                    raise ValueError(
                        f"{name}_extension differs from the extension written in {name}"
                    )
                extension = written or extension
            setattr(self, name, number)
            setattr(self, f"{name}_extension", extension)
        return self


class ListingRead(BaseModel):
    external_source: str | None
    external_id: str | None
    latitude: float | None
    longitude: float | None
    intake_phone: str | None
    intake_phone_extension: str | None
    hotline_phone: str | None
    hotline_phone_extension: str | None
    payment_accepted: list[Payment]
    accreditation: list[str]
    opioid_medications: list[OpioidMedication]
    telehealth: bool | None
    languages: list[str]
    populations: list[str]
    genders_accepted: list[Gender]
    distance_km: float | None = Field(
        default=None,
        description="Great-circle distance from `near`, when the list was asked with it.",
    )


def as_stored(values: dict[str, Any]) -> dict[str, Any]:
    """Enum members as their strings, `None` lists as empty lists (lists are never null)."""
    stored = dict(values)
    for field in LIST_COLUMNS:
        if field in stored:
            stored[field] = [str(v) for v in (stored[field] or [])]
    return stored


def require_free_external_id(
    session: Session,
    model: Any,
    organization_id: uuid.UUID,
    source: str | None,
    external_id: str | None,
    current_id: uuid.UUID | None = None,
) -> None:
    """409 when another entry of the organisation already has this external id from this
    source (the database's unique constraint would refuse it less politely)."""
    if source is None or external_id is None:
        return
    taken = session.scalar(
        select(model.id).where(
            model.organization_id == organization_id,
            model.external_source == source,
            model.external_id == external_id,
        )
    )
    if taken is not None and taken != current_id:
        raise Conflict(
            f"Another entry in your directory already has external id {external_id} from {source}."
        )


def pair_problem(
    latitude: float | None,
    longitude: float | None,
    external_source: str | None,
    external_id: str | None,
) -> tuple[str, str] | None:
    """The field and message of a half-given pair, or None: coordinates come together, and an
    external id names its source."""
    if latitude is not None and longitude is None:
        return "longitude", "give the longitude with the latitude"
    if longitude is not None and latitude is None:
        return "latitude", "give the latitude with the longitude"
    if external_id is not None and external_source is None:
        return "external_source", "an external_id needs its external_source"
    return None


def require_pairs(values: dict[str, Any], stored: Any = None) -> None:
    """422 naming the field when `values` (merged over `stored`, for a PATCH) would leave a
    pair half given."""

    def value(name: str) -> Any:
        return values[name] if name in values else getattr(stored, name, None)

    problem = pair_problem(
        value("latitude"), value("longitude"), value("external_source"), value("external_id")
    )
    if problem is not None:
        field, msg = problem
        raise UnprocessableContent(
            f"{field}: {msg}",
            errors=[FieldError(loc=["body", field], msg=msg, type="value_error")],
        )
