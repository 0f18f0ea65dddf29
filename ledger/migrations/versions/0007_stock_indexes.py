"""an index to find a depot's last stocktake quickly

Revision ID: 0007_stock_indexes
Revises: 0002
Create Date: 2026-11-25 23:30:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0007_stock_indexes"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_documents_depot_type_date", ["depot_id", "doc_type", "doc_date"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_depot_type_date")
