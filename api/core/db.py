"""Engine, metadata and sessions.

The transaction of a request is owned by `api.core.routing.TransactionalRoute`:
it opens the session, commits before the response is sent, and rolls back when
the handler raises. Services only `flush()`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, MetaData, Result, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker
from sqlmodel import SQLModel

from api.core.config import Settings
from api.core.types import NAMING_CONVENTION  # noqa: F401  (sets constraint names)

metadata: MetaData = SQLModel.metadata  # named by api.core.types.NAMING_CONVENTION

SessionFactory = Callable[[], Session]


def create_db_engine(settings: Settings, url: str | None = None) -> Engine:
    url = url or settings.database_url
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    return create_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


def _sqlite_engine(url: str) -> Engine:
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

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
        # with "database is locked" regardless of the busy timeout.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

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
