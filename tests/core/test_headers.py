"""Browser security headers on the dashboard, the API, problems and the API docs."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.core.config import Settings
from api.main import create_app
from api.users.models import Role
from tests.factories import Factory


def dashboard(tmp_path: Path, settings: Settings, engine: Engine, env: str) -> TestClient:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(
        '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>'
    )
    (tmp_path / "assets" / "app.js").write_text("console.log('cairn')")
    app = create_app(settings.model_copy(update={"spa_dist": tmp_path, "env": env}), engine=engine)
    return TestClient(app)


def csp(response: object) -> dict[str, str]:
    """The policy's directives by name: {"script-src": "'self'", …}."""
    header = response.headers["content-security-policy"]  # type: ignore[attr-defined]
    directives = (d.strip().split(" ", 1) for d in header.split(";"))
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


def assert_common(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert csp(response)["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("path", ["/", "/cases/some-case", "/favicon.ico"])
def test_the_dashboard_allows_no_inline_or_foreign_script(
    tmp_path: Path, settings: Settings, engine: Engine, path: str
) -> None:
    response = dashboard(tmp_path, settings, engine, "development").get(path)

    assert response.headers["content-type"].startswith("text/html")
    assert_common(response)
    policy = csp(response)
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-inline" not in policy["script-src"]
    assert "unsafe-eval" not in response.headers["content-security-policy"]
    assert "strict-transport-security" not in response.headers


def test_hsts_only_in_production(tmp_path: Path, settings: Settings, engine: Engine) -> None:
    client = dashboard(tmp_path, settings, engine, "production")

    for path in ("/", "/assets/app.js", "/api/v1/auth/me", "/healthz"):
        response = client.get(path)
        assert response.headers["strict-transport-security"] == (
            "max-age=31536000; includeSubDomains"
        )


def test_an_api_answer_allows_nothing_to_run(client: TestClient, make: Factory) -> None:
    user = make.user(make.organization(), Role.interventionist)

    response = client.get("/api/v1/auth/me", headers=make.headers(user))

    assert response.status_code == 200
    assert_common(response)
    assert csp(response)["default-src"] == "'none'"
    assert "strict-transport-security" not in response.headers


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/v1/cases", 401),
        ("GET", "/api/v1/no-such-thing", 404),
        ("DELETE", "/api/v1/audit-events", 405),
        ("POST", "/api/v1/auth/logout", 422),
    ],
)
def test_a_problem_carries_the_headers_too(
    client: TestClient, method: str, path: str, status: int
) -> None:
    response = client.request(method, path, json={})

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert_common(response)
    assert csp(response)["default-src"] == "'none'"


def test_an_oversized_body_is_refused_with_the_headers(client: TestClient) -> None:
    response = client.post(
        "/api/v1/auth/logout",
        content=b"x" * (1024 * 1024 + 1),
        headers={"content-type": "application/json"},
    )

    assert response.status_code == 413
    assert_common(response)


def test_the_api_docs_page_has_a_policy_of_its_own(client: TestClient) -> None:
    response = client.get("/api/docs")

    assert response.status_code == 200
    assert "SwaggerUIBundle" in response.text
    assert_common(response)
    policy = csp(response)
    # Swagger UI's bundle from its CDN and its one inline script by hash, never any inline.
    assert policy["script-src"].startswith("https://cdn.jsdelivr.net 'sha256-")
    assert "unsafe-inline" not in policy["script-src"]
    inline = re.search(r"<script>(.*?)</script>", response.text, re.DOTALL)
    assert inline is not None
    digest = base64.b64encode(hashlib.sha256(inline.group(1).encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy["script-src"].split()
    assert policy["connect-src"] == "'self'"
    assert client.get("/api/v1/openapi.json").status_code == 200
