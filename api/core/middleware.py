"""Request context: X-Request-ID, the 1 MiB body limit, the access log line, metrics; and
the error boundary that answers every exception the app lets out."""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from prometheus_client import Counter, Histogram
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.db import is_unavailable
from api.core.logging import describe_error
from api.core.problems import DatabaseUnavailable, PayloadTooLarge, Problem, problem_response

access_log = logging.getLogger("cairn.access")
error_log = logging.getLogger("cairn.errors")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

REQUESTS = Counter("cairn_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "cairn_http_request_duration_seconds", "HTTP request latency", ["method", "route"]
)


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"


class RequestContextMiddleware:
    def __init__(
        self, app: ASGIApp, max_body_bytes: int, larger_limits: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        # Paths that take files (a directory import), each with its own limit in bytes.
        self.larger_limits = larger_limits or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        offered = headers.get("x-request-id", "")
        request_id = offered if _REQUEST_ID.match(offered) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        try:
            limit = self.larger_limits.get(scope.get("path", ""), self.max_body_bytes)
            declared = headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                response = problem_response(
                    PayloadTooLarge(f"Request bodies are limited to {_mib(limit)} here.")
                )
                await response(scope, receive, send_with_id)
                return
            await self.app(scope, self._limited(receive, limit), send_with_id)
        finally:
            self._observe(scope, status, time.perf_counter() - started, request_id)

    def _limited(self, receive: Receive, limit: int) -> Receive:
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # An HTTPException, because FastAPI turns other errors met while
                    # reading the body into a 400; the problem handler maps it to 413.
                    raise HTTPException(413)
            return message

        return limited_receive

    def _observe(self, scope: Scope, status: int, seconds: float, request_id: str) -> None:
        route: Any = scope.get("route")
        template = getattr(route, "path", None) or "unmatched"
        method = scope["method"]
        REQUESTS.labels(method, template, str(status)).inc()
        LATENCY.labels(method, template).observe(seconds)
        access_log.info(
            "request",
            extra={
                "request_id": request_id,
                "method": method,
                "route": template,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
                "principal": scope.get("state", {}).get("principal"),
            },
        )


class ErrorBoundaryMiddleware:
    """Answers any exception that escapes a route with a complete problem+json response.

    Starlette's catch-all handler answers and then re-raises, and uvicorn, seeing an
    exception after the response started, drops the keep-alive connection without
    `Connection: close`: the client's next request on it failed. Here the exception ends:
    a database that cannot be reached (`api.core.db.is_unavailable`) answers 503
    `database-unavailable` with Retry-After, anything else 500 `internal-error`, and the
    connection stays usable. Only an error after the response started (a cut-off stream)
    is re-raised, because the server must then close the connection.

    Installed innermost (before CORS), so the answer still gets CORS headers and the
    request id. The log line names the error's type, the request id and the route; what
    an exception says is withheld by api/core/logging.py (it may quote SQL and values).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch_start(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch_start)
        except Exception as exc:
            if started:
                raise
            response = problem_response(self._problem_for(exc, scope), Request(scope))
            await response(scope, receive, send)

    @staticmethod
    def _problem_for(exc: Exception, scope: Scope) -> Problem:
        route: Any = scope.get("route")
        context = {
            "request_id": scope.get("state", {}).get("request_id"),
            "method": scope.get("method"),
            "route": getattr(route, "path", None) or "unmatched",
            "error": describe_error(exc),
        }
        if is_unavailable(exc):
            error_log.warning("database unavailable", extra=context)
            return DatabaseUnavailable("The database cannot be reached right now.")
        error_log.error("unhandled error", exc_info=exc, extra=context)
        return Problem()
