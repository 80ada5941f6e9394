from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from api.consents.models import (
    ConsentStatus,
    ExpirationEvent,
    SignatureMethod,
    SignerRelationship,
)
from api.core.pagination import Page
from api.core.schemas import InputModel, IsoDate, PastTimestamp, Timestamp, given_when_absent

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5_000)]

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIMESTAMP: TypeAdapter[datetime] = TypeAdapter(Timestamp)
_DATE: TypeAdapter[date] = TypeAdapter(IsoDate)


def _date_or_timestamp(value: object) -> date | datetime:
    """`YYYY-MM-DD` stays a date (the service makes it the end of that day in the practice's
    zone); anything else must be an RFC 3339 timestamp."""
    if isinstance(value, datetime):
        return _TIMESTAMP.validate_python(value)
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_ONLY.fullmatch(value):
        try:
            return _DATE.validate_python(value)
        except ValidationError as exc:
            raise ValueError(
                "not a calendar date from 1900-01-01 to 2200-12-31; use YYYY-MM-DD such as "
                "2026-12-31"
            ) from exc
    try:
        return _TIMESTAMP.validate_python(value)
    except ValidationError as exc:
        raise ValueError(
            "use a date such as 2026-12-31 or a timestamp such as 2026-12-31T17:00:00Z"
        ) from exc


EXPIRES_AT_DESCRIPTION = (
    "When the consent ends. A date (YYYY-MM-DD, as written on the paper form) means the end "
    "of that day (23:59:59.999999) in the practice's time zone, stored as that UTC instant; "
    "a full RFC 3339 timestamp is kept as given. Read back, it is always the UTC instant."
)

ExpiryMoment = Annotated[
    date | datetime,
    PlainValidator(_date_or_timestamp),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "string",
                    "format": "date",
                    "formatMinimum": "1900-01-01",
                    "formatMaximum": "2200-12-31",
                    "examples": ["2026-12-31"],
                },
                {
                    "type": "string",
                    "format": "date-time",
                    "formatMinimum": "1900-01-01T00:00:00Z",
                    "formatMaximum": "2200-12-31T23:59:59Z",
                    "examples": ["2026-12-31T17:00:00Z"],
                },
            ],
        },
        mode="validation",
    ),
]
"""A consent's end: a date-only value (end of that local day) or a timestamp."""

EXPIRATION_EVENT_DESCRIPTION = (
    "The event that ends the consent. One of `on_discharge` (the client is discharged from the "
    "recipient treatment center), `on_case_closed` (the case is closed) or "
    "`on_referral_closed` (a referral under this consent is discharged, declined, or "
    "cancelled once sent): Cairn evaluates these itself and the consent turns `expired` "
    "when it happens. Any other text is kept as written, and a task asks the case lead to "
    "confirm the consent is still in force."
)


class ConsentCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "patient_name": "Daniel Okafor",
                    "disclosing_party": "Harbor Light Interventions",
                    "recipient_treatment_center_id": "5d0c3c5e-0e64-4d2b-9d6c-1b1f9f8c2a10",
                    "purpose": "Referral for admission to residential treatment and coordination of care.",
                    "information_description": "Substance use history, current use, risk factors and the intervention summary.",
                    "expires_at": "2027-05-31T23:59:59Z",
                    "signed_by": "Daniel Okafor",
                    "signer_relationship": "self",
                    "signed_at": "2026-12-01T15:30:00Z",
                    "signature_method": "typed_name",
                }
            ],
            # Two one-of-two rules (at least one of each pair, not null). What JSON Schema
            # cannot say is in the descriptions: expires_at after signed_at, and
            # on_discharge needs recipient_treatment_center_id.
            "allOf": [
                given_when_absent("recipient_treatment_center_id", "recipient_description"),
                given_when_absent("expires_at", "expiration_event"),
            ],
        }
    )

    patient_name: Line
    disclosing_party: Line
    recipient_treatment_center_id: uuid.UUID | None = None
    recipient_description: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
        | None
    ) = None
    purpose: Paragraph
    information_description: Paragraph = Field(
        description="How much and what kind of information may be disclosed"
    )
    expires_at: ExpiryMoment | None = Field(default=None, description=EXPIRES_AT_DESCRIPTION)
    expiration_event: ExpirationEvent | Line | None = Field(
        default=None, description=EXPIRATION_EVENT_DESCRIPTION, union_mode="left_to_right"
    )
    signed_by: Line
    signer_relationship: SignerRelationship
    signed_at: PastTimestamp
    signature_method: SignatureMethod

    @model_validator(mode="after")
    def _required_elements(self) -> ConsentCreate:
        if self.recipient_treatment_center_id is None and self.recipient_description is None:
            raise ValueError(
                "name the recipient: recipient_treatment_center_id or recipient_description"
            )
        if self.expires_at is None and self.expiration_event is None:
            raise ValueError("a consent needs expires_at or expiration_event")
        if isinstance(self.expires_at, datetime) and self.expires_at <= self.signed_at:
            raise ValueError("expires_at must be after signed_at")
        if (
            self.expiration_event == ExpirationEvent.on_discharge
            and self.recipient_treatment_center_id is None
        ):
            raise ValueError(
                "on_discharge ends the consent on discharge from the recipient treatment "
                "center: name it in recipient_treatment_center_id"
            )
        return self


class Revocation(InputModel):
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2_000)] | None = None


class ConsentRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    patient_name: str
    disclosing_party: str
    recipient_treatment_center_id: uuid.UUID | None
    recipient_description: str | None
    purpose: str
    information_description: str
    expires_at: datetime | None
    expiration_event: str | None = Field(description=EXPIRATION_EVENT_DESCRIPTION)
    expiration_event_evaluated: bool = Field(
        description="True when `expiration_event` is one Cairn evaluates itself (on_discharge, "
        "on_case_closed, on_referral_closed); false for free text that staff must watch for."
    )
    signed_by: str
    signer_relationship: SignerRelationship
    signed_at: datetime
    signature_method: SignatureMethod
    status: ConsentStatus
    created_at: datetime
    revoked_at: datetime | None
    revocation_note: str | None
    expired_at: datetime | None = Field(
        description="When the consent ended by expiry: the moment its expiration event "
        "happened, or `expires_at` once passed; null while it has not expired."
    )
    expired_by: str | None = Field(
        description="What ended it: the structured event (on_discharge, on_case_closed, "
        "on_referral_closed), or `date` when `expires_at` passed."
    )
    expiry_note: str | None = Field(
        description="What happened, in words: e.g. 'Discharged from Hazelden (referral).'"
    )
    redisclosure_notice: str


ConsentPage = Page[ConsentRead]
