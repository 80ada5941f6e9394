"""A NUL or another control character in a JSON string, a form field, a query or a path
answers 422 naming the field, on SQLite and PostgreSQL, and nothing is stored
(issue 11 item 1: PostgreSQL answered 500 and SQLite stored the NUL)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.cases.models import Case
from tests.factories import Factory
from tests.practice import Practice

API = "/api/v1"
BAD = [
    "\u0000z",
    "\u0007z",
    "\u001b[31m",
    "\u007fz",
    "\u0085z",
]  # never trailing, so no strip hides it

Call = Callable[[TestClient, Factory, Practice, str], Any]


def _case(http: TestClient, make: Factory, practice: Practice) -> dict[str, Any]:
    return practice.open_case(http, make)


def _sign_in(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    form = {"grant_type": "password", "username": f"x{bad}@example.org", "password": "pw"}
    return http.post(f"{API}/auth/token", data=form), ["body", "username"]


def _sign_in_password(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    form = {"grant_type": "password", "username": practice.lead.email, "password": f"p{bad}w"}
    return http.post(f"{API}/auth/token", data=form), ["body", "password"]


def _client_credentials(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    form = {"grant_type": "client_credentials", "client_id": f"c{bad}", "client_secret": "s"}
    return http.post(f"{API}/auth/token", data=form), ["body", "client_id"]


def _new_case(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    body = {"client": {"first_name": f"Dan{bad}iel", "last_name": "Okafor"}}
    response = http.post(f"{API}/cases", json=body, headers=make.headers(practice.lead))
    return response, ["body", "client", "first_name"]


def _case_summary(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    body = {"client": {"first_name": "Daniel", "last_name": "Okafor"}, "summary": f"a{bad}b"}
    response = http.post(f"{API}/cases", json=body, headers=make.headers(practice.lead))
    return response, ["body", "summary"]


def _case_substances(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    body = {"client": {"first_name": "Daniel", "last_name": "Okafor"}, "substances": [f"x{bad}"]}
    response = http.post(f"{API}/cases", json=body, headers=make.headers(practice.lead))
    return response, ["body", "substances"]


def _participant(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    case = _case(http, make, practice)
    body = {"full_name": "Grace", "relationship": "sibling", "letter": f"Dear{bad}"}
    response = http.post(
        f"{API}/cases/{case['id']}/participants", json=body, headers=make.headers(practice.lead)
    )
    return response, ["body", "letter"]


def _task(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    case = _case(http, make, practice)
    body = {"title": f"Call{bad}", "phase": "preparation"}
    response = http.post(
        f"{API}/cases/{case['id']}/tasks", json=body, headers=make.headers(practice.lead)
    )
    return response, ["body", "title"]


def _goal(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    case = _case(http, make, practice)
    body = {
        "subject": "client",
        "title": f"Meetings{bad}",
        "metric": "meetings attended per week",
        "unit": "meetings",
        "target_value": 3,
        "direction": "at_least",
    }
    response = http.post(
        f"{API}/cases/{case['id']}/goals", json=body, headers=make.headers(practice.lead)
    )
    return response, ["body", "title"]


def _check_in(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    case = _case(http, make, practice)
    body = {"respondent": "client", "days_used": 0, "note": f"fine{bad}"}
    response = http.post(
        f"{API}/cases/{case['id']}/check-ins", json=body, headers=make.headers(practice.lead)
    )
    return response, ["body", "note"]


def _user(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    body = {
        "email": "sam.rivera@hillside.example",
        "full_name": f"Sam{bad}Rivera",
        "role": "interventionist",
        "password": "a-long-initial-password",
    }
    response = http.post(f"{API}/users", json=body, headers=make.headers(practice.admin))
    return response, ["body", "full_name"]


def _center(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    body = {"name": f"Hazelden{bad}", "levels_of_care": ["3.5"], "country": "US"}
    response = http.post(
        f"{API}/treatment-centers", json=body, headers=make.headers(practice.admin)
    )
    return response, ["body", "name"]


def _search(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    response = http.get(
        f"{API}/cases", params={"q": f"Oka{bad}"}, headers=make.headers(practice.lead)
    )
    return response, ["query", "q"]


def _search_signed_out(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    return http.get(f"{API}/cases", params={"q": f"Oka{bad}"}), ["query", "q"]


def _path(http: TestClient, make: Factory, practice: Practice, bad: str) -> Any:
    encoded = quote(f"abc{bad}")
    response = http.get(f"{API}/cases/{encoded}/participants", headers=make.headers(practice.lead))
    return response, ["path", "case_id"]


CALLS: dict[str, Call] = {
    "sign-in username": _sign_in,
    "sign-in password": _sign_in_password,
    "client credentials": _client_credentials,
    "case client name": _new_case,
    "case summary": _case_summary,
    "case substances": _case_substances,
    "participant letter": _participant,
    "task title": _task,
    "goal title": _goal,
    "check-in note": _check_in,
    "user name": _user,
    "treatment center name": _center,
    "search q": _search,
    "search q signed out": _search_signed_out,
    "path id": _path,
}


@pytest.mark.parametrize("bad", BAD, ids=lambda c: f"U+{ord(c[0]):04X}")
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_control_characters_answer_422_naming_the_field(
    client: TestClient, make: Factory, practice: Practice, db: Session, call: Call, bad: str
) -> None:
    cases_before = db.scalar(select(func.count()).select_from(Case))
    if call in (_participant, _task, _goal, _check_in):
        cases_before = (cases_before or 0) + 1  # the call opens a case first
    response, field = call(client, make, practice, bad)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    locations = [error["loc"][: len(field)] for error in response.json()["errors"]]
    assert field in locations, response.text
    assert db.scalar(select(func.count()).select_from(Case)) == cases_before


def test_free_text_keeps_tabs_and_line_breaks(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    summary = "Sister called.\r\nSecond DUI:\tMarch."
    case = practice.open_case(client, make, summary=summary)
    assert case["summary"] == summary


@pytest.mark.parametrize("char", ["\n", "\t"], ids=["newline", "tab"])
def test_one_line_fields_refuse_line_breaks(
    client: TestClient, make: Factory, practice: Practice, char: str
) -> None:
    body = {"client": {"first_name": f"Dan{char}iel", "last_name": "Okafor"}}
    response = client.post(f"{API}/cases", json=body, headers=make.headers(practice.lead))
    assert response.status_code == 422
    assert ["body", "client", "first_name"] in [e["loc"] for e in response.json()["errors"]]
    search = client.get(
        f"{API}/cases", params={"q": f"Oka{char}for"}, headers=make.headers(practice.lead)
    )
    assert search.status_code == 422
    assert search.json()["errors"][0]["loc"] == ["query", "q"]


def test_a_lone_surrogate_in_json_answers_422(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    # JSON may escape any code point; a lone surrogate cannot be stored as UTF-8.
    raw = '{"client": {"first_name": "Dan\\ud800", "last_name": "Okafor"}}'
    response = client.post(
        f"{API}/cases",
        content=raw.encode(),
        headers={**make.headers(practice.lead), "Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert ["body", "client", "first_name"] in [e["loc"] for e in response.json()["errors"]]


def test_a_form_checked_here_is_still_read_by_the_endpoint_and_the_idempotency_key(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    # The form is parsed before the endpoint; its body must stay readable for both.
    form = {"grant_type": "password", "username": practice.lead.email, "password": "wrong"}
    headers = {**make.headers(practice.lead), "Idempotency-Key": "token-form-1"}
    response = client.post(f"{API}/auth/token", data=form, headers=headers)
    assert response.status_code == 401, response.text
