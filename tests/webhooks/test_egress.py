"""Webhooks may not be aimed at private addresses in production (api/webhooks/egress.py)."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from api.core import clock
from api.core.config import Settings
from api.main import create_app
from api.webhooks import egress
from api.webhooks.delivery import deliver_due
from api.webhooks.models import WebhookDelivery
from api.worker.runner import run_once
from tests.factories import Factory
from tests.practice import Practice
from tests.referrals.test_referrals import Network
from tests.webhooks.receiver import webhook_receiver
from tests.webhooks.test_webhooks import partner_with_webhook


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
        # IPv6 forms that carry or translate to an IPv4 address.
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254
        ("2002:a9fe:a9fe::", False),  # 6to4
        ("2001::1", False),  # Teredo
        ("::7f00:1", False),  # IPv4-compatible 127.0.0.1
        ("::ffff:0:7f00:1", False),  # SIIT
    ],
)
def test_only_globally_routable_unicast_addresses_are_public(address: str, public: bool) -> None:
    assert egress.is_public(address) is public


def test_the_rule_follows_the_environment_unless_set(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CAIRN_WEBHOOK_PRIVATE_ADDRESSES", raising=False)
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
    unset = guarded_client.get("/api/v1/webhook-endpoint", headers=admin)
    assert unset.status_code == 200
    assert unset.json() is None


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
        partner_with_webhook(net, client, receiver.url.replace("127.0.0.1", "localhost"))
        net.sent_referral(net.center_b)
        run_once(session_factory, settings=guarded)
    assert receiver.received == []
    delivery = db.scalar(select(WebhookDelivery))
    assert delivery is not None
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, None)
    assert delivery.last_error is not None
    assert delivery.last_error.startswith("refused: localhost resolves to a non-public address")


def test_a_name_that_does_not_resolve_is_refused_not_sent(
    guarded: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_answer(*_args: Any, **_kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(egress.socket, "getaddrinfo", no_answer)
    with pytest.raises(egress.Refused, match=r"partner\.test could not be resolved"):
        egress.destination(guarded, "https://partner.test/hooks")


@pytest.fixture
def partner_test_is_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """`partner.test` resolves, once per lookup, to 127.0.0.1, which counts as public here:
    the system resolver does not know the name, so a request reaches the receiver only
    through the address the worker checked."""
    real_is_public, real_getaddrinfo = egress.is_public, socket.getaddrinfo

    def resolve(host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        if host == "partner.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(egress.socket, "getaddrinfo", resolve)
    monkeypatch.setattr(egress, "is_public", lambda a: a == "127.0.0.1" or real_is_public(a))


def _self_signed(tmp_path: Path, name: str) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def _deliver_to(
    receiver_url: str,
    net: Network,
    client: TestClient,
    make: Factory,
    practice: Practice,
    session_factory: Any,
    guarded: Settings,
    http: httpx.Client,
) -> WebhookDelivery:
    named = receiver_url.replace("127.0.0.1", "partner.test")
    made = client.post(
        f"/api/v1/treatment-centers/{net.center_b['id']}/api-clients",
        json={"webhook_url": named},
        headers=make.headers(practice.admin),
    )
    assert made.status_code == 201, made.text
    net.sent_referral(net.center_b)
    with session_factory() as session:
        deliver_due(session, clock.now(), guarded, http=http)
    with session_factory() as session:
        delivery = session.scalar(select(WebhookDelivery))
        assert delivery is not None
        return delivery


@pytest.mark.usefixtures("partner_test_is_loopback")
def test_the_worker_connects_to_the_address_it_checked_keeping_the_name(
    client: TestClient, make: Factory, practice: Practice, session_factory: Any, guarded: Settings
) -> None:
    net = Network(client, make, practice)
    with webhook_receiver() as receiver:
        delivery = _deliver_to(
            receiver.url, net, client, make, practice, session_factory, guarded, httpx.Client()
        )
    assert (delivery.status, delivery.last_error) == ("delivered", None)
    (hit,) = receiver.received
    port = receiver.url.split(":")[2].split("/")[0]
    assert hit.headers["Host"] == f"partner.test:{port}"


@pytest.mark.usefixtures("partner_test_is_loopback")
@pytest.mark.parametrize(
    ("certified", "delivered"), [("partner.test", True), ("other.test", False)]
)
def test_over_https_the_certificate_is_checked_against_the_name_not_the_address(
    client: TestClient,
    make: Factory,
    practice: Practice,
    session_factory: Any,
    guarded: Settings,
    tmp_path: Path,
    certified: str,
    delivered: bool,
) -> None:
    cert_file, key_file = _self_signed(tmp_path, certified)
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert_file, key_file)
    trusting = ssl.create_default_context(cafile=str(cert_file))
    net = Network(client, make, practice)
    with webhook_receiver(tls=server_tls) as receiver:
        assert receiver.url.startswith("https://")
        delivery = _deliver_to(
            receiver.url,
            net,
            client,
            make,
            practice,
            session_factory,
            guarded,
            httpx.Client(verify=trusting, timeout=5),
        )
    if delivered:
        assert (delivery.status, delivery.last_status_code) == ("delivered", 204)
        assert len(receiver.received) == 1
    else:  # a certificate for another name is refused, as for any https receiver
        assert (delivery.status, delivery.last_error) == ("pending", "ConnectError")
        assert receiver.received == []
