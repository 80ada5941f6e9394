"""A check-in records whether a schedule asked for it (check_ins.on_schedule).

The reports' check-in adherence counts, as received, only check-ins sent while a
schedule for that respondent existed. Worked out per report, that was a correlated
EXISTS over every check-in of the window, about 90 ms of a 10k-case practice's
summary; stored, it is counted per schedule from the case's index alone.
Kept current by api/checkins/schedules.py (`refresh_on_schedule`).

Revision ID: 0031
Revises: 0029
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0031"
down_revision: str | None = "0029"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("check_ins") as batch:
        batch.add_column(
            sa.Column("on_schedule", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute(
        """
        UPDATE check_ins SET on_schedule = EXISTS (
            SELECT 1 FROM check_in_schedules AS s
            WHERE s.case_id = check_ins.case_id
              AND (s.respondent_participant_id = check_ins.respondent_participant_id
                   OR (s.respondent_participant_id IS NULL
                       AND check_ins.respondent_participant_id IS NULL))
              AND s.created_at <= check_ins.submitted_at
        )
        """
    )
    # The reports count per schedule from the case's index alone.
    op.drop_index("ix_check_ins_case_submitted", table_name="check_ins")
    op.create_index(
        "ix_check_ins_case_submitted",
        "check_ins",
        ["case_id", "submitted_at", "id", "respondent_participant_id", "on_schedule"],
    )


def downgrade() -> None:
    op.drop_index("ix_check_ins_case_submitted", table_name="check_ins")
    op.create_index("ix_check_ins_case_submitted", "check_ins", ["case_id", "submitted_at", "id"])
    with op.batch_alter_table("check_ins") as batch:
        batch.drop_column("on_schedule")
