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


def test_each_event_names_its_case_by_reference(client: TestClient, make: Factory) -> None:
    org = make.organization()
    admin = make.user(org, Role.admin)
    case = client.post("/api/v1/cases", json=case_body(), headers=make.headers(admin)).json()
    client.get(f"/api/v1/cases/{case['id']}", headers=make.headers(admin))
    client.get("/api/v1/audit-events", headers=make.headers(admin))  # an event of no case
    items = client.get("/api/v1/audit-events", headers=make.headers(admin)).json()["items"]
    of_case = [e for e in items if e["case_id"] == case["id"]]
    assert {e["action"] for e in of_case} == {"create", "read"}
    assert {e["case_reference"] for e in of_case} == {case["reference"]}
    assert all(e["case_reference"] is None for e in items if e["case_id"] is None)
    assert any(e["case_id"] is None for e in items)
    log = client.get(f"/api/v1/cases/{case['id']}/access-log", headers=make.headers(admin))
    assert {e["case_reference"] for e in log.json()["items"]} == {case["reference"]}


def test_the_audit_log_filters_by_a_case_reference_of_its_own_organization(
    client: TestClient, make: Factory
) -> None:
    """Each practice numbers its cases from C-<year>-0001, so both hold the same reference:
    each admin finds their own case's events by it, never the other practice's."""
    org, other = make.organization(), make.organization()
    admin, stranger = make.user(org, Role.admin), make.user(other, Role.admin)
    mine = client.post("/api/v1/cases", json=case_body(), headers=make.headers(admin)).json()
    theirs = client.post(
        "/api/v1/cases", json=case_body(summary="Theirs"), headers=make.headers(stranger)
    ).json()
    second = client.post("/api/v1/cases", json=case_body(), headers=make.headers(admin)).json()
    assert mine["reference"] == theirs["reference"]
    client.get(f"/api/v1/cases/{theirs['id']}", headers=make.headers(stranger))

    def by_reference(reference: str, **params: str) -> list[dict[str, object]]:
        response = client.get(
            "/api/v1/audit-events",
            params={"case_reference": reference, **params},
            headers=make.headers(admin),
        )
        assert response.status_code == 200, response.text
        items: list[dict[str, object]] = response.json()["items"]
        return items

    found = by_reference(mine["reference"])
    assert [(e["case_id"], e["action"]) for e in found] == [(mine["id"], "create")]
    assert [e["case_id"] for e in by_reference(second["reference"])] == [second["id"]]
    # Unknown here: an empty page, like an unknown case id, not an error.
    assert by_reference("C-1999-0001") == []
    assert by_reference(mine["reference"].lower()) == []  # exact, as the case shows it
    # Both filters hold at once: a case id and another case's reference match nothing.
    assert by_reference(mine["reference"], case_id=second["id"]) == []
    assert by_reference(mine["reference"], case_id=mine["id"]) != []
    too_long = client.get(
        "/api/v1/audit-events",
        params={"case_reference": "C-" + "9" * 30},
        headers=make.headers(admin),
    )
    assert too_long.status_code == 422
    assert too_long.json()["type"] == "/api/v1/problems/validation-error"


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
