"""A forged `?cursor=` is a 400 problem on every list, never a 500 (issue 11: no 500 on any input)."""

from __future__ import annotations

import base64
import json

import pytest
from fastapi.testclient import TestClient

from api.organizations.models import Organization
from api.users.models import Role, User
from tests.factories import Factory


@pytest.fixture
def practice(make: Factory) -> Organization:
    return make.organization("Hillside Recovery Partners")


@pytest.fixture
def admin(make: Factory, practice: Organization) -> User:
    return make.user(practice, Role.admin, full_name="Ada Okoro")


def forged(values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


LISTS = ["/cases", "/tasks", "/referrals", "/alerts", "/treatment-centers", "/resources", "/users"]
CURSORS = [
    [1, 1],
    ["\u0000", "\u0000"],
    ["x", "not-a-uuid"],
    [2**80, 1],
    [True, False],
    [{"t": "9999-12-31T23:59:59+14:00"}, {"u": "00000000-0000-0000-0000-000000000000"}],
    [{"t": "2026-01-01T00:00:00"}, {"u": "00000000-0000-0000-0000-000000000000"}],
    [[1, 2], {"x": 1}],
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("values", CURSORS, ids=range(len(CURSORS)))
def test_a_forged_cursor_is_a_400_problem(
    client: TestClient,
    make: Factory,
    practice: Organization,
    admin: User,
    path: str,
    values: object,
) -> None:
    response = client.get(
        f"/api/v1{path}", params={"cursor": forged(values)}, headers=make.headers(admin)
    )
    assert response.status_code == 400, (path, values, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")


def test_a_real_cursor_still_pages(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    for name in ("Cal Reid", "Dana Reid", "Eli Stone"):
        make.user(practice, Role.interventionist, full_name=name)
    headers = make.headers(admin)
    first = client.get("/api/v1/users", params={"limit": 2}, headers=headers).json()
    rest = client.get(
        "/api/v1/users", params={"limit": 2, "cursor": first["next_cursor"]}, headers=headers
    )
    assert rest.status_code == 200, rest.text
    assert len(first["items"]) + len(rest.json()["items"]) == 4
