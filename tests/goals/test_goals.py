from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core import clock
from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


def statuses_after(case: CaseDriver, goal: dict[str, Any], values: list[float]) -> list[str]:
    """The achievement status after each staff measurement, in order."""
    seen = []
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    for n, value in enumerate(values):
        measured_at = (start + timedelta(days=7 * n)).isoformat()
        response = case.measure(goal["id"], value, measured_at=measured_at)
        assert response.status_code == 201, response.text
        seen.append(response.json()["achievement_status"])
    return seen


def test_a_goal_for_the_client_starts_in_progress(case: CaseDriver) -> None:
    with clock.frozen_at(datetime(2026, 3, 1, 12, 0, tzinfo=UTC)):
        response = case.create_goal(baseline_value=0, due_date="2026-06-01")
    assert response.status_code == 201, response.text
    goal = response.json()
    assert goal["subject"] == "client"
    assert goal["subject_name"] == "Danny"
    assert goal["case_id"] == case.id
    assert goal["start_date"] == "2026-03-01"  # today by default
    assert goal["lifecycle_status"] == "active"
    assert goal["achievement_status"] == "in_progress"
    assert goal["achievement_set_by_hand"] is False
    assert goal["latest_value"] is None
    assert response.headers["etag"] == '"v1"'
    assert response.headers["location"] == f"{API}/goals/{goal['id']}"
    assert case.get_goal(goal["id"]) == goal
    listed = case.client.get(f"{case.path}/goals", headers=case.headers()).json()
    assert [g["id"] for g in listed["items"]] == [goal["id"]]


def test_a_goal_may_belong_to_a_participant_of_the_same_case(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    grace = case.participant("Grace Okafor")
    goal = case.goal(
        subject=grace["id"],
        title="Go to Al-Anon",
        category="family",
        metric="meetings",
        unit="meetings",
        target_value=1,
        direction="at_least",
    )
    assert goal["subject"] == grace["id"]
    assert goal["subject_name"] == "Grace Okafor"

    other = CaseDriver(client, make, practice)
    stranger = other.participant("Kim Lee")
    wrong = case.create_goal(subject=stranger["id"])
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["loc"] == ["body", "subject"]
    unknown = case.create_goal(subject="7d4a1a5e-8a4e-4d3a-9c55-1f2b0f0d9e11")
    assert unknown.status_code == 422
    listed = client.get(f"{case.path}/goals", headers=case.headers()).json()["items"]
    assert [g["id"] for g in listed] == [goal["id"]]


@pytest.mark.parametrize(
    "fields",
    [
        {"category": "sobriety"},
        {"direction": "up"},
        {"target_value": "3"},
        {"target_value": True},
        {"target_value": None},
        {"baseline_value": "none"},
        {"title": ""},
        {"subject": "the client"},
        {"start_date": "2026-05-01", "due_date": "2026-04-30"},
        {"start_date": 20260501},
        {"achievement_override": "achieved"},
        {"latest_value": 3},
        {"version": 4},
    ],
)
def test_bad_goal_input_is_422(case: CaseDriver, fields: dict[str, Any]) -> None:
    response = case.create_goal(**fields)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert problem["type"] == "/api/v1/problems/validation-error"
    assert problem["errors"]
    listed = case.client.get(f"{case.path}/goals", headers=case.headers()).json()
    assert listed["items"] == []


def test_a_missing_direction_or_metric_is_422(case: CaseDriver) -> None:
    body = {"subject": "client", "title": "x", "unit": "days", "target_value": 1}
    response = case.client.post(f"{case.path}/goals", json=body, headers=case.headers())
    assert response.status_code == 422
    assert ("body", "metric") in {tuple(e["loc"]) for e in response.json()["errors"]}
    # A threshold needs its direction: the target check names it once the fields parse.
    response = case.client.post(
        f"{case.path}/goals", json={**body, "metric": "days sober"}, headers=case.headers()
    )
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "direction"]]


def test_at_least_goals_move_through_the_derived_statuses(case: CaseDriver) -> None:
    goal = case.goal(target_value=3, direction="at_least")
    assert statuses_after(case, goal, [1, 2, 1, 1, 3, 4, 2]) == [
        "in_progress",  # one measurement, target missed: nothing to compare yet
        "improving",
        "worsening",
        "no_change",
        "achieved",
        "sustaining",
        "worsening",
    ]
    assert case.get_goal(goal["id"])["latest_value"] == 2


def test_at_most_goals_count_down_to_their_target(case: CaseDriver) -> None:
    goal = case.goal(
        title="Drink less",
        category="abstinence",
        metric="drinking days per week",
        unit="days",
        target_value=1,
        direction="at_most",
        baseline_value=6,
    )
    assert statuses_after(case, goal, [5, 3, 4, 4, 1, 0, 2]) == [
        "in_progress",
        "improving",
        "worsening",
        "no_change",
        "achieved",
        "sustaining",
        "worsening",
    ]


def test_a_goal_that_met_its_target_once_is_achieved_not_sustaining(case: CaseDriver) -> None:
    goal = case.goal(target_value=3)
    assert statuses_after(case, goal, [3]) == ["achieved"]


@pytest.mark.parametrize("lifecycle", ["completed", "cancelled"])
def test_a_finished_goal_that_missed_its_target_is_not_achieved(
    case: CaseDriver, lifecycle: str
) -> None:
    missed = case.goal(target_value=3)
    statuses_after(case, missed, [1, 2])
    ended = case.client.patch(
        f"{API}/goals/{missed['id']}",
        json={"lifecycle_status": lifecycle},
        headers=case.headers(),
    )
    assert ended.status_code == 200, ended.text
    assert ended.json()["achievement_status"] == "not_achieved"

    met = case.goal(target_value=3)
    statuses_after(case, met, [4])
    ended = case.client.patch(
        f"{API}/goals/{met['id']}", json={"lifecycle_status": lifecycle}, headers=case.headers()
    )
    assert ended.json()["achievement_status"] == "achieved"


def test_changing_the_target_derives_the_status_again(case: CaseDriver) -> None:
    goal = case.goal(target_value=3)
    statuses_after(case, goal, [3])
    raised = case.client.patch(
        f"{API}/goals/{goal['id']}", json={"target_value": 5}, headers=case.headers()
    )
    assert raised.json()["achievement_status"] == "in_progress"
    flipped = case.client.patch(
        f"{API}/goals/{goal['id']}", json={"direction": "at_most"}, headers=case.headers()
    )
    assert flipped.json()["achievement_status"] == "achieved"


def test_a_status_set_by_hand_wins_until_it_is_cleared(case: CaseDriver) -> None:
    goal = case.goal(target_value=3)
    statuses_after(case, goal, [1, 2])
    path = f"{API}/goals/{goal['id']}"
    manual = case.client.patch(
        path, json={"achievement_status": "achieved"}, headers=case.headers()
    )
    assert manual.status_code == 200
    assert manual.json()["achievement_status"] == "achieved"
    assert manual.json()["achievement_set_by_hand"] is True

    after = case.measure(goal["id"], 0)
    assert after.json()["achievement_status"] == "achieved"  # the override still wins
    assert after.json()["latest_value"] == 0

    cleared = case.client.patch(path, json={"achievement_status": None}, headers=case.headers())
    assert cleared.json()["achievement_set_by_hand"] is False
    assert cleared.json()["achievement_status"] == "worsening"  # 2 then 0, derived again
    progress = case.client.get(f"{path}/progress", headers=case.headers()).json()
    assert progress["achievement_status"] == "worsening"


def test_the_latest_value_is_the_most_recent_measurement_not_the_last_entered(
    case: CaseDriver,
) -> None:
    goal = case.goal(target_value=3)
    with clock.frozen_at(datetime(2026, 3, 10, 9, 0, tzinfo=UTC)):
        now = case.measure(goal["id"], 2)
        late_entry = case.measure(goal["id"], 5, measured_at="2026-03-03T09:00:00Z")
    assert now.json()["latest_value"] == 2
    assert late_entry.json()["latest_value"] == 2
    assert late_entry.json()["achievement_status"] == "worsening"  # 5 on the 3rd, 2 on the 10th


def test_progress_is_the_series_oldest_first_with_its_source(case: CaseDriver) -> None:
    goal = case.goal(target_value=3, baseline_value=0)
    with clock.frozen_at(datetime(2026, 3, 10, 9, 0, tzinfo=UTC)):
        staff = case.measure(goal["id"], 1, note="From the family meeting")
        assert staff.status_code == 201, staff.text
    with clock.frozen_at(datetime(2026, 3, 17, 9, 0, tzinfo=UTC)):
        check_in = case.check_in(goal_updates=[{"goal_id": goal["id"], "value": 2}])
    case.measure(goal["id"], 0, measured_at="2026-03-01T09:00:00Z")

    response = case.client.get(f"{API}/goals/{goal['id']}/progress", headers=case.headers())
    assert response.status_code == 200
    progress = response.json()
    assert progress["goal_id"] == goal["id"]
    assert progress["target_value"] == 3
    assert progress["baseline_value"] == 0
    assert progress["unit"] == "meetings"
    assert progress["achievement_status"] == "improving"
    series = progress["measurements"]
    assert [m["value"] for m in series] == [0, 1, 2]
    assert [m["source"] for m in series] == ["staff", "staff", "check_in"]
    assert series[1]["note"] == "From the family meeting"
    assert series[2]["check_in_id"] == check_in["id"]
    assert series[0]["check_in_id"] is None
    assert series[2]["measured_at"] == check_in["submitted_at"]


@pytest.mark.parametrize(
    "body",
    [
        {"value": "2"},
        {"value": None},
        {},
        {"value": 2, "measured_at": 1767225600},
        {"value": 2, "source": "check_in"},
        {"value": 2, "note": "x" * 2_001},
    ],
)
def test_a_bad_measurement_is_422_and_records_nothing(
    case: CaseDriver, body: dict[str, Any]
) -> None:
    goal = case.goal()
    response = case.client.post(
        f"{API}/goals/{goal['id']}/measurements", json=body, headers=case.headers()
    )
    assert response.status_code == 422
    progress = case.client.get(f"{API}/goals/{goal['id']}/progress", headers=case.headers())
    assert progress.json()["measurements"] == []


def test_a_stale_if_match_changes_nothing(case: CaseDriver) -> None:
    goal = case.goal(target_value=3)
    path = f"{API}/goals/{goal['id']}"
    first = case.client.patch(
        path, json={"target_value": 4}, headers=case.headers(**{"If-Match": '"v1"'})
    )
    assert first.status_code == 200
    assert first.headers["etag"] == '"v2"'
    stale = case.client.patch(
        path, json={"title": "Someone else's edit"}, headers=case.headers(**{"If-Match": '"v1"'})
    )
    assert stale.status_code == 412
    assert stale.json()["type"] == "/api/v1/problems/precondition-failed"
    now = case.get_goal(goal["id"])
    assert now["title"] == goal["title"]
    assert now["target_value"] == 4
    assert now["version"] == 2


@pytest.mark.parametrize(
    "body",
    [
        {"title": None},
        {"target_low": 5, "target_high": 1},
        {"target_value": 2, "target_high": 3},
        {"direction": "sideways"},
        {"due_date": "2020-01-01"},
        {"achievement_status": "done"},
        {"subject": "client"},
        {"latest_value": 1},
    ],
)
def test_a_bad_change_is_422_and_changes_nothing(case: CaseDriver, body: dict[str, Any]) -> None:
    goal = case.goal(start_date="2026-03-01")
    response = case.client.patch(f"{API}/goals/{goal['id']}", json=body, headers=case.headers())
    assert response.status_code == 422, response.text
    assert case.get_goal(goal["id"]) == goal


def test_goals_are_out_of_reach_for_other_organisations_and_the_team_less(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    goal = case.goal()
    path = f"{API}/goals/{goal['id']}"
    for who in (practice.outsider, practice.colleague):
        headers = make.headers(who)
        assert client.get(path, headers=headers).status_code == 404
        assert client.get(f"{path}/progress", headers=headers).status_code == 404
        assert client.patch(path, json={"title": "Hijacked"}, headers=headers).status_code == 404
        assert (
            client.post(f"{path}/measurements", json={"value": 9}, headers=headers).status_code
            == 404
        )
        assert client.get(f"{case.path}/goals", headers=headers).status_code == 404
        assert case.create_goal(by=who).status_code == 404
    untouched = case.get_goal(goal["id"])
    assert untouched["title"] == goal["title"]
    assert untouched["latest_value"] is None
    # Supervisors see every case of their organisation.
    assert client.get(path, headers=make.headers(practice.supervisor)).status_code == 200


def test_goals_list_in_pages_oldest_first(case: CaseDriver) -> None:
    ids = [case.goal(title=f"Goal {n}")["id"] for n in range(3)]
    first = case.client.get(f"{case.path}/goals?limit=2", headers=case.headers()).json()
    assert [g["id"] for g in first["items"]] == ids[:2]
    rest = case.client.get(
        f"{case.path}/goals",
        params={"limit": 2, "cursor": first["next_cursor"]},
        headers=case.headers(),
    ).json()
    assert [g["id"] for g in rest["items"]] == ids[2:]
    assert rest["next_cursor"] is None
