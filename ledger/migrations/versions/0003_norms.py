"""norm settings: reserve agreements, per-person amounts, stock minimums, confirmations

Revision ID: 0003_norms
Revises: 0002
Create Date: 2026-11-25 23:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ledger.models.base

revision = "0003_norms"
down_revision = "0002"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("created_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", ledger.models.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
    ]


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "attribute_confirmations",
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("attribute", sa.String(length=50), nullable=False),
        sa.Column("confirmed_on", sa.Date(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=50), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_attribute_confirmations_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribute_confirmations")),
    )
    with op.batch_alter_table("attribute_confirmations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_attribute_confirmations_unit",
            ["unit_id", "attribute", "confirmed_on"],
            unique=False,
        )

    op.create_table(
        "per_capita_amounts",
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("profile_id", sa.String(length=64), nullable=False),
        sa.Column("rule_id", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("amount", ledger.models.base.ScaledDecimal(), nullable=False),
        sa.Column("per_day", sa.Boolean(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_per_capita_amounts_item_id_items")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_per_capita_amounts_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_per_capita_amounts")),
        sa.UniqueConstraint(
            "unit_id",
            "profile_id",
            "rule_id",
            "item_id",
            name=op.f("uq_per_capita_amounts_unit_id_profile_id_rule_id_item_id"),
        ),
    )

    op.create_table(
        "reserve_agreements",
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("counterparty_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(length=50), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "physical",
                "agreement",
                "capacity",
                name="reservemode",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["counterparty_id"],
            ["counterparties.id"],
            name=op.f("fk_reserve_agreements_counterparty_id_counterparties"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_reserve_agreements_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reserve_agreements")),
    )
    with op.batch_alter_table("reserve_agreements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reserve_agreements_unit_id"), ["unit_id"], unique=False
        )

    op.create_table(
        "reserve_agreement_lines",
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", ledger.models.base.ScaledDecimal(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["reserve_agreements.id"],
            name=op.f("fk_reserve_agreement_lines_agreement_id_reserve_agreements"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_reserve_agreement_lines_item_id_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reserve_agreement_lines")),
        sa.UniqueConstraint(
            "agreement_id",
            "item_id",
            name=op.f("uq_reserve_agreement_lines_agreement_id_item_id"),
        ),
    )
    with op.batch_alter_table("reserve_agreement_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reserve_agreement_lines_agreement_id"), ["agreement_id"], unique=False
        )

    op.create_table(
        "stock_minimums",
        sa.Column("depot_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", ledger.models.base.ScaledDecimal(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["depot_id"], ["depots.id"], name=op.f("fk_stock_minimums_depot_id_depots")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_stock_minimums_item_id_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_minimums")),
        sa.UniqueConstraint("depot_id", "item_id", name=op.f("uq_stock_minimums_depot_id_item_id")),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("stock_minimums")
    with op.batch_alter_table("reserve_agreement_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reserve_agreement_lines_agreement_id"))
    op.drop_table("reserve_agreement_lines")
    with op.batch_alter_table("reserve_agreements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reserve_agreements_unit_id"))
    op.drop_table("reserve_agreements")
    op.drop_table("per_capita_amounts")
    with op.batch_alter_table("attribute_confirmations", schema=None) as batch_op:
        batch_op.drop_index("ix_attribute_confirmations_unit")
    op.drop_table("attribute_confirmations")
