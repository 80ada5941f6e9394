from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.audit import AuditEvent
from api.users.models import Role
from tests.factories import Factory
from tests.practice import Practice

URL = "/api/v1/organization"


def test_every_staff_member_reads_their_practice_and_its_time_zone(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    for person in (practice.admin, practice.supervisor, practice.lead):
        response = client.get(URL, headers=make.headers(person))
        assert response.status_code == 200, response.text
        assert response.json() == {
            "id": str(practice.org.id),
            "name": "Harbor Light",
            "time_zone": "America/New_York",
            "require_mfa": False,
            "version": 1,
        }
        assert response.headers["etag"] == '"v1"'


def test_another_practice_sees_only_its_own(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    body = client.get(URL, headers=make.headers(practice.outsider)).json()
    assert body["id"] != str(practice.org.id)
    assert body["name"] == "Other Practice"
    changed = client.patch(
        URL, json={"time_zone": "Europe/Dublin"}, headers=make.headers(practice.outsider)
    )
    assert changed.status_code == 200
    mine = client.get(URL, headers=make.headers(practice.admin)).json()
    assert mine["time_zone"] == "America/New_York"


def test_an_admin_sets_the_practice_time_zone_and_sign_in_tells_the_spa(
    client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    headers = make.headers(practice.admin)
    etag = client.get(URL, headers=headers).headers["etag"]
    response = client.patch(
        URL, json={"time_zone": "America/Chicago"}, headers={**headers, "If-Match": etag}
    )
    assert response.status_code == 200, response.text
    assert response.json()["time_zone"] == "America/Chicago"
    assert response.headers["etag"] == '"v2"'
    me = client.get("/api/v1/auth/me", headers=make.headers(practice.lead)).json()
    assert me["organization"]["time_zone"] == "America/Chicago"
    events = db.scalars(
        select(AuditEvent).where(
            AuditEvent.resource_type == "organization", AuditEvent.action == "update"
        )
    ).all()
    assert [e.resource_id for e in events] == [str(practice.org.id)]


def test_an_admin_renames_the_practice_but_not_to_another_s_name(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    headers = make.headers(practice.admin)
    renamed = client.patch(URL, json={"name": "  Harbor Light Recovery "}, headers=headers)
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Harbor Light Recovery"
    taken = client.patch(URL, json={"name": "Other Practice"}, headers=headers)
    assert taken.status_code == 409
    assert taken.headers["content-type"].startswith("application/problem+json")


def test_only_an_admin_may_change_the_practice(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    for person in (practice.lead, practice.supervisor):
        response = client.patch(
            URL, json={"time_zone": "America/Chicago"}, headers=make.headers(person)
        )
        assert response.status_code == 403
        assert response.headers["content-type"].startswith("application/problem+json")
    after = client.get(URL, headers=make.headers(practice.admin)).json()
    assert after["time_zone"] == "America/New_York"


def test_a_zone_that_is_not_iana_is_a_422_problem(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    headers = make.headers(practice.admin)
    for bad in ("Central Time", "EST-5", "America/Atlantis", "", "utc+2", 5, None):
        response = client.patch(URL, json={"time_zone": bad}, headers=headers)
        assert response.status_code == 422, bad
        problem = response.json()
        assert response.headers["content-type"].startswith("application/problem+json")
        assert problem["errors"][0]["loc"][-1] == "time_zone"
    unknown = client.patch(URL, json={"zone": "America/Chicago"}, headers=headers)
    assert unknown.status_code == 422


def test_a_stale_if_match_is_a_412_and_changes_nothing(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    admin = make.headers(practice.admin)
    other_admin = make.headers(make.user(practice.org, Role.admin))
    etag = client.get(URL, headers=admin).headers["etag"]
    first = client.patch(
        URL, json={"time_zone": "America/Denver"}, headers={**other_admin, "If-Match": etag}
    )
    assert first.status_code == 200
    stale = client.patch(
        URL, json={"time_zone": "America/Chicago"}, headers={**admin, "If-Match": etag}
    )
    assert stale.status_code == 412
    assert stale.headers["content-type"].startswith("application/problem+json")
    assert client.get(URL, headers=admin).json()["time_zone"] == "America/Denver"


def test_signing_in_is_needed(client: TestClient) -> None:
    assert client.get(URL).status_code == 401
    assert client.patch(URL, json={"time_zone": "UTC"}).status_code == 401
