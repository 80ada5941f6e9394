"""task anchors

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
import sqlmodel  # noqa: F401
from alembic import op  # noqa: F401

import api.core.types  # noqa: F401

revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('tasks', sa.Column('template_day', sa.Integer(), nullable=True))
    op.add_column('tasks', sa.Column('template_anchor_day', sa.Integer(), nullable=True))
    op.add_column(
        'tasks',
        sa.Column('due_set_by_hand', sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table('tasks', recreate='never') as batch_op:
        batch_op.drop_column('due_set_by_hand')
        batch_op.drop_column('template_anchor_day')
        batch_op.drop_column('template_day')
