"""search keys

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 17:00:00

Cases, users and treatment centers get `search_key`: their searchable fields
normalised by `api.core.search` (case, accents, apostrophes and dashes folded
away), kept current by the ORM on every write and filled here for existing rows.
On PostgreSQL a pg_trgm GIN index serves `search_key LIKE '%…%'`; SQLite gets an
ordinary index of the same name (it cannot serve such a LIKE; SQLite scans).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.core.search import search_key

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The fields each key is made of, as of this revision (the models' keep_search_key).
SOURCES: dict[str, tuple[str, ...]] = {
    'cases': ('client_first_name', 'client_last_name', 'client_preferred_name', 'reference'),
    'users': ('full_name', 'email'),
    'treatment_centers': ('name', 'city'),
}


def _key(table: str, row: sa.Row[tuple[object, ...]]) -> str:
    if table == 'cases':
        first, last, preferred, reference = row[1:]
        return search_key(f'{first} {last}', preferred and f'{preferred} {last}', reference)
    return search_key(*row[1:])


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    for table, fields in SOURCES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('search_key', sa.Text(), nullable=False, server_default='')
            )
        rows = sa.table(table, sa.column('id', sa.Uuid()), sa.column('search_key', sa.Text()))
        sources = [sa.column(field) for field in fields]
        selected = bind.execute(sa.select(rows.c.id, *sources).select_from(rows)).all()
        if selected:
            bind.execute(
                rows.update()
                .where(rows.c.id == sa.bindparam('row_id'))
                .values(search_key=sa.bindparam('key')),
                [{'row_id': row[0], 'key': _key(table, row)} for row in selected],
            )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('search_key', server_default=None)
            batch_op.create_index(
                f'ix_{table}_search_key',
                ['search_key'],
                unique=False,
                postgresql_using='gin',
                postgresql_ops={'search_key': 'gin_trgm_ops'},
            )


def downgrade() -> None:
    # pg_trgm stays installed: dropping an extension may break other users of the database.
    for table in reversed(SOURCES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_search_key')
            batch_op.drop_column('search_key')
