"""goal targets for FHIR: ranges, qualitative targets, all of FHIR's status codes

A goal's target may now be a range (`target_low` to `target_high`) or qualitative
(no number; `target_text` says it in words), so `target_value`, `direction` and `unit`
become optional. The lifecycle and achievement codes grow to FHIR Goal's full value sets;
they are strings, so no data changes.

Revision ID: 0027
Revises: 0030
Create Date: 2026-12-06 14:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0027'
down_revision: str | None = '0030'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_low', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('target_high', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('target_text', sa.String(length=500), nullable=True))
        batch_op.alter_column('unit', existing_type=sa.String(length=40), nullable=True)
        batch_op.alter_column('target_value', existing_type=sa.Float(), nullable=True)
        batch_op.alter_column('direction', existing_type=sa.String(length=10), nullable=True)


def downgrade() -> None:
    # Ranges and qualitative goals have no threshold to fall back to: they become "at least
    # their low end" (or 0), which the old schema can hold.
    op.execute(
        "UPDATE goals SET target_value = COALESCE(target_low, target_high, 0), "
        "direction = CASE WHEN target_low IS NULL AND target_high IS NOT NULL "
        "THEN 'at_most' ELSE 'at_least' END WHERE target_value IS NULL"
    )
    op.execute("UPDATE goals SET unit = '' WHERE unit IS NULL")
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.alter_column('direction', existing_type=sa.String(length=10), nullable=False)
        batch_op.alter_column('target_value', existing_type=sa.Float(), nullable=False)
        batch_op.alter_column('unit', existing_type=sa.String(length=40), nullable=False)
        batch_op.drop_column('target_text')
        batch_op.drop_column('target_high')
        batch_op.drop_column('target_low')
