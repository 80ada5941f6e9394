"""plan review

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
import sqlmodel  # noqa: F401
from alembic import op  # noqa: F401

import api.core.types  # noqa: F401

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch "recreate"): on SQLite, rebuilding intervention_plans with
    # foreign keys on would cascade to its revisions.
    op.add_column(
        'intervention_plans',
        sa.Column('returned_at', api.core.types.UTCDateTime(timezone=True), nullable=True),
    )
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite adds a column with an inline REFERENCES clause in place (no constraint ALTER).
        op.execute(
            'ALTER TABLE intervention_plans ADD COLUMN returned_by_id CHAR(32) REFERENCES users (id)'
        )
    else:
        op.add_column('intervention_plans', sa.Column('returned_by_id', sa.Uuid(), nullable=True))
        op.create_foreign_key(
            'intervention_plans_returned_by_id_fkey',
            'intervention_plans',
            'users',
            ['returned_by_id'],
            ['id'],
        )
    op.add_column('intervention_plans', sa.Column('return_comment', sa.Text(), nullable=True))
    op.create_index(
        'ix_intervention_plans_org_status',
        'intervention_plans',
        ['organization_id', 'status', 'submitted_at'],
    )
    op.add_column('plan_revisions', sa.Column('comment', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('plan_revisions', recreate='never') as batch_op:
        batch_op.drop_column('comment')
    op.drop_index('ix_intervention_plans_org_status', table_name='intervention_plans')
    with op.batch_alter_table('intervention_plans', recreate='never') as batch_op:
        batch_op.drop_column('return_comment')
        batch_op.drop_column('returned_by_id')
        batch_op.drop_column('returned_at')
