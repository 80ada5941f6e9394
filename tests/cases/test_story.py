"""The case timeline tells the case's story, each entry with its actor (issue 14, item 7)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.core import clock
from tests.cases.test_statement_counts import counting
from tests.checkins.driver import CaseDriver
from tests.factories import Factory
from tests.plans.test_plans import PlanDriver
from tests.practice import Practice
from tests.referrals.test_referrals import Network


def story(client: TestClient, case_id: str, headers: dict[str, str], **params: Any) -> Any:
    response = client.get(f"/api/v1/cases/{case_id}/timeline", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def by_kind(entries: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e for e in entries if e["kind"] == kind]


def test_the_timeline_tells_who_joined_and_what_became_of_the_plan(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    plan = PlanDriver(client, make, practice, practice.open_case(client, make))
    plan.add_family()
    plan.create()
    plan.act("submit")
    plan.act("return", by=practice.supervisor, comment="Name a second program.")
    plan.act("submit")
    plan.act("approve", by=practice.supervisor)
    with clock.frozen_at(clock.now() + timedelta(minutes=5)):
        plan.act("deliver", held_at=clock.now().isoformat(), result="accepted")
    entries = story(client, plan.case["id"], plan.headers(), limit=200)["items"]

    added = by_kind(entries, "participant_added")
    assert {e["details"]["participant_name"] for e in added} == {
        "Grace Okafor",
        "Ruth Okafor",
        "Tomas Reyes",
        "Ana Okafor",
    }
    assert {e["actor"]["full_name"] for e in added} == {"Jordan Ellis"}
    assert len(by_kind(entries, "plan_submitted")) == 2
    [returned] = by_kind(entries, "plan_returned")
    assert returned["details"]["comment"] == "Name a second program."
    assert "Name a second program." in returned["summary"]
    assert returned["actor"]["id"] == str(practice.supervisor.id)
    [approved] = by_kind(entries, "plan_approved")
    assert approved["actor"]["id"] == str(practice.supervisor.id)
    [delivered] = by_kind(entries, "plan_delivered")
    assert delivered["details"]["result"] == "accepted"
    assert entries == sorted(entries, key=lambda e: e["at"], reverse=True)
    assert all(e["actor"] for e in entries if e["actor_type"] == "staff")


def test_consents_referrals_check_ins_and_alerts_are_on_the_timeline(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    net = Network(client, make, practice)
    referral = net.sent_referral(net.center_a)
    revoked = net.consent(net.center_b)
    client.post(f"/api/v1/consents/{revoked['id']}/revoke", json={}, headers=net.lead)
    path = f"/api/v1/partner/referrals/{referral['id']}/status"
    assert client.post(path, json={"status": "accepted"}, headers=net.partner_a).status_code == 200

    case = CaseDriver(client, make, practice, net.case)
    email = client.patch(
        f"/api/v1/cases/{net.case['id']}",
        json={"client": {"email": "danny.okafor@example.org"}},
        headers=net.lead,
    )
    assert email.status_code == 200, email.text
    case.check_in(days_used=0)
    case.check_in(days_used=0, safety={"overdose": True})
    portal = client.post(
        "/api/v1/portal/check-ins",
        json={"days_used": 0},
        headers=case.portal_headers("client"),
    )
    assert portal.status_code == 201, portal.text
    [alert] = [a for a in case.alerts() if a["kind"] == "safety"]
    client.post(f"/api/v1/alerts/{alert['id']}/acknowledge", json={}, headers=net.lead)

    entries = story(client, net.case["id"], net.lead, limit=200)["items"]
    recorded = by_kind(entries, "consent_recorded")
    assert len(recorded) == 2
    assert {e["details"]["recipient"] for e in recorded} == {"A Recovery", "B House"}
    [gone] = by_kind(entries, "consent_revoked")
    assert "B House" in gone["summary"]
    assert gone["actor"]["full_name"] == "Jordan Ellis"

    [sent] = by_kind(entries, "referral_sent")
    assert sent["actor"]["full_name"] == "Jordan Ellis"
    [accepted] = by_kind(entries, "referral_accepted")
    assert accepted["actor_type"] == "partner"
    assert accepted["actor"] == {"id": net.center_a["id"], "full_name": "A Recovery"}
    assert accepted["summary"].startswith("A Recovery accepted")

    check_ins = by_kind(entries, "check_in")
    assert sorted(e["details"]["risk_level"] for e in check_ins) == ["critical", "low", "low"]
    [from_portal] = [e for e in check_ins if e["actor_type"] == "portal"]
    assert from_portal["actor"]["full_name"] == "Daniel Okafor"
    assert {e["actor"]["full_name"] for e in check_ins if e["actor_type"] == "staff"} == {
        "Jordan Ellis"
    }

    raised = by_kind(entries, "alert_raised")
    assert any(e["details"]["severity"] == "critical" for e in raised)
    [acknowledged] = by_kind(entries, "alert_acknowledged")
    assert acknowledged["actor"]["full_name"] == "Jordan Ellis"


def test_the_story_pages_without_repeating_or_losing_entries(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    plan = PlanDriver(client, make, practice, practice.open_case(client, make))
    # Entries that share one instant must still page exactly once each.
    with clock.frozen_at(clock.now()):
        plan.add_family()
        plan.create()
        plan.act("submit")
    everything = story(client, plan.case["id"], plan.headers(), limit=200)["items"]
    assert len(everything) >= 7
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = story(client, plan.case["id"], plan.headers(), **params)
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(e["id"] for e in everything)
    assert len(seen) == len(set(seen))
    bad = client.get(
        f"/api/v1/cases/{plan.case['id']}/timeline",
        params={"cursor": "not-a-cursor"},
        headers=plan.headers(),
    )
    assert bad.status_code == 400


def test_the_story_costs_the_same_statements_however_long_it_is(
    client: TestClient, make: Factory, practice: Practice, engine: Engine
) -> None:
    plan = PlanDriver(client, make, practice, practice.open_case(client, make))

    def statements() -> int:
        with counting(engine) as seen:
            story(client, plan.case["id"], plan.headers(), limit=200)
        return len(seen)

    plan.create()
    plan.add_family()
    few = statements()
    plan.add_family()
    plan.act("submit")
    plan.act("return", by=practice.supervisor, comment="More.")
    plan.act("submit")
    assert statements() == few


def test_another_organizations_timeline_is_not_found(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    response = client.get(
        f"/api/v1/cases/{case['id']}/timeline", headers=make.headers(practice.outsider)
    )
    assert response.status_code == 404
