"""resources: the practice's directory of continued support

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.types

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('resources',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('audience', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('fellowship', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('format', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('address_line', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('city', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('region', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('postal_code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
    sa.Column('online_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('phone_extension', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=True),
    sa.Column('website', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('time_zone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('meetings', sa.JSON(), nullable=False),
    sa.Column('schedule_note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('cost', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', api.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', api.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('search_key', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_resources_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resources'))
    )
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resources_organization_id'), ['organization_id'], unique=False)
        # pg_trgm is installed by migration 0011; SQLite gets an ordinary index.
        batch_op.create_index(
            'ix_resources_search_key',
            ['search_key'],
            unique=False,
            postgresql_using='gin',
            postgresql_ops={'search_key': 'gin_trgm_ops'},
        )


def downgrade() -> None:
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.drop_index('ix_resources_search_key')
        batch_op.drop_index(batch_op.f('ix_resources_organization_id'))
    op.drop_table('resources')
