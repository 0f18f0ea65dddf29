"""records an office keeps: incident numbers, certificate issuers, 停用 on registers

Revision ID: 0016_records
Revises: 0015_remedies
Create Date: 2026-12-06 23:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_records"
down_revision = "0015_remedies"
branch_labels = None
depends_on = None

#: Registers that can be 停用.
DISABLEABLE = ("org_units", "teams", "members", "items", "depots", "equipment")


def upgrade() -> None:
    """Apply this revision; incidents recorded before it get numbers SJ-<year>-<n>."""
    for name in DISABLEABLE:
        op.add_column(
            name, sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.add_column(
        "certificates",
        sa.Column("issuer", sa.String(length=100), nullable=False, server_default=sa.text("''")),
    )
    op.add_column("incidents", sa.Column("code", sa.String(length=32), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, started_on FROM incidents ORDER BY started_on, name")
    ).all()
    per_year: dict[str, int] = {}
    for row in rows:
        year = str(row.started_on)[:4]
        per_year[year] = per_year.get(year, 0) + 1
        conn.execute(
            sa.text("UPDATE incidents SET code = :code WHERE id = :id"),
            {"code": f"SJ-{year}-{per_year[year]:03d}", "id": row.id},
        )
    op.create_index(op.f("ix_incidents_code"), "incidents", ["code"], unique=True)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f("ix_incidents_code"), table_name="incidents")
    with op.batch_alter_table("incidents") as batch_op:
        batch_op.drop_column("code")
    with op.batch_alter_table("certificates") as batch_op:
        batch_op.drop_column("issuer")
    for name in DISABLEABLE:
        with op.batch_alter_table(name) as batch_op:
            batch_op.drop_column("disabled")
