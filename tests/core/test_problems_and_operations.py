from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from api.core.config import Settings
from api.main import create_app
from tests.factories import Factory, case_body

PROBLEM = "application/problem+json"


def test_unknown_routes_and_methods_are_problems(client: TestClient) -> None:
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM
    assert missing.json()["type"] == "/api/v1/problems/not-found"
    wrong_method = client.delete("/api/v1/cases")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["type"] == "/api/v1/problems/method-not-allowed"


def test_bodies_over_one_mebibyte_are_refused(client: TestClient, make: Factory) -> None:
    user = make.user(make.organization())
    huge = case_body(summary="x" * (1024 * 1024 + 10))
    response = client.post("/api/v1/cases", json=huge, headers=make.headers(user))
    assert response.status_code == 413
    assert response.json()["type"] == "/api/v1/problems/payload-too-large"
    chunked = client.post(
        "/api/v1/cases",
        content=iter([b"{" + b" " * (600 * 1024), b" " * (600 * 1024) + b"}"]),
        headers=make.headers(user, **{"Content-Type": "application/json"}),
    )
    assert chunked.status_code == 413


def test_malformed_json_is_a_422_problem(client: TestClient, make: Factory) -> None:
    user = make.user(make.organization())
    response = client.post(
        "/api/v1/cases",
        content=b"{not json",
        headers=make.headers(user, **{"Content-Type": "application/json"}),
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM


def test_a_database_error_reveals_nothing(settings: Settings) -> None:
    # A bug answers the bare 500 document: tests/core/test_outages.py.
    broken = create_engine("sqlite:////nonexistent-dir/never.db")
    app = create_app(settings, engine=broken)
    with TestClient(app) as http:
        response = http.post(
            "/api/v1/auth/token",
            data={"grant_type": "password", "username": "a@b.org", "password": "x"},
        )
    assert response.status_code == 503
    assert response.json() == {
        "type": "/api/v1/problems/database-unavailable",
        "title": "Database unavailable",
        "status": 503,
        "detail": "The database cannot be reached right now.",
        "instance": "/api/v1/auth/token",
    }


def test_request_ids_are_echoed_or_made(client: TestClient) -> None:
    assert (
        client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"]
        == "abc-123"
    )
    made = client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"}).headers[
        "x-request-id"
    ]
    assert made != "bad id with spaces"
    assert len(made) == 32


def test_health_readiness_and_metrics(client: TestClient, settings: Settings) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}
    client.get("/api/v1/cases")
    metrics = client.get("/metrics").text
    assert "cairn_http_requests_total" in metrics
    assert 'route="/cases"' in metrics or 'route="/api/v1/cases"' in metrics
    down = create_app(settings, engine=create_engine("sqlite:////nonexistent-dir/never.db"))
    with TestClient(down) as http:
        response = http.get("/readyz")
    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM


def test_problem_types_are_documented(client: TestClient) -> None:
    listed = client.get("/api/v1/problems").json()
    slugs = {p["type"].rsplit("/", 1)[1] for p in listed}
    assert {
        "validation-error",
        "not-found",
        "precondition-failed",
        "idempotency-key-reused",
    } <= slugs
    one = client.get("/api/v1/problems/precondition-failed").json()
    assert one["status"] == 412
    assert one["description"]


def test_openapi_document_is_complete(app: FastAPI) -> None:
    document = app.openapi()
    assert document["openapi"].startswith("3.1")
    operations = [op for path in document["paths"].values() for op in path.values()]
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))
    for op in operations:
        assert op.get("summary"), op["operationId"]
        assert "422" in op["responses"], op["operationId"]
        problem = op["responses"]["422"]["content"]
        assert PROBLEM in problem, op["operationId"]


def test_a_mistyped_filter_is_refused_rather_than_ignored(
    client: TestClient, make: Factory
) -> None:
    user = make.user(make.organization())
    response = client.get("/api/v1/cases", params={"stauts": "closed"}, headers=make.headers(user))
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"loc": ["query", "stauts"], "msg": "unknown query parameter", "type": "extra_forbidden"}
    ]


def test_a_timestamp_outside_the_calendar_is_422_not_a_crash(
    client: TestClient, make: Factory
) -> None:
    user = make.user(make.organization())
    response = client.get(
        "/api/v1/cases",
        params={"updated_since": "0001-01-01T00:00:00+00:01"},
        headers=make.headers(user),
    )
    assert response.status_code == 422
