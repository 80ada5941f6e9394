"""Test harness.

The schema comes from `alembic upgrade head` on a fresh database (SQLite by
default; a new PostgreSQL database when CAIRN_TEST_DATABASE_URL is set). Each
test runs inside one outer transaction that is rolled back; the app's sessions
join it through savepoints, so their commits are real to the app and vanish
afterwards. Tests that need real commits across connections (concurrency on
PostgreSQL) use the `committed_app` fixture instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlalchemy.orm import Session, sessionmaker

from api.core.config import Settings
from api.core.db import create_db_engine
from api.core.migrations import upgrade_to_head
from api.main import create_app
from tests.factories import Factory
from tests.practice import Practice, build_practice

PG_URL = os.environ.get("CAIRN_TEST_DATABASE_URL")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PG_URL:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set CAIRN_TEST_DATABASE_URL")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not PG_URL:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'cairn-test.db'}"
        return
    name = f"cairn_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        env="test",
        database_url=database_url,
        secret_key="test-secret-" + "x" * 40,
        spa_dist=Path("/nonexistent"),
        login_ip_limit_per_minute=30,
        run_worker_in_process=False,
        log_level="WARNING",
    )


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Iterator[Engine]:
    engine = create_db_engine(settings)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def app(settings: Settings, engine: Engine) -> FastAPI:
    return create_app(settings, engine=engine)


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        outer = connection.begin()
        yield connection
        outer.rollback()


@pytest.fixture
def session_factory(connection: Connection) -> Callable[[], Session]:
    return sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )


@pytest.fixture
def client(app: FastAPI, session_factory: Callable[[], Session]) -> Iterator[TestClient]:
    app.state.session_factory = session_factory
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def db(session_factory: Callable[[], Session]) -> Iterator[Session]:
    """A session for arranging data and checking what the API wrote."""
    with session_factory() as session:
        yield session


@pytest.fixture
def make(db: Session, settings: Settings) -> Factory:
    return Factory(db, settings)


@pytest.fixture
def committed_app(settings: Settings, engine: Engine) -> Iterator[FastAPI]:
    """An app whose transactions really commit; every table is emptied afterwards."""
    yield create_app(settings, engine=engine)
    from api.core.db import metadata

    with engine.begin() as connection:
        tables = [t.name for t in reversed(metadata.sorted_tables)]
        if engine.dialect.name == "postgresql":
            # The audit log refuses TRUNCATE (append-only); the table's owner may lift
            # that for the length of this cleanup transaction only.
            connection.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
            connection.execute(text(f"TRUNCATE {', '.join(tables)} CASCADE"))
            connection.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))
        else:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))  # noqa: S608  (our own table names)


@pytest.fixture
def practice(make: Factory) -> Practice:
    return build_practice(make)
