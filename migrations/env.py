"""Alembic environment: the app's settings give the URL, its models the metadata.

A caller may pass an open connection in `config.attributes["connection"]`
(the test suite and `cairn migrate` do).
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Column, Connection

import api.models  # noqa: F401  (registers every table)
from api.core.config import get_settings
from api.core.db import create_db_engine, metadata

config = context.config


def include_object(
    obj: Any, _name: str | None, type_: str, _reflected: bool, _compare_to: Any
) -> bool:
    """Leaves expression indexes (ix_alerts_org_rank, ix_tasks_org_due …) out of `alembic
    check`: PostgreSQL gives them back respelled (casts added), so they would never compare
    equal. Their migration spells them as the models do; tests/core/test_list_plans.py
    proves PostgreSQL uses them."""
    if type_ == "index":
        return all(isinstance(expression, Column) for expression in obj.expressions)
    return True


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    settings = get_settings()
    url = config.get_main_option("sqlalchemy.url") or settings.database_url
    engine = create_db_engine(settings, url)
    with engine.connect() as connection:
        run_with(connection)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run `cairn migrate`.")
run_migrations_online()
