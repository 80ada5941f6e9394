"""An Idempotency-Key holds across API processes (issue #15).

`cairn serve --workers N` runs N processes, and a load balancer may put several
servers in front of one database: a phone that retries a create may reach another
process than the first attempt did. Two real `cairn serve` processes here share the
test database; the same key sent to both at once must create one case.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from api.cases.models import Case
from api.core.config import Settings
from api.core.idempotency import IdempotencyRecord
from api.users.models import Role
from tests.factories import Factory, case_body

CAIRN = Path(sys.executable).parent / "cairn"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def api_process(settings: Settings) -> Iterator[str]:
    """`cairn serve` (one process, no background worker) on the test database."""
    port = _free_port()
    env = {
        **os.environ,
        "CAIRN_DATABASE_URL": settings.database_url,
        "CAIRN_SECRET_KEY": settings.secret_key,
        "CAIRN_ENV": "test",
        "CAIRN_SPA_DIST": "/nonexistent",
        "CAIRN_LOG_LEVEL": "WARNING",
    }
    command = [str(CAIRN), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    process = subprocess.Popen(  # noqa: S603  (our own command)
        [*command, "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"cairn serve exited with {process.returncode}")
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("cairn serve did not start")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.postgres_only
def test_one_key_sent_to_two_processes_at_once_creates_one_case(
    committed_app: FastAPI, settings: Settings
) -> None:
    factory = committed_app.state.session_factory
    with factory() as session:
        make = Factory(session, committed_app.state.settings)
        user = make.user(make.organization(), Role.interventionist)
        headers = make.headers(user, **{"Idempotency-Key": "phone-retry-two-processes"})
        session.commit()
    body = case_body()

    with api_process(settings) as first, api_process(settings) as second:
        bases = [first, second] * 4
        answers: list[httpx.Response] = []
        barrier = threading.Barrier(len(bases))

        def send(base: str) -> None:
            with httpx.Client(base_url=base, timeout=30) as http:
                barrier.wait()
                answers.append(http.post("/api/v1/cases", json=body, headers=headers))

        threads = [threading.Thread(target=send, args=(base,)) for base in bases]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        # Each process, asked again once the first attempt is done, replays its answer.
        replays = [
            httpx.post(f"{base}/api/v1/cases", json=body, headers=headers, timeout=30)
            for base in (first, second)
        ]

    statuses = sorted(answer.status_code for answer in answers)
    assert set(statuses) <= {201, 409}, statuses
    assert 201 in statuses
    created = {answer.json()["id"] for answer in answers if answer.status_code == 201}
    assert [replay.status_code for replay in replays] == [201, 201]
    assert {replay.json()["id"] for replay in replays} == created
    assert len(created) == 1
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1
        assert session.scalar(select(func.count()).select_from(IdempotencyRecord)) == 1
