"""Mark a SQLite ledger file as this program's (PRAGMA application_id), so that opening
another program's SQLite file is refused instead of adding the ledger's tables to it.

Revision ID: 0019_application_id
Revises: 0020_recovery_code
"""

from __future__ import annotations

from alembic import op

revision = "0019_application_id"
down_revision = "0020_recovery_code"
branch_labels = None
depends_on = None

#: ledger.models.engine.APPLICATION_ID ("LDGR"), written out: a migration does not change.
APPLICATION_ID = 0x4C444752


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA application_id = 0")
