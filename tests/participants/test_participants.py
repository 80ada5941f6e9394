from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import Factory
from tests.practice import Practice

GRACE = {
    "full_name": "Grace Okafor",
    "relationship": "sibling",
    "role": "team_leader",
    "email": "Grace@Example.org",
    "phone": "+1 555 0100 1234",
    "readiness": "committed",
    "letter": "Danny, I remember the summer you taught me to swim…",
    "bottom_line": "I will not lend you money or cover for you with Mum.",
    "speaking_order": 1,
}


def add(
    client: TestClient, make: Factory, practice: Practice, case: dict[str, Any], **body: Any
) -> Any:
    return client.post(
        f"/api/v1/cases/{case['id']}/participants", json=body, headers=make.headers(practice.lead)
    )


def test_a_participant_is_added_with_letter_and_bottom_line(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    response = add(client, make, practice, case, **GRACE)
    assert response.status_code == 201, response.text
    grace = response.json()
    assert grace["email"] == "grace@example.org"
    assert grace["portal_status"] == "none"
    assert grace["letter"].startswith("Danny")
    assert response.headers["location"] == f"/api/v1/participants/{grace['id']}"
    fetched = client.get(f"/api/v1/participants/{grace['id']}", headers=make.headers(practice.lead))
    assert fetched.json()["bottom_line"] == GRACE["bottom_line"]
    listed = client.get(
        f"/api/v1/cases/{case['id']}/participants", headers=make.headers(practice.lead)
    )
    assert [p["full_name"] for p in listed.json()["items"]] == ["Grace Okafor"]


def test_defaults_for_a_new_participant(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    response = add(client, make, practice, case, full_name="Sam", relationship="friend")
    assert response.json()["role"] == "supporter"
    assert response.json()["readiness"] == "not_contacted"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"relationship": "friend"}, "full_name"),
        ({"full_name": "Sam", "relationship": "neighbour"}, "relationship"),
        ({"full_name": "Sam", "relationship": "friend", "role": "boss"}, "role"),
        ({"full_name": "Sam", "relationship": "friend", "readiness": "maybe"}, "readiness"),
        ({"full_name": "Sam", "relationship": "friend", "email": "sam at home"}, "email"),
        ({"full_name": "Sam", "relationship": "friend", "phone": "ring ring"}, "phone"),
        ({"full_name": "Sam", "relationship": "friend", "speaking_order": 0}, "speaking_order"),
        ({"full_name": "Sam", "relationship": "friend", "speaking_order": "1"}, "speaking_order"),
        (
            {"full_name": "Sam", "relationship": "friend", "portal_status": "active"},
            "portal_status",
        ),
        ({"full_name": "Sam", "relationship": "friend", "letter": "x" * 20_001}, "letter"),
    ],
)
def test_bad_participant_input_is_422(
    client: TestClient, make: Factory, practice: Practice, body: dict[str, Any], field: str
) -> None:
    case = practice.open_case(client, make)
    response = add(client, make, practice, case, **body)
    assert response.status_code == 422
    assert any(field in err["loc"] for err in response.json()["errors"])
    listed = client.get(
        f"/api/v1/cases/{case['id']}/participants", headers=make.headers(practice.lead)
    )
    assert listed.json()["items"] == []


def test_editing_honours_if_match_and_keeps_required_fields(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    grace = add(client, make, practice, case, **GRACE).json()
    path = f"/api/v1/participants/{grace['id']}"
    headers = make.headers(practice.lead)
    ok = client.patch(path, json={"readiness": "declined"}, headers={**headers, "If-Match": '"v1"'})
    assert ok.status_code == 200
    assert ok.headers["etag"] == '"v2"'
    stale = client.patch(path, json={"notes": "x"}, headers={**headers, "If-Match": '"v1"'})
    assert stale.status_code == 412
    emptied = client.patch(path, json={"full_name": None}, headers=headers)
    assert emptied.status_code == 422
    cleared = client.patch(path, json={"letter": None}, headers=headers)
    assert cleared.json()["letter"] is None


def test_participants_are_reached_only_through_a_visible_case(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    grace = add(client, make, practice, case, **GRACE).json()
    for who in (practice.colleague, practice.outsider):
        headers = make.headers(who)
        assert client.get(f"/api/v1/participants/{grace['id']}", headers=headers).status_code == 404
        assert (
            client.patch(
                f"/api/v1/participants/{grace['id']}", json={"notes": "x"}, headers=headers
            ).status_code
            == 404
        )
        assert (
            client.delete(f"/api/v1/participants/{grace['id']}", headers=headers).status_code == 404
        )
        assert (
            client.get(f"/api/v1/cases/{case['id']}/participants", headers=headers).status_code
            == 404
        )
        assert add(client, make, practice, case, **GRACE).status_code == 201  # the lead still can
        assert (
            client.post(
                f"/api/v1/cases/{case['id']}/participants", json=GRACE, headers=headers
            ).status_code
            == 404
        )
    assert (
        client.get(
            f"/api/v1/participants/{grace['id']}", headers=make.headers(practice.supervisor)
        ).status_code
        == 200
    )


def test_a_participant_is_deleted_unless_the_plan_or_open_tasks_count_on_them(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    headers = make.headers(practice.lead)
    grace = add(client, make, practice, case, **GRACE).json()
    sam = add(client, make, practice, case, full_name="Sam", relationship="friend").json()
    client.post(f"/api/v1/cases/{case['id']}/plan", json={}, headers=headers)
    client.patch(
        f"/api/v1/cases/{case['id']}/plan",
        json={"speaking_order": [grace["id"]]},
        headers={**headers, "If-Match": '"v1"'},
    )
    in_plan = client.delete(f"/api/v1/participants/{grace['id']}", headers=headers)
    assert in_plan.status_code == 409
    task = client.post(
        f"/api/v1/cases/{case['id']}/tasks",
        json={
            "title": "Write your letter",
            "phase": "preparation",
            "assignee": {"participant_id": sam["id"]},
        },
        headers=headers,
    ).json()
    assert client.delete(f"/api/v1/participants/{sam['id']}", headers=headers).status_code == 409
    client.patch(f"/api/v1/tasks/{task['id']}", json={"status": "done"}, headers=headers)
    assert client.delete(f"/api/v1/participants/{sam['id']}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/participants/{sam['id']}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/tasks/{task['id']}", headers=headers).json()["assignee"] is None
