"""rectification records (整改台账) of shortfall findings

Revision ID: 0015_remedies
Revises: 0013_holdings
Create Date: 2026-12-06 23:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ledger.models.base

revision = "0015_remedies"
down_revision = "0013_holdings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "remedies",
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("rule_id", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("set_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("open", "overdue", "done", name="remedystatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by", sa.String(length=50), nullable=False),
        sa.Column("created_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_remedies_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_remedies")),
        sa.UniqueConstraint(
            "unit_id", "rule_id", "subject", name=op.f("uq_remedies_unit_id_rule_id_subject")
        ),
    )
    with op.batch_alter_table("remedies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_remedies_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("remedies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_remedies_unit_id"))
    op.drop_table("remedies")
