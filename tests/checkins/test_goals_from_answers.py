"""A goal that measures a check-in item takes its value from that answer, so the check-in
asks once (the hand-offs issue, item 11)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice


def progress(case: CaseDriver, goal_id: str) -> list[dict[str, object]]:
    response = case.client.get(f"{API}/goals/{goal_id}/progress", headers=case.headers())
    assert response.status_code == 200, response.text
    return list(response.json()["measurements"])


def test_the_meetings_answer_measures_the_meetings_goal(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = CaseDriver(client, make, practice)
    meetings = case.goal(
        title="Go to meetings",
        metric="days with a support meeting per week",
        unit="days",
        target_value=3,
        check_in_item="meetings_attended",
    )
    assert meetings["check_in_item"] == "meetings_attended"
    sober = case.goal(title="Stay sober", target_value=7, check_in_item="days_abstinent")
    by_hand = case.goal(title="Walk daily", target_value=5)

    check_in = case.check_in(
        days_used=2,
        period_days=7,
        meetings_attended=4,
        goal_updates=[{"goal_id": by_hand["id"], "value": 3}],
    )

    [measured] = progress(case, meetings["id"])
    assert measured["value"] == 4
    assert measured["source"] == "check_in"
    assert measured["check_in_id"] == check_in["id"]
    assert case.get_goal(meetings["id"])["achievement_status"] == "achieved"
    assert [m["value"] for m in progress(case, sober["id"])] == [5]  # 7 days less 2 used
    assert [m["value"] for m in progress(case, by_hand["id"])] == [3]


def test_an_unanswered_item_records_nothing(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = CaseDriver(client, make, practice)
    meetings = case.goal(check_in_item="meetings_attended")
    case.check_in(days_used=0)
    assert progress(case, meetings["id"]) == []
    assert case.get_goal(meetings["id"])["latest_value"] is None


def test_a_goal_measured_by_an_answer_is_not_updated_twice(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = CaseDriver(client, make, practice)
    meetings = case.goal(check_in_item="meetings_attended")
    response = case.submit(
        meetings_attended=2, goal_updates=[{"goal_id": meetings["id"], "value": 2}]
    )
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["loc"] == ["body", "goal_updates", 0, "goal_id"]
    assert "meetings_attended" in error["msg"]
    assert case.check_ins() == []
    assert progress(case, meetings["id"]) == []


def test_only_the_goal_s_subject_check_in_measures_it(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = CaseDriver(client, make, practice)
    grace = case.participant("Grace Okafor")
    hers = case.goal(subject=grace["id"], title="Look after myself", check_in_item="wellbeing")
    paused = case.goal(check_in_item="meetings_attended", lifecycle_status="on_hold")
    case.check_in(meetings_attended=3, wellbeing=None)
    assert progress(case, hers["id"]) == []
    assert progress(case, paused["id"]) == []  # progress is recorded on active goals only
    case.check_in(respondent=grace["id"], wellbeing=3)
    assert [m["value"] for m in progress(case, hers["id"])] == [3]


def test_an_item_the_subject_s_check_in_does_not_ask_is_422(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = CaseDriver(client, make, practice)
    grace = case.participant("Grace Okafor")
    family = case.create_goal(subject=grace["id"], check_in_item="meetings_attended")
    assert family.status_code == 422
    assert family.json()["errors"][0]["loc"] == ["body", "check_in_item"]
    client_goal = case.goal()
    changed = case.client.patch(
        f"{API}/goals/{client_goal['id']}",
        json={"check_in_item": "wellbeing"},
        headers=case.headers(),
    )
    assert changed.status_code == 422
    assert case.create_goal(check_in_item="minutes_walked").status_code == 422
    cleared = case.client.patch(
        f"{API}/goals/{client_goal['id']}", json={"check_in_item": None}, headers=case.headers()
    )
    assert cleared.status_code == 200
    assert cleared.json()["check_in_item"] is None
