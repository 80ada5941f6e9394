"""A 500 is a complete answer on a connection that stays usable (issue #11, item 4).

These tests run a real uvicorn server on a loopback port: the defect lived between the
app and the server (an exception let out after the answer made uvicorn drop the
connection without `Connection: close`), where an in-process test client cannot see it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import psycopg
import pytest
import uvicorn
from fastapi import APIRouter, FastAPI
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.types import ASGIApp, Receive, Scope, Send

from api.core.config import Settings
from api.core.routing import TransactionalRoute
from api.main import API_PREFIX, create_app

PROBLEM = "application/problem+json"


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """`app` served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, log_config=None, access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def app_with_failing_routes(settings: Settings, engine: Engine) -> FastAPI:
    """The real app plus two test-only routes: a bug, and a database that went away."""
    app = create_app(settings, engine=engine)
    failing = APIRouter(route_class=TransactionalRoute)

    @failing.get("/test-only/bug")
    def bug() -> None:
        raise RuntimeError("a defect in a route")

    @failing.get("/test-only/outage")
    def outage() -> None:
        raise OperationalError("SELECT 1", {}, psycopg.OperationalError("connection refused"))

    app.include_router(failing, prefix=API_PREFIX)
    return app


@pytest.mark.parametrize(
    ("path", "status", "slug"),
    [("/test-only/bug", 500, "internal-error"), ("/test-only/outage", 503, "database-unavailable")],
)
def test_the_connection_survives_a_server_error(
    settings: Settings, engine: Engine, path: str, status: int, slug: str
) -> None:
    connects: list[str] = []

    def trace(event: str, _info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.complete":
            connects.append(event)

    app = app_with_failing_routes(settings, engine)
    with (
        serving(app) as base,
        httpx.Client(base_url=base, limits=httpx.Limits(max_connections=1), timeout=30) as http,
    ):
        failed = http.get(API_PREFIX + path, extensions={"trace": trace})
        assert failed.status_code == status
        assert failed.headers["content-type"] == PROBLEM
        assert failed.json()["type"] == f"/api/v1/problems/{slug}"
        assert "connection" not in failed.headers  # not closing: it stays usable
        time.sleep(0.2)  # time for a server that drops the connection to do so
        following = http.get("/healthz", extensions={"trace": trace})
        assert following.status_code == 200
        assert following.json() == {"status": "ok"}
    assert len(connects) == 1  # both answers came on the same keep-alive connection


def test_an_error_outside_the_boundary_announces_the_close(
    settings: Settings, engine: Engine
) -> None:
    """The last resort (an error in a middleware around the boundary) cannot keep the
    connection, so its complete answer says `Connection: close`."""

    class BrokenOuterMiddleware:
        def __init__(self, app: ASGIApp) -> None:
            self.app = app

        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http" and scope["path"] == "/test-only/outer":
                raise RuntimeError("a defect in a middleware")
            await self.app(scope, receive, send)

    app = create_app(settings, engine=engine)
    app.add_middleware(BrokenOuterMiddleware)
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as http:
        failed = http.get("/test-only/outer")
        assert failed.status_code == 500
        assert failed.headers["connection"] == "close"
        assert failed.json()["type"] == "/api/v1/problems/internal-error"
        assert http.get("/healthz").status_code == 200
