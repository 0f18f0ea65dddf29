"""draft documents (单据草稿) a readiness plan proposes, not posted until a keeper posts them

Revision ID: 0018_readiness_drafts
Revises: 0016_records
Create Date: 2026-12-06 23:32:59.674413
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ledger.models.base

revision = "0018_readiness_drafts"
down_revision = "0016_records"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "draft_documents",
        sa.Column(
            "doc_type",
            sa.Enum(
                "receipt",
                "issue",
                "transfer",
                "return",
                "write_off",
                "stocktake",
                name="doctype",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("depot_id", sa.Uuid(), nullable=False),
        sa.Column("dest_depot_id", sa.Uuid(), nullable=True),
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        sa.Column("doc_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("drafted_by", sa.String(length=50), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["depot_id"], ["depots.id"], name=op.f("fk_draft_documents_depot_id_depots")
        ),
        sa.ForeignKeyConstraint(
            ["dest_depot_id"], ["depots.id"], name=op.f("fk_draft_documents_dest_depot_id_depots")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_draft_documents_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_draft_documents_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_documents")),
    )
    with op.batch_alter_table("draft_documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_draft_documents_incident", ["incident_id", "status"], unique=False
        )

    op.create_table(
        "draft_lines",
        sa.Column("draft_id", sa.Uuid(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("lot", sa.String(length=50), nullable=False),
        sa.Column("quantity", ledger.models.base.ScaledDecimal(), nullable=False),
        sa.Column("serials", sa.Text(), nullable=False),
        sa.Column("created_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["draft_documents.id"],
            name=op.f("fk_draft_lines_draft_id_draft_documents"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_draft_lines_item_id_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_lines")),
    )
    with op.batch_alter_table("draft_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_draft_lines_draft_id"), ["draft_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("draft_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_lines_draft_id"))

    op.drop_table("draft_lines")
    with op.batch_alter_table("draft_documents", schema=None) as batch_op:
        batch_op.drop_index("ix_draft_documents_incident")

    op.drop_table("draft_documents")
