"""coordinates (WGS-84 decimal degrees) of org units and depots, for readiness by distance

Revision ID: 0023_coordinates
Revises: 0019_application_id
Create Date: 2026-12-07 02:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ledger.models.base

revision = "0023_coordinates"
down_revision = "0019_application_id"
branch_labels = None
depends_on = None

TABLES = ("org_units", "depots")
COLUMNS = ("latitude", "longitude")


def upgrade() -> None:
    """Apply this revision."""
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in COLUMNS:
                batch_op.add_column(
                    sa.Column(name, ledger.models.base.ScaledDecimal(10**6), nullable=True)
                )


def downgrade() -> None:
    """Revert this revision."""
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in reversed(COLUMNS):
                batch_op.drop_column(name)
