"""Template task dates follow the scheduled intervention; finished phases close in one step
(issue 14, item 3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from api.core import clock
from api.tasks.anchors import anchored_due
from tests.factories import Factory
from tests.plans.test_plans import PlanDriver
from tests.practice import Practice

CREATED = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
LETTERS = "Send a first draft of each impact letter"
FIRST_REHEARSAL = "Hold the first rehearsal"
FINAL_REHEARSAL = "Hold the final rehearsal"
MEETING = "Hold the intervention meeting"
ESCORT = "Escort the client"
FAMILY_SESSIONS = "Attend the program's family sessions"
FOLLOW_UP = "Hold the 90-day follow-up review"


def due_dates(client: TestClient, plan: PlanDriver) -> dict[str, datetime | None]:
    items = client.get(
        f"/api/v1/cases/{plan.case['id']}/tasks", params={"limit": 200}, headers=plan.headers()
    ).json()["items"]
    dates: dict[str, datetime | None] = {}
    for task in items:
        for prefix in (LETTERS, FIRST_REHEARSAL, FINAL_REHEARSAL, MEETING, ESCORT, FOLLOW_UP):
            if task["title"].startswith(prefix):
                dates[prefix] = datetime.fromisoformat(task["due_at"]) if task["due_at"] else None
        if task["title"].startswith(FAMILY_SESSIONS):
            dates[FAMILY_SESSIONS] = datetime.fromisoformat(task["due_at"])
    return dates


def johnson_plan(client: TestClient, make: Factory, practice: Practice) -> PlanDriver:
    with clock.frozen_at(CREATED):
        plan = PlanDriver(client, make, practice, practice.open_case(client, make))
        assert plan.create(template="johnson").status_code == 201
    return plan


def test_tasks_fall_in_order_around_a_soon_intervention(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    plan = johnson_plan(client, make, practice)
    day = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    with clock.frozen_at(CREATED + timedelta(hours=1)):
        assert plan.patch({"scheduled_at": day.isoformat()}).status_code == 200
    due = due_dates(client, plan)
    # Three days is less than the template's two weeks: preparation is compressed, in order.
    assert due[LETTERS] > CREATED  # type: ignore[operator]
    assert due[LETTERS] < due[FIRST_REHEARSAL] < due[FINAL_REHEARSAL] < day  # type: ignore[operator]
    assert due[MEETING] == day
    assert due[ESCORT] == day
    assert due[FAMILY_SESSIONS] == day + timedelta(days=14)
    assert due[FOLLOW_UP] == day + timedelta(days=106)


def test_tasks_move_with_the_date_except_those_changed_by_hand(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    plan = johnson_plan(client, make, practice)
    with clock.frozen_at(CREATED):
        plan.patch({"scheduled_at": "2026-12-02T08:00:00Z"})
    tasks = client.get(
        f"/api/v1/cases/{plan.case['id']}/tasks", params={"limit": 200}, headers=plan.headers()
    ).json()["items"]
    [letters] = [t for t in tasks if t["title"].startswith(LETTERS)]
    by_hand = "2026-12-01T15:00:00Z"
    edited = client.patch(
        f"/api/v1/tasks/{letters['id']}", json={"due_at": by_hand}, headers=plan.headers()
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["due_set_by_hand"] is True

    later = datetime(2026, 12, 20, 8, 0, tzinfo=UTC)
    with clock.frozen_at(CREATED + timedelta(days=1)):
        assert plan.patch({"scheduled_at": later.isoformat()}).status_code == 200
    due = due_dates(client, plan)
    assert due[LETTERS] == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # left where it was put
    # Enough time now: each task keeps the template's distance from the day.
    assert due[FIRST_REHEARSAL] == later - timedelta(days=4)
    assert due[FINAL_REHEARSAL] == later - timedelta(days=1)
    assert due[MEETING] == later
    assert due[FOLLOW_UP] == later + timedelta(days=106)


def test_done_tasks_and_tasks_without_a_day_stay_put() -> None:
    assert anchored_due(None, 14, planned_from=CREATED, scheduled_at=CREATED) is None
    assert anchored_due(3, None, planned_from=CREATED, scheduled_at=None) == CREATED + timedelta(
        days=3
    )
    # An intervention set before the plan was made: preparation falls on the day itself.
    past = CREATED - timedelta(days=1)
    assert anchored_due(7, 14, planned_from=CREATED, scheduled_at=past) == past


def test_a_finished_phase_is_offered_and_closed_in_one_step(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    plan = johnson_plan(client, make, practice)
    phases_path = f"/api/v1/cases/{plan.case['id']}/task-phases"
    close_path = f"/api/v1/cases/{plan.case['id']}/tasks/close-phase"
    with clock.frozen_at(CREATED):
        plan.patch({"scheduled_at": "2026-12-02T08:00:00Z"})
        plan.act("submit")
        plan.act("approve", by=practice.supervisor)
        summary = client.get(phases_path, headers=plan.headers()).json()["items"]
        assert [p["over"] for p in summary] == [False] * 5
        early = client.post(close_path, json={"phase": "preparation"}, headers=plan.headers())
        assert early.status_code == 409
    with clock.frozen_at(datetime(2026, 12, 2, 12, 0, tzinfo=UTC)):
        delivered = plan.act("deliver", held_at="2026-12-02T08:30:00Z", result="accepted")
        assert delivered.status_code == 200, delivered.text
        summary = client.get(phases_path, headers=plan.headers()).json()["items"]
        preparation = summary[0]
        assert preparation["phase"] == "preparation"
        assert preparation["over"] is True
        assert preparation["open_count"] >= 7
        assert (
            client.post(close_path, json={"phase": "sideways"}, headers=plan.headers()).status_code
            == 422
        )
        assert (
            client.post(
                close_path, json={"phase": "intervention"}, headers=plan.headers()
            ).status_code
            == 409
        )
        stranger = client.post(
            close_path, json={"phase": "preparation"}, headers=make.headers(practice.outsider)
        )
        assert stranger.status_code == 404
        closed = client.post(close_path, json={"phase": "preparation"}, headers=plan.headers())
        assert closed.status_code == 200, closed.text
        assert closed.json()["closed"] == preparation["open_count"]
        assert {t["status"] for t in closed.json()["items"]} == {"done"}
        summary = client.get(phases_path, headers=plan.headers()).json()["items"]
        assert summary[0]["open_count"] == 0
        assert summary[1]["open_count"] > 0  # the day's own tasks are untouched


def test_closing_a_phase_can_cancel_instead(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    plan = johnson_plan(client, make, practice)
    moved = client.post(
        f"/api/v1/cases/{plan.case['id']}/status",
        json={"status": "in_treatment", "reason": "Admitted before the meeting."},
        headers=plan.headers(),
    )
    assert moved.status_code == 200
    closed: Any = client.post(
        f"/api/v1/cases/{plan.case['id']}/tasks/close-phase",
        json={"phase": "intervention", "status": "cancelled"},
        headers=plan.headers(),
    ).json()
    assert closed["closed"] == 2
    assert {t["status"] for t in closed["items"]} == {"cancelled"}
    assert {t["completed_at"] for t in closed["items"]} == {None}
