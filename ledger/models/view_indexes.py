"""Indexes for the views that open on the largest tables: the stock card and stock on hand."""

from __future__ import annotations

from sqlalchemy import Index, literal_column

from ledger.models.stock import Balance, Movement

#: The condition of the stock a view shows (lots holding something). Written as a literal so
#: SQLite can match a query's ``quantity != 0`` against the partial index below.
HELD = Balance.quantity != literal_column("0")

#: A stock card's movements in card order (date, then posting order), without a lot; with the
#: quantity, so the balance before a card's start date is summed from the index alone.
card_movements = Index(
    "ix_movements_card",
    Movement.depot_id,
    Movement.item_id,
    Movement.occurred_on,
    Movement.seq,
    Movement.quantity,
)

#: The lots a depot holds (non-zero balances only): counts and pages of the stock view.
held_balances = Index(
    "ix_balances_held",
    Balance.depot_id,
    Balance.item_id,
    Balance.lot,
    sqlite_where=HELD,
    postgresql_where=HELD,
)
