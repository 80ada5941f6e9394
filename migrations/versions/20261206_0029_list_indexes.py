"""list indexes

Indexes that let each list read one page however large its table (issue 15): the alert
list's order (severity rank, newest first) within a practice, with and without a status
filter; the referral list's order (newest change first) within a practice, with and
without a status; the work queue's order (soonest due, undated last) within a practice;
the resource directory's order (by name).

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-06 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Spelled exactly as api.alerts.models.severity_rank() renders it, so the planner matches it.
SEVERITY_RANK = (
    "(CASE WHEN (severity = 'critical') THEN 4 WHEN (severity = 'high') THEN 3 "
    "WHEN (severity = 'moderate') THEN 2 WHEN (severity = 'low') THEN 1 ELSE 0 END)"
)


# As api.tasks.models.due_order() renders it on each database.
NO_DUE_DATE = {
    "postgresql": "'9999-12-31 00:00:00+00'::timestamptz",
    "sqlite": "'9999-12-31 00:00:00.000000'",
}


def upgrade() -> None:
    no_due_date = NO_DUE_DATE[op.get_bind().dialect.name]
    op.create_index(
        "ix_tasks_org_due",
        "tasks",
        ["organization_id", sa.text(f"coalesce(due_at, {no_due_date})"), "id"],
    )
    op.create_index(
        "ix_alerts_org_rank",
        "alerts",
        ["organization_id", sa.text(SEVERITY_RANK), "created_at", "id"],
    )
    op.create_index(
        "ix_alerts_org_status_rank",
        "alerts",
        ["organization_id", "status", sa.text(SEVERITY_RANK), "created_at", "id"],
    )
    op.create_index(
        "ix_referrals_org_updated", "referrals", ["organization_id", "updated_at", "id"]
    )
    op.create_index(
        "ix_referrals_org_status_updated",
        "referrals",
        ["organization_id", "status", "updated_at", "id"],
    )
    op.create_index("ix_resources_org_name", "resources", ["organization_id", "name", "id"])


def downgrade() -> None:
    op.drop_index("ix_tasks_org_due", table_name="tasks")
    op.drop_index("ix_resources_org_name", table_name="resources")
    op.drop_index("ix_referrals_org_status_updated", table_name="referrals")
    op.drop_index("ix_referrals_org_updated", table_name="referrals")
    op.drop_index("ix_alerts_org_status_rank", table_name="alerts")
    op.drop_index("ix_alerts_org_rank", table_name="alerts")
