"""schedule local anchors

Check-in schedules keep a local wall-clock anchor and the zone it is meant in; the
practice gets a row version for If-Match on PATCH /organization.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.types  # noqa: F401

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('version', sa.Integer(), nullable=False, server_default='1')
        )
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.alter_column('version', server_default=None)

    with op.batch_alter_table('check_in_schedules', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'time_zone',
                sqlmodel.sql.sqltypes.AutoString(length=64),
                nullable=False,
                server_default='America/New_York',
            )
        )
        batch_op.add_column(sa.Column('next_due_local', sa.DateTime(), nullable=True))
    _anchor_existing_schedules()
    with op.batch_alter_table('check_in_schedules', schema=None) as batch_op:
        batch_op.alter_column('time_zone', server_default=None)
        batch_op.alter_column('next_due_local', existing_type=sa.DateTime(), nullable=False)


def _anchor_existing_schedules() -> None:
    """Each schedule runs in its case's zone, else its practice's; its current due time,
    read on that zone's clock, becomes its anchor."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            'SELECT s.id, s.next_due_at, COALESCE(c.time_zone, o.time_zone) '
            'FROM check_in_schedules s '
            'JOIN cases c ON c.id = s.case_id '
            'JOIN organizations o ON o.id = c.organization_id'
        )
    ).all()
    update = sa.text(
        'UPDATE check_in_schedules SET time_zone = :zone, next_due_local = :local WHERE id = :id'
    ).bindparams(sa.bindparam('local', type_=sa.DateTime()))
    for schedule_id, due, zone_name in rows:
        if isinstance(due, str):  # SQLite hands back text
            due = datetime.fromisoformat(due)
        due = due.replace(tzinfo=UTC) if due.tzinfo is None else due
        local = due.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None)
        bind.execute(update, {'zone': zone_name, 'local': local, 'id': schedule_id})


def downgrade() -> None:
    with op.batch_alter_table('check_in_schedules', schema=None) as batch_op:
        batch_op.drop_column('next_due_local')
        batch_op.drop_column('time_zone')
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_column('version')
