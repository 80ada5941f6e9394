"""The demo directory is realistic: every kind, meetings for the client and the family."""

from __future__ import annotations

from collections import Counter

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.auth.dependencies import Staff
from api.core.audit import AuditContext
from api.demo.resources import seed_resources
from api.resources.models import ResourceKind
from api.users.models import Role
from tests.factories import Factory


def test_the_demo_directory_covers_every_kind_for_the_client_and_the_family(
    client: TestClient, make: Factory, db: Session
) -> None:
    org = make.organization()
    org.time_zone = "America/Chicago"
    admin = make.user(org, Role.admin)
    ctx = AuditContext("staff", admin.id, org.id, "127.0.0.1", "test", None)
    resources = seed_resources(db, Staff(user=admin, ctx=ctx))
    db.commit()

    listed = client.get(
        "/api/v1/resources", params={"limit": 200}, headers=make.headers(admin)
    ).json()["items"]
    assert len([r for r in listed if r["is_active"]]) >= 12
    assert {r["kind"] for r in listed} == {k.value for k in ResourceKind}
    fellowships = Counter(r["fellowship"] for r in listed if r["meetings"])
    for needed in ("AA", "NA", "SMART Recovery", "Al-Anon", "Nar-Anon", "CRAFT"):
        assert fellowships[needed] >= 1, needed
    family = [r for r in listed if r["audience"] == "family" and r["meetings"]]
    assert len(family) >= 3
    # Meetings are meant in the practice's zone unless the group says otherwise.
    assert resources["aa_lakeview"].time_zone == "America/Chicago"
    assert resources["smart_online"].time_zone == "America/New_York"
    assert all(r["meetings"] or r["schedule_note"] for r in listed)
