"""bam items and composites: heavy drinking days, work/school days, family conflict

The three Brief Addiction Monitor items the check-in lacked (items 5, 13, 15). The
composites are computed from the stored answers on read, so nothing else is stored.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
import sqlmodel  # noqa: F401
from alembic import op  # noqa: F401

import api.core.types  # noqa: F401

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('check_ins', schema=None) as batch_op:
        batch_op.add_column(sa.Column('heavy_drinking_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('work_school_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('family_conflict', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('check_ins', schema=None) as batch_op:
        batch_op.drop_column('family_conflict')
        batch_op.drop_column('work_school_days')
        batch_op.drop_column('heavy_drinking_days')
