"""The OpenAPI document and the server agree on the rules the fuzz found them split on
(issue 11, item 11). The fuzz itself is tests/test_openapi_fuzz.py."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


@pytest.fixture
def document(app: FastAPI) -> dict[str, Any]:
    return app.openapi()


def _schema(document: dict[str, Any], name: str) -> dict[str, Any]:
    schema: dict[str, Any] = document["components"]["schemas"][name]
    return schema


def test_an_integral_float_is_an_integer(case: CaseDriver, client: TestClient) -> None:
    schedule = case.schedule()
    response = client.patch(
        f"{API}/check-in-schedules/{schedule['id']}",
        json={"grace_hours": 71.0, "cadence_days": 14},
        headers=case.headers(),
    )
    assert response.status_code == 200, response.text
    assert (response.json()["grace_hours"], response.json()["cadence_days"]) == (71, 14)


@pytest.mark.parametrize("value", [71.5, "71", True])
def test_other_numbers_stay_refused_for_integers(
    case: CaseDriver, client: TestClient, value: object
) -> None:
    schedule = case.schedule()
    response = client.patch(
        f"{API}/check-in-schedules/{schedule['id']}",
        json={"grace_hours": value},
        headers=case.headers(),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "grace_hours"]


def test_a_field_that_cannot_be_emptied_is_not_published_as_nullable(
    document: dict[str, Any], case: CaseDriver, client: TestClient
) -> None:
    update = _schema(document, "ParticipantUpdate")["properties"]
    assert update["full_name"].get("type") == "string"
    assert "anyOf" not in update["full_name"]
    assert {"type": "null"} in update["notes"]["anyOf"]  # this one null clears
    grace = case.participant("Grace Okafor", notes="Calls after six")
    response = client.patch(
        f"{API}/participants/{grace['id']}", json={"full_name": None}, headers=case.headers()
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "full_name"]
    cleared = client.patch(
        f"{API}/participants/{grace['id']}", json={"notes": None}, headers=case.headers()
    )
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["notes"] is None


@pytest.mark.parametrize("since", ["-5", "1700000000", "20260301"])
def test_a_number_is_not_a_timestamp_in_a_query(
    case: CaseDriver, client: TestClient, since: str
) -> None:
    response = client.get(f"{case.path}/check-ins", params={"since": since}, headers=case.headers())
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "since"]
    ok = client.get(
        f"{case.path}/check-ins", params={"since": "2026-03-01T09:00:00Z"}, headers=case.headers()
    )
    assert ok.status_code == 200


def test_the_plan_publishes_if_match_as_required(document: dict[str, Any]) -> None:
    operation = document["paths"][f"{API}/cases/{{case_id}}/plan"]["patch"]
    if_match = next(p for p in operation["parameters"] if p["name"] == "If-Match")
    assert if_match["required"] is True
    assert if_match["schema"] == {
        "type": "string",
        "description": if_match["schema"]["description"],
        "title": "If-Match",
    }
    assert "428" in operation["responses"]


def test_idempotency_key_rules_are_published_and_kept(
    document: dict[str, Any], case: CaseDriver, client: TestClient
) -> None:
    operation = document["paths"][f"{API}/cases/{{case_id}}/participants"]["post"]
    key = next(p for p in operation["parameters"] if p["name"] == "Idempotency-Key")
    assert key["schema"]["pattern"]
    assert key["schema"]["maxLength"] == 255
    response = client.post(
        f"{case.path}/participants",
        json={"full_name": "Ada", "relationship": "sibling"},
        headers={**case.headers(), "Idempotency-Key": "caf\u00e9".encode("latin-1")},
    )
    assert response.status_code == 400


def test_contact_and_birth_date_rules_are_published(document: dict[str, Any]) -> None:
    participant = _schema(document, "ParticipantCreate")["properties"]
    phone = next(branch for branch in participant["phone"]["anyOf"] if branch != {"type": "null"})
    assert phone["pattern"]
    assert phone["maxLength"]
    email = next(branch for branch in participant["email"]["anyOf"] if branch != {"type": "null"})
    assert email["format"] == "email"
    birth = _schema(document, "ClientIn")["properties"]["date_of_birth"]["anyOf"][0]
    assert birth["format"] == "date"
    assert birth["pattern"].startswith("^(?:19[0-9]{2}|")


def test_the_consents_one_of_two_rules_are_published(document: dict[str, Any]) -> None:
    rules = _schema(document, "ConsentCreate")["allOf"]
    pairs = [(rule["if"]["properties"], rule["then"]["required"]) for rule in rules]
    assert pairs == [
        ({"recipient_treatment_center_id": {"type": "null"}}, ["recipient_description"]),
        ({"expires_at": {"type": "null"}}, ["expiration_event"]),
    ]


def test_every_operation_declares_422_and_503_with_retry_after(
    document: dict[str, Any],
) -> None:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            assert "422" in answers, (method, path)
            assert "Retry-After" in answers["503"]["headers"], (method, path)
