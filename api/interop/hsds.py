"""The directory as Open Referral HSDS 3.0 JSON (`GET /directory/hsds`).

Shape: `{hsds_version: "3.0", generated_at, organizations[], services[], locations[]}`;
each list's items follow the HSDS 3.0 schema of that table (organization.json,
service.json, location.json), with phones, schedules, languages, service_at_locations and
attributes nested as HSDS's JSON form nests them. tests/interop/test_hsds_export.py checks
every item against the published schema files.

Each treatment center and each resource is one `organization` (the provider), one
`service` (what it offers) and, when it has an address or coordinates or an online URL, one
`location`. Their ids are stable: the organization's is the entry's id; the others are
UUIDv5 names derived from it, so a consumer sees the same ids on every export.

Mapping (docs/interoperability.md has the table):
- name, website → organization `name`/`website` and service `name`/`url`; a resource's
  description and email → service `description`/`email` (and organization `description`,
  which HSDS requires: a center gets a generated one);
- address, latitude, longitude → location (`addresses[]` only when the address is complete
  enough for HSDS: street, city, region, postal code, country);
- `phone`, `intake_phone`, `hotline_phone` → service `phones[]` with `description` "Main",
  "Intake", "Hotline" and `extension` as the number HSDS types it (so leading zeros of an
  extension are lost);
- resource meetings → weekly `schedules[]` (`freq` WEEKLY, `byday`, `opens_at`/`closes_at`
  as wall-clock times, `notes` naming the IANA zone: HSDS's numeric `timezone` offset cannot
  say "7 pm local all year"); `schedule_note` → a schedule `description`;
- `languages` → `languages[]` (`code`); `accreditation` → `accreditations` (joined with
  "; "); payment and cost → `fees_description` in words;
- the rest as `attributes[]` with `link_type` from an open codelist: `cairn_directory`
  (`treatment_center` or the resource kind), `level_of_care`, `opioid_medication`,
  `payment_accepted`, `genders_accepted`, `population`, `telehealth`, and `external_id`
  (`source:id`). The HSDS import reads the same attributes back.
Not exported: beds (they change by the hour; HSDS 3.0 has no capacity table), partner API
clients, `insurance_accepted` names other than in `fees_description`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.core import clock
from api.resources.models import DayOfWeek, Resource
from api.treatment_centers.models import TreatmentCenter

HSDS_VERSION = "3.0"
_DAY_CODES = {day: day.value[:2].upper() for day in DayOfWeek}
_PAYMENT_WORDS = {
    "medicaid": "Medicaid",
    "medicare": "Medicare",
    "private_insurance": "private insurance",
    "sliding_scale": "sliding fee scale",
    "free": "free of charge",
    "self_pay": "self-pay",
    "military_insurance": "military insurance (TRICARE)",
    "state_financed": "state-financed insurance",
}


def _id(entry_id: uuid.UUID, part: str) -> str:
    return str(uuid.uuid5(entry_id, part))


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """HSDS leaves absent values out rather than null."""
    return {k: v for k, v in record.items() if v is not None and v != [] and v != ""}


def _phones(entry: TreatmentCenter | Resource, service_id: str) -> list[dict[str, Any]]:
    phones = []
    for field, label in (
        ("phone", "Main"),
        ("intake_phone", "Intake"),
        ("hotline_phone", "Hotline"),
    ):
        number = getattr(entry, field)
        if number is None:
            continue
        extension = getattr(entry, f"{field}_extension")
        phones.append(
            _clean(
                {
                    "id": _id(entry.id, f"phone:{field}"),
                    "service_id": service_id,
                    "number": number,
                    "extension": int(extension) if extension else None,
                    "type": "voice",
                    "description": label,
                }
            )
        )
    return phones


def _attributes(
    entry: TreatmentCenter | Resource, service_id: str, directory: str
) -> list[dict[str, Any]]:
    pairs: list[tuple[str, str]] = [("cairn_directory", directory)]
    if isinstance(entry, TreatmentCenter):
        pairs += [("level_of_care", level) for level in entry.levels_of_care]
        pairs += [("service", service) for service in entry.services]
    pairs += [("opioid_medication", m) for m in entry.opioid_medications]
    pairs += [("payment_accepted", p) for p in entry.payment_accepted]
    pairs += [("genders_accepted", g) for g in entry.genders_accepted]
    pairs += [("population", p) for p in entry.populations]
    if entry.telehealth is not None:
        pairs.append(("telehealth", "true" if entry.telehealth else "false"))
    if entry.external_id is not None:
        pairs.append(("external_id", f"{entry.external_source}:{entry.external_id}"))
    return [
        {
            "id": _id(entry.id, f"attribute:{link_type}:{value}"),
            "link_id": service_id,
            "link_type": link_type,
            "link_entity": "service",
            "value": value,
        }
        for link_type, value in pairs
    ]


def _location(entry: TreatmentCenter | Resource, organization_id: str) -> dict[str, Any] | None:
    online_url = entry.online_url if isinstance(entry, Resource) else None
    has_place = entry.latitude is not None or entry.address_line or entry.city
    if not has_place and not online_url:
        return None
    location_id = _id(entry.id, "location")
    address = None
    if entry.address_line and entry.city and entry.region and entry.postal_code and entry.country:
        address = {
            "id": _id(entry.id, "address"),
            "location_id": location_id,
            "address_1": entry.address_line,
            "city": entry.city,
            "state_province": entry.region,
            "postal_code": entry.postal_code,
            "country": entry.country,
            "address_type": "physical",
        }
    return _clean(
        {
            "id": location_id,
            "location_type": "physical" if has_place else "virtual",
            "url": online_url if not has_place else None,
            "organization_id": organization_id,
            "name": entry.name,
            "latitude": entry.latitude,
            "longitude": entry.longitude,
            "addresses": [address] if address else None,
        }
    )


def _schedules(resource: Resource, service_id: str) -> list[dict[str, Any]]:
    schedules = [
        {
            "id": _id(resource.id, f"schedule:{m['day_of_week']}:{m['start_time']}"),
            "service_id": service_id,
            "freq": "WEEKLY",
            "interval": 1,
            "byday": _DAY_CODES[DayOfWeek(m["day_of_week"])],
            "opens_at": m["start_time"],
            "closes_at": m["end_time"],
            "notes": f"Wall-clock times in {resource.time_zone}.",
        }
        for m in resource.meetings
    ]
    if resource.schedule_note:
        schedules.append(
            {
                "id": _id(resource.id, "schedule:note"),
                "service_id": service_id,
                "description": resource.schedule_note,
            }
        )
    return schedules


def _fees(entry: TreatmentCenter | Resource) -> str | None:
    words = [_PAYMENT_WORDS.get(p, p) for p in entry.payment_accepted]
    if isinstance(entry, TreatmentCenter):
        words += entry.insurance_accepted
    elif entry.cost is not None:
        words.append(entry.cost.replace("_", " "))
    return f"Accepts: {', '.join(words)}." if words else None


def _entry(
    entry: TreatmentCenter | Resource,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]:
    organization_id = str(entry.id)
    service_id = _id(entry.id, "service")
    is_center = isinstance(entry, TreatmentCenter)
    description = (
        entry.description
        if isinstance(entry, Resource) and entry.description
        else ("A treatment center" if is_center else "A support resource")
        + " in the practice's directory."
    )
    email = entry.email if isinstance(entry, Resource) else None
    location = _location(entry, organization_id)
    organization = _clean(
        {
            "id": organization_id,
            "name": entry.name,
            "description": description,
            "website": entry.website,
            "email": email,
        }
    )
    active = entry.is_active if isinstance(entry, Resource) else True
    service = _clean(
        {
            "id": service_id,
            "organization_id": organization_id,
            "name": entry.name,
            "description": description,
            "url": entry.website,
            "email": email,
            "status": "active" if active else "inactive",
            "accreditations": "; ".join(entry.accreditation) or None,
            "fees_description": _fees(entry),
            "phones": _phones(entry, service_id),
            "schedules": _schedules(entry, service_id) if isinstance(entry, Resource) else None,
            "languages": [
                {"id": _id(entry.id, f"language:{code}"), "service_id": service_id, "code": code}
                for code in entry.languages
            ],
            "service_at_locations": (
                [
                    {
                        "id": _id(entry.id, "service_at_location"),
                        "service_id": service_id,
                        "location_id": location["id"],
                    }
                ]
                if location
                else None
            ),
            "attributes": _attributes(
                entry, service_id, entry.kind if isinstance(entry, Resource) else "treatment_center"
            ),
        }
    )
    return organization, service, location


def export(session: Session, organization_id: uuid.UUID) -> dict[str, Any]:
    """The organisation's whole directory as one HSDS 3.0 document (see the module doc)."""
    entries: Iterable[TreatmentCenter | Resource] = [
        *session.scalars(
            select(TreatmentCenter)
            .where(col(TreatmentCenter.organization_id) == organization_id)
            .order_by(col(TreatmentCenter.name), col(TreatmentCenter.id))
        ),
        *session.scalars(
            select(Resource)
            .where(col(Resource.organization_id) == organization_id)
            .order_by(col(Resource.name), col(Resource.id))
        ),
    ]
    document: dict[str, Any] = {
        "hsds_version": HSDS_VERSION,
        "generated_at": clock.now().isoformat().replace("+00:00", "Z"),
        "organizations": [],
        "services": [],
        "locations": [],
    }
    for entry in entries:
        organization, service, location = _entry(entry)
        document["organizations"].append(organization)
        document["services"].append(service)
        if location is not None:
            document["locations"].append(location)
    return document
