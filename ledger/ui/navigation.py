"""Opening a record where it is kept: a typed request the main window carries out.

A page that links to records elsewhere (the home page's cards, a finding's records) asks
:func:`open_record` for a :class:`RecordLink`; the main window shows the section that keeps
that kind of record and hands the link to the page, which picks the record
(:class:`ShowsRecords`). No page reaches into another page's widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget


class Record(StrEnum):
    """Kinds of records a link can open (the values are the findings' record kinds)."""

    UNIT = "unit"
    DRILL = "drill"
    TEAM = "team"
    MEMBER = "member"
    DEPOT = "depot"
    ITEM = "item"
    EQUIPMENT = "equipment"
    #: The shortfall findings of a unit (the 短板检查 page).
    FINDINGS = "findings"


#: The section that keeps each kind of record.
SECTIONS = {
    Record.UNIT: "org",
    Record.DRILL: "org",
    Record.TEAM: "teams",
    Record.MEMBER: "teams",
    Record.DEPOT: "stock",
    Record.ITEM: "stock",
    Record.EQUIPMENT: "equipment",
    Record.FINDINGS: "shortfalls",
}


@dataclass(frozen=True)
class RecordLink:
    """A record to open: its kind, the unit it belongs to, its id, how people name it (a
    piece of equipment is searched by it), and the depot it is kept in."""

    kind: Record
    #: Ids as the records carry them (a UUID; a finding's may be its backend's form).
    unit_id: Any = None
    record_id: Any = None
    label: str = ""
    depot_id: Any = None


@runtime_checkable
class ShowsRecords(Protocol):
    """A page that can pick the record of a link once it is shown."""

    def show_record(self, link: RecordLink) -> None:
        """Select what ``link`` names (its unit, its depot, its piece …)."""


def open_record(widget: QWidget, link: RecordLink) -> QWidget | None:
    """Ask the main window ``widget`` is in to open ``link``; the page shown, or ``None``."""
    from ledger.ui.main_window import MainWindow

    window = widget.window()
    return window.open_record(link) if isinstance(window, MainWindow) else None
