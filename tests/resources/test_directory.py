"""The practice's resource directory: /resources (DESIGN.md §4 Resources)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.core.audit import AuditEvent
from api.resources import service
from api.resources.models import Resource
from tests.cases.test_statement_counts import counting
from tests.factories import Factory
from tests.practice import Practice

API = "/api/v1/resources"

SERENITY = {
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
    "email": "Serenity@Example.ORG",
    "website": "https://serenity.example.org",
    "meetings": [
        {"day_of_week": "thursday", "start_time": "19:00", "end_time": "20:00"},
        {"day_of_week": "tuesday", "start_time": "19:00", "end_time": "20:30"},
    ],
    "languages": ["en", "es"],
    "cost": "donation",
}
ALANON = {
    "name": "Hope for Families Al-Anon",
    "kind": "family_support",
    "audience": "family",
    "fellowship": "Al-Anon",
    "format": "online",
    "online_url": "https://meet.example.org/hope",
    "meetings": [{"day_of_week": "monday", "start_time": "18:30", "end_time": "19:30"}],
    "cost": "free",
}
WARMLINE = {
    "name": "County Crisis Line",
    "kind": "crisis_line",
    "audience": "both",
    "format": "online",
    "phone": "608-555-0199",
    "schedule_note": "24/7",
    "time_zone": "America/Chicago",
}


def add(client: TestClient, make: Factory, practice: Practice, body: dict[str, Any]) -> Any:
    return client.post(API, json=body, headers=make.headers(practice.supervisor))


def test_a_supervisor_adds_a_resource_with_every_field(
    client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    created = add(client, make, practice, SERENITY)
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["Location"] == f"{API}/{body['id']}"
    assert created.headers["ETag"] == '"v1"'
    assert body["phone"] == "(608) 555-0142"
    assert body["phone_extension"] == "12"
    assert body["email"] == "Serenity@example.org"  # the domain folded, as everywhere
    assert body["website"] == "https://serenity.example.org/"
    # The practice's zone when none is given; meetings Monday first.
    assert body["time_zone"] == practice.org.time_zone
    assert [m["day_of_week"] for m in body["meetings"]] == ["tuesday", "thursday"]
    assert body["meetings"][0] == {
        "day_of_week": "tuesday",
        "start_time": "19:00",
        "end_time": "20:30",
    }
    assert body["languages"] == ["en", "es"]
    assert body["is_active"] is True

    read = client.get(f"{API}/{body['id']}", headers=make.headers(practice.colleague))
    assert read.status_code == 200
    assert read.json() == body
    actions = db.scalars(
        select(col(AuditEvent.action)).where(col(AuditEvent.resource_id) == body["id"])
    ).all()
    assert sorted(actions) == ["create", "read"]


def test_an_admin_edits_and_deactivates_a_resource(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    created = add(client, make, practice, SERENITY).json()
    path = f"{API}/{created['id']}"
    headers = make.headers(practice.admin)
    changed = client.patch(
        path,
        json={
            "meetings": [{"day_of_week": "friday", "start_time": "12:00", "end_time": "13:00"}],
            "phone_extension": "x7",
            "time_zone": "America/Chicago",
        },
        headers={**headers, "If-Match": '"v1"'},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["meetings"] == [
        {"day_of_week": "friday", "start_time": "12:00", "end_time": "13:00"}
    ]
    assert changed.json()["phone"] == "(608) 555-0142"
    assert changed.json()["phone_extension"] == "7"
    assert changed.json()["time_zone"] == "America/Chicago"
    assert changed.headers["ETag"] == '"v2"'
    stale = client.patch(path, json={"is_active": False}, headers={**headers, "If-Match": '"v1"'})
    assert stale.status_code == 412
    off = client.patch(path, json={"is_active": False}, headers=headers)
    assert off.status_code == 200
    assert off.json()["is_active"] is False
    # Removing the phone takes its extension with it.
    cleared = client.patch(path, json={"phone": None}, headers=headers)
    assert cleared.json()["phone"] is None
    assert cleared.json()["phone_extension"] is None


def test_filters_narrow_the_directory(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    for body in (SERENITY, ALANON, WARMLINE):
        assert add(client, make, practice, body).status_code == 201
    headers = make.headers(practice.lead)

    def names(**params: Any) -> list[str]:
        response = client.get(API, params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [r["name"] for r in response.json()["items"]]

    assert names() == [
        "County Crisis Line",
        "Hope for Families Al-Anon",
        "Tuesday Night Serenity Group",
    ]
    assert names(kind="family_support") == ["Hope for Families Al-Anon"]
    # A resource for both serves the family too.
    assert names(audience="family") == ["County Crisis Line", "Hope for Families Al-Anon"]
    assert names(audience="both") == ["County Crisis Line"]
    assert names(format="online") == ["County Crisis Line", "Hope for Families Al-Anon"]
    assert names(format="in_person") == ["Tuesday Night Serenity Group"]
    assert names(day_of_week="thursday") == ["Tuesday Night Serenity Group"]
    assert names(day_of_week="monday") == ["Hope for Families Al-Anon"]
    assert names(day_of_week="sunday") == []
    assert names(q="al anon") == ["Hope for Families Al-Anon"]
    assert names(q="MADISON") == ["Tuesday Night Serenity Group"]
    assert names(q="aa", kind="mutual_help") == ["Tuesday Night Serenity Group"]
    for bad in ({"kind": "gym"}, {"day_of_week": "someday"}, {"format": "by_mail"}):
        response = client.get(API, params=bad, headers=headers)
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["loc"] == ["query", next(iter(bad))]


def test_inactive_resources_can_be_filtered(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    created = add(client, make, practice, SERENITY).json()
    add(client, make, practice, ALANON)
    client.patch(
        f"{API}/{created['id']}", json={"is_active": False}, headers=make.headers(practice.admin)
    )
    headers = make.headers(practice.lead)
    active = client.get(API, params={"is_active": "true"}, headers=headers).json()["items"]
    assert [r["name"] for r in active] == ["Hope for Families Al-Anon"]
    assert len(client.get(API, headers=headers).json()["items"]) == 2


def test_pages_follow_the_cursor_without_gaps_or_repeats(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    for n in range(7):
        assert add(client, make, practice, {**ALANON, "name": f"Group {n:02d}"}).status_code == 201
    headers = make.headers(practice.lead)
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get(API, params=params, headers=headers).json()
        seen += [r["name"] for r in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"Group {n:02d}" for n in range(7)]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "gym"}, "kind"),
        ({"audience": "everyone"}, "audience"),
        ({"format": "by_mail"}, "format"),
        ({"name": "  "}, "name"),
        ({"phone": "call me"}, "phone"),
        ({"email": "not-an-address"}, "email"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"online_url": "ftp://files.example.org"}, "online_url"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"languages": ["English"]}, "languages"),
        ({"cost": "priceless"}, "cost"),
        ({"is_active": "yes"}, "is_active"),
        ({"unknown": 1}, "unknown"),
        (
            {"meetings": [{"day_of_week": "funday", "start_time": "19:00", "end_time": "20:00"}]},
            "meetings",
        ),
        (
            {"meetings": [{"day_of_week": "monday", "start_time": "7pm", "end_time": "20:00"}]},
            "meetings",
        ),
        (
            {"meetings": [{"day_of_week": "monday", "start_time": "20:00", "end_time": "19:00"}]},
            "meetings",
        ),
    ],
)
def test_bad_input_is_422_naming_the_field_and_changes_nothing(
    client: TestClient, make: Factory, practice: Practice, body: dict[str, Any], field: str
) -> None:
    response = add(client, make, practice, {**SERENITY, **body})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert any(e["loc"][:2] == ["body", field] for e in response.json()["errors"]), response.json()
    assert client.get(API, headers=make.headers(practice.lead)).json()["items"] == []


def test_a_patch_cannot_empty_a_required_field(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    created = add(client, make, practice, SERENITY).json()
    response = client.patch(
        f"{API}/{created['id']}", json={"kind": None}, headers=make.headers(practice.supervisor)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "kind"]
    extension_alone = client.post(
        API, json={**ALANON, "phone_extension": "12"}, headers=make.headers(practice.supervisor)
    )
    assert extension_alone.status_code == 422
    assert extension_alone.json()["errors"][0]["loc"] == ["body", "phone_extension"]


def test_interventionists_read_but_never_write(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    created = add(client, make, practice, SERENITY).json()
    path = f"{API}/{created['id']}"
    lead = make.headers(practice.lead)
    assert client.post(API, json=ALANON, headers=lead).status_code == 403
    assert client.patch(path, json={"name": "Mine"}, headers=lead).status_code == 403
    assert client.delete(path, headers=lead).status_code == 403
    assert client.get(path, headers=lead).status_code == 200
    assert client.get(path, headers=lead).json()["name"] == SERENITY["name"]
    assert client.get(API).status_code == 401


def test_another_organisation_sees_nothing(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    created = add(client, make, practice, SERENITY).json()
    path = f"{API}/{created['id']}"
    outsider = make.headers(practice.outsider)
    assert client.get(path, headers=outsider).status_code == 404
    assert client.patch(path, json={"name": "Taken"}, headers=outsider).status_code == 404
    assert client.delete(path, headers=outsider).status_code == 404
    assert client.get(API, headers=outsider).json()["items"] == []
    assert client.get(path, headers=make.headers(practice.lead)).json()["name"] == SERENITY["name"]


def test_the_same_idempotency_key_creates_one_resource(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    headers = make.headers(practice.supervisor, **{"Idempotency-Key": "resource-1"})
    first = client.post(API, json=SERENITY, headers=headers)
    again = client.post(API, json=SERENITY, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(client.get(API, headers=make.headers(practice.lead)).json()["items"]) == 1
    other_body = client.post(API, json=ALANON, headers=headers)
    assert other_body.status_code == 422


def test_a_resource_nothing_uses_is_deleted_and_one_in_use_is_409(
    client: TestClient, make: Factory, practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    unused = add(client, make, practice, ALANON).json()
    used = add(client, make, practice, SERENITY).json()
    headers = make.headers(practice.supervisor)
    assert client.delete(f"{API}/{unused['id']}", headers=headers).status_code == 204
    assert client.get(f"{API}/{unused['id']}", headers=headers).status_code == 404

    def used_by_a_plan(_session: Session, resource: Resource) -> bool:
        return resource.id == uuid.UUID(used["id"])

    monkeypatch.setattr(service, "_in_use_checks", [used_by_a_plan])
    refused = client.delete(f"{API}/{used['id']}", headers=headers)
    assert refused.status_code == 409
    assert "is_active" in refused.json()["detail"]
    assert client.get(f"{API}/{used['id']}", headers=headers).status_code == 200


def test_the_list_costs_the_same_statements_for_one_resource_and_for_a_hundred(
    client: TestClient, make: Factory, practice: Practice, engine: Engine
) -> None:
    headers = make.headers(practice.lead)

    def statements_for_a_page() -> int:
        with counting(engine) as statements:
            response = client.get(API, params={"limit": 200}, headers=headers)
            assert response.status_code == 200
        return len(statements)

    add(client, make, practice, SERENITY)
    few = statements_for_a_page()
    for n in range(99):
        add(client, make, practice, {**SERENITY, "name": f"Group {n}"})
    many = statements_for_a_page()
    assert many == few
