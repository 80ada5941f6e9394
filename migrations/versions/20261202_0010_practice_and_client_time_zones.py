"""practice and client time zones

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 16:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'time_zone',
                sqlmodel.sql.sqltypes.AutoString(length=64),
                nullable=False,
                server_default='America/New_York',
            )
        )
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.alter_column('time_zone', server_default=None)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('time_zone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('time_zone')
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_column('time_zone')
