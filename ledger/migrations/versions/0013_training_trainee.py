"""whose training a record is (培训对象): staff, team member or other

Revision ID: 0013_training_trainee
Revises: 0011_merge
Create Date: 2026-12-06 23:30:00.000000

Existing records linked to a team member are the member's; the others were entered for a
person by name (the office's staff, as the 应急管理员 trainings are).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_training_trainee"
down_revision = "0011_merge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "trainee",
                sa.Enum("staff", "member", "other", name="trainee", native_enum=False,
                        create_constraint=False, length=32),
                server_default="staff",
                nullable=False,
            )
        )  # fmt: skip
    op.execute("UPDATE trainings SET trainee = 'member' WHERE member_id IS NOT NULL")


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.drop_column("trainee")
