"""indexes for the shortfall check: lots by expiry, movements after a date (issue 4)

Revision ID: 0009_check_indexes
Revises: 0008_merge
Create Date: 2026-11-26 02:05:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_check_indexes"
down_revision = "0008_merge"
branch_labels = None
depends_on = None

HELD = sa.text("quantity != 0")


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("movements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_movements_check",
            ["occurred_on", "depot_id", "item_id", "lot", "expiry", "quantity"],
            unique=False,
        )
    with op.batch_alter_table("balances", schema=None) as batch_op:
        batch_op.create_index(
            "ix_balances_expiry",
            ["expiry"],
            unique=False,
            sqlite_where=HELD,
            postgresql_where=HELD,
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("balances", schema=None) as batch_op:
        batch_op.drop_index("ix_balances_expiry")
    with op.batch_alter_table("movements", schema=None) as batch_op:
        batch_op.drop_index("ix_movements_check")
