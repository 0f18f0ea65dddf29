"""merge the index revisions 0009 and 0010 into one head

Revision ID: 0011_merge
Revises: 0009_check_indexes, 0010_card_indexes
Create Date: 2026-11-26 02:50:00.000000
"""

from __future__ import annotations

revision = "0011_merge"
down_revision = ("0009_check_indexes", "0010_card_indexes")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the branches only become one line of history."""


def downgrade() -> None:
    """Nothing to change: the branches only become one line of history."""
