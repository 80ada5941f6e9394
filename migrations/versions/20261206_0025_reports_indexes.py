"""reports indexes

Indexes for the reports' aggregate queries (api/reports), and `audit_events.details`
to record what an export covered (its filters).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0025'
down_revision: str | None = '0024'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('audit_events', sa.Column('details', sa.JSON(), nullable=True))
    op.create_index(
        'ix_check_ins_org_submitted',
        'check_ins',
        ['organization_id', 'submitted_at', 'respondent_participant_id'],
    )
    op.create_index('ix_cases_org_created', 'cases', ['organization_id', 'created_at', 'id'])
    op.create_index('ix_referrals_org_admitted', 'referrals', ['organization_id', 'admitted_at'])
    op.create_index(
        'ix_referrals_org_discharged', 'referrals', ['organization_id', 'discharged_at']
    )


def downgrade() -> None:
    op.drop_index('ix_referrals_org_discharged', table_name='referrals')
    op.drop_index('ix_referrals_org_admitted', table_name='referrals')
    op.drop_index('ix_cases_org_created', table_name='cases')
    op.drop_index('ix_check_ins_org_submitted', table_name='check_ins')
    op.drop_column('audit_events', 'details')
