"""whose training a record is (培训对象); an office's mapping of items to equipment entries

Revision ID: 0013_holdings
Revises: 0012_street_level
Create Date: 2026-12-06 23:30:00.000000

Existing records linked to a team member are the member's; the others were entered for a
person by name (the office's staff, as the 应急管理员 trainings are).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ledger.models.base

revision = "0013_holdings"
down_revision = "0012_street_level"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "trainee",
                sa.Enum("staff", "member", "other", name="trainee", native_enum=False,
                        create_constraint=False, length=32),
                server_default="staff",
                nullable=False,
            )
        )  # fmt: skip
    op.execute("UPDATE trainings SET trainee = 'member' WHERE member_id IS NOT NULL")
    op.create_table(
        "equipment_mappings",
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("profile_id", sa.String(length=64), nullable=False),
        sa.Column("rule_id", sa.String(length=64), nullable=False),
        sa.Column("entry", sa.String(length=100), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_equipment_mappings_item_id_items")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_equipment_mappings_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equipment_mappings")),
        sa.UniqueConstraint(
            "unit_id", "profile_id", "rule_id", "entry", "item_id",
            name=op.f("uq_equipment_mappings_unit_id_profile_id_rule_id_entry_item_id"),
        ),
    )  # fmt: skip


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("equipment_mappings")
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.drop_column("trainee")
