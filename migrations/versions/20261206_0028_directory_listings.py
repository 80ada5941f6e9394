"""directory listings: withdrawal-management levels, listing fields, the end of `mat`

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-06 14:05:36

Treatment centers and resources gain what a referrer needs from public listings (SAMHSA's
treatment locator, HSDS directories): external id and source (unique per organisation and
source), latitude/longitude (with an index for the distance search's bounding box), intake
and hotline phones with extensions, payment accepted, accreditation, the medications for
opioid use disorder offered, telehealth, the genders accepted; centers gain `languages`
and resources `populations`.

A referral's `level_of_care` widens to 8 characters for `3.2-WM`, `3.7-WM` (the new ASAM
withdrawal-management levels, api/plans/models.py).

The single `mat` service ("offers medication-assisted treatment", which medications not
said) becomes `opioid_medications: ["unspecified"]`: the center keeps saying it offers
medications, and is not said to offer one nobody recorded. Downgrading puts `mat` back for
any center that lists an opioid medication.
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0028'
down_revision: str | None = '0027'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ('treatment_centers', 'resources')
LISTS = ('payment_accepted', 'accreditation', 'opioid_medications', 'genders_accepted')
EXTRA_LIST = {'treatment_centers': 'languages', 'resources': 'populations'}


def _listing_columns(table: str) -> list[sa.Column]:  # type: ignore[type-arg]
    lists = (*LISTS, EXTRA_LIST[table])
    return [
        sa.Column('external_source', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column('external_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column('latitude', sa.Float(), nullable=True),
        sa.Column('longitude', sa.Float(), nullable=True),
        sa.Column('intake_phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column(
            'intake_phone_extension', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True
        ),
        sa.Column('hotline_phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column(
            'hotline_phone_extension', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True
        ),
        sa.Column('telehealth', sa.Boolean(), nullable=True),
        # The server default fills existing rows; the model always writes a list itself.
        *(sa.Column(name, sa.JSON(), nullable=False, server_default='[]') for name in lists),
    ]


def upgrade() -> None:
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.alter_column(
            'level_of_care',
            existing_type=sa.VARCHAR(length=5),
            type_=sqlmodel.sql.sqltypes.AutoString(length=8),
            existing_nullable=False,
        )
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in _listing_columns(table):
                batch_op.add_column(column)
            batch_op.create_index(
                f'ix_{table}_org_lat_lon', ['organization_id', 'latitude', 'longitude'], unique=False
            )
            batch_op.create_unique_constraint(
                f'uq_{table}_external_id', ['organization_id', 'external_source', 'external_id']
            )
        # Drop the server defaults again, so the schema matches the models (`alembic check`).
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in (*LISTS, EXTRA_LIST[table]):
                batch_op.alter_column(name, existing_type=sa.JSON(), server_default=None)
    _move_mat(upgrade=True)


def _move_mat(*, upgrade: bool) -> None:
    centers = sa.table(
        'treatment_centers',
        sa.column('id', sa.Uuid()),
        sa.column('services', sa.JSON()),
        sa.column('opioid_medications', sa.JSON()),
    )
    bind = op.get_bind()
    for row in bind.execute(sa.select(centers.c.id, centers.c.services, centers.c.opioid_medications)):
        services = row.services if isinstance(row.services, list) else json.loads(row.services or '[]')
        if upgrade and 'mat' in services:
            bind.execute(
                centers.update()
                .where(centers.c.id == row.id)
                .values(
                    services=[s for s in services if s != 'mat'], opioid_medications=['unspecified']
                )
            )
        if not upgrade and row.opioid_medications and 'mat' not in services:
            bind.execute(
                centers.update().where(centers.c.id == row.id).values(services=[*services, 'mat'])
            )


def downgrade() -> None:
    _move_mat(upgrade=False)
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f'uq_{table}_external_id', type_='unique')
            batch_op.drop_index(f'ix_{table}_org_lat_lon')
            for column in reversed(_listing_columns(table)):
                batch_op.drop_column(column.name)
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.alter_column(
            'level_of_care',
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=8),
            type_=sa.VARCHAR(length=5),
            existing_nullable=False,
        )
