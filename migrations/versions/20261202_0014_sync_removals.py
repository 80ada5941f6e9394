"""sync removals: tombstones for syncing devices, alerts.updated_at

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.types

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'sync_removals',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('organization_id', sa.Uuid(), nullable=False),
        sa.Column('resource_type', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('resource_id', sa.Uuid(), nullable=False),
        sa.Column('case_id', sa.Uuid(), nullable=False),
        sa.Column('user_id', sa.Uuid(), nullable=True),
        sa.Column('removed_at', api.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['organization_id'],
            ['organizations.id'],
            name=op.f('fk_sync_removals_organization_id_organizations'),
        ),
        sa.ForeignKeyConstraint(
            ['user_id'],
            ['users.id'],
            name=op.f('fk_sync_removals_user_id_users'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_removals')),
    )
    with op.batch_alter_table('sync_removals', schema=None) as batch_op:
        batch_op.create_index(
            'ix_sync_removals_case_type_at',
            ['case_id', 'resource_type', 'removed_at'],
            unique=False,
        )
        batch_op.create_index(
            'ix_sync_removals_org_type_at',
            ['organization_id', 'resource_type', 'removed_at'],
            unique=False,
        )

    # Alerts change when acknowledged; until now only created_at was kept. The last
    # change known of each existing alert is its acknowledgement, else its creation.
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('updated_at', api.core.types.UTCDateTime(timezone=True), nullable=True)
        )
    op.execute("UPDATE alerts SET updated_at = COALESCE(acknowledged_at, created_at)")
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.alter_column(
            'updated_at',
            existing_type=api.core.types.UTCDateTime(timezone=True),
            nullable=False,
        )
        batch_op.create_index(
            'ix_alerts_org_updated', ['organization_id', 'updated_at', 'id'], unique=False
        )

    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index(
            'ix_tasks_org_updated', ['organization_id', 'updated_at', 'id'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_tasks_org_updated')
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_index('ix_alerts_org_updated')
        batch_op.drop_column('updated_at')
    with op.batch_alter_table('sync_removals', schema=None) as batch_op:
        batch_op.drop_index('ix_sync_removals_org_type_at')
        batch_op.drop_index('ix_sync_removals_case_type_at')
    op.drop_table('sync_removals')
