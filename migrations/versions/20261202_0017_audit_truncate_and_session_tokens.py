"""audit truncate and session tokens

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
import sqlmodel  # noqa: F401
from alembic import op  # noqa: F401

import api.core.types  # noqa: F401

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Revision 0001 refuses UPDATE and DELETE row by row; TRUNCATE fires no row trigger,
# so it needs a statement trigger of its own (the same function raises for any TG_OP).
# Sessions need no schema change: an access token's `sid` is its refresh-token family,
# already indexed (ix_refresh_tokens_family_id).
AUDIT_NO_TRUNCATE = """
CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(AUDIT_NO_TRUNCATE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
