"""an administrator's offline recovery code (its hash) on the account

Revision ID: 0020_recovery_code
Revises: 0021_checkpoints
Create Date: 2026-12-07 00:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_recovery_code"
down_revision = "0021_checkpoints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "recovery_hash",
                sa.String(length=200),
                nullable=False,
                server_default=sa.text("''"),
            )
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("recovery_hash")
