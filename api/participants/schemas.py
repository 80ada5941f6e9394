from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.core.contact import EXTENSION_NEEDS_NUMBER, Email, Phone, PhoneExtension, PhoneFields
from api.core.schemas import InputModel, Kept
from api.participants.models import ParticipantRole, PortalStatus, Readiness, Relationship
from api.sync.schemas import SyncPage

FullName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Letter = Annotated[str, StringConstraints(max_length=20_000)]
BottomLine = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2_000)]
Notes = Annotated[str, StringConstraints(max_length=5_000)]
SpeakingOrder = Annotated[int, Field(ge=1, le=50, strict=True)]


class ParticipantCreate(PhoneFields, InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [EXTENSION_NEEDS_NUMBER],
            "examples": [
                {
                    "full_name": "Grace Okafor",
                    "relationship": "sibling",
                    "role": "team_leader",
                    "email": "grace@example.org",
                    "phone": "+1 555 0100 1234 ext. 12",
                    "readiness": "committed",
                }
            ],
        }
    )

    full_name: FullName
    relationship: Relationship
    role: ParticipantRole = ParticipantRole.supporter
    email: Email | None = None
    phone: Phone | None = None
    phone_extension: PhoneExtension | None = None
    readiness: Readiness = Readiness.not_contacted
    letter: Letter | None = None
    bottom_line: BottomLine | None = None
    speaking_order: SpeakingOrder | None = None
    notes: Notes | None = None


class ParticipantUpdate(PhoneFields, InputModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"readiness": "committed"}]})

    full_name: Kept[FullName] = None
    relationship: Kept[Relationship] = None
    role: Kept[ParticipantRole] = None
    email: Email | None = None
    phone: Phone | None = None
    phone_extension: PhoneExtension | None = None
    readiness: Kept[Readiness] = None
    letter: Letter | None = None
    bottom_line: BottomLine | None = None
    speaking_order: SpeakingOrder | None = None
    notes: Notes | None = None


class ParticipantRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    full_name: str
    relationship: Relationship
    role: ParticipantRole
    email: str | None
    phone: str | None = Field(description="The number as written, without its extension.")
    phone_extension: str | None = Field(description="The extension's digits, if any.")
    readiness: Readiness
    letter: str | None
    bottom_line: str | None
    speaking_order: int | None
    notes: str | None
    portal_status: PortalStatus = Field(description="Read-only: set by portal invitations.")
    created_at: datetime
    updated_at: datetime
    version: int


ParticipantPage = SyncPage[ParticipantRead]
