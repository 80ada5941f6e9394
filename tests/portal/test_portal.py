from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.checkins.models import CheckIn
from api.core import clock
from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice

# Endpoints every kind of caller may reach: signing in and out, and "who am I".
OPEN_TO_EVERY_CALLER = {
    ("post", "/api/v1/auth/token"),
    ("post", "/api/v1/auth/logout"),
    ("post", "/api/v1/auth/accept-invite"),
    ("post", "/api/v1/auth/invitation-preview"),
    ("get", "/api/v1/auth/me"),
}
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


def portal_operations(client: TestClient) -> list[tuple[str, str]]:
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    return [
        (method, path)
        for path, operations in paths.items()
        for method in operations
        if path.startswith(f"{API}/portal/")
    ]


def test_a_portal_token_reaches_nothing_outside_the_portal(
    case: CaseDriver, client: TestClient, practice: Practice
) -> None:
    grace = case.participant("Grace Okafor", email="grace@example.org", letter="Dear Danny")
    goal = case.goal(subject=grace["id"])
    schedule = case.schedule(respondent=grace["id"])
    check_in = case.check_in(respondent=grace["id"], safety={"violence": True})
    alert = case.alerts()[0]
    task = client.post(
        f"{case.path}/tasks",
        json={"title": "Book the room", "phase": "preparation"},
        headers=case.headers(),
    ).json()
    client.post(f"{case.path}/plan", json={}, headers=case.headers())
    portal = case.portal_headers(grace["id"])
    # Every path parameter names a real object of the respondent's own case.
    ids = {
        "case_id": case.id,
        "participant_id": grace["id"],
        "user_id": str(practice.lead.id),
        "task_id": task["id"],
        "goal_id": goal["id"],
        "schedule_id": schedule["id"],
        "check_in_id": check_in["id"],
        "alert_id": alert["id"],
    }
    document = client.app.openapi()  # type: ignore[attr-defined]
    answered: dict[str, int] = {}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if path.startswith(f"{API}/portal/") or (method, path) in OPEN_TO_EVERY_CALLER:
                continue
            # Ids of this case's real objects where the test made one; for a kind it did
            # not make (a domain added later), an id that names nothing.
            names = re.findall(r"{(\w+)}", path)
            url = path.format(**{n: ids.get(n, str(uuid.uuid4())) for n in names})
            body: dict[str, Any] | None = {} if "requestBody" in operation else None
            response = client.request(method.upper(), url, json=body, headers=portal)
            answered[f"{method.upper()} {path}"] = response.status_code
    assert len(answered) >= 50
    wrong = {op: status for op, status in answered.items() if status not in (403, 404)}
    assert wrong == {}
    # Nothing was changed or removed on the way.
    participant = client.get(f"{API}/participants/{grace['id']}", headers=case.headers())
    assert participant.status_code == 200
    assert participant.json()["letter"] == "Dear Danny"
    assert len(case.schedules()) == 1
    assert case.alerts()[0]["status"] == "open"


def test_portal_endpoints_refuse_staff_tokens(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    operations = portal_operations(client)
    assert len(operations) == 7  # me, check-ins due, check-in, goals, plan, resources, aftercare
    for who in (practice.lead, practice.admin):
        for method, path in operations:
            body = {"days_used": 0} if method == "post" else None
            response = client.request(method.upper(), path, json=body, headers=make.headers(who))
            assert response.status_code == 403, (method, path, response.text)
            assert response.json()["type"] == "/api/v1/problems/forbidden"
    assert client.get(f"{API}/portal/me").status_code == 401


def test_a_portal_check_in_is_the_respondent_s_own(
    case: CaseDriver, client: TestClient, db: Session
) -> None:
    grace = case.participant("Grace Okafor", email="grace@example.org")
    with clock.frozen_at(T0):
        case.schedule(respondent=grace["id"], cadence_days=7)
        portal = case.portal_headers(grace["id"])
        due = client.get(f"{API}/portal/check-ins/due", headers=portal).json()
    assert due["scheduled"] is True
    assert due["cadence_days"] == 7
    # 04:00 EST in New York at T0; a week of local days on is 04:00 EDT.
    assert due["next_due_at"].startswith("2026-03-09T08:00:00")
    assert due["due_now"] is False
    assert due["last_check_in_at"] is None

    sent_at = T0 + timedelta(days=8)
    with clock.frozen_at(sent_at):
        portal = case.portal_headers(grace["id"])
        assert client.get(f"{API}/portal/check-ins/due", headers=portal).json()["due_now"] is True
        sent = client.post(
            f"{API}/portal/check-ins",
            json={"commitments_kept": True, "wellbeing": 3, "note": "Held my boundary."},
            headers=portal,
        )
        assert sent.status_code == 201, sent.text
        due = client.get(f"{API}/portal/check-ins/due", headers=portal).json()
    receipt = sent.json()
    # A day late: the next anchored slot, not the moment of sending plus a week.
    assert receipt["next_due_at"].startswith("2026-03-16T08:00:00")
    assert due["due_now"] is False
    assert due["last_check_in_at"].startswith("2026-03-10T09:00:00")

    recorded = case.check_ins()
    assert [c["id"] for c in recorded] == [receipt["id"]]
    assert recorded[0]["respondent"] == grace["id"]
    assert recorded[0]["submitted_by_kind"] == "portal"
    assert recorded[0]["note"] == "Held my boundary."


@pytest.mark.parametrize(
    "body",
    [
        {"respondent": "client", "days_used": 0},
        {"respondent": "PARTICIPANT", "commitments_kept": True},
        {"commitments_kept": "yes"},
        {"wellbeing": 9},
        {"submitted_by_kind": "staff"},
    ],
)
def test_a_portal_check_in_cannot_name_someone_else_or_break_the_rules(
    case: CaseDriver, client: TestClient, db: Session, body: dict[str, Any]
) -> None:
    grace = case.participant("Grace Okafor", email="grace@example.org")
    portal = case.portal_headers(grace["id"])
    if body.get("respondent") == "PARTICIPANT":
        body = {**body, "respondent": grace["id"]}
    response = client.post(f"{API}/portal/check-ins", json=body, headers=portal)
    assert response.status_code == 422
    assert db.scalar(select(func.count()).select_from(CheckIn)) == 0


def test_the_client_s_portal_check_in_must_say_how_many_days_were_used(
    case: CaseDriver, client: TestClient
) -> None:
    portal = case.portal_headers("client")
    response = client.post(f"{API}/portal/check-ins", json={"craving": 2}, headers=portal)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "days_used"]
    ok = client.post(f"{API}/portal/check-ins", json={"days_used": 0}, headers=portal)
    assert ok.status_code == 201
    assert case.check_ins()[0]["respondent"] == "client"


def test_a_retried_portal_check_in_is_recorded_once(
    case: CaseDriver, client: TestClient, db: Session
) -> None:
    portal = case.portal_headers("client", **{"Idempotency-Key": "f47ac10b-58cc"})
    body = {"days_used": 1, "substances_used": ["alcohol"], "craving": 3}
    first = client.post(f"{API}/portal/check-ins", json=body, headers=portal)
    again = client.post(f"{API}/portal/check-ins", json=body, headers=portal)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(CheckIn)) == 1
    assert [a["kind"] for a in case.alerts()] == ["relapse_reported"]


def test_a_safety_answer_in_the_portal_alerts_the_professionals(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    portal = case.portal_headers("client")
    sent = client.post(
        f"{API}/portal/check-ins",
        json={"days_used": 0, "safety": {"self_harm_thoughts": True}},
        headers=portal,
    )
    assert sent.status_code == 201
    alerts = case.alerts(status="open")
    assert [(a["kind"], a["severity"]) for a in alerts] == [("safety", "critical")]
    assert alerts[0]["check_in_id"] == sent.json()["id"]
    summary = client.get(f"{API}/alerts/summary", headers=make.headers(practice.supervisor))
    assert summary.json() == {"open": 1, "open_critical": 1}
    # The respondent is not shown the alert machinery.
    assert "risk_level" not in sent.json()
    assert client.get(f"{API}/alerts", headers=portal).status_code == 403


def test_portal_goals_are_only_the_respondent_s_own(case: CaseDriver, client: TestClient) -> None:
    grace = case.participant("Grace Okafor", email="grace@example.org")
    ruth = case.participant("Ruth Okafor", email="ruth@example.org", relationship="parent")
    meetings = case.goal(title="Attend meetings", target_value=3)
    al_anon = case.goal(subject=grace["id"], title="Go to Al-Anon", target_value=1)
    case.goal(subject=ruth["id"], title="Ruth's private goal", target_value=2)
    case.measure(al_anon["id"], 0, measured_at="2026-03-01T09:00:00Z")
    case.measure(al_anon["id"], 1, measured_at="2026-03-08T09:00:00Z")

    mine = client.get(f"{API}/portal/goals", headers=case.portal_headers(grace["id"]))
    assert mine.status_code == 200
    items = mine.json()["items"]
    assert [g["id"] for g in items] == [al_anon["id"]]
    assert items[0]["achievement_status"] == "achieved"
    assert items[0]["latest_value"] == 1
    assert [m["value"] for m in items[0]["measurements"]] == [0, 1]
    assert "Ruth's private goal" not in mine.text
    assert "Attend meetings" not in mine.text

    theirs = client.get(f"{API}/portal/goals", headers=case.portal_headers("client"))
    assert [g["id"] for g in theirs.json()["items"]] == [meetings["id"]]


def test_portal_goals_leave_out_cancelled_ones_and_say_which_are_active(
    case: CaseDriver, client: TestClient
) -> None:
    def set_lifecycle(goal: dict[str, Any], status: str) -> None:
        changed = client.patch(
            f"{API}/goals/{goal['id']}",
            json={"lifecycle_status": status},
            headers={**case.headers(), "If-Match": f'"v{goal["version"]}"'},
        )
        assert changed.status_code == 200, changed.text

    meetings = case.goal(title="Attend meetings", target_value=3)
    sober = case.goal(title="Sober days", target_value=7)
    exercise = case.goal(title="Exercise", target_value=3)
    set_lifecycle(sober, "completed")
    set_lifecycle(exercise, "cancelled")

    items = client.get(f"{API}/portal/goals", headers=case.portal_headers("client")).json()["items"]
    assert [(g["id"], g["lifecycle_status"]) for g in items] == [
        (meetings["id"], "active"),
        (sober["id"], "completed"),
    ]
    assert "Exercise" not in str(items)


def test_the_portal_plan_shows_logistics_and_my_own_part_only(
    case: CaseDriver, client: TestClient
) -> None:
    grace = case.participant(
        "Grace Okafor",
        email="grace@example.org",
        role="team_leader",
        letter="GRACE-LETTER: I remember teaching you to ride a bike.",
        bottom_line="GRACE-BOTTOM-LINE: no more rides to the bar.",
        notes="Staff note about Grace",
    )
    ruth = case.participant(
        "Ruth Okafor",
        email="ruth@example.org",
        relationship="parent",
        role="speaker",
        letter="RUTH-LETTER: your father and I are frightened.",
        bottom_line="RUTH-BOTTOM-LINE: you cannot live at home.",
        notes="RUTH-NOTES: may cry, keep tissues close",
    )
    assert client.post(f"{case.path}/plan", json={}, headers=case.headers()).status_code == 201
    patched = client.patch(
        f"{case.path}/plan",
        json={
            "scheduled_at": "2026-12-05T17:00:00Z",
            "location": "The family home",
            "logistics": "Grace collects Danny from work at 16:30.",
            "speaking_order": [ruth["id"], grace["id"]],
            "contributions": [
                {
                    "participant_id": grace["id"],
                    "contribution": "Leads the room",
                    "letter_ready": True,
                },
                {"participant_id": ruth["id"], "contribution": "RUTH-CONTRIBUTION: reads second"},
            ],
            "notes": "PLAN-NOTES: Danny's history of leaving abruptly",
        },
        headers=case.headers(**{"If-Match": '"v1"'}),
    )
    assert patched.status_code == 200, patched.text

    response = client.get(f"{API}/portal/plan", headers=case.portal_headers(grace["id"]))
    assert response.status_code == 200, response.text
    plan = response.json()
    assert plan["location"] == "The family home"
    assert plan["logistics"] == "Grace collects Danny from work at 16:30."
    assert plan["scheduled_at"].startswith("2026-12-05T17:00:00")
    assert plan["my_role"] == "team_leader"
    assert plan["my_speaking_position"] == 2
    assert plan["my_contribution"] == "Leads the room"
    assert plan["letter_ready"] is True
    assert plan["my_letter"].startswith("GRACE-LETTER")
    assert plan["my_bottom_line"].startswith("GRACE-BOTTOM-LINE")
    for secret in (
        "RUTH-LETTER",
        "RUTH-BOTTOM-LINE",
        "RUTH-NOTES",
        "RUTH-CONTRIBUTION",
        "PLAN-NOTES",
    ):
        assert secret not in response.text
    assert ruth["id"] not in response.text

    ruths = client.get(f"{API}/portal/plan", headers=case.portal_headers(ruth["id"]))
    assert ruths.json()["my_speaking_position"] == 1
    assert ruths.json()["letter_ready"] is False
    assert "GRACE-LETTER" not in ruths.text
    assert "GRACE-BOTTOM-LINE" not in ruths.text
    assert "Leads the room" not in ruths.text

    for_client = client.get(f"{API}/portal/plan", headers=case.portal_headers("client"))
    assert for_client.status_code == 200
    assert for_client.json() is None
    assert "GRACE" not in for_client.text
    assert "RUTH" not in for_client.text


def test_before_the_plan_exists_the_portal_plan_is_null(
    case: CaseDriver, client: TestClient
) -> None:
    grace = case.participant("Grace Okafor", email="grace@example.org")
    response = client.get(f"{API}/portal/plan", headers=case.portal_headers(grace["id"]))
    assert response.status_code == 200
    assert response.json() is None


def test_resources_differ_for_the_client_and_the_family(
    case: CaseDriver, client: TestClient
) -> None:
    grace = case.participant("Grace Okafor", email="grace@example.org")
    for_client = client.get(f"{API}/portal/resources", headers=case.portal_headers("client"))
    for_family = client.get(f"{API}/portal/resources", headers=case.portal_headers(grace["id"]))
    assert for_client.status_code == for_family.status_code == 200
    client_kinds = {r["kind"] for r in for_client.json()["items"]}
    family_kinds = {r["kind"] for r in for_family.json()["items"]}
    assert client_kinds == {"crisis_line", "mutual_help"}
    assert family_kinds == {"crisis_line", "family_support"}
    for resources in (for_client.json()["items"], for_family.json()["items"]):
        assert any(r["contact"] == "Call or text 988" for r in resources)
    assert "Al-Anon" in for_family.text
    assert "Al-Anon" not in for_client.text


def test_an_unscheduled_respondent_is_told_so(case: CaseDriver, client: TestClient) -> None:
    portal = case.portal_headers("client")
    due = client.get(f"{API}/portal/check-ins/due", headers=portal).json()
    assert due == {
        "scheduled": False,
        "cadence_days": None,
        "next_due_at": None,
        "due_now": False,
        "last_check_in_at": None,
    }
    client.post(f"{API}/portal/check-ins", json={"days_used": 0}, headers=portal)
    assert client.get(f"{API}/portal/check-ins/due", headers=portal).json()["last_check_in_at"]


def test_a_portal_account_of_one_case_sees_nothing_of_another(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    other = CaseDriver(
        client,
        make,
        practice,
        practice.open_case(
            client,
            make,
            client={"first_name": "Sam", "last_name": "Lee", "email": "sam@example.org"},
        ),
    )
    other.goal(title="SAM-GOAL")
    other.check_in(days_used=2)
    portal = case.portal_headers("client")
    me = client.get(f"{API}/portal/me", headers=portal).json()
    assert me["client_first_name"] == "Danny"
    goals = client.get(f"{API}/portal/goals", headers=portal)
    assert goals.json()["items"] == []
    due = client.get(f"{API}/portal/check-ins/due", headers=portal).json()
    assert due["last_check_in_at"] is None
    assert "SAM" not in goals.text
    assert client.get(f"{other.path}/goals", headers=portal).status_code == 403


def test_a_portal_check_in_measures_only_the_respondent_s_own_goals(
    case: CaseDriver, client: TestClient, db: Session
) -> None:
    grace = case.participant("Grace Okafor", email="grace@example.org")
    al_anon = case.goal(subject=grace["id"], title="Go to Al-Anon", target_value=1)
    danny_s = case.goal(title="Attend meetings", target_value=3)
    portal = case.portal_headers(grace["id"])
    meddling = client.post(
        f"{API}/portal/check-ins",
        json={
            "commitments_kept": True,
            "goal_updates": [
                {"goal_id": al_anon["id"], "value": 1},
                {"goal_id": danny_s["id"], "value": 3},
            ],
        },
        headers=portal,
    )
    assert meddling.status_code == 422
    assert [e["loc"] for e in meddling.json()["errors"]] == [["body", "goal_updates", 1, "goal_id"]]
    assert db.scalar(select(func.count()).select_from(CheckIn)) == 0
    assert case.get_goal(danny_s["id"])["latest_value"] is None

    own = client.post(
        f"{API}/portal/check-ins",
        json={"commitments_kept": True, "goal_updates": [{"goal_id": al_anon["id"], "value": 1}]},
        headers=portal,
    )
    assert own.status_code == 201, own.text
    assert case.get_goal(al_anon["id"])["achievement_status"] == "achieved"
