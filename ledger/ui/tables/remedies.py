"""The rectification (整改) columns of the findings table: the remedy's status and due date."""

from __future__ import annotations

from collections.abc import Callable

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.norms.model import Finding
from ledger.services.norms import RemedyRow
from ledger.ui.formatting import fmt_date
from ledger.ui.i18n import label
from ledger.ui.tables.base import Column

Lookup = Callable[[Finding], RemedyRow | None]


def remedy_status(row: RemedyRow | None) -> str:
    """整改中, 逾期未整改 or 已整改 (with its date) in the user's language; empty without one."""
    if row is None:
        return ""
    text = label(row.status)
    return f"{text} {fmt_date(row.done_on)}" if row.done_on is not None else text


def remedy_columns(of: Lookup) -> list[Column[Finding]]:
    """The 整改状态 and 整改时限 columns, reading each finding's remedy through ``of``."""
    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "整改状态"),
            lambda f: remedy_status(of(f)),
            width=140,
            tooltip=lambda f: _measure(of(f)),
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "整改时限"),
            lambda f: fmt_date(row.due_on) if (row := of(f)) else "",
            width=90,
        ),
    ]


def _measure(row: RemedyRow | None) -> str:
    return f"{row.owner}：{row.measure}" if row is not None else ""
