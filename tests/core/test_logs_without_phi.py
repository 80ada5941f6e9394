"""No request body, bound parameter or statement value reaches a log (issue #11, item 5).

A database error is provoked with a recognisable client name in the statement's values
(and, on PostgreSQL, in the server's own message); every log record at DEBUG, every
line written to stdout or stderr, and the answer itself are searched for it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from api.cases import service as cases_service
from api.cases.models import Case
from api.core.config import Settings
from api.core.logging import WITHHELD, configure_logging
from api.main import create_app
from api.worker import runner
from tests.factories import Factory, case_body

FIRST, LAST = "Zyxwvut", "Quillfeather"
NAME = f"{FIRST} {LAST}"


def failing_statement(session: Session, value: str) -> None:
    """A statement that fails with `value` bound to it; on PostgreSQL the server's message
    quotes the value too (invalid input syntax for type integer: "...")."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT CAST(:value AS integer)"), {"value": value})
    else:
        session.execute(text("SELECT :value FROM no_such_table"), {"value": value})


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every record of every logger at DEBUG, including the loggers that do not propagate."""
    caplog.set_level(logging.DEBUG)
    quiet = [logging.getLogger(name) for name in ("cairn", "uvicorn", "uvicorn.error")]
    for logger in quiet:
        logger.addHandler(caplog.handler)
    yield caplog
    for logger in quiet:
        logger.removeHandler(caplog.handler)


def everything_logged(caplog: pytest.LogCaptureFixture, out: str, err: str) -> str:
    records = [
        " ".join(str(part) for part in (r.getMessage(), r.exc_text, r.exc_info, vars(r)))
        for r in caplog.records
    ]
    return "\n".join([caplog.text, *records, out, err])


def test_a_database_error_logs_no_phi(
    settings: Settings,
    session_factory: Callable[[], Session],
    make: Factory,
    all_logs: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = create_app(settings)  # after capfd: its log lines go where the test can read them
    app.state.session_factory = session_factory
    configure_logging("DEBUG")
    headers = make.headers(make.user(make.organization()))
    original = cases_service.open_case

    def open_case_with_a_bad_statement(session: Session, staff: Any, data: Any) -> Case:
        case = original(session, staff, data)
        failing_statement(session, f"{data.client.first_name} {data.client.last_name}")
        return case

    monkeypatch.setattr(cases_service, "open_case", open_case_with_a_bad_statement)
    body = case_body(
        client={"first_name": FIRST, "last_name": LAST}, summary=f"{LAST} drinks daily."
    )
    with TestClient(app) as http:  # raises if any error escaped the app
        response = http.post("/api/v1/cases", json=body, headers=headers)

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/internal-error"
    assert "SELECT" not in response.text
    assert LAST not in response.text
    out, err = capfd.readouterr()
    logged = everything_logged(all_logs, out, err)
    assert FIRST not in logged
    assert LAST not in logged
    assert "[SQL:" not in logged
    assert "[parameters:" not in logged

    # The error is logged, usefully: type, driver error, request id, route, frames.
    [record] = [r for r in all_logs.records if r.getMessage() == "unhandled error"]
    assert record.exc_text
    assert WITHHELD in record.exc_text
    assert "sqlalchemy.exc." in record.exc_text
    assert "open_case_with_a_bad_statement" in record.exc_text
    [line] = [json.loads(x) for x in out.splitlines() if '"unhandled error"' in x]
    assert line["route"] == "/cases"
    assert line["method"] == "POST"
    assert line["request_id"] == response.headers["x-request-id"]
    assert line["error"].startswith("sqlalchemy.exc.")
    assert WITHHELD in line["exc"]


def test_a_failing_job_logs_no_phi(
    settings: Settings,
    session_factory: Callable[[], Session],
    all_logs: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configure_logging("DEBUG")

    def job_quoting_a_client(session: Session, _now: datetime, _settings: Settings) -> int:
        failing_statement(session, NAME)
        return 1

    monkeypatch.setattr(runner, "JOBS", {"quote_a_client": job_quoting_a_client})
    assert runner.run_once(session_factory, "worker-under-test", settings) == {}

    out, err = capfd.readouterr()
    logged = everything_logged(all_logs, out, err)
    assert FIRST not in logged
    assert LAST not in logged
    [record] = [r for r in all_logs.records if r.getMessage() == "job failed"]
    assert record.exc_text
    assert WITHHELD in record.exc_text


def test_no_logger_can_print_a_database_error(
    session_factory: Callable[[], Session],
    all_logs: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """uvicorn's error logger, a library's, or an exception passed as the message itself."""
    configure_logging("DEBUG")
    with session_factory() as session:
        try:
            failing_statement(session, NAME)
        except DBAPIError as exc:
            error = exc
    logging.getLogger("uvicorn.error").error("Exception in ASGI application", exc_info=error)
    logging.getLogger("some.library").warning("failed: %s", error)
    logging.getLogger("cairn.errors").error(error)
    out, err = capfd.readouterr()
    assert NAME not in everything_logged(all_logs, out, err)
    assert len(all_logs.records) == 3
    assert all("sqlalchemy.exc." in r.getMessage() + (r.exc_text or "") for r in all_logs.records)
