"""user search key holds names only

A user's search key held the e-mail address as well, so `GET /colleagues?q=`,
open to every staff member, matched on addresses it deliberately does not show.
The key now holds the full name; the admins' user list matches e-mail addresses
on the `email` column itself.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06 10:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.core.search import search_key

revision: str = '0026'
down_revision: str | None = '0025'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

users = sa.table(
    'users',
    sa.column('id', sa.Uuid()),
    sa.column('full_name', sa.String()),
    sa.column('email', sa.String()),
    sa.column('search_key', sa.Text()),
)


def _rekey(*fields: str) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(users.c.id, *(users.c[f] for f in fields))).all()
    if rows:
        bind.execute(
            users.update()
            .where(users.c.id == sa.bindparam('row_id'))
            .values(search_key=sa.bindparam('key')),
            [{'row_id': row[0], 'key': search_key(*row[1:])} for row in rows],
        )


def upgrade() -> None:
    _rekey('full_name')


def downgrade() -> None:
    _rekey('full_name', 'email')
