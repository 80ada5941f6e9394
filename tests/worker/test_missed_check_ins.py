from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.alerts.models import Alert
from api.checkins.schedules import raise_missed_check_ins
from api.core import clock
from api.users.models import Role
from api.worker.runner import run_once
from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DUE = T0 + timedelta(days=7)  # 05:00 in New York (EDT), a week after 04:00 (EST) on T0
GRACE = timedelta(hours=24)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


def run_job(session_factory: Callable[[], Session], now: datetime) -> int:
    """One run of the job, in its own transaction, as the worker runs it."""
    with session_factory() as session:
        raised = raise_missed_check_ins(session, now)
        session.commit()
    return raised


def missed_alerts(case: CaseDriver, at: datetime) -> list[dict[str, Any]]:
    with clock.frozen_at(at):
        return case.alerts(kind="missed_check_in")


def weekly_schedule(case: CaseDriver, **fields: Any) -> dict[str, Any]:
    with clock.frozen_at(T0):
        return case.schedule(cadence_days=7, grace_hours=24, next_due_at=DUE.isoformat(), **fields)


def next_due(case: CaseDriver, at: datetime) -> str:
    with clock.frozen_at(at):
        return str(case.schedules()[0]["next_due_at"])


def test_nothing_is_missed_before_the_grace_period_ends(
    case: CaseDriver, session_factory: Callable[[], Session]
) -> None:
    weekly_schedule(case)
    assert run_job(session_factory, DUE + GRACE - MINUTE) == 0
    assert missed_alerts(case, DUE + GRACE) == []


def test_a_missed_check_in_raises_one_alert_and_moves_the_schedule_on(
    case: CaseDriver, session_factory: Callable[[], Session]
) -> None:
    weekly_schedule(case)
    late = DUE + GRACE + MINUTE
    assert run_job(session_factory, late) == 1
    alerts = missed_alerts(case, late)
    assert len(alerts) == 1
    assert alerts[0]["severity"] == "moderate"
    assert alerts[0]["status"] == "open"
    assert alerts[0]["title"] == "The client missed a check-in due Mon, Mar 9, 2026, 5:00 AM EDT"
    assert next_due(case, late).startswith("2026-03-16T09:00:00")

    assert run_job(session_factory, late) == 0  # the same run again
    assert run_job(session_factory, late + timedelta(hours=6)) == 0  # still within the new week
    assert len(missed_alerts(case, late)) == 1
    assert next_due(case, late).startswith("2026-03-16T09:00:00")


def test_the_next_missed_period_raises_the_next_alert(
    case: CaseDriver, session_factory: Callable[[], Session]
) -> None:
    weekly_schedule(case)
    assert run_job(session_factory, DUE + GRACE + MINUTE) == 1
    week_later = DUE + timedelta(days=7) + GRACE + MINUTE
    assert run_job(session_factory, week_later) == 1
    titles = [a["title"] for a in missed_alerts(case, week_later)]
    assert titles == [
        "The client missed a check-in due Mon, Mar 16, 2026, 5:00 AM EDT",
        "The client missed a check-in due Mon, Mar 9, 2026, 5:00 AM EDT",
    ]


def test_several_missed_periods_give_one_alert_naming_how_many(
    case: CaseDriver, session_factory: Callable[[], Session]
) -> None:
    weekly_schedule(case)
    # The worker was away: dues on the 9th, 16th and 23rd have all passed their grace.
    away = DUE + timedelta(days=14) + GRACE + MINUTE
    assert run_job(session_factory, away) == 1
    alerts = missed_alerts(case, away)
    assert [a["title"] for a in alerts] == ["The client missed 3 check-ins since Mon, Mar 9, 2026"]
    assert next_due(case, away).startswith("2026-03-30T09:00:00")
    assert run_job(session_factory, away) == 0


def test_a_participant_s_missed_check_in_says_so(
    case: CaseDriver, session_factory: Callable[[], Session]
) -> None:
    grace = case.participant("Grace Okafor")
    weekly_schedule(case, respondent=grace["id"])
    late = DUE + GRACE + MINUTE
    assert run_job(session_factory, late) == 1
    assert [a["title"] for a in missed_alerts(case, late)] == [
        "A participant missed a check-in due Mon, Mar 9, 2026, 5:00 AM EDT"
    ]


def test_a_paused_schedule_raises_nothing(
    case: CaseDriver, session_factory: Callable[[], Session]
) -> None:
    weekly_schedule(case, active=False)
    elsewhere = CaseDriver(case.client, case.make, case.practice)
    running = weekly_schedule(elsewhere)
    with clock.frozen_at(T0 + timedelta(days=1)):
        paused = elsewhere.client.patch(
            f"{API}/check-in-schedules/{running['id']}",
            json={"active": False},
            headers=elsewhere.headers(),
        )
    assert paused.status_code == 200
    far = DUE + timedelta(days=60)
    assert run_job(session_factory, far) == 0
    assert missed_alerts(case, far) == []
    assert missed_alerts(elsewhere, far) == []


def test_a_check_in_before_the_grace_ends_prevents_the_alert(
    case: CaseDriver, session_factory: Callable[[], Session]
) -> None:
    weekly_schedule(case)
    with clock.frozen_at(DUE + timedelta(hours=12)):  # late, but within the grace
        case.check_in()
    assert run_job(session_factory, DUE + GRACE + MINUTE) == 0
    assert missed_alerts(case, DUE + GRACE + MINUTE) == []
    # The next one is due a week after that check-in, and missing it is noticed.
    next_late = DUE + timedelta(days=7, hours=12) + GRACE + MINUTE
    assert run_job(session_factory, next_late) == 1


def test_a_longer_grace_set_later_delays_the_alert(
    case: CaseDriver, session_factory: Callable[[], Session]
) -> None:
    schedule = weekly_schedule(case)
    with clock.frozen_at(T0):
        changed = case.client.patch(
            f"{API}/check-in-schedules/{schedule['id']}",
            json={"grace_hours": 72},
            headers=case.headers(),
        )
    assert changed.status_code == 200
    assert run_job(session_factory, DUE + GRACE + MINUTE) == 0
    assert run_job(session_factory, DUE + timedelta(hours=72) + MINUTE) == 1


def test_the_worker_runs_the_job_and_the_lead_sees_the_alert(
    case: CaseDriver, session_factory: Callable[[], Session], db: Session
) -> None:
    # From the present on, so that no job lease left by another test is still held then.
    start = clock.now()
    with clock.frozen_at(start):
        case.schedule(cadence_days=7, grace_hours=24)
    late = start + timedelta(days=7) + GRACE + MINUTE
    with clock.frozen_at(late):
        done = run_once(session_factory)
        summary = case.client.get(f"{API}/alerts/summary", headers=case.headers()).json()
    assert done["raise_missed_check_ins"] == 1
    assert summary == {"open": 1, "open_critical": 0}
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Alert)) == 1


@pytest.mark.postgres_only
def test_workers_running_at_once_on_postgres_never_raise_the_same_alert_twice(
    committed_app: FastAPI,
) -> None:
    factory = committed_app.state.session_factory
    with factory() as session:
        make = Factory(session, committed_app.state.settings)
        org = make.organization()
        lead = make.user(org, Role.interventionist)
        practice = Practice(org, lead, lead, lead, lead, lead)
        with TestClient(committed_app) as http, clock.frozen_at(T0):
            for _ in range(12):
                weekly_schedule(CaseDriver(http, make, practice))
    away = DUE + timedelta(days=7) + GRACE + MINUTE  # two periods missed on every schedule
    raised: list[int] = []
    barrier = threading.Barrier(4)

    def work() -> None:
        barrier.wait()
        for _ in range(3):
            with factory() as session:
                raised.append(raise_missed_check_ins(session, away))
                session.commit()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with factory() as session:
        alerts = session.scalars(select(Alert)).all()
    assert sum(raised) == 12
    assert len(alerts) == 12
    assert len({a.case_id for a in alerts}) == 12
    assert all(a.title == "The client missed 2 check-ins since Mon, Mar 9, 2026" for a in alerts)


def test_a_closed_case_raises_no_missed_check_ins(
    client: TestClient, make: Factory, practice: Practice, session_factory: Any
) -> None:
    case = practice.open_case(client, make)
    headers = make.headers(practice.lead)
    client.post(
        f"/api/v1/cases/{case['id']}/check-in-schedules",
        json={"respondent": "client", "cadence_days": 7},
        headers=headers,
    )
    client.post(
        f"/api/v1/cases/{case['id']}/status",
        json={"status": "closed", "outcome": "lost_contact"},
        headers=headers,
    )
    with clock.frozen_at(clock.now() + timedelta(days=30)):
        assert run_once(session_factory)["raise_missed_check_ins"] == 0  # type: ignore[arg-type]
