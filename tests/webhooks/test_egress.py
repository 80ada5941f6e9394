"""Webhooks may not be aimed at private addresses in production (api/webhooks/egress.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from api.core.config import Settings
from api.main import create_app
from api.webhooks import egress
from api.webhooks.models import WebhookDelivery
from api.worker.runner import run_once
from tests.factories import Factory
from tests.practice import Practice
from tests.referrals.test_referrals import Network
from tests.webhooks.receiver import webhook_receiver


@pytest.fixture
def guarded(settings: Settings) -> Settings:
    """The suite's settings with production's rule: no private addresses."""
    return settings.model_copy(update={"webhook_private_addresses": False})


@pytest.fixture
def guarded_client(guarded: Settings, engine: Engine, session_factory: Any) -> Iterator[TestClient]:
    app = create_app(guarded, engine=engine)
    app.state.session_factory = session_factory
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.10", False),
        ("127.0.0.1", False),
        ("169.254.169.254", False),  # cloud instance metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),  # noqa: S104  (an address under test, not a bind)
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:10.0.0.1", False),
        ("::ffff:8.8.8.8", True),
    ],
)
def test_only_globally_routable_unicast_addresses_are_public(address: str, public: bool) -> None:
    assert egress.is_public(address) is public


def test_the_rule_follows_the_environment_unless_set(settings: Settings) -> None:
    assert settings.webhooks_may_reach_private_addresses  # the test environment
    production = Settings(env="production", secret_key="p" * 40)
    assert not production.webhooks_may_reach_private_addresses
    opened = Settings(env="production", secret_key="p" * 40, webhook_private_addresses=True)
    assert opened.webhooks_may_reach_private_addresses


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost:8080/hook",
        "http://api.localhost/hook",
        "http://[::1]:9000/hook",
    ],
)
def test_a_private_webhook_url_is_refused_at_the_field_and_nothing_changes(
    guarded_client: TestClient, make: Factory, practice: Practice, url: str
) -> None:
    admin = make.headers(practice.admin)
    center = guarded_client.post(
        "/api/v1/treatment-centers", json={"name": "C Center"}, headers=admin
    ).json()
    created = guarded_client.post(
        f"/api/v1/treatment-centers/{center['id']}/api-clients",
        json={"webhook_url": url},
        headers=admin,
    )
    assert created.status_code == 422
    assert created.headers["content-type"] == "application/problem+json"
    (error,) = created.json()["errors"]
    assert error["loc"] == ["body", "webhook_url"]
    assert error["type"] == "private_address"
    listed = guarded_client.get(
        f"/api/v1/treatment-centers/{center['id']}/api-clients", headers=admin
    ).json()
    assert listed["items"] == []

    client = guarded_client.post(
        f"/api/v1/treatment-centers/{center['id']}/api-clients",
        json={"webhook_url": "https://partner.example.org/cairn"},
        headers=admin,
    )
    assert client.status_code == 201  # a name is only resolved by the worker
    patched = guarded_client.patch(
        f"/api/v1/api-clients/{client.json()['id']}", json={"webhook_url": url}, headers=admin
    )
    assert patched.status_code == 422
    assert patched.json()["errors"][0]["loc"] == ["body", "webhook_url"]
    (kept,) = guarded_client.get(
        f"/api/v1/treatment-centers/{center['id']}/api-clients", headers=admin
    ).json()["items"]
    assert kept["webhook_url"] == "https://partner.example.org/cairn"

    endpoint = guarded_client.put("/api/v1/webhook-endpoint", json={"url": url}, headers=admin)
    assert endpoint.status_code == 422
    assert endpoint.json()["errors"][0]["loc"] == ["body", "url"]
    assert guarded_client.get("/api/v1/webhook-endpoint", headers=admin).status_code == 404


def test_the_worker_does_not_send_to_a_name_that_resolves_to_a_private_address(
    client: TestClient,
    make: Factory,
    practice: Practice,
    session_factory: Any,
    guarded: Settings,
    db: Session,
) -> None:
    net = Network(client, make, practice)
    with webhook_receiver() as receiver:
        # Set while private addresses were allowed (or a public name whose DNS changed later).
        named = receiver.url.replace("127.0.0.1", "localhost")
        client.post(
            f"/api/v1/treatment-centers/{net.center_b['id']}/api-clients",
            json={"webhook_url": named},
            headers=make.headers(practice.admin),
        )
        net.sent_referral(net.center_b)
        run_once(session_factory, settings=guarded)
    assert receiver.received == []
    delivery = db.scalar(select(WebhookDelivery))
    assert delivery is not None
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, None)
    assert delivery.last_error is not None
    assert delivery.last_error.startswith("refused: localhost resolves to a non-public address")
    assert "127.0.0.1" in delivery.last_error
