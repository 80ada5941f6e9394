from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from api.core.schemas import InputModel, Kept
from api.core.zones import TimeZoneName

PracticeName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]

ZONE_MEANING = (
    "The practice's IANA time zone. Dates and deadlines are meant in it, alert titles and "
    "printouts show it, and check-in schedules of cases without a client zone run in it."
)

REQUIRE_MFA_MEANING = (
    "Every staff member signs in with a second factor (an authenticator app). Those without "
    "one are sent to set it up at their next sign-in (problem `mfa-enrollment-required`)."
)


class OrganizationRead(BaseModel):
    id: uuid.UUID
    name: str
    time_zone: str = Field(description=ZONE_MEANING, examples=["America/Chicago"])
    require_mfa: bool = Field(description=REQUIRE_MFA_MEANING)
    version: int


class OrganizationUpdate(InputModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"time_zone": "America/Chicago"}]})

    name: Kept[PracticeName] = None
    time_zone: Kept[TimeZoneName] = Field(default=None, description=ZONE_MEANING)
    require_mfa: Kept[StrictBool] = Field(default=None, description=REQUIRE_MFA_MEANING)
