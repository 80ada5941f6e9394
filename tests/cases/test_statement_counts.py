"""No hidden queries: the caseload costs the same number of statements for 1 and 100 cases."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from tests.factories import Factory, case_body


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.mark.parametrize("path", ["/api/v1/cases", "/api/v1/users", "/api/v1/audit-events"])
def test_list_endpoints_issue_a_constant_number_of_statements(
    client: TestClient, make: Factory, engine: Engine, path: str
) -> None:
    org = make.organization()
    admin = make.user(org, __import__("api.users.models", fromlist=["Role"]).Role.admin)
    headers = make.headers(admin)

    def statements_for_a_page() -> int:
        with counting(engine) as statements:
            assert client.get(path, params={"limit": 200}, headers=headers).status_code == 200
        return len(statements)

    client.post("/api/v1/cases", json=case_body(), headers=headers)
    make.user(org)
    few = statements_for_a_page()
    for _ in range(99):
        client.post("/api/v1/cases", json=case_body(), headers=headers)
        make.user(org)
    many = statements_for_a_page()
    assert many == few


@pytest.mark.parametrize("kind", ["participants", "tasks", "queue", "revisions"])
def test_case_lists_issue_a_constant_number_of_statements(
    client: TestClient, make: Factory, engine: Engine, kind: str
) -> None:
    org = make.organization()
    lead = make.user(org)
    headers = make.headers(lead)
    case = client.post("/api/v1/cases", json=case_body(), headers=headers).json()
    base = f"/api/v1/cases/{case['id']}"
    client.post(f"{base}/plan", json={}, headers=headers)
    path = {
        "participants": f"{base}/participants",
        "tasks": f"{base}/tasks",
        "queue": "/api/v1/tasks?assigned_to=me",
        "revisions": f"{base}/plan/revisions",
    }[kind]
    etag = ['"v1"']

    def add_one(n: int) -> None:
        person = client.post(
            f"{base}/participants",
            json={"full_name": f"P{n}", "relationship": "friend"},
            headers=headers,
        ).json()
        client.post(
            f"{base}/tasks",
            json={
                "title": f"T{n}",
                "phase": "preparation",
                "assignee": {"participant_id": person["id"]}
                if n % 2
                else {"user_id": str(lead.id)},
            },
            headers=headers,
        )
        changed = client.patch(
            f"{base}/plan", json={"notes": f"n{n}"}, headers={**headers, "If-Match": etag[0]}
        )
        etag[0] = changed.headers["etag"]

    def statements_for_a_page() -> int:
        with counting(engine) as statements:
            assert client.get(path, params={"limit": 200}, headers=headers).status_code == 200
        return len(statements)

    add_one(1)
    add_one(2)
    few = statements_for_a_page()
    for n in range(3, 40):
        add_one(n)
    assert statements_for_a_page() == few
