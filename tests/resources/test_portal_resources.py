"""GET /portal/resources: the practice's directory for this person, then the national lines."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from api.core import clock
from api.portal import resources as portal_resources
from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice
from tests.resources.test_directory import ALANON, SERENITY, WARMLINE


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


def add(client: TestClient, make: Factory, practice: Practice, body: dict[str, Any]) -> Any:
    response = client.post(f"{API}/resources", json=body, headers=make.headers(practice.admin))
    assert response.status_code == 201, response.text
    return response.json()


def test_each_person_gets_the_practices_directory_for_them_then_the_national_lines(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    serenity = add(client, make, practice, SERENITY)
    add(client, make, practice, ALANON)
    add(client, make, practice, WARMLINE)
    retired = add(client, make, practice, {**SERENITY, "name": "Closed Group"})
    client.patch(
        f"{API}/resources/{retired['id']}",
        json={"is_active": False},
        headers=make.headers(practice.admin),
    )
    elsewhere = client.post(
        f"{API}/resources",
        json={**SERENITY, "name": "Another Practice's Group"},
        headers=make.headers(practice.outsider),
    )
    assert elsewhere.status_code == 201
    grace = case.participant("Grace Okafor", email="grace@example.org")

    for_client = client.get(f"{API}/portal/resources", headers=case.portal_headers("client"))
    assert for_client.status_code == 200, for_client.text
    items = for_client.json()["items"]
    practice_items = [r for r in items if r["source"] == "practice"]
    assert [r["name"] for r in practice_items] == [
        "County Crisis Line",
        "Tuesday Night Serenity Group",
    ]
    # The practice's own come first, the national lines after them.
    assert [r["source"] for r in items[:2]] == ["practice", "practice"]
    assert {r["source"] for r in items[2:]} == {"national"}
    assert any(r["contact"] == "Call or text 988" and r["phone"] == "988" for r in items)
    group = practice_items[1]
    assert group["id"] == serenity["id"]
    assert group["phone"] == "(608) 555-0142"
    assert group["phone_extension"] == "12"
    assert group["address"] == "412 Elm Street, Fellowship Hall, Madison, WI"
    assert group["meetings"][0] == {
        "day_of_week": "tuesday",
        "start_time": "19:00",
        "end_time": "20:30",
    }
    assert group["time_zone"] == practice.org.time_zone
    # Tuesday 19:00 or Thursday 19:00 local, whichever comes first from now.
    next_at = datetime.fromisoformat(group["next_meeting_at"])
    assert next_at > clock.now()
    assert next_at - clock.now() <= timedelta(days=7)
    assert next_at.astimezone(ZoneInfo(group["time_zone"])).strftime("%H:%M") == "19:00"
    assert practice_items[0]["next_meeting_at"] is None  # the crisis line has no meetings
    assert group["chosen"] is False

    for_grace = client.get(f"{API}/portal/resources", headers=case.portal_headers(grace["id"]))
    names = [r["name"] for r in for_grace.json()["items"] if r["source"] == "practice"]
    assert names == ["County Crisis Line", "Hope for Families Al-Anon"]
    assert "Serenity" not in for_grace.text
    assert "Closed Group" not in for_client.text + for_grace.text
    assert "Another Practice" not in for_client.text + for_grace.text


def test_resources_chosen_for_the_person_come_first(
    case: CaseDriver,
    client: TestClient,
    make: Factory,
    practice: Practice,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add(client, make, practice, WARMLINE)
    serenity = add(client, make, practice, SERENITY)
    alanon = add(client, make, practice, ALANON)
    foreign = client.post(
        f"{API}/resources", json=SERENITY, headers=make.headers(practice.outsider)
    ).json()
    chosen = [uuid.UUID(serenity["id"]), uuid.UUID(foreign["id"]), uuid.UUID(alanon["id"])]
    monkeypatch.setattr(portal_resources, "chosen_resource_ids_for", lambda _s, _p: chosen)
    items = client.get(f"{API}/portal/resources", headers=case.portal_headers("client")).json()[
        "items"
    ]
    practice_items = [(r["name"], r["chosen"]) for r in items if r["source"] == "practice"]
    # Chosen ones in the plan's order (even one for another audience); never another
    # practice's; then the rest by name.
    assert practice_items == [
        ("Tuesday Night Serenity Group", True),
        ("Hope for Families Al-Anon", True),
        ("County Crisis Line", False),
    ]


def test_staff_tokens_cannot_read_the_portal_list(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    response = client.get(f"{API}/portal/resources", headers=make.headers(practice.lead))
    assert response.status_code == 403
