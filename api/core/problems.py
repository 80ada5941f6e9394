"""RFC 9457 problem details: one small exception hierarchy, one handler.

Every error a client sees is `application/problem+json` with a stable `type`
URI (`/api/v1/problems/<slug>`, documented at that address).
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

log = logging.getLogger("cairn.errors")

PROBLEM_BASE = "/api/v1/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ProblemDetail(BaseModel):
    """An RFC 9457 problem document."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "/api/v1/problems/not-found",
                    "title": "Not found",
                    "status": 404,
                    "detail": "No case with that id is visible to you.",
                }
            ]
        }
    )

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldError] | None = None


class Problem(Exception):
    status: ClassVar[int] = 500
    slug: ClassVar[str] = "internal-error"
    title: ClassVar[str] = "Internal server error"
    description: ClassVar[str] = "Something failed on our side. Nothing you sent was saved."
    # Some rejections must still record what happened (a failed sign-in is
    # counted and audited even though the request fails).
    keep_changes: ClassVar[bool] = False

    def __init__(
        self,
        detail: str | None = None,
        *,
        headers: dict[str, str] | None = None,
        errors: list[FieldError] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.headers = headers or {}
        self.errors = errors

    def to_document(self, instance: str | None = None) -> ProblemDetail:
        return ProblemDetail(
            type=PROBLEM_BASE + self.slug,
            title=self.title,
            status=self.status,
            detail=self.detail,
            instance=instance,
            errors=self.errors,
        )

    def extensions(self) -> dict[str, Any]:
        """Extension members of the problem document (RFC 9457 §3.2), e.g. `mfa_token`."""
        return {}


class BadRequest(Problem):
    status, slug, title = 400, "bad-request", "Bad request"
    description = "The request could not be understood (for example a malformed cursor)."


class Unauthorized(Problem):
    status, slug, title = 401, "invalid-token", "Not signed in"
    description = "The bearer token is missing, malformed, expired or revoked."

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer", **(headers or {})})


class InvalidCredentials(Problem):
    status, slug, title = 401, "invalid-credentials", "Invalid email or password"
    description = "The email and password do not match an active account."
    keep_changes = True


class InvalidGrant(Problem):
    status, slug, title = 401, "invalid-grant", "Invalid grant"
    description = (
        "The refresh token or invitation is unknown, expired or already used. A reused "
        "refresh token ends the whole session it belongs to."
    )
    keep_changes = True


class Forbidden(Problem):
    status, slug, title = 403, "forbidden", "Not allowed"
    description = "You can see this resource but your role may not do this to it."


class NotFound(Problem):
    status, slug, title = 404, "not-found", "Not found"
    description = "Nothing with that address exists within your reach."


class MethodNotAllowed(Problem):
    status, slug, title = 405, "method-not-allowed", "Method not allowed"
    description = "The resource exists but does not support that HTTP method."


class Conflict(Problem):
    status, slug, title = 409, "conflict", "Conflict"
    description = "The request conflicts with the current state of the resource."


class InvalidTransition(Conflict):
    slug, title = "invalid-transition", "Status change not allowed"
    description = "That status change is not allowed from the current status."


class IdempotencyInFlight(Conflict):
    slug, title = "idempotency-in-flight", "Request still in progress"
    description = "A request with this Idempotency-Key is still being processed; retry shortly."


class PreconditionFailed(Problem):
    status, slug, title = 412, "precondition-failed", "Changed by someone else"
    description = "If-Match does not match the current ETag: reload and apply your change again."


class ResyncRequired(Problem):
    status, slug, title = 410, "resync-required", "Sync again from scratch"
    description = (
        "The `updated_since` is older than the removals Cairn keeps (90 days), or too much "
        "left your view since then: list again without `updated_since` and replace your copy."
    )


class PayloadTooLarge(Problem):
    status, slug, title = 413, "payload-too-large", "Request body too large"
    description = "Request bodies are limited to 1 MiB."


class UnprocessableContent(Problem):
    status, slug, title = 422, "validation-error", "Invalid input"
    description = "The request body, query or path has invalid fields; see errors[]."


class IdempotencyKeyReused(Problem):
    status, slug, title = 422, "idempotency-key-reused", "Idempotency-Key reused"
    description = "This Idempotency-Key was already used with a different request body."


class ConsentRequired(Problem):
    status, slug, title = 422, "consent-required", "No active consent for this recipient"
    description = (
        "Disclosing to a treatment center needs a signed consent (42 CFR Part 2) that is "
        "active (not revoked or expired) and names that center."
    )


class ConsentNotActive(Problem):
    status, slug, title = 403, "consent-not-active", "Consent no longer active"
    description = (
        "The consent behind this referral was revoked or has expired, so its details can no "
        "longer be disclosed. Status updates are still accepted."
    )


class PreconditionRequired(Problem):
    status, slug, title = 428, "precondition-required", "If-Match required"
    description = "This resource may only be changed with an If-Match header holding its ETag."


class RateLimited(Problem):
    status, slug, title = 429, "rate-limited", "Too many attempts"
    description = "Too many requests from this address; wait for Retry-After seconds."


class AccountLocked(RateLimited):
    slug, title = "account-locked", "Sign-in temporarily locked"
    description = (
        "Too many failed sign-ins for this account from this address; wait for "
        "Retry-After seconds. The lock is short and grows only with further failures."
    )


class ServiceUnavailable(Problem):
    status, slug, title = 503, "unavailable", "Service unavailable"
    description = "A dependency (the database) is not reachable right now."


class DatabaseUnavailable(ServiceUnavailable):
    slug, title = "database-unavailable", "Database unavailable"
    description = (
        "The database could not be reached (refused, lost during the request, or every "
        "connection busy), for example while it restarts. Nothing of this request was saved, "
        "unless the detail says the connection was lost while saving; retry after Retry-After "
        "seconds, with the same Idempotency-Key for a creating POST."
    )
    retry_after_seconds: ClassVar[int] = 5

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(
            detail, headers={"Retry-After": str(self.retry_after_seconds), **(headers or {})}
        )


def all_problem_types() -> list[type[Problem]]:
    found: list[type[Problem]] = [Problem]
    queue = list(Problem.__subclasses__())
    while queue:
        cls = queue.pop(0)
        found.append(cls)
        queue.extend(cls.__subclasses__())
    return found


def problem_response(problem: Problem, request: Request | None = None) -> JSONResponse:
    doc = problem.to_document(instance=request.url.path if request else None)
    return JSONResponse(
        {**doc.model_dump(exclude_none=True), **problem.extensions()},
        status_code=problem.status,
        headers=problem.headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route: each error it may answer, typed as a problem."""
    declared: dict[int | str, dict[str, Any]] = {}
    for status in sorted({*statuses, 400, 422}):
        example = next(
            (cls for cls in all_problem_types() if cls.status == status), UnprocessableContent
        )
        declared[status] = {
            "model": ProblemDetail,
            "description": example.title,
            "content": {
                PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}
            },
        }
    return declared


# What a `pattern=` asks for, in words: pydantic's own message quotes the regular expression
# ("String should match pattern '^ *-?…'"), which tells a person nothing.
_PATTERN_HINTS: dict[str, str] = {}


def pattern_in_words(pattern: str, hint: str) -> str:
    """Registers `hint` as the message for a value that does not match `pattern`; returns
    the pattern, for the `Query(pattern=…)` or `Field(pattern=…)` that declares it."""
    _PATTERN_HINTS[pattern] = hint
    return pattern


def _message(err: Any) -> str:
    if err.get("type") == "string_pattern_mismatch":
        pattern = str((err.get("ctx") or {}).get("pattern", ""))
        return _PATTERN_HINTS.get(pattern, "is not in the expected form")
    return str(err.get("msg", "invalid"))


def _validation_problem(exc: RequestValidationError) -> UnprocessableContent:
    errors = [
        FieldError(
            loc=[part for part in err.get("loc", ()) if isinstance(part, str | int)],
            msg=_message(err),
            type=str(err.get("type", "value_error")),
        )
        for err in exc.errors()
    ]
    fields = ", ".join(
        ".".join(str(p) for p in e.loc[1:]) or str(e.loc[0]) for e in errors[:5] if e.loc
    )
    return UnprocessableContent(f"Invalid fields: {fields}" if fields else None, errors=errors)


_STATUS_PROBLEMS: dict[int, type[Problem]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    413: PayloadTooLarge,
}


def _allowed_methods(request: Request) -> list[str]:
    """Every method of every route at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        route_methods = getattr(route, "methods", None)
        if route_methods and route.matches(request.scope)[0] is not Match.NONE:
            methods |= set(route_methods)
    return sorted(methods)


def install_problem_handlers(app: FastAPI) -> None:
    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(exc, request)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return problem_response(_validation_problem(exc), request)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        cls = _STATUS_PROBLEMS.get(exc.status_code)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(_allowed_methods(request))
        problem = cls(None, headers=headers) if cls else BadRequest(str(exc.detail))
        return problem_response(problem, request)

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The last resort, for an error in a middleware outside ErrorBoundaryMiddleware
        # (api/core/middleware.py). Starlette re-raises after this answer and the server then
        # drops the connection, so the answer says so. The log shows no exception message
        # (api/core/logging.py).
        request_id = request.scope.get("state", {}).get("request_id")
        log.error("unhandled error", exc_info=exc, extra={"request_id": request_id})
        return problem_response(Problem(headers={"Connection": "close"}), request)

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_unexpected)
