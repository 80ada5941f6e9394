from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.alerts.models import Alert
from api.checkins.models import CheckIn
from api.core import clock
from api.goals.models import GoalMeasurement
from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


def count(db: Session, model: type[Any]) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(model)) or 0)


def test_a_client_check_in_is_recorded_and_can_be_read_back(case: CaseDriver) -> None:
    with clock.frozen_at(T0):
        response = case.submit(
            period_days=7,
            days_used=0,
            craving=2,
            mood=3,
            sleep_quality=2,
            risky_situations=1,
            confidence=3,
            meetings_attended=3,
            sober_support_contact=True,
            note="Good week.",
        )
    assert response.status_code == 201, response.text
    check_in = response.json()
    assert response.headers["location"] == f"{API}/check-ins/{check_in['id']}"
    assert check_in["respondent"] == "client"
    assert check_in["respondent_name"] == "Danny"
    assert check_in["submitted_by_kind"] == "staff"
    assert check_in["submitted_at"].startswith("2026-03-02T09:00:00")
    assert check_in["risk_level"] == "low"
    assert check_in["safety"] == {"overdose": False, "self_harm_thoughts": False, "violence": False}
    assert check_in["meetings_attended"] == 3
    read = case.client.get(f"{API}/check-ins/{check_in['id']}", headers=case.headers())
    assert read.status_code == 200
    assert read.json() == check_in


def test_a_family_member_checks_in_on_their_commitments_without_use_questions(
    case: CaseDriver,
) -> None:
    grace = case.participant("Grace Okafor")
    response = case.submit(respondent=grace["id"], commitments_kept=True, wellbeing=2)
    assert response.status_code == 201, response.text
    assert response.json()["respondent"] == grace["id"]
    assert response.json()["respondent_name"] == "Grace Okafor"
    assert response.json()["days_used"] is None
    assert response.json()["risk_level"] == "low"


def test_a_client_check_in_must_say_how_many_days_were_used(case: CaseDriver, db: Session) -> None:
    body = {"respondent": "client", "craving": 1}
    response = case.client.post(f"{case.path}/check-ins", json=body, headers=case.headers())
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "days_used"]
    assert count(db, CheckIn) == 0


@pytest.mark.parametrize(
    "answers",
    [
        {"craving": 5},
        {"mood": -1},
        {"confidence": 4.5},
        {"craving": True},
        {"sleep_quality": "2"},
        {"wellbeing": 7},
        {"days_used": "2"},
        {"days_used": 8, "period_days": 7},
        {"days_used": -1},
        {"period_days": 0},
        {"period_days": 32},
        {"days_used": 0, "substances_used": ["alcohol"]},
        {"days_used": 2, "substances_used": [""]},
        {"days_used": 2, "substances_used": ["x"] * 11},
        {"meetings_attended": -1},
        {"sober_support_contact": "yes"},
        {"commitments_kept": 1},
        {"safety": {"overdose": "true"}},
        {"safety": {"overdose": False, "relapse": True}},
        {"goal_updates": [{"goal_id": "not-a-uuid", "value": 1}]},
        {"risk_level": "low"},
        {"submitted_at": "2026-03-01T09:00:00Z"},
        {"respondent": "everyone"},
        {"note": "x" * 2_001},
    ],
)
def test_answers_out_of_range_are_422_and_nothing_is_recorded(
    case: CaseDriver, db: Session, answers: dict[str, Any]
) -> None:
    response = case.submit(**answers)
    assert response.status_code == 422, response.text
    assert response.json()["type"] == "/api/v1/problems/validation-error"
    assert count(db, CheckIn) == 0
    assert count(db, Alert) == 0


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        ({"days_used": 0, "craving": 2, "risky_situations": 2}, "low"),
        ({"days_used": 0, "craving": 3}, "moderate"),
        ({"days_used": 0, "risky_situations": 4}, "moderate"),
        ({"days_used": 1}, "high"),
        ({"days_used": 2, "craving": 4, "risky_situations": 4}, "high"),  # use outranks craving
        ({"days_used": 0, "safety": {"overdose": True}}, "critical"),
        ({"days_used": 0, "safety": {"self_harm_thoughts": True}}, "critical"),
        ({"days_used": 0, "safety": {"violence": True}}, "critical"),
        ({"days_used": 5, "craving": 4, "safety": {"violence": True}}, "critical"),  # safety first
    ],
)
def test_the_risk_level_follows_the_rules(
    case: CaseDriver, answers: dict[str, Any], level: str
) -> None:
    assert case.check_in(**answers)["risk_level"] == level


def test_a_family_member_s_safety_answer_is_critical_too(case: CaseDriver) -> None:
    grace = case.participant("Grace Okafor")
    check_in = case.check_in(respondent=grace["id"], craving=4, safety={"violence": True})
    assert check_in["risk_level"] == "critical"
    assert [a["kind"] for a in case.alerts()] == ["safety"]


def test_a_safety_answer_raises_a_critical_alert_at_once(case: CaseDriver) -> None:
    check_in = case.check_in(safety={"self_harm_thoughts": True, "overdose": True})
    alerts = case.alerts()
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert["kind"] == "safety"
    assert alert["severity"] == "critical"
    assert alert["status"] == "open"
    assert alert["check_in_id"] == check_in["id"]
    assert alert["case_reference"] == case.case["reference"]
    assert alert["client_name"] == "Daniel Okafor"
    assert "overdose" in alert["title"]
    assert "self-harm" in alert["title"]
    assert "988" in alert["detail"]


def test_reported_use_raises_a_relapse_alert(case: CaseDriver) -> None:
    check_in = case.check_in(days_used=2, period_days=7, substances_used=["alcohol", "cocaine"])
    alerts = case.alerts()
    assert [(a["kind"], a["severity"]) for a in alerts] == [("relapse_reported", "high")]
    assert alerts[0]["check_in_id"] == check_in["id"]
    assert "2 of 7 days" in alerts[0]["title"]
    assert "alcohol, cocaine" in alerts[0]["title"]


def test_use_and_a_safety_answer_raise_both_alerts(case: CaseDriver) -> None:
    case.check_in(days_used=1, safety={"overdose": True})
    assert sorted(a["kind"] for a in case.alerts()) == ["relapse_reported", "safety"]


@pytest.mark.parametrize(
    "answers", [{"days_used": 0, "craving": 1}, {"days_used": 0, "craving": 4}]
)
def test_a_check_in_without_use_or_safety_answers_raises_no_alert(
    case: CaseDriver, answers: dict[str, Any]
) -> None:
    case.check_in(**answers)
    assert case.alerts() == []


def test_goal_updates_record_measurements_of_the_case_s_goals(case: CaseDriver) -> None:
    meetings = case.goal(target_value=3)
    grace = case.participant("Grace Okafor")
    al_anon = case.goal(subject=grace["id"], title="Al-Anon", target_value=1)
    check_in = case.check_in(
        goal_updates=[
            {"goal_id": meetings["id"], "value": 3, "note": "Three meetings"},
            {"goal_id": al_anon["id"], "value": 1},
        ]
    )
    assert check_in["goal_updates"] == [
        {"goal_id": meetings["id"], "value": 3, "note": "Three meetings"},
        {"goal_id": al_anon["id"], "value": 1, "note": None},
    ]
    assert case.get_goal(meetings["id"])["latest_value"] == 3
    assert case.get_goal(meetings["id"])["achievement_status"] == "achieved"
    progress = case.client.get(
        f"{API}/goals/{meetings['id']}/progress", headers=case.headers()
    ).json()
    assert [(m["source"], m["check_in_id"], m["note"]) for m in progress["measurements"]] == [
        ("check_in", check_in["id"], "Three meetings")
    ]


def test_a_goal_of_another_case_is_refused_and_nothing_is_written(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    mine = case.goal(target_value=3)
    elsewhere = CaseDriver(client, make, practice)
    theirs = elsewhere.goal(target_value=3)
    response = case.submit(
        days_used=1,
        safety={"overdose": True},
        goal_updates=[
            {"goal_id": mine["id"], "value": 2},
            {"goal_id": theirs["id"], "value": 9},
        ],
    )
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "goal_updates", 1, "goal_id"]]
    assert count(db, CheckIn) == 0
    assert count(db, GoalMeasurement) == 0
    assert count(db, Alert) == 0
    assert case.get_goal(mine["id"])["latest_value"] is None
    assert elsewhere.get_goal(theirs["id"])["latest_value"] is None


def test_a_check_in_moves_its_respondent_s_schedule_to_its_next_anchored_slot(
    case: CaseDriver,
) -> None:
    grace = case.participant("Grace Okafor")
    with clock.frozen_at(T0):
        client_schedule = case.schedule(cadence_days=7, next_due_at="2026-03-09T14:00:00Z")
        grace_schedule = case.schedule(respondent=grace["id"], cadence_days=14)
    # A day early: it answers the slot of the 9th, so the next is the 16th at the same time,
    # not the moment of submission plus a week.
    with clock.frozen_at(datetime(2026, 3, 8, 11, 0, tzinfo=UTC)):
        case.check_in()
    by_id = {s["id"]: s for s in case.schedules()}
    assert by_id[client_schedule["id"]]["next_due_at"].startswith("2026-03-16T14:00:00")
    # Someone else's check-in leaves Grace's schedule alone.
    assert by_id[grace_schedule["id"]]["next_due_at"] == grace_schedule["next_due_at"]


def test_a_paused_schedule_is_not_moved_by_a_check_in(case: CaseDriver) -> None:
    with clock.frozen_at(T0):
        schedule = case.schedule(cadence_days=7, active=False)
    with clock.frozen_at(T0 + timedelta(days=2)):
        case.check_in()
    assert case.schedules()[0]["next_due_at"] == schedule["next_due_at"]


def test_a_retried_check_in_creates_one_check_in_and_one_alert(
    case: CaseDriver, db: Session
) -> None:
    answers: dict[str, Any] = {"days_used": 0, "safety": {"self_harm_thoughts": True}}
    first = case.submit(key="phone-7f3a", **answers)
    again = case.submit(key="phone-7f3a", **answers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert count(db, CheckIn) == 1
    assert [a["kind"] for a in case.alerts()] == ["safety"]
    changed = case.submit(key="phone-7f3a", days_used=1)
    assert changed.status_code == 422
    assert changed.json()["type"] == "/api/v1/problems/idempotency-key-reused"
    assert count(db, CheckIn) == 1


def test_check_ins_list_newest_first_and_filter_by_respondent(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    grace = case.participant("Grace Okafor")
    ruth = case.participant("Ruth Okafor", relationship="parent")
    ids = []
    for n, respondent in enumerate(["client", grace["id"], "client", ruth["id"]]):
        with clock.frozen_at(T0 + timedelta(days=n)):
            ids.append(case.check_in(respondent=respondent)["id"])
    assert [c["id"] for c in case.check_ins()] == list(reversed(ids))
    assert [c["id"] for c in case.check_ins(respondent="client")] == [ids[2], ids[0]]
    assert [c["id"] for c in case.check_ins(respondent=grace["id"])] == [ids[1]]
    assert [c["id"] for c in case.check_ins(since="2026-03-04T00:00:00Z")] == [ids[3], ids[2]]
    page = case.check_ins(limit=3)
    assert len(page) == 3

    stranger = CaseDriver(client, make, practice).participant("Kim Lee")
    response = client.get(
        f"{case.path}/check-ins", params={"respondent": stranger["id"]}, headers=case.headers()
    )
    assert response.status_code == 422
    assert (
        client.get(
            f"{case.path}/check-ins", params={"respondant": "client"}, headers=case.headers()
        ).status_code
        == 422
    )


def test_check_ins_page_with_a_cursor(case: CaseDriver) -> None:
    ids = []
    for n in range(3):
        with clock.frozen_at(T0 + timedelta(hours=n)):
            ids.append(case.check_in()["id"])
    first = case.client.get(
        f"{case.path}/check-ins", params={"limit": 2}, headers=case.headers()
    ).json()
    rest = case.client.get(
        f"{case.path}/check-ins",
        params={"limit": 2, "cursor": first["next_cursor"]},
        headers=case.headers(),
    ).json()
    assert [c["id"] for c in first["items"] + rest["items"]] == list(reversed(ids))
    assert rest["next_cursor"] is None


def test_adherence_counts_expected_check_ins_by_cadence_against_received(
    case: CaseDriver,
) -> None:
    grace = case.participant("Grace Okafor")
    with clock.frozen_at(T0):
        case.schedule(cadence_days=7)
    with clock.frozen_at(T0 + timedelta(days=7)):
        case.schedule(respondent=grace["id"], cadence_days=14)
    for day in (6, 13):
        with clock.frozen_at(T0 + timedelta(days=day)):
            case.check_in()
    with clock.frozen_at(T0 + timedelta(days=20)):
        case.check_in(respondent=grace["id"])
    now = T0 + timedelta(days=21, hours=1)
    with clock.frozen_at(now):
        report = case.client.get(f"{case.path}/check-in-adherence", headers=case.headers()).json()
        recent = case.client.get(
            f"{case.path}/check-in-adherence", params={"weeks": 1}, headers=case.headers()
        ).json()
    by_who = {i["respondent"]: i for i in report["items"]}
    # Three weeks of a weekly schedule; one fortnight of Grace's since hers began.
    assert (by_who["client"]["expected"], by_who["client"]["received"]) == (3, 2)
    assert (by_who[grace["id"]]["expected"], by_who[grace["id"]]["received"]) == (1, 1)
    assert by_who[grace["id"]]["respondent_name"] == "Grace Okafor"
    # The last week only: one expected from each weekly respondent, none received.
    recent_by_who = {i["respondent"]: i for i in recent["items"]}
    assert (recent_by_who["client"]["expected"], recent_by_who["client"]["received"]) == (1, 0)
    assert recent_by_who[grace["id"]]["received"] == 1
    assert recent["since"].startswith("2026-03-16T10:00:00")
    bad = case.client.get(
        f"{case.path}/check-in-adherence", params={"weeks": 0}, headers=case.headers()
    )
    assert bad.status_code == 422


def test_adherence_ignores_check_ins_sent_before_the_schedule_began(case: CaseDriver) -> None:
    """Three check-ins and then a new schedule read "0 of 0", not "3 of 0"."""
    for day in (1, 2, 3):
        with clock.frozen_at(T0 + timedelta(days=day)):
            case.check_in()
    with clock.frozen_at(T0 + timedelta(days=4)):
        case.schedule(cadence_days=7)
    with clock.frozen_at(T0 + timedelta(days=5)):
        report = case.client.get(f"{case.path}/check-in-adherence", headers=case.headers())
    assert report.status_code == 200, report.text
    (item,) = report.json()["items"]
    assert (item["expected"], item["received"]) == (0, 0)


def test_check_ins_are_out_of_reach_for_other_organisations_and_the_team_less(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    check_in = case.check_in()
    for who in (practice.outsider, practice.colleague):
        headers = make.headers(who)
        assert client.get(f"{API}/check-ins/{check_in['id']}", headers=headers).status_code == 404
        assert client.get(f"{case.path}/check-ins", headers=headers).status_code == 404
        assert client.get(f"{case.path}/check-in-adherence", headers=headers).status_code == 404
        assert case.submit(by=who, safety={"overdose": True}).status_code == 404
    assert count(db, CheckIn) == 1
    assert count(db, Alert) == 0
    supervisor = make.headers(practice.supervisor)
    assert client.get(f"{API}/check-ins/{check_in['id']}", headers=supervisor).status_code == 200
