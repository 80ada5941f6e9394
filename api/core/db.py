"""Engine, metadata and sessions.

The transaction of a request is owned by `api.core.routing.TransactionalRoute`:
it opens the session, commits before the response is sent, and rolls back when
the handler raises. Services only `flush()`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, MetaData, Result, create_engine, event, select
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker
from sqlmodel import SQLModel

from api.core.config import Settings
from api.core.types import NAMING_CONVENTION  # noqa: F401  (sets constraint names)

metadata: MetaData = SQLModel.metadata  # named by api.core.types.NAMING_CONVENTION

SessionFactory = Callable[[], Session]

# `session.connection(execution_options=READ_ONLY)` before a session's first statement: a
# transaction that only reads (a CSV export's cursor). SQLite then takes no write lock for it.
READ_ONLY: dict[str, Any] = {"cairn_read_only": True}


def create_db_engine(settings: Settings, url: str | None = None) -> Engine:
    """The engine. Bound parameters never appear in its errors or logs (`hide_parameters`:
    they hold client names and notes); a connection the server dropped is replaced at the
    next checkout (`pool_pre_ping`), so the API recovers from an outage without a restart."""
    url = url or settings.database_url
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    return create_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_pre_ping=True,
        pool_recycle=1800,
        hide_parameters=True,
    )


def _sqlite_engine(url: str) -> Engine:
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, open transactions (savepoints work then).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Every request writes (at least its audit event), so take the write
        # lock up front: a deferred transaction that upgrades later can fail
        # with "database is locked" regardless of the busy timeout. A READ_ONLY transaction
        # takes no lock up front (in WAL mode it reads its snapshot while others commit),
        # so a long export does not hold up every writer, its own audit events included.
        read_only = connection.get_execution_options().get("cairn_read_only", False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def session_factory_for(engine: Engine) -> SessionFactory:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


def affected_rows(result: Result[*tuple[Any, ...]]) -> int:
    """Rows touched by an UPDATE or DELETE executed through a session."""
    return int(cast(CursorResult[*tuple[Any, ...]], result).rowcount)


def lookup(session: Session, key: Any, value: Any, ids: set[Any]) -> dict[Any, Any]:
    """`{key: value}` for these ids in one query (names and labels of rows shown in lists)."""
    if not ids:
        return {}
    rows = session.execute(select(key, value).where(key.in_(ids))).all()
    return {row[0]: row[1] for row in rows}


# SQLSTATEs that mean "no database to talk to right now", not "this statement is wrong":
# class 08 (connection exception), 53300 too_many_connections, and 57P01..57P03 (the
# server is shutting down, crashed, or still starting). PostgreSQL Appendix A.
_UNAVAILABLE_SQLSTATES = ("08", "53300", "57P01", "57P02", "57P03")
# SQLite has no codes in its Python errors; these messages mean the file cannot be used now.
_SQLITE_UNAVAILABLE = ("database is locked", "unable to open database file", "disk i/o error")


def is_unavailable(exc: BaseException) -> bool:
    """True when `exc` means the database cannot be reached right now (refused, lost mid-request,
    pool exhausted, server restarting), so a retry later can succeed (503); False for errors a
    retry would repeat, such as a syntax error or a constraint (500 or 409)."""
    if isinstance(exc, DisconnectionError | PoolTimeout):
        return True
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    if exc.connection_invalidated:
        return True
    original = exc.orig
    if isinstance(original, sqlite3.Error):
        return any(text in str(original).lower() for text in _SQLITE_UNAVAILABLE)
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate is None:
        # psycopg gives no SQLSTATE when no server answered: refused, reset, timed out.
        return True
    return str(sqlstate).startswith(_UNAVAILABLE_SQLSTATES)
