from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.core import clock
from api.core.config import Settings
from api.webhooks import delivery as delivery_module
from api.webhooks.delivery import deliver_due
from api.webhooks.models import WebhookDelivery
from api.worker.runner import run_once
from tests.factories import Factory
from tests.practice import Practice, build_practice
from tests.referrals.test_referrals import Network
from tests.webhooks.receiver import webhook_receiver


def verify(secret: str, signature: str, body: bytes) -> bool:
    parts = dict(item.split("=", 1) for item in signature.split(","))
    expected = hmac.new(
        secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


def partner_with_webhook(net: Network, client: TestClient, url: str) -> dict[str, Any]:
    admin = net.make.headers(net.practice.admin)
    credentials = client.post(
        f"/api/v1/treatment-centers/{net.center_b['id']}/api-clients",
        json={"webhook_url": url},
        headers=admin,
    ).json()
    return dict(credentials)


def test_a_sent_referral_is_announced_to_the_partner_signed_and_without_clinical_data(
    client: TestClient, make: Factory, practice: Practice, session_factory: Any, settings: Settings
) -> None:
    net = Network(client, make, practice)
    with webhook_receiver() as receiver:
        credentials = partner_with_webhook(net, client, receiver.url)
        referral = net.sent_referral(net.center_b)
        done = run_once(session_factory, settings=settings)
        assert done["deliver_webhooks"] == 1
    (hit,) = receiver.received
    assert hit.headers["Cairn-Event"] == "referral.sent"
    assert verify(credentials["webhook_secret"], hit.headers["Cairn-Signature"], hit.body)
    assert not verify("another secret", hit.headers["Cairn-Signature"], hit.body)
    payload = json.loads(hit.body)
    assert payload["type"] == "referral.sent"
    assert payload["data"] == {"referral_id": referral["id"]}
    assert "Okafor" not in hit.body.decode()
    deliveries = client.get(
        "/api/v1/webhook-deliveries", headers=make.headers(practice.admin)
    ).json()["items"]
    assert [(d["status"], d["attempts"], d["last_status_code"]) for d in deliveries] == [
        ("delivered", 1, 204)
    ]


def test_a_failed_delivery_is_retried_with_backoff_until_it_lands(
    client: TestClient,
    make: Factory,
    practice: Practice,
    session_factory: Any,
    settings: Settings,
    db: Session,
) -> None:
    net = Network(client, make, practice)
    with webhook_receiver() as receiver:
        partner_with_webhook(net, client, receiver.url)
        receiver.answers = [500, 503]
        net.sent_referral(net.center_b)
        start = clock.now()
        run_once(session_factory, settings=settings)
        first = db.scalar(select(WebhookDelivery))
        assert first is not None
        assert (first.status, first.attempts, first.last_status_code) == ("pending", 1, 500)
        assert timedelta(seconds=20) < first.next_attempt_at - start < timedelta(seconds=40)
        with clock.frozen_at(
            start + timedelta(seconds=60)
        ):  # past the first backoff and the job's 50 s gap
            run_once(session_factory, settings=settings)
        with clock.frozen_at(start + timedelta(minutes=3)):
            run_once(session_factory, settings=settings)
    db.expire_all()
    delivery = db.scalar(select(WebhookDelivery))
    assert delivery is not None
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    assert len(receiver.received) == 3
    assert len({r.headers["Cairn-Delivery"] for r in receiver.received}) == 1


class DiesOnSecondPost(httpx.HTTPTransport):
    """A worker whose process dies while it attempts its second delivery."""

    posts = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.posts += 1
        if self.posts == 2:
            raise SystemExit("the worker died")
        return super().handle_request(request)


def test_each_delivery_is_recorded_as_soon_as_it_is_known(
    client: TestClient,
    make: Factory,
    practice: Practice,
    session_factory: Any,
    settings: Settings,
    db: Session,
) -> None:
    net = Network(client, make, practice)
    with webhook_receiver() as receiver:
        partner_with_webhook(net, client, receiver.url)
        net.sent_referral(net.center_b)
        net.sent_referral(net.center_b)
        with session_factory() as session, pytest.raises(SystemExit):
            deliver_due(
                session, clock.now(), settings, http=httpx.Client(transport=DiesOnSecondPost())
            )
    db.expire_all()
    outcomes = sorted((d.status, d.attempts) for d in db.scalars(select(WebhookDelivery)).all())
    # The first delivery's 204 was kept; only the one in flight is tried again.
    assert outcomes == [("delivered", 1), ("pending", 0)]
    assert len(receiver.received) == 1


def test_a_round_stops_claiming_once_its_time_budget_is_spent(
    client: TestClient,
    make: Factory,
    practice: Practice,
    session_factory: Any,
    settings: Settings,
    db: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ticks = iter(range(0, 10_000, 100))  # every look at the clock: 100 s later
    monkeypatch.setattr(delivery_module, "_seconds", lambda: float(next(ticks)))
    net = Network(client, make, practice)
    with webhook_receiver() as receiver:
        partner_with_webhook(net, client, receiver.url)
        for _ in range(3):
            net.sent_referral(net.center_b)
        with session_factory() as session:
            assert deliver_due(session, clock.now(), settings) == 1
    assert len(receiver.received) == 1
    db.expire_all()
    assert sorted(d.attempts for d in db.scalars(select(WebhookDelivery))) == [0, 0, 1]


@contextmanager
def stalling_receiver() -> Iterator[str]:
    """Answers 200 at once, then promises a long body and never sends it."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        connection, _ = server.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n")
            stop.wait(30)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/hooks"
    finally:
        stop.set()
        server.close()


def test_only_the_status_counts_a_receiver_cannot_hold_the_worker_with_its_body(
    client: TestClient,
    make: Factory,
    practice: Practice,
    session_factory: Any,
    settings: Settings,
    db: Session,
) -> None:
    net = Network(client, make, practice)
    with stalling_receiver() as url:
        partner_with_webhook(net, client, url)
        net.sent_referral(net.center_b)
        run_once(session_factory, settings=settings)
    delivery = db.scalar(select(WebhookDelivery))
    assert delivery is not None
    assert (delivery.status, delivery.last_status_code, delivery.last_error) == (
        "delivered",
        200,
        None,
    )


def test_delivery_is_given_up_after_a_day(
    client: TestClient,
    make: Factory,
    practice: Practice,
    session_factory: Any,
    settings: Settings,
    db: Session,
) -> None:
    net = Network(client, make, practice)
    with webhook_receiver() as receiver:
        partner_with_webhook(net, client, receiver.url)
        receiver.answers = [500] * 10
        net.sent_referral(net.center_b)
        with clock.frozen_at(clock.now() + timedelta(hours=25)):
            run_once(session_factory, settings=settings)
    delivery = db.scalar(select(WebhookDelivery))
    assert delivery is not None
    assert delivery.status == "failed"


def test_the_organisation_endpoint_hears_alerts_and_referral_changes(
    client: TestClient, make: Factory, practice: Practice, session_factory: Any, settings: Settings
) -> None:
    admin = make.headers(practice.admin)
    with webhook_receiver() as receiver:
        endpoint = client.put("/api/v1/webhook-endpoint", json={"url": receiver.url}, headers=admin)
        assert endpoint.status_code == 200
        secret = endpoint.json()["secret"]
        assert (
            client.put(
                "/api/v1/webhook-endpoint",
                json={"url": receiver.url},
                headers=make.headers(practice.lead),
            ).status_code
            == 403
        )
        net = Network(client, make, practice)
        referral = net.sent_referral(net.center_b)
        client.post(
            f"/api/v1/referrals/{referral['id']}/status",
            json={"status": "declined", "decline_reason": "Full"},
            headers=net.lead,
        )
        run_once(session_factory, settings=settings)
    events = sorted(json.loads(r.body)["type"] for r in receiver.received)
    assert events == ["alert.created", "referral.status_changed", "referral.status_changed"]
    assert all(verify(secret, r.headers["Cairn-Signature"], r.body) for r in receiver.received)


@pytest.mark.postgres_only
def test_two_workers_never_deliver_the_same_event_twice(committed_app: FastAPI) -> None:
    factory = committed_app.state.session_factory
    settings: Settings = committed_app.state.settings
    with webhook_receiver() as receiver:
        with factory() as session:
            make = Factory(session, settings)
            with TestClient(committed_app) as http:
                practice = build_practice(make)
                net = Network(http, make, practice)
                partner_with_webhook(net, http, receiver.url)
                for _ in range(6):
                    net.sent_referral(net.center_b)
        with factory() as session:
            assert session.scalar(select(func.count()).select_from(WebhookDelivery)) == 6
        barrier = threading.Barrier(2)

        def work() -> None:
            barrier.wait()
            with factory() as session:
                deliver_due(session, clock.now(), settings)
                session.commit()

        threads = [threading.Thread(target=work) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    ids = [r.headers["Cairn-Delivery"] for r in receiver.received]
    assert len(ids) == 6
    assert len(set(ids)) == 6
