"""indexes for the stock card and the stock view (issue 3)

Revision ID: 0010_card_indexes
Revises: 0008_merge
Create Date: 2026-11-26 01:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_card_indexes"
down_revision = "0008_merge"
branch_labels = None
depends_on = None

HELD = sa.text("quantity != 0")


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("movements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_movements_card",
            ["depot_id", "item_id", "occurred_on", "seq", "quantity"],
            unique=False,
        )
    with op.batch_alter_table("balances", schema=None) as batch_op:
        batch_op.create_index(
            "ix_balances_held",
            ["depot_id", "item_id", "lot"],
            unique=False,
            sqlite_where=HELD,
            postgresql_where=HELD,
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("balances", schema=None) as batch_op:
        batch_op.drop_index("ix_balances_held")
    with op.batch_alter_table("movements", schema=None) as batch_op:
        batch_op.drop_index("ix_movements_card")
