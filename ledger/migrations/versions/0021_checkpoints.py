"""signed checkpoints of the movement and audit chain heads (issue 22)

Revision ID: 0021_checkpoints
Revises: 0017_document_numbers
Create Date: 2026-12-07 00:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ledger.models.base

revision = "0021_checkpoints"
down_revision = "0017_document_numbers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "checkpoints",
        sa.Column("installation_id", sa.Uuid(), nullable=False),
        sa.Column("taken_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("occasion", sa.String(length=10), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkpoints")),
        sa.UniqueConstraint("digest", name=op.f("uq_checkpoints_digest")),
    )
    with op.batch_alter_table("checkpoints", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checkpoints_installation_id"), ["installation_id"], unique=False
        )
        batch_op.create_index("ix_checkpoints_taken", ["installation_id", "taken_at"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("checkpoints", schema=None) as batch_op:
        batch_op.drop_index("ix_checkpoints_taken")
        batch_op.drop_index(batch_op.f("ix_checkpoints_installation_id"))
    op.drop_table("checkpoints")
