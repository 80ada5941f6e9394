"""create_app(): middleware, routers, problem handlers, operations endpoints, the SPA."""

from __future__ import annotations

import copy
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
)
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import Engine
from starlette.middleware.gzip import GZipMiddleware
from starlette.staticfiles import StaticFiles

from api.aftercare.router import router as aftercare_router
from api.alerts.router import router as alerts_router
from api.audit.router import router as audit_router
from api.auth.router import router as auth_router
from api.cases.router import router as cases_router
from api.checkins.router import router as checkins_router
from api.consents.router import router as consents_router
from api.core.config import Settings, get_settings
from api.core.db import SessionFactory, create_db_engine, session_factory_for
from api.core.headers import SecurityHeadersMiddleware, docs_policy
from api.core.idempotency import KEY_PATTERN
from api.core.logging import configure_logging
from api.core.middleware import ErrorBoundaryMiddleware, RequestContextMiddleware
from api.core.problems import (
    PROBLEM_MEDIA_TYPE,
    DatabaseUnavailable,
    NotFound,
    UnprocessableContent,
    all_problem_types,
    install_problem_handlers,
    problem_response,
)
from api.core.text import publish_text_rules
from api.goals.router import router as goals_router
from api.interop.directory_router import router as directory_router
from api.interop.router import router as interop_router
from api.mfa.router import admin_router as mfa_admin_router
from api.mfa.router import router as mfa_router
from api.organizations.router import router as organizations_router
from api.participants.router import router as participants_router
from api.partner.router import router as partner_router
from api.partner.router_admin import router as partner_admin_router
from api.plans.router import router as plans_router
from api.portal.router import router as portal_router
from api.referrals.router import router as referrals_router
from api.reports.router import router as reports_router
from api.resources.router import router as resources_router
from api.tasks.router import router as tasks_router
from api.treatment_centers.router import router as treatment_centers_router
from api.users.router import colleagues_router
from api.users.router import router as users_router
from api.webhooks.router import router as webhooks_router

API_PREFIX = "/api/v1"
DOMAIN_ROUTERS: list[APIRouter] = [
    auth_router,
    mfa_router,
    users_router,
    mfa_admin_router,
    colleagues_router,
    organizations_router,
    cases_router,
    participants_router,
    plans_router,
    aftercare_router,
    tasks_router,
    goals_router,
    checkins_router,
    alerts_router,
    portal_router,
    treatment_centers_router,
    resources_router,
    directory_router,
    partner_admin_router,
    consents_router,
    referrals_router,
    partner_router,
    webhooks_router,
    audit_router,
    reports_router,
    interop_router,
]

DESCRIPTION = """
Case management for professional addiction interventionists: cases and the
circle around the client, structured intervention plans, referrals to treatment
centres, and accountability afterwards.

Errors are RFC 9457 `application/problem+json`; each `type` is documented under
`/api/v1/problems/{slug}`. Lists are keyset-paginated (`limit`, `cursor` →
`next_cursor`). Single resources carry a strong `ETag`; send it back in
`If-Match`. Creating POSTs accept `Idempotency-Key`.
"""


def create_app(
    settings: Settings | None = None,
    *,
    engine: Engine | None = None,
    session_factory: SessionFactory | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    engine = engine or create_db_engine(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="Cairn API",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # served by _add_docs, with a policy of its own
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory or session_factory_for(engine)

    install_problem_handlers(app)
    app.add_middleware(ErrorBoundaryMiddleware)  # innermost: its answers get CORS and the id
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=[
                "ETag",
                "Location",
                "X-Request-ID",
                "Retry-After",
                "Idempotent-Replayed",
            ],
        )
    app.add_middleware(
        RequestContextMiddleware,
        max_body_bytes=settings.max_body_bytes,
        larger_limits={f"{API_PREFIX}/directory/import": settings.directory_import_max_bytes},
    )
    # Outermost, so every answer carries them (a 413 from the body limit too).
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.env == "production")

    for router in DOMAIN_ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    _document_protocol_headers(app)
    _add_operations(app, engine)
    _add_problem_docs(app)
    _add_docs(app)
    _add_spa(app, settings.spa_dist)
    return app


def freeze_start_up_objects() -> None:
    """What start-up built (routes, models, schemas) lives as long as a served process:
    moved out of the collector's reach, it no longer makes each full collection cost ~64 ms
    (issue 15's profile: one every ~44 requests set the list's p99). Only for `cairn serve`:
    frozen objects are never collected, so an app built per test must not call it."""
    gc.collect()
    gc.freeze()


def create_served_app() -> FastAPI:
    """The app of one `cairn serve` process (the factory each worker process calls)."""
    app = create_app()
    freeze_start_up_objects()
    return app


IDEMPOTENCY_KEY_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": KEY_PATTERN},
    "description": (
        "Makes a retry safe: the same key and body within 24 h replay the first response "
        "(with `Idempotent-Replayed: true`); another body with the same key is 422. "
        "1 to 255 visible ASCII characters (a UUID is a good key); anything else is 400."
    ),
}
RETRY_AFTER_HEADER = {
    "description": "Seconds to wait before retrying.",
    "schema": {"type": "string", "pattern": "^[0-9]+$", "examples": ["5"]},
}
PROBLEM_CONTENT = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}
# Any operation may meet these, whatever its own `responses=` say: invalid input (the body,
# query or headers; unknown query parameters too), and a database that cannot be reached.
GLOBAL_RESPONSES: dict[str, dict[str, Any]] = {
    "422": {"description": UnprocessableContent.title, "content": PROBLEM_CONTENT},
    "503": {
        "description": (
            f"{DatabaseUnavailable.title}: {DatabaseUnavailable.description} "
            "Retry after `Retry-After` seconds."
        ),
        "headers": {"Retry-After": RETRY_AFTER_HEADER},
        "content": PROBLEM_CONTENT,
    },
}
ETAG_HEADER = {
    "description": "Strong entity tag of this version; send it back in If-Match.",
    "schema": {"type": "string", "examples": ['"v3"']},
}


def _document_protocol_headers(app: FastAPI) -> None:
    """Declares, in one place, the headers every creating POST and versioned resource share."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = generate()
        schemas = document.get("components", {}).get("schemas", {})
        for operations in document["paths"].values():
            for method, operation in operations.items():
                answers = operation.setdefault("responses", {})
                if method == "post" and "201" in answers:
                    operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY_PARAMETER)
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "header":
                        _not_null(parameter["schema"])  # a header is absent, never null
                    # Missing → 428 precondition-required. A PUT creates without one (the
                    # aftercare plan) and needs it only once the resource exists: state.
                    if parameter["name"] == "If-Match" and "428" in answers and method != "put":
                        parameter["required"] = True
                for status, answer in GLOBAL_RESPONSES.items():
                    answers.setdefault(status, copy.deepcopy(answer))
                for status in ("200", "201"):
                    content = answers.get(status, {}).get("content", {}).get("application/json", {})
                    name = content.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
                    if "version" in schemas.get(name, {}).get("properties", {}):
                        answers[status].setdefault("headers", {})["ETag"] = ETAG_HEADER
        publish_text_rules(document)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _not_null(schema: dict[str, Any]) -> None:
    branches = schema.get("anyOf", [])
    if {"type": "null"} in branches and len(branches) == 2:
        del schema["anyOf"]
        schema.update({**next(b for b in branches if b != {"type": "null"}), **schema})


def _add_operations(app: FastAPI, engine: Engine) -> None:
    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    def readyz() -> Response:
        try:
            # A raw connection: no transaction, so no SQLite write lock for a probe.
            connection = engine.raw_connection()
            try:
                cursor = connection.cursor()
                cursor.execute("SELECT 1")
                cursor.close()
            finally:
                connection.close()
        except Exception:
            return problem_response(DatabaseUnavailable("The database is not reachable."))
        return JSONResponse({"status": "ready"})

    @app.get("/metrics", include_in_schema=False)
    def metrics() -> PlainTextResponse:
        return PlainTextResponse(generate_latest().decode(), media_type=CONTENT_TYPE_LATEST)


def _add_problem_docs(app: FastAPI) -> None:
    documented = {cls.slug: cls for cls in all_problem_types()}

    @app.get(f"{API_PREFIX}/problems", include_in_schema=False)
    def list_problem_types() -> list[dict[str, object]]:
        return [_describe(cls) for cls in documented.values()]

    @app.get(f"{API_PREFIX}/problems/{{slug}}", include_in_schema=False)
    def describe_problem_type(slug: str) -> dict[str, object]:
        if slug not in documented:
            raise NotFound("No such problem type.")
        return _describe(documented[slug])


def _describe(cls: type) -> dict[str, object]:
    return {
        "type": f"{API_PREFIX}/problems/{cls.slug}",  # type: ignore[attr-defined]
        "title": cls.title,  # type: ignore[attr-defined]
        "status": cls.status,  # type: ignore[attr-defined]
        "description": cls.description,  # type: ignore[attr-defined]
    }


def _add_docs(app: FastAPI) -> None:
    """Swagger UI at /api/docs (FastAPI's page: assets from a CDN and one inline script,
    which its Content-Security-Policy allows by hash)."""
    page = get_swagger_ui_html(openapi_url=f"{API_PREFIX}/openapi.json", title=f"{app.title} docs")
    body = bytes(page.body)
    policy = docs_policy(body.decode())

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(body, headers={"Content-Security-Policy": policy})


def _add_spa(app: FastAPI, dist: Path) -> None:
    """Serves the built SPA at / with client-side routing fallback."""
    index = dist / "index.html"
    if not index.is_file():
        return
    assets = dist / "assets"
    if assets.is_dir():
        # Compressed on the way out (JS and CSS shrink ~3-4x), cached for a year by name.
        app.mount(
            "/assets",
            GZipMiddleware(_ImmutableStatic(directory=assets), minimum_size=1024),
            name="assets",
        )

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str) -> FileResponse:
        if path.startswith("api/") or path == "api":
            raise NotFound("No such API endpoint.")
        candidate = (dist / path).resolve()
        # Files outside /assets (index.html itself, icons) keep their names from build to
        # build: the browser revalidates them every time (ETag), so a new build is seen.
        if path and candidate.is_file() and candidate.is_relative_to(dist.resolve()):
            return FileResponse(candidate, headers={"Cache-Control": "no-cache"})
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


class _ImmutableStatic(StaticFiles):
    """Hashed build assets never change under the same name."""

    def file_response(self, *args, **kwargs) -> Response:  # type: ignore[no-untyped-def]
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response
