"""accounts: users, a keeper's depots and an office's home units

Revision ID: 0005_users
Revises: 0002
Create Date: 2026-11-26 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ledger.models.base

revision = "0005_users"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "users",
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column("display_name", sa.String(length=50), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin", "office", "keeper", "viewer", name="role", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", ledger.models.base.UTCDateTime(), nullable=True),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("last_login_at", ledger.models.base.UTCDateTime(), nullable=True),
        sa.Column("created_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "user_units",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_user_units_unit_id_org_units")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_units_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_units")),
        sa.UniqueConstraint("user_id", "unit_id", name=op.f("uq_user_units_user_id_unit_id")),
    )
    with op.batch_alter_table("user_units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_units_user_id"), ["user_id"], unique=False)

    op.create_table(
        "user_depots",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("depot_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["depot_id"], ["depots.id"], name=op.f("fk_user_depots_depot_id_depots")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_depots_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_depots")),
        sa.UniqueConstraint("user_id", "depot_id", name=op.f("uq_user_depots_user_id_depot_id")),
    )
    with op.batch_alter_table("user_depots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_depots_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("user_depots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_depots_user_id"))
    op.drop_table("user_depots")
    with op.batch_alter_table("user_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_units_user_id"))
    op.drop_table("user_units")
    op.drop_table("users")
