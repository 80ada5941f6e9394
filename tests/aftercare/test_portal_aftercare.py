"""The portal's aftercare: each person their own part, and never the other's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from api.core import clock
from tests.aftercare.driver import API, AftercareDriver, full_plan
from tests.factories import Factory
from tests.practice import Practice

# Monday 2026-03-02 09:00 in Chicago.
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> AftercareDriver:
    driver = AftercareDriver(client, make, practice)
    grace = driver.participant("Grace Okafor", email="grace@example.org")
    ruth = driver.participant("Ruth Okafor", relationship="parent", email="ruth@example.org")
    center = driver.center()
    aa = driver.resource("Tuesday Night AA")
    alanon = driver.resource("Al-Anon Hope Group", audience="family")
    naranon = driver.resource("Nar-Anon Parents", audience="family")
    with clock.frozen_at(NOW):
        driver.into_aftercare()
    driver.plan()
    body = full_plan(grace["id"], center["id"], resource_id=aa["id"])
    body["resources"].append({"resource_id": naranon["id"], "for": ruth["id"], "note": "Ruth's"})
    body["family_support"] = [
        {
            "participant_id": grace["id"],
            "resource_id": alanon["id"],
            "commitment": "Al-Anon every Tuesday; no bailouts.",
        },
        {"participant_id": ruth["id"], "commitment": "RUTH-PRIVATE: stop paying the rent."},
    ]
    body["relapse_prevention"]["triggers"] = ["CLIENT-PRIVATE trigger"]
    driver.saved(body)
    driver.ids = {
        "grace": grace["id"],
        "ruth": ruth["id"],
        "aa": aa["id"],  # type: ignore[attr-defined]
        "alanon": alanon["id"],
        "naranon": naranon["id"],
    }
    return driver


def test_the_client_sees_their_strategies_contacts_resources_and_next_follow_up(
    case: AftercareDriver,
) -> None:
    with clock.frozen_at(NOW):
        portal = case.portal_headers("client")
        response = case.client.get(f"{API}/portal/aftercare", headers=portal)
    assert response.status_code == 200, response.text
    mine = response.json()
    assert mine["kind"] == "client"
    assert mine["coping_strategies"] == ["Call the sponsor before 9 pm"]
    assert mine["warning_signs"] == ["Skipping meetings"]
    assert mine["emergency_contacts"][0]["phone"] == "555-010-0142"
    assert [r["name"] for r in mine["resources"]] == ["Tuesday Night AA"]
    meeting = mine["resources"][0]["next_meetings"][0]
    assert meeting["local_start"] == "2026-03-03T19:00"
    assert meeting["text"] == "Tue, Mar 3, 2026, 7:00 PM CST"
    assert meeting["starts_at"] == "2026-03-04T01:00:00Z"
    assert mine["next_follow_up"]["due_at"].startswith("2026-03-")
    text = response.text
    for private in (
        "RUTH-PRIVATE",
        "Al-Anon every Tuesday",
        "CLIENT-PRIVATE",
        "Grace worries",
        "Nar-Anon",
        "naltrexone",
    ):
        assert private not in text


def test_a_family_member_sees_only_their_commitment_and_resources(case: AftercareDriver) -> None:
    ids = case.ids  # type: ignore[attr-defined]
    portal = case.portal_headers(ids["grace"])
    response = case.client.get(f"{API}/portal/aftercare", headers=portal)
    assert response.status_code == 200, response.text
    mine = response.json()
    assert mine["kind"] == "participant"
    assert mine["my_commitment"] == "Al-Anon every Tuesday; no bailouts."
    assert [r["name"] for r in mine["resources"]] == ["Al-Anon Hope Group"]
    assert mine["coping_strategies"] == mine["warning_signs"] == mine["emergency_contacts"] == []
    assert mine["next_follow_up"] is None
    for private in (
        "RUTH-PRIVATE",
        "Skipping meetings",
        "CLIENT-PRIVATE",
        "sponsor",
        "Grace worries",
        "Tuesday Night AA",
        "naltrexone",
        "Nar-Anon",
    ):
        assert private not in response.text


def test_the_portal_resource_list_puts_the_chosen_ones_first(case: AftercareDriver) -> None:
    ids = case.ids  # type: ignore[attr-defined]
    ruth = case.client.get(
        f"{API}/portal/resources", headers=case.portal_headers(ids["ruth"])
    ).json()["items"]
    assert ruth[0]["name"] == "Nar-Anon Parents"
    assert ruth[0]["chosen"] is True
    assert not any(r["chosen"] for r in ruth[1:])


def test_before_a_plan_exists_the_portal_says_so_and_staff_tokens_are_refused(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    fresh = AftercareDriver(client, make, practice)
    portal = fresh.portal_headers("client")
    none_yet = client.get(f"{API}/portal/aftercare", headers=portal)
    assert (none_yet.status_code, none_yet.json()) == (200, None)
    staff = client.get(f"{API}/portal/aftercare", headers=fresh.headers())
    assert staff.status_code in (401, 403)


def test_resources_of_another_practice_are_422_and_a_used_one_cannot_be_deleted(
    case: AftercareDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    other_org = make.organization()
    from api.users.models import Role

    other_admin = make.user(other_org, Role.admin)
    foreign = client.post(
        f"{API}/resources",
        json={
            "name": "Elsewhere AA",
            "kind": "mutual_help",
            "audience": "client",
            "format": "online",
        },
        headers=make.headers(other_admin),
    ).json()
    bad = case.put({"resources": [{"resource_id": foreign["id"], "for": "client"}]})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["body", "resources", 0, "resource_id"]
    ids = case.ids  # type: ignore[attr-defined]
    deleted = client.delete(f"{API}/resources/{ids['aa']}", headers=make.headers(practice.admin))
    assert deleted.status_code == 409
