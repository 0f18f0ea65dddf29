"""document numbers unique in the database, with the depot's code in them (issue 16)

Revision ID: 0017_document_numbers
Revises: 0014_per_capita_norms
Create Date: 2026-12-06 23:30:00.000000

Numbers issued before (``CK-2026-00012``, unique per depot only) stay as printed; the unique
index covers the numbers with the depot's code (``K01-CK-2026-00012``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_document_numbers"
down_revision = "0014_per_capita_norms"
branch_labels = None
depends_on = None

DEPOT_CODED = sa.text("number LIKE '%-%-%-%'")


def _widen(length: int, before: int) -> None:
    """Give the number room for a depot's code.

    SQLite rebuilds the table, which its foreign keys forbid while they are on; as SQLite's
    documentation prescribes, they are turned off (possible only between transactions), the
    table rebuilt, the references checked, and they are turned on again.
    """
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        bind.exec_driver_sql("COMMIT")
        bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
        bind.exec_driver_sql("BEGIN IMMEDIATE")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.alter_column(
            "number", existing_type=sa.String(length=before), type_=sa.String(length=length)
        )
    if sqlite:
        broken = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"documents rebuilt with broken references: {broken[:3]}")
        bind.exec_driver_sql("COMMIT")
        bind.exec_driver_sql("PRAGMA foreign_keys=ON")
        bind.exec_driver_sql("BEGIN IMMEDIATE")


def upgrade() -> None:
    """Apply this revision."""
    _widen(64, 32)
    op.create_index(
        "uq_documents_number",
        "documents",
        ["number"],
        unique=True,
        sqlite_where=DEPOT_CODED,
        postgresql_where=DEPOT_CODED,
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("uq_documents_number", table_name="documents")
    _widen(32, 64)
