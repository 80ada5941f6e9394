"""The route class every API router uses: one transaction per request.

It opens the session, runs the endpoint, completes any Idempotency-Key in the
same transaction, and commits *before* the response is sent, so nothing a
client was told succeeded can be lost. An exception rolls everything back
(except problems marked `keep_changes`, such as a counted failed sign-in).

When the database cannot be reached, the error goes on to ErrorBoundaryMiddleware,
which answers 503 `database-unavailable`: nothing was committed. The one exception is
a connection lost during COMMIT itself, whose outcome the server cannot know; that 503
says so, and a retry with the same Idempotency-Key answers what really happened.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from api.core import idempotency
from api.core.config import Settings
from api.core.db import SessionFactory, is_unavailable
from api.core.problems import (
    Conflict,
    DatabaseUnavailable,
    FieldError,
    PreconditionFailed,
    Problem,
    UnprocessableContent,
)
from api.core.security import token_principal_key
from api.core.text import describe, forbidden_character

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class TransactionalRoute(APIRoute):
    def get_route_handler(self) -> Handler:
        endpoint_handler = super().get_route_handler()
        known_query = _query_parameter_names(self.dependant)

        async def handle(request: Request) -> Response:
            _reject_unknown_query_parameters(request, known_query)
            await _reject_control_characters(request)
            factory: SessionFactory = request.app.state.session_factory
            reservation = await _reserve_idempotency_key(request, factory)
            if isinstance(reservation, Response):
                return reservation
            session = factory()
            request.state.session = session
            progress = _Progress()
            try:
                response = await endpoint_handler(request)
                completed = reservation if response.status_code < 500 else None
                await run_in_threadpool(_commit_and_close, session, progress, completed, response)
            except BaseException as exc:
                keep = isinstance(exc, Problem) and exc.keep_changes
                await run_in_threadpool(session.commit if keep else session.rollback)
                if reservation is not None:
                    await run_in_threadpool(_release, reservation, factory)
                if progress.committing and is_unavailable(exc):
                    raise DatabaseUnavailable(
                        "The connection to the database was lost while saving, so whether "
                        "this change was saved is unknown. Retry with the same "
                        "Idempotency-Key, or reload before trying again."
                    ) from exc
                if isinstance(exc, StaleDataError):
                    raise PreconditionFailed(
                        "This record was changed by someone else at the same moment. "
                        "Reload it and apply your change again."
                    ) from exc
                if isinstance(exc, IntegrityError):
                    raise Conflict("This conflicts with data that already exists.") from exc
                raise
            finally:
                if not progress.closed:
                    await run_in_threadpool(session.close)
            return response

        return handle


@dataclass
class _Progress:
    """How far `_commit_and_close` got, for the error handler to tell what happened."""

    committing: bool = False
    closed: bool = False


def _commit_and_close(
    session: Session,
    progress: _Progress,
    reservation: idempotency.Reservation | None,
    response: Response,
) -> None:
    """Stores the Idempotency-Key's answer, then flushes, commits and closes: one trip to
    the thread pool (each costs a thread hand-off) and no database call on the event loop."""
    if reservation is not None:
        reservation.complete(session, response)
    session.flush()
    progress.committing = True
    session.commit()
    session.close()
    progress.closed = True


def _release(reservation: idempotency.Reservation, factory: SessionFactory) -> None:
    """Frees the key of a failed request, unless the database is gone: the error being
    answered matters more, and the key is taken over once abandoned (idempotency.py)."""
    try:
        reservation.release(factory)
    except Exception as exc:
        if not is_unavailable(exc):
            raise


def _query_parameter_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub_dependant in dependant.dependencies:
        names |= _query_parameter_names(sub_dependant)
    return names


def _reject_unknown_query_parameters(request: Request, known: set[str]) -> None:
    """A mistyped filter must not silently widen a list (`?stauts=closed`)."""
    unknown = sorted(set(request.query_params.keys()) - known)
    if unknown:
        raise UnprocessableContent(
            f"Unknown query parameters: {', '.join(unknown)}",
            errors=[
                FieldError(
                    loc=["query", name], msg="unknown query parameter", type="extra_forbidden"
                )
                for name in unknown
            ],
        )


async def _reject_control_characters(request: Request) -> None:
    """Query, path and form values are one line of text: any control character inside them
    (tab and line breaks included) answers 422 naming the parameter (api/core/text.py).
    JSON bodies are checked by `InputModel`, where free text may hold line breaks."""
    values: list[tuple[str, str, str]] = [
        ("query", name, value) for name, value in request.query_params.multi_items()
    ]
    values += [("path", name, str(value)) for name, value in request.path_params.items()]
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        await request.body()  # kept, so the Idempotency-Key fingerprint can still read it
        form = await request.form()  # cached: the endpoint reads the same parse
        values += [
            ("body", name, value) for name, value in form.multi_items() if isinstance(value, str)
        ]
    errors = []
    for where, name, value in values:
        # Surrounding white space (a pasted "\tname@example.org") is the parsers' to trim.
        char = forbidden_character(name, multiline=False) or forbidden_character(
            value.strip(), multiline=False
        )
        if char is not None:
            errors.append(FieldError(loc=[where, name], msg=describe(char), type="value_error"))
    if errors:
        raise UnprocessableContent(
            "Control characters are not accepted in "
            + ", ".join(sorted({str(error.loc[-1]) for error in errors})),
            errors=errors,
        )


async def _reserve_idempotency_key(
    request: Request, factory: SessionFactory
) -> idempotency.Reservation | Response | None:
    raw_key = request.headers.get(idempotency.HEADER)
    if request.method != "POST" or raw_key is None:
        return None
    key = idempotency.validate_key(raw_key)
    settings: Settings = request.app.state.settings
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    principal = token_principal_key(settings, token) if scheme.lower() == "bearer" else None
    if principal is None:
        return None  # the endpoint answers 401 (or needs no principal to scope a key)
    fingerprint = await idempotency.body_fingerprint(request)
    return await run_in_threadpool(idempotency.reserve, factory, principal, key, fingerprint)


# Both are `async def` although they do no I/O: FastAPI runs a plain `def` dependency in
# the thread pool, a hand-off per request for a dictionary lookup.
async def get_session(request: Request) -> Session:
    session: Session = request.state.session
    return session


async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
