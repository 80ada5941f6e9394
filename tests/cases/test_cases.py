from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.cases.models import Case
from api.core import clock
from tests.factories import Factory, case_body
from tests.practice import Practice


def test_opening_a_case_gives_a_reference_and_makes_the_creator_lead(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    response = client.post("/api/v1/cases", json=case_body(), headers=make.headers(practice.lead))
    assert response.status_code == 201
    case = response.json()
    assert re.fullmatch(rf"C-{clock.now().year}-\d{{4}}", case["reference"])
    assert response.headers["location"] == f"/api/v1/cases/{case['id']}"
    assert response.headers["etag"] == '"v1"'
    assert case["status"] == "intake"
    assert case["allowed_transitions"] == ["planning", "in_treatment", "aftercare", "closed"]
    assert case["team"] == [
        {"user_id": str(practice.lead.id), "full_name": "Jordan Ellis", "role": "lead"}
    ]
    assert case["client"]["preferred_name"] == "Danny"


def test_references_count_up_within_an_organisation(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    first = practice.open_case(client, make)["reference"]
    second = practice.open_case(client, make)["reference"]
    assert int(second[-4:]) == int(first[-4:]) + 1
    theirs = practice.open_case(client, make, by=practice.outsider)["reference"]
    assert theirs.endswith("0001")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (case_body(client={"first_name": "", "last_name": "Okafor"}), "first_name"),
        (case_body(client={"last_name": "Okafor"}), "first_name"),
        (case_body(client={"first_name": "D", "last_name": "O", "email": "not-an-email"}), "email"),
        (case_body(client={"first_name": "D", "last_name": "O", "phone": "call me"}), "phone"),
        (
            case_body(client={"first_name": "D", "last_name": "O", "date_of_birth": "2999-01-01"}),
            "date_of_birth",
        ),
        (case_body(risk_flags=["sad"]), "risk_flags"),
        (case_body(intervention_model="shouting"), "intervention_model"),
        (case_body(summary="x" * 5001), "summary"),
        (case_body(status="closed"), "status"),
        (case_body(id="7e0b0f5c-7d8e-4b8e-9a84-2b7c1b0a8c11"), "id"),
        (case_body(version=7), "version"),
        (case_body(organization_id="7e0b0f5c-7d8e-4b8e-9a84-2b7c1b0a8c11"), "organization_id"),
        (case_body(reference="C-1999-0001"), "reference"),
        (case_body(favourite_colour="green"), "favourite_colour"),
    ],
)
def test_bad_case_input_is_rejected_with_the_field_named(
    client: TestClient,
    make: Factory,
    practice: Practice,
    db: Session,
    body: dict[str, object],
    field: str,
) -> None:
    response = client.post("/api/v1/cases", json=body, headers=make.headers(practice.lead))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "/api/v1/problems/validation-error"
    assert any(field in err["loc"] for err in problem["errors"]), problem
    assert db.scalar(select(Case.id)) is None


def test_interventionists_see_only_cases_whose_team_they_are_on(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    path = f"/api/v1/cases/{case['id']}"
    assert client.get(path, headers=make.headers(practice.colleague)).status_code == 404
    assert client.get(path, headers=make.headers(practice.supervisor)).status_code == 200
    assert client.get(path, headers=make.headers(practice.admin)).status_code == 200
    listed = client.get("/api/v1/cases", headers=make.headers(practice.colleague)).json()
    assert listed["items"] == []


def test_another_organisation_never_sees_the_case(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    outsider = make.headers(practice.outsider)
    for method, suffix, body in [
        ("GET", "", None),
        ("PATCH", "", {"summary": "x"}),
        ("POST", "/status", {"status": "planning"}),
        ("GET", "/timeline", None),
        ("GET", "/team", None),
        ("PUT", "/team", {"members": [{"user_id": str(practice.outsider.id), "role": "lead"}]}),
        ("GET", "/access-log", None),
    ]:
        response = client.request(
            method, f"/api/v1/cases/{case['id']}{suffix}", json=body, headers=outsider
        )
        assert response.status_code == 404, (method, suffix, response.text)
        assert response.json()["type"] == "/api/v1/problems/not-found"
    assert client.get("/api/v1/cases", headers=outsider).json()["items"] == []


def test_unauthenticated_requests_get_401(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    response = client.get("/api/v1/cases")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_editing_a_case_honours_if_match(
    client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    case = practice.open_case(client, make)
    path = f"/api/v1/cases/{case['id']}"
    headers = make.headers(practice.lead)
    edited = client.patch(
        path,
        json={"client": {"phone": "+1 555 0100 2000"}, "risk_flags": ["overdose_history"]},
        headers={**headers, "If-Match": '"v1"'},
    )
    assert edited.status_code == 200, edited.text
    assert edited.headers["etag"] == '"v2"'
    assert edited.json()["client"]["phone"] == "+1 555 0100 2000"
    assert edited.json()["client"]["first_name"] == "Daniel"

    stale = client.patch(
        path, json={"summary": "Overwrites?"}, headers={**headers, "If-Match": '"v1"'}
    )
    assert stale.status_code == 412
    assert stale.json()["type"] == "/api/v1/problems/precondition-failed"
    assert client.get(path, headers=headers).json()["summary"] == case["summary"]

    weak = client.patch(path, json={"summary": "x"}, headers={**headers, "If-Match": 'W/"v2"'})
    assert weak.status_code == 412


def test_a_case_edit_without_changes_keeps_the_version(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    same = client.patch(
        f"/api/v1/cases/{case['id']}",
        json={"summary": case["summary"]},
        headers=make.headers(practice.lead),
    )
    assert same.headers["etag"] == '"v1"'


def test_client_names_cannot_be_removed(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    response = client.patch(
        f"/api/v1/cases/{case['id']}",
        json={"client": {"first_name": None}},
        headers=make.headers(practice.lead),
    )
    assert response.status_code == 422


def test_caseload_filters(client: TestClient, make: Factory, practice: Practice) -> None:
    danny = practice.open_case(client, make)
    rebecca = practice.open_case(
        client,
        make,
        by=practice.colleague,
        client={"first_name": "Rebecca", "last_name": "Lindqvist"},
        risk_flags=["overdose_history"],
    )
    headers = make.headers(practice.supervisor)
    client.post(
        f"/api/v1/cases/{rebecca['id']}/status",
        json={"status": "planning"},
        headers=make.headers(practice.colleague),
    )

    def refs(**params: object) -> list[str]:
        response = client.get("/api/v1/cases", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(item["reference"] for item in response.json()["items"])

    assert refs() == sorted([danny["reference"], rebecca["reference"]])
    assert refs(status="planning") == [rebecca["reference"]]
    assert refs(status=["planning", "intake"]) == sorted([danny["reference"], rebecca["reference"]])
    assert refs(q="lindq") == [rebecca["reference"]]
    assert refs(q="DANNY") == [danny["reference"]]
    assert refs(q="daniel okafor") == [danny["reference"]]
    assert refs(q=danny["reference"].lower()) == [danny["reference"]]
    assert refs(q="%") == []
    assert refs(risk_flag="overdose_history") == [rebecca["reference"]]
    assert refs(assigned_to=str(practice.colleague.id)) == [rebecca["reference"]]
    mine = client.get(
        "/api/v1/cases", params={"assigned_to": "me"}, headers=make.headers(practice.lead)
    )
    assert [i["reference"] for i in mine.json()["items"]] == [danny["reference"]]
    assert refs(updated_since=(clock.now() + timedelta(minutes=5)).isoformat()) == []
    assert (
        client.get("/api/v1/cases", params={"risk_flag": "sad"}, headers=headers).status_code == 422
    )
    assert (
        client.get("/api/v1/cases", params={"assigned_to": "them"}, headers=headers).status_code
        == 422
    )


def test_caseload_pages_walk_every_case_once_newest_first(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    opened = []
    for minute in range(7):
        with clock.frozen_at(datetime(2026, 3, 1, 9, minute, tzinfo=UTC)):
            opened.append(practice.open_case(client, make)["id"])
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, object] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = client.get(
            "/api/v1/cases", params=params, headers=make.headers(practice.lead)
        ).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(opened))


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"limit": "many"}])
def test_page_size_is_bounded(
    client: TestClient, make: Factory, practice: Practice, params: dict[str, object]
) -> None:
    response = client.get("/api/v1/cases", params=params, headers=make.headers(practice.lead))
    assert response.status_code == 422


def test_a_broken_cursor_is_a_clear_400(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    response = client.get(
        "/api/v1/cases", params={"cursor": "not-a-cursor"}, headers=make.headers(practice.lead)
    )
    assert response.status_code == 400
    assert response.json()["type"] == "/api/v1/problems/bad-request"
