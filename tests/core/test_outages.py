"""A database that cannot be reached answers 503 with Retry-After, not 500 (issue #11,
item 3); a real bug still answers 500; nothing is saved by a 503, and the API recovers
by itself."""

from __future__ import annotations

import socket
import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import psycopg.errors
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.exc import (
    DisconnectionError,
    InterfaceError,
    OperationalError,
    ProgrammingError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from api.cases import service as cases_service
from api.cases.models import Case
from api.core.config import Settings
from api.main import create_app
from tests.conftest import PG_URL
from tests.factories import Factory, case_body

PROBLEM = "application/problem+json"
UNAVAILABLE = "/api/v1/problems/database-unavailable"


def assert_unavailable(response: Any) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["retry-after"] == "5"
    assert response.json()["type"] == UNAVAILABLE


def cases_in_database(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(Case)) or 0


def _dbapi(exc: Exception) -> Any:
    return OperationalError("INSERT INTO cases ...", {}, exc)


OUTAGES = {
    "connection refused (psycopg, no SQLSTATE)": _dbapi(
        psycopg.OperationalError("connection refused")
    ),
    "server shutting down (57P01)": _dbapi(psycopg.errors.AdminShutdown("terminating")),
    "server starting (57P03)": _dbapi(psycopg.errors.CannotConnectNow("starting up")),
    "connection failure (08006)": _dbapi(psycopg.errors.ConnectionFailure("lost")),
    "too many connections (53300)": _dbapi(psycopg.errors.TooManyConnections("full")),
    "connection closed (InterfaceError)": InterfaceError(
        "SELECT 1", {}, psycopg.InterfaceError("the connection is closed")
    ),
    "dropped connection (invalidated)": OperationalError(
        "SELECT 1", {}, Exception("server closed the connection"), connection_invalidated=True
    ),
    "pre-ping gave up (DisconnectionError)": DisconnectionError("gone"),
    "pool exhausted (TimeoutError)": PoolTimeout("QueuePool limit reached"),
    "SQLite file locked": _dbapi(sqlite3.OperationalError("database is locked")),
    "SQLite file unusable": _dbapi(sqlite3.OperationalError("unable to open database file")),
}
BUGS = {
    "syntax error (42601)": ProgrammingError(
        "SELEC 1", {}, psycopg.errors.SyntaxError("syntax error")
    ),
    "missing table (42P01)": ProgrammingError(
        "SELECT 1", {}, psycopg.errors.UndefinedTable("no table")
    ),
    "SQLite syntax error": _dbapi(sqlite3.OperationalError('near "SELEC": syntax error')),
    "division by zero (22012)": OperationalError(
        "SELECT 1/0", {}, psycopg.errors.DivisionByZero("division by zero")
    ),
    "not a database error": RuntimeError("a defect"),
}


@pytest.mark.parametrize("error", OUTAGES.values(), ids=OUTAGES.keys())
def test_an_unreachable_database_answers_503_and_saves_nothing(
    client: TestClient,
    make: Factory,
    db: Session,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
) -> None:
    headers = make.headers(make.user(make.organization()), **{"Idempotency-Key": "k-outage"})
    original = cases_service.open_case

    def open_case_then_lose_the_database(*args: Any) -> Case:
        original(*args)  # written, flushed, not committed
        raise error

    monkeypatch.setattr(cases_service, "open_case", open_case_then_lose_the_database)
    response = client.post("/api/v1/cases", json=case_body(), headers=headers)
    assert_unavailable(response)
    assert response.json()["detail"] == "The database cannot be reached right now."
    assert "INSERT" not in response.text
    assert cases_in_database(db) == 0

    monkeypatch.setattr(cases_service, "open_case", original)
    retried = client.post("/api/v1/cases", json=case_body(), headers=headers)
    assert retried.status_code == 201, retried.text
    assert "idempotent-replayed" not in retried.headers
    assert cases_in_database(db) == 1


@pytest.mark.parametrize("error", BUGS.values(), ids=BUGS.keys())
def test_a_bug_is_still_a_500(
    client: TestClient, make: Factory, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    headers = make.headers(make.user(make.organization()))

    def open_case(*_args: Any) -> Case:
        raise error

    monkeypatch.setattr(cases_service, "open_case", open_case)
    response = client.post("/api/v1/cases", json=case_body(), headers=headers)
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    assert "retry-after" not in response.headers
    assert response.json() == {
        "type": "/api/v1/problems/internal-error",
        "title": "Internal server error",
        "status": 500,
        "instance": "/api/v1/cases",
    }


def test_a_lost_commit_says_its_outcome_is_unknown(
    client: TestClient, make: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = make.headers(make.user(make.organization()))

    def commit(_session: Session) -> None:
        raise _dbapi(psycopg.OperationalError("server closed the connection unexpectedly"))

    monkeypatch.setattr(Session, "commit", commit)
    response = client.post("/api/v1/cases", json=case_body(), headers=headers)
    assert_unavailable(response)
    assert "whether this change was saved is unknown" in response.json()["detail"]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_connection_refused_answers_503_on_every_route(settings: Settings) -> None:
    unreachable = create_engine(f"postgresql+psycopg://cairn@127.0.0.1:{closed_port()}/cairn")
    app = create_app(settings, engine=unreachable)
    with TestClient(app) as http:  # raises if any error escaped the app
        sign_in = http.post(
            "/api/v1/auth/token",
            data={"grant_type": "password", "username": "a@b.org", "password": "x"},
        )
        assert_unavailable(sign_in)
        assert "cairn@127.0.0.1" not in sign_in.text
        assert_unavailable(http.get("/readyz"))
    unreachable.dispose()


def test_the_problem_type_is_documented(client: TestClient) -> None:
    described = client.get("/api/v1/problems/database-unavailable").json()
    assert described["status"] == 503
    assert "Retry-After" in described["description"]


def test_an_unusable_sqlite_file_answers_503(settings: Settings) -> None:
    app = create_app(settings, engine=create_engine("sqlite:////nonexistent-dir/never.db"))
    with TestClient(app) as http:
        assert_unavailable(
            http.post(
                "/api/v1/auth/token",
                data={"grant_type": "password", "username": "a@b.org", "password": "x"},
            )
        )


@pytest.fixture
def one_connection_engine(settings: Settings) -> Iterator[Engine]:
    extra = {"connect_args": {"check_same_thread": False}} if settings.is_sqlite else {}
    engine = create_engine(
        settings.database_url,
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=0.2,
        **extra,  # type: ignore[arg-type]
    )
    yield engine
    engine.dispose()


def test_every_connection_busy_answers_503(
    settings: Settings, one_connection_engine: Engine
) -> None:
    app = create_app(settings, engine=one_connection_engine)
    with TestClient(app) as http, one_connection_engine.connect():  # holds the only one
        assert_unavailable(
            http.post(
                "/api/v1/auth/token",
                data={"grant_type": "password", "username": "a@b.org", "password": "x"},
            )
        )
    with TestClient(app) as http:  # and once it is back, the same app answers
        assert http.get("/readyz").json() == {"status": "ready"}


@pytest.mark.postgres_only
def test_a_connection_lost_mid_request_is_503_then_the_api_recovers(
    committed_app: FastAPI, engine: Engine
) -> None:
    with committed_app.state.session_factory() as session:
        make = Factory(session, committed_app.state.settings)
        headers = make.headers(make.user(make.organization()))
    headers["Idempotency-Key"] = f"outage-{uuid.uuid4()}"
    admin = create_engine(str(PG_URL), isolation_level="AUTOCOMMIT")
    database = engine.url.database

    def terminate(pids_sql: str, **params: Any) -> None:
        with admin.connect() as connection:
            connection.execute(text(pids_sql), params)

    def kill_own_backend(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("INSERT INTO cases"):
            pid = conn.connection.dbapi_connection.info.backend_pid
            terminate("SELECT pg_terminate_backend(:pid, 5000)", pid=pid)

    event.listen(engine, "before_cursor_execute", kill_own_backend)
    try:
        with TestClient(committed_app) as http:
            lost = http.post("/api/v1/cases", json=case_body(), headers=headers)
    finally:
        event.remove(engine, "before_cursor_execute", kill_own_backend)
    assert_unavailable(lost)
    with committed_app.state.session_factory() as session:
        assert cases_in_database(session) == 0

    # The server drops every connection of the API (as in a restart); no restart of the API.
    terminate(
        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
        "WHERE datname = :db AND pid <> pg_backend_pid()",
        db=database,
    )
    with TestClient(committed_app) as http:
        retried = http.post("/api/v1/cases", json=case_body(), headers=headers)
        assert retried.status_code == 201, retried.text
        listed = http.get("/api/v1/cases", headers={"Authorization": headers["Authorization"]})
        assert [c["id"] for c in listed.json()["items"]] == [retried.json()["id"]]
    admin.dispose()
