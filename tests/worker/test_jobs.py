from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Any

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from api.auth.models import LoginThrottle
from api.core import clock
from api.core.config import Settings
from api.core.idempotency import IdempotencyRecord
from api.worker import runner
from api.worker.jobs import JOBS
from api.worker.runner import run_once
from tests.factories import Factory, case_body


def test_housekeeping_forgets_expired_keys_and_stale_throttles(
    client: TestClient, make: Factory, db: Session, session_factory: object
) -> None:
    user = make.user(make.organization())
    client.post(
        "/api/v1/cases", json=case_body(), headers=make.headers(user, **{"Idempotency-Key": "a"})
    )
    client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "x@y.org", "password": "nope"},
    )

    assert run_once(session_factory) == {  # type: ignore[arg-type]
        "deliver_webhooks": 0,
        "raise_missed_check_ins": 0,
        "raise_overdue_follow_ups": 0,
        "warn_expiring_consents": 0,
        "touch_referrals_of_expired_consents": 0,
        "purge_expired_idempotency_keys": 0,
        "purge_stale_login_throttles": 0,
        "purge_old_sync_removals": 0,
    }
    with clock.frozen_at(clock.now() + timedelta(days=2)):
        done = run_once(session_factory)  # type: ignore[arg-type]
    assert done["purge_expired_idempotency_keys"] == 1
    assert done["purge_stale_login_throttles"] == 2  # the address counter and the account lock
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(IdempotencyRecord)) == 0
    assert db.scalar(select(func.count()).select_from(LoginThrottle)) == 0


def test_a_job_runs_once_per_interval_whatever_the_number_of_workers(
    session_factory: object,
) -> None:
    now = clock.now()
    with clock.frozen_at(now):
        first = run_once(session_factory, owner="worker-a")  # type: ignore[arg-type]
        second = run_once(session_factory, owner="worker-b")  # type: ignore[arg-type]
    assert set(first) == set(JOBS)
    assert second == {}
    with clock.frozen_at(now + timedelta(minutes=1)):
        assert set(run_once(session_factory, owner="worker-b")) == set(JOBS)  # type: ignore[arg-type]


@pytest.mark.postgres_only
def test_two_workers_on_postgres_never_run_a_job_twice(committed_app: FastAPI) -> None:
    factory = committed_app.state.session_factory
    results: list[dict[str, int]] = []
    barrier = threading.Barrier(4)

    def work(owner: str) -> None:
        barrier.wait()
        results.append(run_once(factory, owner=owner))

    with clock.frozen_at(clock.now()):
        threads = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    runs = [job for result in results for job in result]
    assert sorted(runs) == sorted(JOBS)


def test_the_worker_outlives_a_database_outage(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    stop = threading.Event()
    rounds: list[str] = []
    failures = [
        OperationalError("SELECT 1", {}, psycopg.OperationalError("connection refused")),
        RuntimeError("a defect in a job's bookkeeping"),
    ]

    def one_round(*_args: Any) -> dict[str, int]:
        rounds.append("round")
        if failures:
            raise failures.pop(0)
        stop.set()
        return {}

    monkeypatch.setattr(runner, "run_once", one_round)
    monkeypatch.setattr(runner, "INTERVAL_SECONDS", 0.0)
    worker_log = logging.getLogger("cairn.worker")
    worker_log.addHandler(caplog.handler)
    try:
        runner.run_forever(lambda: None, stop, settings)  # type: ignore[arg-type, return-value]
    finally:
        worker_log.removeHandler(caplog.handler)
    assert len(rounds) == 3
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        "worker round skipped",
        "worker round failed",
    ]
