"""Schedules live on the respondent's clock: the case's zone, else the practice's
(issue #10 §2, DESIGN.md §3)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.checkins.schedules import raise_missed_check_ins
from api.core import clock
from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice

BEFORE = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
# Monday 18:00 in New York, the week before the clocks go forward (Sunday, March 14, 2027).
MONDAY_EVENING = "2027-03-08T18:00:00-05:00"


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def run_job(session_factory: Callable[[], Session], now: datetime) -> int:
    with session_factory() as session:
        raised = raise_missed_check_ins(session, now)
        session.commit()
    return raised


def weekly(case: CaseDriver, due: str = MONDAY_EVENING, **fields: Any) -> dict[str, Any]:
    with clock.frozen_at(BEFORE):
        return case.schedule(cadence_days=7, grace_hours=24, next_due_at=due, **fields)


def next_due(case: CaseDriver) -> str:
    return str(case.schedules()[0]["next_due_at"])


def check_in_at(case: CaseDriver, moment: str) -> None:
    with clock.frozen_at(at(moment)):
        case.check_in()


def patch_case(case: CaseDriver, **fields: Any) -> dict[str, Any]:
    response = case.client.patch(case.path, json=fields, headers=case.headers())
    assert response.status_code == 200, response.text
    return dict(response.json())


def set_practice_zone(case: CaseDriver, zone: str) -> None:
    response = case.client.patch(
        f"{API}/organization",
        json={"time_zone": zone},
        headers=case.make.headers(case.practice.admin),
    )
    assert response.status_code == 200, response.text


def test_a_weekly_schedule_stays_at_18_00_local_across_the_march_change(
    case: CaseDriver, session_factory: Callable[[], Session]
) -> None:
    schedule = weekly(case)
    assert schedule["next_due_at"] == "2027-03-08T23:00:00Z"
    assert schedule["time_zone"] == "America/New_York"
    # Missed: the job moves it on a week of local days, to 18:00 EDT (22:00Z), not 19:00.
    assert run_job(session_factory, at("2027-03-09T23:01:00Z")) == 1
    assert next_due(case) == "2027-03-15T22:00:00Z"


def test_a_check_in_before_the_change_keeps_the_next_slot_at_18_00_local(
    case: CaseDriver,
) -> None:
    weekly(case)
    check_in_at(case, "2027-03-08T23:30:00Z")
    assert next_due(case) == "2027-03-15T22:00:00Z"
    check_in_at(case, "2027-03-15T22:10:00Z")
    assert next_due(case) == "2027-03-22T22:00:00Z"


@pytest.mark.parametrize(
    "answered",
    [
        pytest.param("2027-03-07T20:00:00-05:00", id="a-day-early"),
        pytest.param("2027-03-08T17:55:00-05:00", id="minutes-early"),
        pytest.param("2027-03-09T10:00:00-05:00", id="late-within-grace"),
        pytest.param("2027-03-10T21:00:00-05:00", id="late-after-grace"),
    ],
)
def test_an_early_or_late_check_in_keeps_the_monday_evening_slot(
    case: CaseDriver, answered: str
) -> None:
    weekly(case)
    check_in_at(case, answered)
    assert next_due(case) == "2027-03-15T22:00:00Z"  # Monday 18:00 EDT, not answered + 7 days


def test_an_extra_check_in_between_slots_does_not_skip_the_next_one(case: CaseDriver) -> None:
    weekly(case)
    check_in_at(case, "2027-03-08T18:30:00-05:00")
    check_in_at(case, "2027-03-10T09:00:00-05:00")  # Wednesday: nearer the slot already answered
    assert next_due(case) == "2027-03-15T22:00:00Z"


def test_a_late_answer_to_a_slot_the_job_already_called_missed_stays_on_the_grid(
    case: CaseDriver, session_factory: Callable[[], Session]
) -> None:
    weekly(case)
    assert run_job(session_factory, at("2027-03-09T23:01:00Z")) == 1
    check_in_at(case, "2027-03-10T12:00:00-05:00")
    assert next_due(case) == "2027-03-15T22:00:00Z"
    assert run_job(session_factory, at("2027-03-10T18:00:00Z")) == 0


def test_a_missed_check_in_due_monday_evening_in_los_angeles_says_monday(
    case: CaseDriver, session_factory: Callable[[], Session]
) -> None:
    patch_case(case, time_zone="America/Los_Angeles")
    weekly(case, due="2027-03-08T20:00:00-08:00")  # 04:00Z on Tuesday
    assert run_job(session_factory, at("2027-03-10T04:01:00Z")) == 1
    with clock.frozen_at(at("2027-03-10T04:01:00Z")):
        titles = [a["title"] for a in case.alerts(kind="missed_check_in")]
    assert titles == ["The client missed a check-in due Mon, Mar 8, 2027, 8:00 PM PST"]


def test_a_practice_in_los_angeles_dates_its_missed_check_ins_on_its_own_clock(
    case: CaseDriver, session_factory: Callable[[], Session]
) -> None:
    set_practice_zone(case, "America/Los_Angeles")
    schedule = weekly(case, due="2027-03-08T20:00:00-08:00")
    assert schedule["time_zone"] == "America/Los_Angeles"
    # Away for three periods, across the change: one alert, dated on the Monday.
    assert run_job(session_factory, at("2027-03-24T03:01:00Z")) == 1
    with clock.frozen_at(at("2027-03-24T03:01:00Z")):
        titles = [a["title"] for a in case.alerts(kind="missed_check_in")]
    assert titles == ["The client missed 3 check-ins since Mon, Mar 8, 2027"]
    assert next_due(case) == "2027-03-30T03:00:00Z"  # Monday 20:00 PDT
    assert run_job(session_factory, at("2027-03-24T03:01:00Z")) == 0


def test_a_case_takes_a_client_time_zone_and_says_which_zone_applies(
    case: CaseDriver, practice: Practice
) -> None:
    assert case.case["time_zone"] is None
    assert case.case["effective_time_zone"] == "America/New_York"
    opened = practice.open_case(case.client, case.make, time_zone="America/Denver")
    assert (opened["time_zone"], opened["effective_time_zone"]) == (
        "America/Denver",
        "America/Denver",
    )
    moved = patch_case(case, time_zone="Europe/Dublin")
    assert (moved["time_zone"], moved["effective_time_zone"]) == ("Europe/Dublin", "Europe/Dublin")
    listed = case.client.get(f"{API}/cases", headers=case.headers()).json()["items"]
    assert {c["effective_time_zone"] for c in listed} == {"Europe/Dublin", "America/Denver"}
    back = patch_case(case, time_zone=None)
    assert (back["time_zone"], back["effective_time_zone"]) == (None, "America/New_York")


@pytest.mark.parametrize("zone", ["Pacific Time", "PST", "America/Nowhere", "", 7])
def test_a_client_zone_that_is_not_iana_is_a_422_problem(case: CaseDriver, zone: Any) -> None:
    response = case.client.patch(case.path, json={"time_zone": zone}, headers=case.headers())
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][:2] == ["body", "time_zone"]


def test_a_schedule_follows_its_case_s_zone_keeping_the_wall_clock_time(
    case: CaseDriver,
) -> None:
    weekly(case)  # Monday 18:00 in New York
    patch_case(case, time_zone="America/Chicago")
    schedule = case.schedules()[0]
    assert schedule["time_zone"] == "America/Chicago"
    assert schedule["next_due_at"] == "2027-03-09T00:00:00Z"  # Monday 18:00 CST
    # A practice move does not touch a case with its own zone...
    set_practice_zone(case, "America/Los_Angeles")
    assert case.schedules()[0]["next_due_at"] == "2027-03-09T00:00:00Z"
    # ...and once the case follows the practice again, so does its schedule.
    patch_case(case, time_zone=None)
    schedule = case.schedules()[0]
    assert (schedule["time_zone"], schedule["next_due_at"]) == (
        "America/Los_Angeles",
        "2027-03-09T02:00:00Z",
    )


def test_a_practice_zone_change_moves_the_schedules_that_follow_it(case: CaseDriver) -> None:
    weekly(case)
    set_practice_zone(case, "America/Chicago")
    schedule = case.schedules()[0]
    assert (schedule["time_zone"], schedule["next_due_at"]) == (
        "America/Chicago",
        "2027-03-09T00:00:00Z",
    )


def test_a_goal_starts_on_the_client_s_day_not_the_utc_one(case: CaseDriver) -> None:
    patch_case(case, time_zone="America/Los_Angeles")
    # 21:00 on March 1 in Los Angeles is already March 2 in UTC.
    with clock.frozen_at(at("2027-03-02T05:00:00Z")):
        goal = case.goal()
    assert goal["start_date"] == "2027-03-01"


def test_changing_the_schedule_s_due_time_re_anchors_it(case: CaseDriver) -> None:
    schedule = weekly(case)
    response = case.client.patch(
        f"{API}/check-in-schedules/{schedule['id']}",
        json={"next_due_at": "2027-03-10T09:00:00-05:00"},
        headers=case.headers(),
    )
    assert response.status_code == 200, response.text
    check_in_at(case, "2027-03-10T08:00:00-05:00")
    assert next_due(case) == "2027-03-17T13:00:00Z"  # Wednesday 09:00 EDT
