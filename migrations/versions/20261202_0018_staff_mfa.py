"""staff mfa: TOTP second factor, recovery codes, organisation policy

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.types

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "organizations",
        sa.Column("require_mfa", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_table(
        "staff_mfa",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("secret_sealed", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("confirmed_at", api.core.types.UTCDateTime(), nullable=True),
        sa.Column("last_used_step", sa.Integer(), nullable=True),
        sa.Column("created_at", api.core.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", api.core.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_staff_mfa_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_staff_mfa_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_staff_mfa")),
    )
    op.create_index(
        op.f("ix_staff_mfa_organization_id"), "staff_mfa", ["organization_id"], unique=False
    )
    op.create_table(
        "staff_mfa_recovery_codes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("code_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", api.core.types.UTCDateTime(), nullable=False),
        sa.Column("used_at", api.core.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_staff_mfa_recovery_codes_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_staff_mfa_recovery_codes_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_mfa_recovery_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_staff_mfa_recovery_codes_code_hash")),
    )
    op.create_index(
        op.f("ix_staff_mfa_recovery_codes_organization_id"),
        "staff_mfa_recovery_codes",
        ["organization_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_staff_mfa_recovery_codes_user_id"),
        "staff_mfa_recovery_codes",
        ["user_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_staff_mfa_recovery_codes_user_id"), table_name="staff_mfa_recovery_codes"
    )
    op.drop_index(
        op.f("ix_staff_mfa_recovery_codes_organization_id"),
        table_name="staff_mfa_recovery_codes",
    )
    op.drop_table("staff_mfa_recovery_codes")
    op.drop_index(op.f("ix_staff_mfa_organization_id"), table_name="staff_mfa")
    op.drop_table("staff_mfa")
    op.drop_column("organizations", "require_mfa")
