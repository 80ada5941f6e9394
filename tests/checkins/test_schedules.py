from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core import clock
from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


def test_a_weekly_schedule_is_due_a_week_from_now_by_default(case: CaseDriver) -> None:
    with clock.frozen_at(T0):
        response = case.create_schedule()
    assert response.status_code == 201, response.text
    schedule = response.json()
    assert schedule["respondent"] == "client"
    assert schedule["respondent_name"] == "Danny"
    assert (schedule["cadence_days"], schedule["grace_hours"], schedule["active"]) == (7, 24, True)
    # 04:00 in New York (EST) at T0; a week on is 04:00 EDT, after the March change.
    assert schedule["next_due_at"].startswith("2026-03-09T08:00:00")
    assert schedule["time_zone"] == "America/New_York"
    assert response.headers["etag"] == '"v1"'
    assert response.headers["location"] == f"{API}/check-in-schedules/{schedule['id']}"
    assert case.schedules() == [schedule]


def test_each_respondent_has_one_schedule_per_case(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    grace = case.participant("Grace Okafor")
    case.schedule()
    again = case.create_schedule(cadence_days=3)
    assert again.status_code == 409
    assert again.json()["type"] == "/api/v1/problems/conflict"
    case.schedule(respondent=grace["id"], cadence_days=14, next_due_at="2026-04-01T18:00:00Z")
    assert case.create_schedule(respondent=grace["id"]).status_code == 409
    assert [(s["respondent"], s["cadence_days"]) for s in case.schedules()] == [
        ("client", 7),
        (grace["id"], 14),
    ]
    # Another case's client has a schedule of their own.
    assert CaseDriver(client, make, practice).create_schedule().status_code == 201


@pytest.mark.parametrize(
    "fields",
    [
        {"cadence_days": 0},
        {"cadence_days": 91},
        {"cadence_days": "7"},
        {"cadence_days": 7.5},
        {"grace_hours": -1},
        {"grace_hours": 169},
        {"active": "yes"},
        {"next_due_at": "next week"},
        {"next_due_at": 1767225600},
        {"respondent": "the client"},
        {"overdue_after": "2026-04-01T00:00:00Z"},
        {"version": 3},
    ],
)
def test_bad_schedule_input_is_422(case: CaseDriver, fields: dict[str, Any]) -> None:
    response = case.create_schedule(**fields)
    assert response.status_code == 422, response.text
    assert response.json()["type"] == "/api/v1/problems/validation-error"
    assert case.schedules() == []


def test_a_schedule_is_for_the_client_or_a_participant_of_the_same_case(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    stranger = CaseDriver(client, make, practice).participant("Kim Lee")
    response = case.create_schedule(respondent=stranger["id"])
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "respondent"]
    assert case.schedules() == []


def test_a_schedule_is_changed_with_if_match(case: CaseDriver) -> None:
    schedule = case.schedule()
    path = f"{API}/check-in-schedules/{schedule['id']}"
    changed = case.client.patch(
        path,
        json={"cadence_days": 14, "grace_hours": 48, "next_due_at": "2026-05-01T17:00:00+02:00"},
        headers=case.headers(**{"If-Match": '"v1"'}),
    )
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["cadence_days"], body["grace_hours"]) == (14, 48)
    assert body["next_due_at"].startswith("2026-05-01T15:00:00")  # answered in UTC
    assert changed.headers["etag"] == '"v2"'

    stale = case.client.patch(
        path, json={"active": False}, headers=case.headers(**{"If-Match": '"v1"'})
    )
    assert stale.status_code == 412
    assert case.schedules()[0]["active"] is True

    paused = case.client.patch(
        path, json={"active": False}, headers=case.headers(**{"If-Match": '"v2"'})
    )
    assert paused.json()["active"] is False


@pytest.mark.parametrize(
    "body",
    [
        {"cadence_days": None},
        {"active": None},
        {"next_due_at": None},
        {"grace_hours": 500},
        {"respondent": "client"},
    ],
)
def test_a_bad_schedule_change_is_422_and_changes_nothing(
    case: CaseDriver, body: dict[str, Any]
) -> None:
    schedule = case.schedule()
    response = case.client.patch(
        f"{API}/check-in-schedules/{schedule['id']}", json=body, headers=case.headers()
    )
    assert response.status_code == 422, response.text
    assert case.schedules() == [schedule]


def test_a_schedule_is_deleted_with_if_match_and_can_be_made_again(case: CaseDriver) -> None:
    schedule = case.schedule()
    path = f"{API}/check-in-schedules/{schedule['id']}"
    stale = case.client.delete(path, headers=case.headers(**{"If-Match": '"v0"'}))
    assert stale.status_code == 412
    assert len(case.schedules()) == 1
    deleted = case.client.delete(path, headers=case.headers(**{"If-Match": '"v1"'}))
    assert deleted.status_code == 204
    assert case.schedules() == []
    assert case.client.delete(path, headers=case.headers()).status_code == 404
    assert case.create_schedule().status_code == 201


def test_schedules_are_out_of_reach_for_other_organisations_and_the_team_less(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    schedule = case.schedule()
    path = f"{API}/check-in-schedules/{schedule['id']}"
    for who in (practice.outsider, practice.colleague):
        headers = make.headers(who)
        assert client.patch(path, json={"active": False}, headers=headers).status_code == 404
        assert client.delete(path, headers=headers).status_code == 404
        assert client.get(f"{case.path}/check-in-schedules", headers=headers).status_code == 404
        assert case.create_schedule(by=who, respondent="client").status_code == 404
    assert case.schedules() == [schedule]
    supervisor = make.headers(practice.supervisor)
    assert client.patch(path, json={"grace_hours": 12}, headers=supervisor).status_code == 200
