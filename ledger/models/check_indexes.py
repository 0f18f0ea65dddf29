"""Indexes for the shortfall check (短板检查): what lots moved after a past date, from the index."""

from __future__ import annotations

from sqlalchemy import Index

from ledger.models.stock import Movement

#: The movements after a date, with every column the check sums per lot: a check on a past
#: date reads them from this index alone instead of looking up each movement's row.
check_movements = Index(
    "ix_movements_check",
    Movement.occurred_on,
    Movement.depot_id,
    Movement.item_id,
    Movement.lot,
    Movement.expiry,
    Movement.quantity,
)
