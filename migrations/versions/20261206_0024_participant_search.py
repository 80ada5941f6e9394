"""participant search

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02 17:00:00

Participants get `search_key` (their name and phone normalised by `api.core.search`,
the phone also with and without the North American country code), so the caseload
search finds the spouse or parent who calls. Kept current by the ORM on every write
and filled here for existing rows; a pg_trgm GIN index on PostgreSQL, an ordinary
index of the same name on SQLite (as migration 0011).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.core.search import search_key

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _phone_forms(phone: str | None) -> tuple[str | None, ...]:
    # As api.participants.models.phone_search_forms at this revision.
    if not phone:
        return ()
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        return (phone, digits[1:])
    if len(digits) == 10:
        return (phone, f"1{digits}")
    return (phone,)


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_key", sa.Text(), nullable=False, server_default=""))
    rows = sa.table(
        "participants",
        sa.column("id", sa.Uuid()),
        sa.column("full_name", sa.String()),
        sa.column("phone", sa.String()),
        sa.column("search_key", sa.Text()),
    )
    selected = bind.execute(sa.select(rows.c.id, rows.c.full_name, rows.c.phone)).all()
    if selected:
        bind.execute(
            rows.update()
            .where(rows.c.id == sa.bindparam("row_id"))
            .values(search_key=sa.bindparam("key")),
            [
                {"row_id": row_id, "key": search_key(name, *_phone_forms(phone))}
                for row_id, name, phone in selected
            ],
        )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.alter_column("search_key", server_default=None)
        batch_op.create_index(
            "ix_participants_search_key",
            ["search_key"],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={"search_key": "gin_trgm_ops"},
        )


def downgrade() -> None:
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index("ix_participants_search_key")
        batch_op.drop_column("search_key")
