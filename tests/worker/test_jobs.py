from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.auth.models import LoginThrottle
from api.core import clock
from api.core.idempotency import IdempotencyRecord
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
