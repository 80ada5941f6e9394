from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from api.core.audit import AuditEvent
from api.users.models import Role
from tests.factories import Factory, case_body


def test_every_case_read_and_write_is_audited(
    client: TestClient, make: Factory, db: Session
) -> None:
    org = make.organization()
    user = make.user(org)
    case = client.post("/api/v1/cases", json=case_body(), headers=make.headers(user)).json()
    client.get(f"/api/v1/cases/{case['id']}", headers=make.headers(user))
    client.get("/api/v1/cases", headers=make.headers(user))
    events = db.scalars(select(AuditEvent).where(AuditEvent.case_id == uuid.UUID(case["id"]))).all()
    assert sorted(e.action for e in events) == ["create", "read", "read"]
    assert all(e.organization_id == org.id and e.actor_id == user.id for e in events)


def test_only_admins_read_the_audit_log_and_only_their_own(
    client: TestClient, make: Factory
) -> None:
    org, other = make.organization(), make.organization()
    admin, worker = make.user(org, Role.admin), make.user(org)
    stranger = make.user(other, Role.admin)
    case = client.post("/api/v1/cases", json=case_body(), headers=make.headers(worker)).json()
    assert client.get("/api/v1/audit-events", headers=make.headers(worker)).status_code == 403
    mine = client.get(
        "/api/v1/audit-events", params={"case_id": case["id"]}, headers=make.headers(admin)
    ).json()
    assert [e["action"] for e in mine["items"]] == ["create"]
    theirs = client.get(
        "/api/v1/audit-events", params={"case_id": case["id"]}, headers=make.headers(stranger)
    )
    assert theirs.json()["items"] == []
    by_action = client.get(
        "/api/v1/audit-events", params={"action": "create"}, headers=make.headers(admin)
    )
    assert {e["resource_type"] for e in by_action.json()["items"]} == {"case"}
    assert (
        client.get(
            "/api/v1/audit-events", params={"action": "erase"}, headers=make.headers(admin)
        ).status_code
        == 422
    )


def test_no_endpoint_changes_or_deletes_audit_events(client: TestClient) -> None:
    for method in ("PATCH", "PUT", "DELETE"):
        assert client.request(method, "/api/v1/audit-events").status_code == 405


@pytest.mark.postgres_only
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET action = 'read'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
    ],
)
def test_postgres_itself_refuses_to_rewrite_history(
    client: TestClient, make: Factory, db: Session, statement: str
) -> None:
    user = make.user(make.organization())
    client.post("/api/v1/cases", json=case_body(), headers=make.headers(user))
    with pytest.raises(DBAPIError, match="append-only"), db.begin_nested():
        db.execute(text(statement))
