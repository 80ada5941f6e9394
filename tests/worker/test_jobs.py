from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.auth.models import LoginThrottle
from api.core import clock
from api.core.idempotency import IdempotencyRecord
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
        "warn_expiring_consents": 0,
        "touch_referrals_of_expired_consents": 0,
        "purge_expired_idempotency_keys": 0,
        "purge_stale_login_throttles": 0,
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
