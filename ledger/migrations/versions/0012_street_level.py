"""街道 is a level of its own: units stored as 乡镇 whose name ends in 街道 become 街道 (issue 15)

Revision ID: 0012_street_level
Revises: 0011_merge
Create Date: 2026-12-06 23:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_street_level"
down_revision = "0011_merge"
branch_labels = None
depends_on = None

UNITS = sa.table("org_units", sa.column("name", sa.String), sa.column("level", sa.String))


def upgrade() -> None:
    """Move 乡镇-level units named …街道 to the 街道 level (the column stores the code)."""
    op.execute(
        UNITS.update()
        .where(UNITS.c.level == "town", UNITS.c.name.like("%街道"))
        .values(level="street")
    )


def downgrade() -> None:
    """Store every 街道 as 乡镇 again (the older program knows no other level for them)."""
    op.execute(UNITS.update().where(UNITS.c.level == "street").values(level="town"))
