"""merge the branches 0003-0007 into one head

Revision ID: 0008_merge
Revises: 0003_norms, 0004_periods, 0005_users, 0006_exchange, 0007_stock_indexes
Create Date: 2026-11-26 01:40:00.000000
"""

from __future__ import annotations

revision = "0008_merge"
down_revision = (
    "0003_norms",
    "0004_periods",
    "0005_users",
    "0006_exchange",
    "0007_stock_indexes",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the branches only become one line of history."""


def downgrade() -> None:
    """Nothing to change: the branches only become one line of history."""
