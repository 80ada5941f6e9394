"""aftercare: the plan, its follow-ups and revisions; a draft referral may wait for consent

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.types

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('aftercare_plans',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('started_at', api.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('relapse_prevention', sa.JSON(), nullable=False),
    sa.Column('emergency_contacts', sa.JSON(), nullable=False),
    sa.Column('resources', sa.JSON(), nullable=False),
    sa.Column('sober_living', sa.JSON(), nullable=True),
    sa.Column('outpatient', sa.JSON(), nullable=True),
    sa.Column('medication', sa.JSON(), nullable=True),
    sa.Column('family_support', sa.JSON(), nullable=False),
    sa.Column('escalation_agreement', sa.JSON(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('escalated_at', api.core.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', api.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', api.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_aftercare_plans_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_aftercare_plans_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aftercare_plans')),
    sa.UniqueConstraint('case_id', name=op.f('uq_aftercare_plans_case_id'))
    )
    op.create_table('aftercare_revisions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('change', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('author_id', sa.Uuid(), nullable=True),
    sa.Column('at', api.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_aftercare_revisions_author_id_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['aftercare_plans.id'], name=op.f('fk_aftercare_revisions_plan_id_aftercare_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aftercare_revisions'))
    )
    with op.batch_alter_table('aftercare_revisions', schema=None) as batch_op:
        batch_op.create_index('ix_aftercare_revisions_plan_version', ['plan_id', 'version', 'id'], unique=False)

    op.create_table('aftercare_follow_ups',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('due_at', api.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('assigned_to_id', sa.Uuid(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('outcome_note', sa.Text(), nullable=True),
    sa.Column('completed_at', api.core.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('completed_by_id', sa.Uuid(), nullable=True),
    sa.Column('task_id', sa.Uuid(), nullable=True),
    sa.Column('alerted_at', api.core.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', api.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', api.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['users.id'], name=op.f('fk_aftercare_follow_ups_assigned_to_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_aftercare_follow_ups_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['completed_by_id'], ['users.id'], name=op.f('fk_aftercare_follow_ups_completed_by_id_users')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_aftercare_follow_ups_organization_id_organizations')),
    sa.ForeignKeyConstraint(['plan_id'], ['aftercare_plans.id'], name=op.f('fk_aftercare_follow_ups_plan_id_aftercare_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_aftercare_follow_ups_task_id_tasks'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aftercare_follow_ups'))
    )
    with op.batch_alter_table('aftercare_follow_ups', schema=None) as batch_op:
        batch_op.create_index('ix_aftercare_follow_ups_plan_due', ['plan_id', 'due_at', 'id'], unique=False)
        batch_op.create_index('ix_aftercare_follow_ups_status_due', ['status', 'due_at'], unique=False)

    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.alter_column('consent_id',
               existing_type=sa.Uuid(),
               nullable=True)


def downgrade() -> None:
    # Drafts made by an escalation without a consent cannot survive the old constraint.
    op.execute("DELETE FROM referrals WHERE consent_id IS NULL")
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.alter_column('consent_id',
               existing_type=sa.Uuid(),
               nullable=False)

    with op.batch_alter_table('aftercare_follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_aftercare_follow_ups_status_due')
        batch_op.drop_index('ix_aftercare_follow_ups_plan_due')

    op.drop_table('aftercare_follow_ups')
    with op.batch_alter_table('aftercare_revisions', schema=None) as batch_op:
        batch_op.drop_index('ix_aftercare_revisions_plan_version')

    op.drop_table('aftercare_revisions')
    op.drop_table('aftercare_plans')
