"""GET /cases?q= finds the person who calls: participants' names and phone numbers
(issue #14 §14), normalised like the client's name, and says who matched."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import Factory
from tests.practice import Practice

CURLY = "\u2019"


@pytest.fixture
def okafor(client: TestClient, make: Factory, practice: Practice) -> dict[str, Any]:
    case = practice.open_case(client, make, client={"first_name": "Daniel", "last_name": "Okafor"})
    headers = make.headers(practice.lead)
    for body in (
        {
            "full_name": f"Ruth O{CURLY}Neill",
            "relationship": "parent",
            "phone": "+1 (555) 555-0142",
        },
        {"full_name": "Ana Okafor", "relationship": "spouse", "phone": "555.010.2030"},
        {"full_name": "Tomás Reyes", "relationship": "friend"},
    ):
        response = client.post(
            f"/api/v1/cases/{case['id']}/participants",
            json={"role": "speaker", "readiness": "committed", **body},
            headers=headers,
        )
        assert response.status_code == 201, response.text
    return case


def search(client: TestClient, make: Factory, practice: Practice, q: str, by: Any = None) -> Any:
    response = client.get(
        "/api/v1/cases", params={"q": q}, headers=make.headers(by or practice.lead)
    )
    assert response.status_code == 200, response.text
    return response.json()["items"]


@pytest.mark.parametrize(
    ("q", "who"),
    [
        ("ruth o'neill", ["Ruth O\u2019Neill"]),
        ("ONEILL", ["Ruth O\u2019Neill"]),
        ("tomas", ["Tomás Reyes"]),
        ("reyes", ["Tomás Reyes"]),
        # Phone numbers as read out: with or without the country code and separators.
        ("555-0142", ["Ruth O\u2019Neill"]),
        ("(555) 555 0142", ["Ruth O\u2019Neill"]),
        ("5555550142", ["Ruth O\u2019Neill"]),
        ("1 555 555 0142", ["Ruth O\u2019Neill"]),
        ("+1 555 010 2030", ["Ana Okafor"]),
        ("010-2030", ["Ana Okafor"]),
    ],
)
def test_a_case_is_found_by_a_participant_and_says_who_matched(
    client: TestClient,
    make: Factory,
    practice: Practice,
    okafor: dict[str, Any],
    q: str,
    who: list[str],
) -> None:
    (item,) = search(client, make, practice, q)
    assert item["reference"] == okafor["reference"]
    assert [m["full_name"] for m in item["matched_participants"]] == who
    assert {m["relationship"] for m in item["matched_participants"]} <= {
        "parent",
        "spouse",
        "friend",
    }


def test_the_client_and_a_participant_both_match_and_the_case_is_listed_once(
    client: TestClient, make: Factory, practice: Practice, okafor: dict[str, Any]
) -> None:
    # "okafor" is the client's name and Ana's.
    (item,) = search(client, make, practice, "okafor")
    assert [m["full_name"] for m in item["matched_participants"]] == ["Ana Okafor"]
    # The client alone: no participant matched, an empty list.
    (daniel,) = search(client, make, practice, "daniel")
    assert daniel["matched_participants"] == []
    # Outside a search the field is null.
    listed = client.get("/api/v1/cases", headers=make.headers(practice.lead)).json()["items"]
    assert all(c["matched_participants"] is None for c in listed)


def test_a_changed_phone_is_found_by_its_new_number_only(
    client: TestClient, make: Factory, practice: Practice, okafor: dict[str, Any]
) -> None:
    headers = make.headers(practice.lead)
    people = client.get(f"/api/v1/cases/{okafor['id']}/participants", headers=headers).json()
    ana = next(p for p in people["items"] if p["full_name"] == "Ana Okafor")
    changed = client.patch(
        f"/api/v1/participants/{ana['id']}",
        json={"phone": "555 777 8899", "full_name": "Ana Okafor-Byrne"},
        headers={**headers, "If-Match": f'"v{ana["version"]}"'},
    )
    assert changed.status_code == 200, changed.text
    assert search(client, make, practice, "010 2030") == []
    (item,) = search(client, make, practice, "777-8899")
    assert item["matched_participants"][0]["full_name"] == "Ana Okafor-Byrne"


def test_participants_of_cases_out_of_reach_are_not_found(
    client: TestClient, make: Factory, practice: Practice, okafor: dict[str, Any]
) -> None:
    assert search(client, make, practice, "555-0142", by=practice.outsider) == []
    assert search(client, make, practice, "555-0142", by=practice.colleague) == []
    # Nothing searchable in the query matches nothing, participants included.
    assert search(client, make, practice, "()-") == []
