"""phone extensions

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 17:00:00

Every stored phone gets its extension as a separate column, and a phone that carries one
written in its text (`(555) 555-0142 ext. 12`, `608-555-0100 x11`, `+1 555 0100 #7`) is
split into the two. The rule is copied here rather than imported, so this revision keeps
meaning what it meant when the application's parser (api/core/contact.py) changes.
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.types  # noqa: F401

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, phone column, extension column)
PHONES = (
    ('cases', 'client_phone', 'client_phone_extension'),
    ('participants', 'phone', 'phone_extension'),
    ('treatment_centers', 'phone', 'phone_extension'),
)
EXTENSION = re.compile(
    r"\s*(?:,|;\s*ext\s*=|\#|x|ext(?:ension|n)?\s*[.:]?)\s*(?P<digits>[0-9]{1,10})\s*$",
    re.IGNORECASE,
)
NUMBER = re.compile(r"^\+?[0-9 ().\-]+$")


def _split(text: str) -> tuple[str, str] | None:
    """The number and extension of a phone written with one; None if it has none
    (or if what is left would not be a number: then the text stays as it was)."""
    written = EXTENSION.search(text)
    if written is None:
        return None
    number = text[: written.start()].strip()
    if not NUMBER.match(number) or not 7 <= sum(ch.isdigit() for ch in number) <= 15:
        return None
    return number, written['digits']


def upgrade() -> None:
    for table, phone, extension in PHONES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(extension, sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True)
            )
    bind = op.get_bind()
    for table, phone, extension in PHONES:
        rows = sa.table(table, sa.column('id'), sa.column(phone), sa.column(extension))
        found = bind.execute(
            sa.select(rows.c.id, rows.c[phone]).where(rows.c[phone].is_not(None))
        ).all()
        for row_id, text in found:
            parts = _split(text)
            if parts is not None:
                bind.execute(
                    rows.update()
                    .where(rows.c.id == row_id)
                    .values({phone: parts[0], extension: parts[1]})
                )


def downgrade() -> None:
    # Written back into the number when it fits the column (40), else dropped.
    bind = op.get_bind()
    for table, phone, extension in PHONES:
        rows = sa.table(table, sa.column('id'), sa.column(phone), sa.column(extension))
        found = bind.execute(
            sa.select(rows.c.id, rows.c[phone], rows.c[extension]).where(
                rows.c[phone].is_not(None), rows.c[extension].is_not(None)
            )
        ).all()
        for row_id, number, digits in found:
            combined = f'{number} x{digits}'
            if len(combined) <= 40:
                bind.execute(rows.update().where(rows.c.id == row_id).values({phone: combined}))
    # SQLite (3.35+) drops a plain column in place. A batch "recreate" would drop and rebuild
    # these tables, and with foreign keys on, dropping `cases` cascades to its participants.
    for table, phone, extension in reversed(PHONES):
        with op.batch_alter_table(table, schema=None, recreate='never') as batch_op:
            batch_op.drop_column(extension)
