"""GET /directory/hsds validates against the published HSDS 3.0 JSON schema files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.audit import AuditEvent
from tests.factories import Factory
from tests.practice import Practice

SCHEMA_DIR = Path(__file__).parent.parent / "fixtures" / "hsds" / "schema"


def _registry() -> Registry:
    resources = [
        (
            path.name,
            Resource.from_contents(
                json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT202012
            ),
        )
        for path in SCHEMA_DIR.glob("*.json")
    ]
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validator(table: str) -> Draft202012Validator:
    """The schema of one HSDS table, with `$ref`s to its siblings resolved by file name."""
    schema = REGISTRY.contents(f"{table}.json")
    return Draft202012Validator(
        {"$id": f"{table}.json", **schema},
        registry=REGISTRY,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def errors_of(table: str, instance: Any) -> list[str]:
    return [
        f"{table} {list(e.absolute_path)}: {e.message}"
        for e in validator(table).iter_errors(instance)
    ]


CENTER = {
    "name": "Columbia River Recovery Center",
    "levels_of_care": ["1", "1-WM", "OTP"],
    "services": ["detox"],
    "address_line": "1800 NE Sandy Boulevard",
    "city": "Portland",
    "region": "OR",
    "postal_code": "97232",
    "country": "US",
    "phone": "503-555-0110",
    "intake_phone": "503-555-0111 ext. 204",
    "hotline_phone": "800-555-0199",
    "website": "https://columbia.example",
    "latitude": 45.5289,
    "longitude": -122.6492,
    "opioid_medications": ["methadone", "buprenorphine"],
    "payment_accepted": ["medicaid", "sliding_scale"],
    "accreditation": ["CARF"],
    "telehealth": True,
    "languages": ["en", "es"],
    "genders_accepted": ["female", "male"],
    "external_source": "samhsa_locator",
    "external_id": "HAZ1Y2K3",
}
MEETING_GROUP = {
    "name": "Tuesday Night Serenity Group",
    "kind": "mutual_help",
    "audience": "client",
    "fellowship": "AA",
    "format": "in_person",
    "address_line": "412 Elm Street",
    "city": "Madison",
    "region": "WI",
    "postal_code": "53703",
    "country": "US",
    "latitude": 43.0747,
    "longitude": -89.3843,
    "phone": "(608) 555-0142 ext. 12",
    "email": "serenity@example.org",
    "meetings": [{"day_of_week": "tuesday", "start_time": "19:00", "end_time": "20:00"}],
    "languages": ["en"],
    "cost": "donation",
}
ONLINE_GROUP = {
    "name": "Families Anonymous Online",
    "kind": "family_support",
    "audience": "family",
    "format": "online",
    "online_url": "https://families.example/meet",
    "schedule_note": "Sundays, see the website",
    "is_active": False,
}


def test_the_export_validates_against_the_hsds_3_schema(
    client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    admin = make.headers(practice.admin)
    assert client.post("/api/v1/treatment-centers", json=CENTER, headers=admin).status_code == 201
    assert (
        client.post(
            "/api/v1/treatment-centers", json={"name": "Bare Center"}, headers=admin
        ).status_code
        == 201
    )
    for body in (MEETING_GROUP, ONLINE_GROUP):
        assert client.post("/api/v1/resources", json=body, headers=admin).status_code == 201

    response = client.get("/api/v1/directory/hsds", headers=make.headers(practice.lead))
    assert response.status_code == 200, response.text
    document = response.json()
    assert document["hsds_version"] == "3.0"
    assert len(document["organizations"]) == len(document["services"]) == 4
    assert len(document["locations"]) == 3

    problems: list[str] = []
    for organization in document["organizations"]:
        problems += errors_of("organization", organization)
    for service in document["services"]:
        problems += errors_of("service", service)
    for location in document["locations"]:
        problems += errors_of("location", location)
        # The vendored 3.0 schema names this list `addresss` (sic); each item is checked here.
        for address in location.get("addresses", []):
            problems += errors_of("address", address)
    assert problems == []

    services = {s["name"]: s for s in document["services"]}
    columbia = services["Columbia River Recovery Center"]
    assert {(p["description"], p["number"], p.get("extension")) for p in columbia["phones"]} == {
        ("Main", "503-555-0110", None),
        ("Intake", "503-555-0111", 204),
        ("Hotline", "800-555-0199", None),
    }
    attributes = {(a["link_type"], a["value"]) for a in columbia["attributes"]}
    assert {
        ("level_of_care", "1-WM"),
        ("level_of_care", "OTP"),
        ("opioid_medication", "methadone"),
    } <= attributes
    assert ("external_id", "samhsa_locator:HAZ1Y2K3") in attributes
    serenity = services["Tuesday Night Serenity Group"]
    assert serenity["schedules"][0]["byday"] == "TU"
    assert (serenity["schedules"][0]["opens_at"], serenity["schedules"][0]["closes_at"]) == (
        "19:00",
        "20:00",
    )
    assert services["Families Anonymous Online"]["status"] == "inactive"
    virtual = next(loc for loc in document["locations"] if loc["location_type"] == "virtual")
    assert virtual["url"] == "https://families.example/meet"

    # The same ids on every export, so a consumer can match them.
    again = client.get("/api/v1/directory/hsds", headers=make.headers(practice.lead)).json()
    assert [s["id"] for s in again["services"]] == [s["id"] for s in document["services"]]

    db.expire_all()
    exports = db.scalars(
        select(AuditEvent).where(
            AuditEvent.resource_type == "directory", AuditEvent.action == "export"
        )
    ).all()
    assert len(exports) == 2


def test_the_schema_check_would_catch_a_broken_export() -> None:
    """The validator is live: a service without its required status fails."""
    assert errors_of("service", {"id": "1", "name": "No status"})
    assert errors_of("location", {"id": "1", "location_type": "moon"})
    assert errors_of(
        "service", {"id": "1", "name": "x", "status": "active", "phones": [{"id": "p"}]}
    )


def test_another_organisation_exports_only_its_own(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    assert (
        client.post(
            "/api/v1/treatment-centers", json=CENTER, headers=make.headers(practice.admin)
        ).status_code
        == 201
    )
    theirs = client.get("/api/v1/directory/hsds", headers=make.headers(practice.outsider)).json()
    assert theirs["services"] == []
    assert client.get("/api/v1/directory/hsds").status_code == 401
