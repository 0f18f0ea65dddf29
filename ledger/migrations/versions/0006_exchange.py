"""exchange between offices: installation, senders, packages sent and received, transits

Revision ID: 0006_exchange
Revises: 0002
Create Date: 2026-11-26 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ledger.models.base

revision = "0006_exchange"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "exchange_installation",
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("installation_id", sa.Uuid(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=32), nullable=True),
        sa.Column("created_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("slot", name=op.f("pk_exchange_installation")),
        sa.UniqueConstraint(
            "installation_id", name=op.f("uq_exchange_installation_installation_id")
        ),
    )
    op.create_table(
        "exchange_senders",
        sa.Column("installation_id", sa.Uuid(), nullable=False),
        sa.Column("unit_code", sa.String(length=32), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("registered_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("registered_by", sa.String(length=50), nullable=False),
        sa.Column("retired_at", ledger.models.base.UTCDateTime(), nullable=True),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("installation_id", name=op.f("pk_exchange_senders")),
    )
    with op.batch_alter_table("exchange_senders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exchange_senders_unit_code"), ["unit_code"], unique=False
        )

    op.create_table(
        "exchange_received",
        sa.Column("installation_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("imported_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=50), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["installation_id"],
            ["exchange_senders.installation_id"],
            name=op.f("fk_exchange_received_installation_id_exchange_senders"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_received")),
        sa.UniqueConstraint(
            "installation_id", "seq", name=op.f("uq_exchange_received_installation_id_seq")
        ),
    )
    op.create_table(
        "exchange_sent",
        sa.Column("installation_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("since_seq", sa.Integer(), nullable=True),
        sa.Column("watermark", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("depot_marks", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=50), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_exchange_sent_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_sent")),
        sa.UniqueConstraint(
            "installation_id", "seq", name=op.f("uq_exchange_sent_installation_id_seq")
        ),
    )
    with op.batch_alter_table("exchange_sent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_sent_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "transits",
        sa.Column("transfer_document_id", sa.Uuid(), nullable=False),
        sa.Column("source_depot_id", sa.Uuid(), nullable=False),
        sa.Column("dest_depot_id", sa.Uuid(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("created_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dest_depot_id"], ["depots.id"], name=op.f("fk_transits_dest_depot_id_depots")
        ),
        sa.ForeignKeyConstraint(
            ["source_depot_id"], ["depots.id"], name=op.f("fk_transits_source_depot_id_depots")
        ),
        sa.ForeignKeyConstraint(
            ["transfer_document_id"],
            ["documents.id"],
            name=op.f("fk_transits_transfer_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transits")),
        sa.UniqueConstraint("transfer_document_id", name=op.f("uq_transits_transfer_document_id")),
    )
    with op.batch_alter_table("transits", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transits_dest_depot_id"), ["dest_depot_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_transits_source_depot_id"), ["source_depot_id"], unique=False
        )

    op.create_table(
        "transit_receipts",
        sa.Column("transit_id", sa.Uuid(), nullable=False),
        sa.Column("receipt_document_id", sa.Uuid(), nullable=False),
        sa.Column("dest_depot_id", sa.Uuid(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("created_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dest_depot_id"], ["depots.id"], name=op.f("fk_transit_receipts_dest_depot_id_depots")
        ),
        sa.ForeignKeyConstraint(
            ["receipt_document_id"],
            ["documents.id"],
            name=op.f("fk_transit_receipts_receipt_document_id_documents"),
        ),
        sa.ForeignKeyConstraint(
            ["transit_id"], ["transits.id"], name=op.f("fk_transit_receipts_transit_id_transits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transit_receipts")),
        sa.UniqueConstraint(
            "receipt_document_id", name=op.f("uq_transit_receipts_receipt_document_id")
        ),
        sa.UniqueConstraint("transit_id", name=op.f("uq_transit_receipts_transit_id")),
    )
    with op.batch_alter_table("transit_receipts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transit_receipts_dest_depot_id"), ["dest_depot_id"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("transit_receipts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transit_receipts_dest_depot_id"))
    op.drop_table("transit_receipts")
    with op.batch_alter_table("transits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transits_source_depot_id"))
        batch_op.drop_index(batch_op.f("ix_transits_dest_depot_id"))
    op.drop_table("transits")
    with op.batch_alter_table("exchange_sent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_sent_unit_id"))
    op.drop_table("exchange_sent")
    op.drop_table("exchange_received")
    with op.batch_alter_table("exchange_senders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_senders_unit_code"))
    op.drop_table("exchange_senders")
    op.drop_table("exchange_installation")
