from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.cases.models import Case
from api.core import clock
from api.core.idempotency import IdempotencyRecord
from api.users.models import Role
from tests.factories import Factory, case_body


def cases_in(db: Session) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(Case)) or 0)


def test_a_retried_create_returns_the_first_response_and_creates_nothing_more(
    client: TestClient, make: Factory, db: Session
) -> None:
    user = make.user(make.organization())
    headers = make.headers(user, **{"Idempotency-Key": "check-in-42"})
    first = client.post("/api/v1/cases", json=case_body(), headers=headers)
    again = client.post("/api/v1/cases", json=case_body(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["location"] == first.headers["location"]
    assert "idempotent-replayed" not in first.headers
    assert cases_in(db) == 1


def test_the_same_key_with_another_body_is_422(
    client: TestClient, make: Factory, db: Session
) -> None:
    user = make.user(make.organization())
    headers = make.headers(user, **{"Idempotency-Key": "k1"})
    client.post("/api/v1/cases", json=case_body(), headers=headers)
    other = client.post("/api/v1/cases", json=case_body(summary="different"), headers=headers)
    assert other.status_code == 422
    assert other.json()["type"] == "/api/v1/problems/idempotency-key-reused"
    assert cases_in(db) == 1


def test_keys_belong_to_their_principal(client: TestClient, make: Factory, db: Session) -> None:
    org = make.organization()
    a, b = make.user(org), make.user(org)
    client.post(
        "/api/v1/cases", json=case_body(), headers=make.headers(a, **{"Idempotency-Key": "same"})
    )
    theirs = client.post(
        "/api/v1/cases", json=case_body(), headers=make.headers(b, **{"Idempotency-Key": "same"})
    )
    assert theirs.status_code == 201
    assert "idempotent-replayed" not in theirs.headers
    assert cases_in(db) == 2


def test_a_request_still_in_flight_answers_409(
    client: TestClient, make: Factory, db: Session
) -> None:
    user = make.user(make.organization())
    headers = make.headers(user, **{"Idempotency-Key": "slow"})
    client.post("/api/v1/cases", json=case_body(), headers=headers)
    record = db.scalar(select(IdempotencyRecord))
    assert record is not None
    record.completed, record.response_status, record.response_body = False, None, None
    record.locked_at = clock.now()
    db.commit()
    response = client.post("/api/v1/cases", json=case_body(), headers=headers)
    assert response.status_code == 409
    assert response.json()["type"] == "/api/v1/problems/idempotency-in-flight"


def test_a_failed_request_releases_its_key(client: TestClient, make: Factory, db: Session) -> None:
    user = make.user(make.organization())
    headers = make.headers(user, **{"Idempotency-Key": "retry-me"})
    broken = client.post(
        "/api/v1/cases", json={**case_body(), "risk_flags": ["nope"]}, headers=headers
    )
    assert broken.status_code == 422
    assert db.scalar(select(IdempotencyRecord)) is None


def test_keys_expire_after_24_hours(client: TestClient, make: Factory, db: Session) -> None:
    user = make.user(make.organization())
    client.post(
        "/api/v1/cases", json=case_body(), headers=make.headers(user, **{"Idempotency-Key": "old"})
    )
    with clock.frozen_at(clock.now() + timedelta(hours=25)):
        later = client.post(
            "/api/v1/cases",
            json=case_body(),
            headers=make.headers(user, **{"Idempotency-Key": "old"}),
        )
    assert later.status_code == 201
    assert "idempotent-replayed" not in later.headers
    assert cases_in(db) == 2


def test_an_overlong_key_is_a_clear_400(client: TestClient, make: Factory) -> None:
    user = make.user(make.organization())
    response = client.post(
        "/api/v1/cases",
        json=case_body(),
        headers=make.headers(user, **{"Idempotency-Key": "k" * 300}),
    )
    assert response.status_code == 400


@pytest.mark.postgres_only
def test_concurrent_requests_with_one_key_create_one_case(
    committed_app: FastAPI, settings: object
) -> None:
    factory = committed_app.state.session_factory
    with factory() as session:
        make = Factory(session, committed_app.state.settings)
        user = make.user(make.organization(), Role.interventionist)
        headers = make.headers(user, **{"Idempotency-Key": "phone-retry"})
    statuses: list[int] = []
    barrier = threading.Barrier(6)

    def send() -> None:
        with TestClient(committed_app) as http:
            barrier.wait()
            statuses.append(
                http.post("/api/v1/cases", json=case_body(), headers=headers).status_code
            )

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1
        assert session.scalar(select(func.count()).select_from(IdempotencyRecord)) == 1
    assert set(statuses) <= {201, 409}
    assert statuses.count(201) >= 1
