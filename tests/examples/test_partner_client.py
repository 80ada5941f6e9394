"""examples/partner_client.py, run as a treatment center's developer would run it: against a
real `cairn serve` loaded with the demo practice, with the credentials seed-demo prints.

The server always runs on its own SQLite file (also in the PostgreSQL pass of the suite).
Starting it (seed-demo, then serve) takes most of this module's time: about 10 s on an idle
machine. Everything else shares that one server.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import inspect
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from api.consents.models import REDISCLOSURE_NOTICE
from api.core.security import sign_webhook
from api.demo.centers import (
    DEMO_PARTNER_CENTER,
    DEMO_PARTNER_CLIENT_ID,
    DEMO_PARTNER_SECRET,
    DEMO_WEBHOOK_SECRET,
)
from api.demo.seed import DEMO_PASSWORD

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "partner_client.py"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until(ready: Callable[[], bool], what: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _stop(process: subprocess.Popen[Any]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class DemoServer:
    url: str
    env: dict[str, str]
    log: Path

    def cairn(self, *args: str, **popen: Any) -> subprocess.Popen[Any]:
        return subprocess.Popen(  # noqa: S603  (our own command)
            [sys.executable, "-m", "api.cli", *args], env=self.env, **popen
        )


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """`cairn seed-demo` then `cairn serve --no-worker` on a fresh SQLite file, with the
    environment frontend/e2e/start-server.sh uses."""
    home = tmp_path_factory.mktemp("demo-server")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAIRN_")}
    env |= {
        "CAIRN_DATABASE_URL": f"sqlite:///{home / 'cairn.db'}",
        "CAIRN_ENV": "test",
        "CAIRN_SPA_DIST": str(home / "no-spa"),
        "CAIRN_LOG_LEVEL": "WARNING",
    }
    port = _free_port()
    server = DemoServer(f"http://127.0.0.1:{port}", env, home / "server.log")
    # seed-demo migrates first, as `cairn migrate` would (one process start fewer).
    seed = server.cairn("seed-demo", stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output, _ = seed.communicate(timeout=120)
    assert seed.returncode == 0, output
    assert f"CAIRN_CLIENT_ID={DEMO_PARTNER_CLIENT_ID}" in output
    with server.log.open("w") as log:
        process = server.cairn(
            "serve", "--host", "127.0.0.1", "--port", str(port), "--no-worker",
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def ready() -> bool:
        assert process.poll() is None, server.log.read_text()
        try:
            return httpx.get(f"{server.url}/readyz", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    try:
        _wait_until(ready, "the server's /readyz")
        yield server
    finally:
        _stop(process)


def _example(server: DemoServer, state: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAIRN_")}
    env |= {
        "CAIRN_BASE_URL": server.url,
        "CAIRN_CLIENT_ID": DEMO_PARTNER_CLIENT_ID,
        "CAIRN_CLIENT_SECRET": DEMO_PARTNER_SECRET,
        "CAIRN_STATE_FILE": str(state),
    }
    return subprocess.run(  # noqa: S603  (our own example)
        [sys.executable, str(EXAMPLE), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _listed_ids(output: str) -> list[str]:
    """The referral id ends each line `poll` prints for a referral."""
    return [line.split()[-1] for line in output.splitlines() if " UTC " in line]


class Staff:
    """The practice's side, through the staff API, to check what the partner's calls did."""

    def __init__(self, server: DemoServer) -> None:
        self.http = httpx.Client(base_url=f"{server.url}/api/v1", timeout=10)
        token = self.http.post(
            "/auth/token",
            data={
                "grant_type": "password",
                "username": "admin@demo.cairn.test",
                "password": DEMO_PASSWORD,
            },
        ).json()["access_token"]
        self.http.headers["Authorization"] = f"Bearer {token}"

    def get(self, path: str, **params: Any) -> Any:
        response = self.http.get(path, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    def riverside_referrals(self) -> list[dict[str, Any]]:
        board = self.get("/referrals", limit=200)
        assert board["next_cursor"] is None
        return [r for r in board["items"] if r["treatment_center_name"] == DEMO_PARTNER_CENTER]


def test_the_example_client_closes_the_loop_against_a_demo_server(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    staff = Staff(demo_server)
    referrals = staff.riverside_referrals()
    addressed = {r["id"] for r in referrals if r["status"] != "draft"}

    assert "Token for tc_demo_riverside" in _ok(_example(demo_server, state, "token"))
    cached = json.loads(state.read_text())["token"]["access_token"]
    _ok(_example(demo_server, state, "token"))
    assert json.loads(state.read_text())["token"]["access_token"] == cached  # reused

    first = _ok(_example(demo_server, state, "poll"))
    assert set(_listed_ids(first)) == addressed
    assert len(_listed_ids(first)) == len(addressed)
    assert "(withheld: consent revoked)" in first
    assert "(withheld: consent expired)" in first
    again = _ok(_example(demo_server, state, "poll"))
    assert _listed_ids(again) == []
    assert "0 new or changed referral(s)" in again
    queue = _ok(_example(demo_server, state, "poll", "--status", "sent"))
    assert _listed_ids(queue) == [r["id"] for r in referrals if r["status"] == "sent"]
    assert _listed_ids(_ok(_example(demo_server, state, "poll"))) == []  # its own mark

    sent = next(r for r in referrals if r["status"] == "sent")
    shown = _ok(_example(demo_server, state, "show", sent["id"]))
    assert f"status sent, level of care {sent['level_of_care']}" in shown
    assert "Consent active" in shown
    assert "Redisclosure notice (42 CFR Part 2):" in shown
    assert " ".join(shown.split("Redisclosure notice (42 CFR Part 2):")[1].split()) == (
        REDISCLOSURE_NOTICE
    )
    bundle = json.loads(_ok(_example(demo_server, state, "show", sent["id"], "--fhir")))
    assert bundle["resourceType"] == "Bundle"
    assert sorted(e["resource"]["resourceType"] for e in bundle["entry"]) == [
        "Patient",
        "ServiceRequest",
        "Task",
    ]

    withheld = next(
        r
        for r in referrals
        if r["id"] in addressed and staff.get(f"/consents/{r['consent_id']}")["status"] == "revoked"
    )
    refused = _example(demo_server, state, "show", withheld["id"])
    assert refused.returncode == 3, refused.stderr
    assert "Consent no longer active" in refused.stderr

    for step in ("received", "accepted", "admitted"):
        moved = _ok(_example(demo_server, state, "status", sent["id"], step, "--note", "ok"))
        assert f"is now {step}" in moved
    assert staff.get(f"/cases/{sent['case_id']}")["status"] == "in_treatment"
    history = staff.get(f"/referrals/{sent['id']}")["history"]
    assert [(h["actor_type"], h["to_status"]) for h in history[-3:]] == [
        ("partner", "received"),
        ("partner", "accepted"),
        ("partner", "admitted"),
    ]

    illegal = _example(demo_server, state, "status", sent["id"], "declined", "--reason", "late")
    assert illegal.returncode == 1
    assert "Status change not allowed" in illegal.stderr
    assert "can move to: discharged" in illegal.stderr
    missing = _example(demo_server, state, "status", sent["id"], "discharged")
    assert missing.returncode == 2  # refused before anything is sent

    after = _ok(_example(demo_server, state, "poll"))
    assert _listed_ids(after) == [sent["id"]]
    assert " admitted " in after

    assert "2 bed(s) available" in _ok(_example(demo_server, state, "capacity", "2"))
    center = staff.get(f"/treatment-centers/{sent['treatment_center_id']}")
    assert center["beds_available"] == 2


def test_a_real_delivery_reaches_the_example_receiver(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    """The worker signs with the client's webhook secret; the example verifies it."""
    staff = Staff(demo_server)
    port = _free_port()
    received = tmp_path / "listen.log"
    with received.open("w") as out:
        listener = _listen(port, out)
    try:
        center = next(r for r in staff.riverside_referrals())["treatment_center_id"]
        (client,) = staff.get(f"/treatment-centers/{center}/api-clients")["items"]
        url = f"http://127.0.0.1:{port}/cairn/webhooks"
        patched = staff.http.patch(f"/api-clients/{client['id']}", json={"webhook_url": url})
        assert patched.status_code == 200, patched.text
        draft = next(r for r in staff.riverside_referrals() if r["status"] == "draft")
        assert staff.http.post(f"/referrals/{draft['id']}/send").status_code == 200

        def delivered() -> bool:
            deliveries = staff.get("/webhook-deliveries")["items"]
            return any(
                d["status"] == "delivered" and d["event_type"] == "referral.sent"
                for d in deliveries
            )

        worker = demo_server.cairn("worker", stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            # The receiver logs the event before the worker commits "delivered": wait for both.
            _wait_until(lambda: "referral.sent" in received.read_text(), "the delivery")
            _wait_until(delivered, "the delivery to be recorded as delivered")
        finally:
            _stop(worker)
        assert worker.returncode == 0  # SIGTERM is a clean stop, not a kill
    finally:
        _stop(listener)
    lines = received.read_text()
    assert f"referral.sent        referral {draft['id']}" in lines
    assert "rejected" not in lines


def _listen(port: int, out: Any) -> subprocess.Popen[Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAIRN_")}
    env["CAIRN_WEBHOOK_SECRET"] = DEMO_WEBHOOK_SECRET
    listener = subprocess.Popen(  # noqa: S603  (our own example)
        [sys.executable, "-u", str(EXAMPLE), "listen", "--port", str(port)],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )

    def accepting() -> bool:
        assert listener.poll() is None, "the listener exited"
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    _wait_until(accepting, "the example's listener", seconds=10)
    return listener


@pytest.fixture(scope="module")
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("partner_client", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_verify_signature_accepts_cairns_signature_and_nothing_else(example: ModuleType) -> None:
    verify = example.verify_signature
    secret, now = "whsec-test", 1_800_000_000
    body = b'{"id":"e1","type":"referral.sent","created_at":"2027-01-15T08:00:00Z","data":{}}'
    header = sign_webhook(secret, now, body)

    assert verify(header, body, secret, now)
    assert verify(header, body, secret, now + 299)
    assert not verify(header, body + b" ", secret, now)  # tampered body
    assert not verify(header, body, "another-secret", now)
    assert not verify(header, body, secret, now + 301)  # replayed too late
    assert not verify(sign_webhook(secret, now + 400, body), body, secret, now)  # from the future
    stale = sign_webhook(secret, now - 3600, body)
    assert not verify(stale, body, secret, now)
    forged = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()  # without "<t>."
    assert not verify(f"t={now},v1={forged}", body, secret, now)
    for broken in ("", "v1=abc", f"t={now}", "t=soon,v1=abc", "t=\u00b2,v1=a", f"t={now},t=1,v1=x"):
        assert not verify(broken, body, secret, now), broken
    # A second v1 (as during a secret rotation) is accepted when one of them matches.
    assert verify(f"{header},v1={'0' * 64}", body, secret, now)


def test_the_listener_answers_fast_and_refuses_forgeries(tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "listen.log"
    with log.open("w") as out:
        listener = _listen(port, out)
    url = f"http://127.0.0.1:{port}/cairn/webhooks"
    body = json.dumps(
        {
            "id": "6f1c2b1e-5f8e-4a53-9d0c-2f7f0e0b1a11",
            "type": "referral.cancelled",
            "created_at": "2027-01-15T08:00:00+00:00",
            "data": {"referral_id": "0b7a3c0e-6f4e-4c1b-8c55-2a4e8f2b9d33"},
        },
        separators=(",", ":"),
    ).encode()

    def post(content: bytes, signature: str) -> int:
        headers = {"Cairn-Signature": signature, "Cairn-Delivery": "d-1"}
        return httpx.post(url, content=content, headers=headers, timeout=5).status_code

    try:
        signed = sign_webhook(DEMO_WEBHOOK_SECRET, int(time.time()), body)
        assert post(body, signed) == 204
        assert post(body, signed) == 204  # a retry of the same event: answered, not redone
        assert post(body.replace(b"cancelled", b"sent"), signed) == 401
        old = sign_webhook(DEMO_WEBHOOK_SECRET, int(time.time()) - 600, body)
        assert post(body, old) == 401
        assert httpx.post(f"http://127.0.0.1:{port}/elsewhere", content=b"{}").status_code == 404
    finally:
        _stop(listener)
    output = log.read_text()
    assert output.count("referral.cancelled") == 1
    assert "duplicate event 6f1c2b1e-5f8e-4a53-9d0c-2f7f0e0b1a11 ignored" in output
    assert output.count("rejected a delivery") == 2


def test_the_guide_quotes_the_examples_verification_and_a_real_delivery(
    example: ModuleType,
) -> None:
    guide = (EXAMPLE.parents[1] / "docs" / "partners.md").read_text()
    quoted = guide.split("```python\ndef verify_signature(", 1)[1].split("```", 1)[0]
    assert "def verify_signature(" + quoted == inspect.getsource(example.verify_signature)

    delivery = guide.split("POST /cairn/webhooks HTTP/1.1\n", 1)[1].split("```", 1)[0]
    headers, body = delivery.split("\n\n", 1)
    signature = next(
        line.removeprefix("Cairn-Signature: ")
        for line in headers.splitlines()
        if line.startswith("Cairn-Signature: ")
    )
    raw = body.strip().encode()
    sent_at = int(signature.split(",")[0].removeprefix("t="))
    assert example.verify_signature(signature, raw, DEMO_WEBHOOK_SECRET, sent_at)


def test_the_client_retries_only_what_is_safe_to_retry(
    example: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """429 and 5xx are retried with backoff (Retry-After honoured), a POST only with an
    Idempotency-Key, and a 401 gets one new token."""
    waits: list[float] = []
    monkeypatch.setattr(example.time, "sleep", waits.append)
    answers: dict[str, list[httpx.Response]] = {}
    seen: list[tuple[str, str, str | None]] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append((request.method, request.url.path, request.headers.get("Idempotency-Key")))
        if request.url.path.endswith("/auth/token"):
            return httpx.Response(200, json={"access_token": f"t{len(seen)}", "expires_in": 900})
        queue = answers.get(request.url.path, [])
        return queue.pop(0) if queue else httpx.Response(200, json={"ok": True})

    partner = example.CairnPartner(
        "http://cairn.test", "tc_x", "secret", example.State(tmp_path / "state.json")
    )
    partner.http = httpx.Client(
        base_url="http://cairn.test/api/v1", transport=httpx.MockTransport(respond)
    )
    busy = {"type": "/api/v1/problems/unavailable", "title": "Service unavailable"}
    capacity = "/api/v1/partner/capacity"
    answers[capacity] = [
        httpx.Response(429, json=busy, headers={"Retry-After": "7"}),
        httpx.Response(503, json=busy),
    ]
    assert partner.set_capacity(2) == {"ok": True}
    assert [s for s in seen if s[1] == capacity] == [("PUT", capacity, None)] * 3
    assert waits[0] >= 7
    assert len(waits) == 2

    status = "/api/v1/partner/referrals/r1/status"
    answers[status] = [httpx.Response(502, json=busy)]
    with pytest.raises(example.ApiProblem) as refused:
        partner.call("POST", "/partner/referrals/r1/status", json_body={"status": "received"})
    assert refused.value.status == 502  # no key: not retried, it might have been applied
    answers[status] = [httpx.Response(502, json=busy)]
    partner.report_status("r1", {"status": "received"}, "key-1")
    assert [s for s in seen if s[1] == status][-2:] == [("POST", status, "key-1")] * 2

    tokens_before = sum(1 for s in seen if s[1].endswith("/auth/token"))
    answers["/api/v1/partner/referrals/r2"] = [
        httpx.Response(
            401, json={"title": "Not signed in", "type": "/api/v1/problems/invalid-token"}
        )
    ]
    assert partner.referral("r2") == {"ok": True}
    assert sum(1 for s in seen if s[1].endswith("/auth/token")) == tokens_before + 1
