"""period closes (月结/年结) and their closing balances

Revision ID: 0004_periods
Revises: 0002
Create Date: 2026-11-25 23:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ledger.models.base

revision = "0004_periods"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "period_closes",
        sa.Column("depot_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("closed_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("closed_by", sa.String(length=50), nullable=False),
        sa.Column("chain_seq", sa.Integer(), nullable=False),
        sa.Column("chain_hash", sa.String(length=64), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["depot_id"], ["depots.id"], name=op.f("fk_period_closes_depot_id_depots")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_closes")),
        sa.UniqueConstraint(
            "depot_id", "kind", "last_day", name=op.f("uq_period_closes_depot_id_kind_last_day")
        ),
    )
    with op.batch_alter_table("period_closes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_period_closes_depot_last_day", ["depot_id", "last_day"], unique=False
        )

    op.create_table(
        "closing_balances",
        sa.Column("close_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("lot", sa.String(length=50), nullable=False),
        sa.Column("expiry", sa.Date(), nullable=True),
        sa.Column("quantity", ledger.models.base.ScaledDecimal(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["close_id"],
            ["period_closes.id"],
            name=op.f("fk_closing_balances_close_id_period_closes"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_closing_balances_item_id_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closing_balances")),
        sa.UniqueConstraint(
            "close_id", "item_id", "lot", name=op.f("uq_closing_balances_close_id_item_id_lot")
        ),
    )
    with op.batch_alter_table("closing_balances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_closing_balances_item_id"), ["item_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("closing_balances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_closing_balances_item_id"))
    op.drop_table("closing_balances")
    with op.batch_alter_table("period_closes", schema=None) as batch_op:
        batch_op.drop_index("ix_period_closes_depot_last_day")
    op.drop_table("period_closes")
