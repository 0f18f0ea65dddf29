"""the office's per-person amounts per catalogue item (人均储备定额), with their basis

Revision ID: 0014_per_capita_norms
Revises: 0018_readiness_drafts
Create Date: 2026-12-06 23:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ledger.models.base

revision = "0014_per_capita_norms"
down_revision = "0018_readiness_drafts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "per_capita_norms",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("per_person", ledger.models.base.ScaledDecimal(), nullable=True),
        sa.Column("per_person_day", ledger.models.base.ScaledDecimal(), nullable=True),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("created_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_per_capita_norms_item_id_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_per_capita_norms")),
        sa.UniqueConstraint("item_id", name=op.f("uq_per_capita_norms_item_id")),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("per_capita_norms")
