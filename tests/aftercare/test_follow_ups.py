from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.aftercare.follow_ups import raise_overdue_follow_ups
from api.alerts.models import Alert
from api.core import clock
from api.users.models import Role
from api.worker.runner import run_once
from tests.aftercare.driver import API, AftercareDriver
from tests.factories import Factory
from tests.practice import Practice

# Monday 2026-03-02, 9:00 in New York (14:00 UTC).
T0 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> AftercareDriver:
    client.patch(
        f"{API}/organization",
        json={"time_zone": "America/New_York"},
        headers=make.headers(practice.admin),
    )
    driver = AftercareDriver(client, make, practice)
    with clock.frozen_at(T0):
        driver.into_aftercare()
    return driver


def test_follow_ups_fall_due_at_the_end_of_the_local_day(case: AftercareDriver) -> None:
    with clock.frozen_at(T0):
        due = [f["due_at"] for f in case.plan()["follow_ups"]]
    # 7 days after Mon Mar 2 is Mon Mar 9, after the switch to daylight time (UTC-4).
    assert due[0] == "2026-03-10T03:59:59.999999Z"
    assert due[1] == "2026-04-02T03:59:59.999999Z"
    assert len(due) == 5


def test_each_follow_up_is_a_task_in_the_leads_queue(
    case: AftercareDriver, practice: Practice
) -> None:
    queue = case.client.get(
        f"{API}/tasks", params={"assigned_to": "me"}, headers=case.headers()
    ).json()["items"]
    follow_up_tasks = [t for t in queue if t["phase"] == "follow_up"]
    assert len(follow_up_tasks) == 5
    assert follow_up_tasks[0]["title"].startswith("Aftercare 7-day follow-up call")


def test_marking_done_needs_and_keeps_an_outcome_note(case: AftercareDriver) -> None:
    plan = case.plan()
    first = plan["follow_ups"][0]
    path = f"{API}/follow-ups/{first['id']}"
    missing = case.client.patch(path, json={"status": "done"}, headers=case.headers())
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["loc"] == ["body", "outcome_note"]
    done = case.client.patch(
        path,
        json={"status": "done", "outcome_note": "Sober, 3 meetings a week."},
        headers=case.headers(**{"If-Match": case.etag}),
    )
    assert done.status_code == 200, done.text
    assert done.json()["outcome_note"] == "Sober, 3 meetings a week."
    assert done.json()["completed_by"]["full_name"] == "Jordan Ellis"
    # The plan's version moved: an editor holding the old ETag cannot write it back.
    assert case.put({"notes": "x"}).status_code == 412
    task = case.client.get(f"{case.path}/tasks", headers=case.headers()).json()["items"]
    assert next(t for t in task if t["id"] == first["task_id"])["status"] == "done"


def test_a_follow_up_of_another_organisation_is_404(
    case: AftercareDriver, practice: Practice
) -> None:
    first = case.plan()["follow_ups"][0]
    response = case.client.patch(
        f"{API}/follow-ups/{first['id']}",
        json={"status": "done", "outcome_note": "x"},
        headers=case.headers(practice.outsider),
    )
    assert response.status_code == 404


def test_follow_ups_can_be_replaced_with_the_plan(case: AftercareDriver) -> None:
    plan = case.plan()
    kept = plan["follow_ups"][0]
    saved = case.saved(
        {
            "follow_ups": [
                {"id": kept["id"], "due_at": kept["due_at"], "kind": "visit"},
                {"due_at": "2026-06-01T16:00:00Z", "kind": "check_in"},
            ]
        }
    )
    assert [f["kind"] for f in saved["follow_ups"]] == ["visit", "check_in"]
    bad = case.put({"follow_ups": [{"id": plan["follow_ups"][1]["id"], "due_at": kept["due_at"]}]})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["body", "follow_ups", 0, "id"]


def test_the_job_alerts_once_for_a_follow_up_past_due(
    case: AftercareDriver, session_factory: object, db: Session
) -> None:
    late = T0 + timedelta(days=9)
    with clock.frozen_at(late):
        first = run_once(session_factory, owner="worker-a")  # type: ignore[arg-type]
        second = run_once(session_factory, owner="worker-b")  # type: ignore[arg-type]
    assert first["raise_overdue_follow_ups"] == 1
    assert "raise_overdue_follow_ups" not in second  # the lease: once across workers
    with clock.frozen_at(late + timedelta(minutes=5)):
        again = run_once(session_factory, owner="worker-b")  # type: ignore[arg-type]
    assert again["raise_overdue_follow_ups"] == 0  # and never twice for one follow-up
    alerts = case.alerts()
    assert [a["kind"] for a in alerts] == ["follow_up_overdue"]
    assert "Mon, Mar 9, 2026" in alerts[0]["title"]
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Alert)) == 1


@pytest.mark.postgres_only
def test_workers_at_once_on_postgres_raise_each_follow_up_alert_once(
    committed_app: FastAPI,
) -> None:
    factory = committed_app.state.session_factory
    with factory() as session:
        make = Factory(session, committed_app.state.settings)
        org = make.organization()
        lead = make.user(org, Role.admin)
        practice = Practice(org, lead, lead, lead, lead, lead)
        with TestClient(committed_app) as http, clock.frozen_at(T0):
            for _ in range(6):
                AftercareDriver(http, make, practice).into_aftercare()
    raised: list[int] = []
    barrier = threading.Barrier(3)

    def work() -> None:
        barrier.wait()
        for _ in range(2):
            with factory() as session:
                raised.append(raise_overdue_follow_ups(session, T0 + timedelta(days=40)))
                session.commit()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with factory() as session:
        alerts = session.scalars(select(Alert)).all()
    assert sum(raised) == 12  # the 7- and 30-day follow-ups of six cases
    assert len(alerts) == 12


def test_a_follow_up_task_done_in_the_work_queue_finishes_the_follow_up(
    case: AftercareDriver,
) -> None:
    plan = case.plan()
    first = plan["follow_ups"][0]
    done = case.client.patch(
        f"{API}/tasks/{first['task_id']}", json={"status": "done"}, headers=case.headers()
    )
    assert done.status_code == 200, done.text
    after = case.plan()
    assert after["version"] == plan["version"] + 1
    follow_up = after["follow_ups"][0]
    assert follow_up["status"] == "done"
    assert follow_up["outcome_note"] == "Marked done in the work queue."


def test_closing_the_case_cancels_its_open_follow_ups_and_their_tasks(
    case: AftercareDriver,
) -> None:
    first = case.plan()["follow_ups"][0]
    done = case.client.patch(
        f"{API}/follow-ups/{first['id']}",
        json={"status": "done", "outcome_note": "Doing well."},
        headers=case.headers(),
    )
    assert done.status_code == 200, done.text
    closed = case.client.post(
        f"{case.path}/status",
        json={"status": "closed", "outcome": "completed_treatment", "reason": "A year sober."},
        headers=case.headers(),
    )
    assert closed.status_code == 200, closed.text

    follow_ups = case.plan()["follow_ups"]
    assert [f["status"] for f in follow_ups] == ["done"] + ["cancelled"] * 4
    assert follow_ups[0]["outcome_note"] == "Doing well."
    assert follow_ups[1]["outcome_note"] == "Cancelled: the case was closed."
    assert not any(f["overdue"] for f in follow_ups)
    queue = case.client.get(
        f"{API}/tasks", params={"assigned_to": "me", "status": "open"}, headers=case.headers()
    ).json()["items"]
    assert not [t for t in queue if t["phase"] == "follow_up"]
