"""Indexes for the shortfall check (短板检查): lots near their expiry, movements after a date."""

from __future__ import annotations

from sqlalchemy import Index, literal_column

from ledger.models.stock import Balance, Movement

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

#: Lots holding something (or less) by expiry date: a check reads those expired or expiring by
#: its horizon one by one without walking every lot held. Only a lot becoming empty or held
#: again changes it, not each posting to it.
check_expiring = Index(
    "ix_balances_expiry",
    Balance.expiry,
    sqlite_where=Balance.quantity != literal_column("0"),
    postgresql_where=Balance.quantity != literal_column("0"),
)
